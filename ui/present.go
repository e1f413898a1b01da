package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Stage is a talk shared between SSH sessions: the presenter moves it and
// followers show where it is.
type Stage interface {
	Slide() int
	Go(slide int)
	// Watch sends the slide each time it changes, until ctx ends.
	Watch(ctx context.Context) <-chan int
}

// PresentOptions says how a talk runs.
type PresentOptions struct {
	Story    Story
	Autoplay time.Duration // 0: advance by hand
	Stage    Stage         // nil outside aicapex serve
	Lead     bool          // this session moves the stage
	Follow   bool          // this session shows the stage's slide
	Color    string        // auto, always, never (see ApplyColor)
}

type presentKeys struct {
	Next, Back, Pause, Clock, Explore, Rejoin, Quit key.Binding
}

func newPresentKeys() presentKeys {
	return presentKeys{
		Next:    key.NewBinding(key.WithKeys(" ", "right", "l", "n", "pgdown"), key.WithHelp("space/→", "next")),
		Back:    key.NewBinding(key.WithKeys("left", "h", "p", "pgup"), key.WithHelp("←", "back")),
		Pause:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "autoplay on/off")),
		Clock:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clock")),
		Explore: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "explore on your own")),
		Rejoin:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow the speaker")),
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c", "esc"), key.WithHelp("q", "quit")),
	}
}

// Presenter is the talk: one slide at a time, full screen, no chrome.
type Presenter struct {
	d       *data.Dataset
	th      Theme
	opts    PresentOptions
	keys    presentKeys
	slide   int
	w, h    int
	start   time.Time
	now     time.Time
	clock   bool
	playing bool
	gen     int // autoplay timers from before a pause are ignored
	follow  bool
	ctx     context.Context
	sh      *shared // the slide's view, which its panel draws
	panels  []panel
	active  int
}

type advanceMsg struct{ gen int }
type clockMsg time.Time
type stageMsg struct {
	slide int
	ch    <-chan int
}

// NewPresenter starts a talk. ctx bounds its watch on a shared stage.
func NewPresenter(ctx context.Context, d *data.Dataset, th Theme, o PresentOptions) Presenter {
	sh := newShared(d, th, Options{})
	sh.static = true
	p := Presenter{d: d, th: th, opts: o, keys: newPresentKeys(), clock: true, ctx: ctx,
		playing: o.Autoplay > 0, follow: o.Follow && o.Stage != nil, start: time.Now(),
		sh: sh, panels: newPanels(sh)}
	p.now = p.start
	if p.follow {
		p.slide = p.clampSlide(o.Stage.Slide())
	}
	p.keys.Explore.SetEnabled(p.follow)
	p.keys.Rejoin.SetEnabled(false)
	p.keys.Pause.SetEnabled(o.Autoplay > 0)
	p.show()
	return p
}

// Init starts the clock, the autoplay timer and the stage watch.
func (p Presenter) Init() tea.Cmd {
	cmds := []tea.Cmd{tickClock()}
	if p.playing {
		cmds = append(cmds, p.advanceAfter())
	}
	if p.opts.Stage != nil && !p.opts.Lead {
		ch := p.opts.Stage.Watch(p.ctx)
		cmds = append(cmds, waitStage(ch))
	}
	return tea.Batch(cmds...)
}

func tickClock() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return clockMsg(t) })
}

func (p Presenter) advanceAfter() tea.Cmd {
	gen := p.gen
	return tea.Tick(p.opts.Autoplay, func(time.Time) tea.Msg { return advanceMsg{gen} })
}

func waitStage(ch <-chan int) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-ch
		if !ok {
			return nil
		}
		return stageMsg{s, ch}
	}
}

func (p Presenter) clampSlide(i int) int { return max(0, min(i, len(p.opts.Story.Slides)-1)) }

// show sets the view and the panel of the current slide.
func (p *Presenter) show() {
	o := p.opts.Story.Slides[p.slide].Options
	*p.sh = *newShared(p.d, p.th, o)
	p.sh.static = true
	p.active = max(0, panelIndex(o.Panel))
	panel := p.panels[p.active]
	if !panel.SetChart(o.Chart) {
		panel.SetChart(panel.Charts()[0])
	}
}

// goTo moves to slide i; the presenter's session moves the stage too.
func (p *Presenter) goTo(i int) {
	p.slide = p.clampSlide(i)
	p.show()
	if p.opts.Lead && p.opts.Stage != nil {
		p.opts.Stage.Go(p.slide)
	}
}

