package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// The least screen the notes view draws in: its header, a few lines of
// notes and its footer.
const (
	notesMinWidth  = 40
	notesMinHeight = 8
)

// Notes is the speaker's view of a talk, on a second screen: the notes of
// the slide showing, the next slide's title, the slide counter and the
// talk's clock. It follows a Stage and moves nothing.
type Notes struct {
	th    Theme
	story Story
	stage Stage
	ctx   context.Context
	quit  key.Binding
	cue   Cue
	now   time.Time
	w, h  int
}

// NewNotes follows the talk on o.Stage, whose story is o.Story. ctx bounds
// the watch.
func NewNotes(ctx context.Context, th Theme, o PresentOptions) Notes {
	n := Notes{th: th, story: o.Story, stage: o.Stage, ctx: ctx, now: time.Now(),
		quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))}
	if o.Stage != nil {
		n.cue = o.Stage.Cue()
	}
	return n
}

// Init starts the clock and the watch on the stage.
func (n Notes) Init() tea.Cmd {
	if n.stage == nil {
		return tickClock()
	}
	return tea.Batch(tickClock(), waitStage(n.stage.Watch(n.ctx)))
}

// Update follows the stage and ticks the clock; q quits.
func (n Notes) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		n.w, n.h = clampSize(msg.Width, msg.Height)
	case clockMsg:
		n.now = time.Time(msg)
		return n, tickClock()
	case stageMsg:
		n.cue = msg.cue
		return n, waitStage(msg.ch)
	case tea.KeyMsg:
		if key.Matches(msg, n.quit) {
			return n, tea.Quit
		}
	}
	return n, nil
}

// slide is the slide the talk shows, within the story.
func (n Notes) slide() int { return max(0, min(n.cue.Slide, len(n.story.Slides)-1)) }

// View: where the talk is and its clock; the slide's title, headline and
// caption as the room sees them; its notes; what comes next.
func (n Notes) View() string {
	if n.w < notesMinWidth || n.h < notesMinHeight {
		return tooSmall("the notes", notesMinWidth, notesMinHeight, n.w, n.h)
	}
	th := n.th
	i := n.slide()
	s := n.story.Slides[i]
	clock := "--:--"
	if !n.cue.Start.IsZero() {
		clock = elapsed(n.now.Sub(n.cue.Start))
	}
	counter := fmt.Sprintf("%d/%d", i+1, len(n.story.Slides))
	title := truncate(s.Title, n.w-len(counter)-len(clock)-4)
	gap := max(1, n.w-len(counter)-2-lipgloss.Width(title)-len(clock))
	head := th.Title.Render(counter+"  "+title) + strings.Repeat(" ", gap) + th.Title.Render(clock)

	var body []string
	screen := s.Headline
	if len(s.Caption) > 0 {
		screen += " · " + strings.Join(s.Caption, " ")
	}
	for _, l := range wrap(screen, n.w) {
		body = append(body, th.Muted.Render(l))
	}
	body = append(body, "")
	if len(s.Notes) == 0 {
		body = append(body, th.Muted.Render("No notes for this slide."))
	}
	for j, para := range s.Notes {
		if j > 0 {
			body = append(body, "")
		}
		body = append(body, wrap(para, n.w)...)
	}

	next := "Last slide."
	if i+1 < len(n.story.Slides) {
		next = fmt.Sprintf("Next, %d/%d: %s", i+2, len(n.story.Slides), n.story.Slides[i+1].Title)
	}
	foot := []string{th.Guidance.Render(truncate(next, n.w)), th.Status.Render(truncate(n.status(), n.w))}

	room := n.h - 2 - len(foot) // the header and a blank line under it
	if len(body) > room {
		body = body[:room]
		body[room-1] = th.Muted.Render(truncate("… more notes than fit: a taller terminal shows them", n.w))
	}
	lines := append([]string{head, ""}, body...)
	for len(lines) < n.h-len(foot) {
		lines = append(lines, "")
	}
	return fit(strings.Join(append(lines, foot...), "\n"), n.w, n.h)
}

// status says whether a presenter is there and whose story this is.
func (n Notes) status() string {
	var s string
	switch {
	case n.cue.Live:
		s = "following the talk"
	case n.cue.Start.IsZero():
		s = "waiting for the talk to start"
	default:
		s = "the presenter left; waiting for one to return"
	}
	if n.cue.Story != "" && n.cue.Story != n.story.ID {
		s += " · the talk runs another story: give --story as it does"
	}
	return s + " · q quits"
}