// Update: keys navigate (and pause autoplay), timers advance and tick the
// clock, the stage moves followers.
func (p Presenter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = clampSize(msg.Width, msg.Height)
	case clockMsg:
		p.now = time.Time(msg)
		return p, tickClock()
	case advanceMsg:
		if !p.playing || msg.gen != p.gen || p.follow {
			return p, nil
		}
		if p.slide == len(p.opts.Story.Slides)-1 {
			p.playing = false
			return p, nil
		}
		p.goTo(p.slide + 1)
		return p, p.advanceAfter()
	case stageMsg:
		if p.follow {
			p.slide = p.clampSlide(msg.slide)
			p.show()
		}
		return p, waitStage(msg.ch)
	case tea.KeyMsg:
		return forEachKey(p, msg, Presenter.key)
	}
	return p, nil
}

func (p Presenter) key(msg tea.KeyMsg) (Presenter, tea.Cmd) {
	if key.Matches(msg, p.keys.Quit) {
		return p, tea.Quit
	}
	wasPlaying := p.playing
	p.playing, p.gen = false, p.gen+1 // any key pauses autoplay
	switch {
	case key.Matches(msg, p.keys.Pause):
		p.playing = !wasPlaying
		if p.playing {
			return p, p.advanceAfter()
		}
	case key.Matches(msg, p.keys.Clock):
		p.clock = !p.clock
	case key.Matches(msg, p.keys.Explore):
		p.follow = false
		p.keys.Explore.SetEnabled(false)
		p.keys.Rejoin.SetEnabled(true)
	case key.Matches(msg, p.keys.Rejoin):
		p.follow = true
		p.keys.Explore.SetEnabled(true)
		p.keys.Rejoin.SetEnabled(false)
		p.slide = p.clampSlide(p.opts.Stage.Slide())
		p.show()
	case p.follow:
		// A follower's keys do not move the talk; e lets them explore.
	case key.Matches(msg, p.keys.Next):
		p.goTo(p.slide + 1)
	case key.Matches(msg, p.keys.Back):
		p.goTo(p.slide - 1)
	}
	return p, nil
}

// View: the caption on top, the headline figure large, the slide's panel
// below, and a small clock for the speaker.
func (p Presenter) View() string {
	// A talk needs the room the dashboard does: its caption, headline and
	// clock take about what the tabs, status and help line take there.
	if minW, minH := minBox(p.sh.shown()); p.w < minW || p.h < minH+chrome {
		return tooSmall("the talk", minW, minH+chrome, p.w, p.h)
	}
	s := p.opts.Story.Slides[p.slide]
	var top []string
	for _, c := range s.Caption {
		top = append(top, wrap(c, p.w)...)
	}
	caption := p.th.Title.Render(strings.Join(top, "\n"))
	headline := bigText(s.Headline, p.w)
	if headline == "" {
		headline = s.Headline
	}
	headline = p.th.Guidance.Render(headline)
	footer := p.footer()
	used := lipgloss.Height(caption) + lipgloss.Height(headline) + 1 + lipgloss.Height(footer)
	ph := max(0, p.h-used)
	var panel string
	if ph >= minChartRows {
		p.panels[p.active].SetSize(p.w, ph)
		panel = p.panels[p.active].View()
	}
	return fit(strings.Join([]string{caption, headline, "", fit(panel, p.w, ph), footer}, "\n"), p.w, p.h)
}

func (p Presenter) footer() string {
	var parts []string
	if p.clock {
		e := p.now.Sub(p.start).Round(time.Second)
		parts = append(parts, fmt.Sprintf("%d/%d  %02d:%02d", p.slide+1, len(p.opts.Story.Slides), int(e.Minutes()), int(e.Seconds())%60))
	}
	switch {
	case p.follow:
		parts = append(parts, "following the speaker (e: explore)")
	case p.opts.Stage != nil && !p.opts.Lead:
		parts = append(parts, "exploring (f: follow the speaker)")
	case p.opts.Lead && p.opts.Stage != nil:
		parts = append(parts, "presenting to followers")
	}
	if p.playing {
		parts = append(parts, fmt.Sprintf("autoplay %s (any key pauses)", p.opts.Autoplay))
	} else if p.opts.Autoplay > 0 {
		parts = append(parts, "paused (a: resume)")
	}
	return fit(p.th.Muted.Render(strings.Join(parts, " · ")), p.w, 1)
}
