package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Cue is where a shared talk stands: what followers and the speaker's
// notes follow.
type Cue struct {
	Slide int
	// Live is true while a presenter is there; followers explore on their
	// own while it is false and follow again when it turns true.
	Live bool
	// Start is when the talk's first presenter arrived, which its clocks
	// count from; zero before any did.
	Start time.Time
	// Followers is how many sessions follow the talk, where the stage
	// knows it.
	Followers int
	// Story is the ID of the story presented, where the stage knows it.
	Story string
}

// Stage is a talk shared between programs: aicapex serve's between SSH
// sessions, or a file between a local talk and its notes view. The
// presenter moves it; followers and notes watch it.
type Stage interface {
	Cue() Cue
	Go(slide int)
	// Watch sends the cue each time the slide or the presenter's presence
	// changes, until ctx ends.
	Watch(ctx context.Context) <-chan Cue
}

// PresentOptions says how a talk runs.
type PresentOptions struct {
	Story    Story
	Autoplay time.Duration // 0: advance by hand
	// Loop is a kiosk: autoplay that starts over after the last slide and
	// that no key but ctrl+c stops.
	Loop   bool
	Stage  Stage  // nil: a talk of its own
	Lead   bool   // this program moves the stage
	Follow bool   // this program shows the stage's slide
	Notes  bool   // the speaker's notes of the stage's talk (see NewNotes)
	Color  string // auto, always, never (see ApplyColor)
}

// slideChartRows is the least a slide's chart gets where the screen allows
// (80x24 does): a row for the labels of its marks, seven rows of values,
// the x axis and its labels. The headline shrinks before the chart does.
const slideChartRows = 10

// largeHeadlineShare: the five-row headline font is used where it takes at
// most a twelfth of the screen's height, that is from 60 rows, a projector.
const largeHeadlineShare = 12

// maxSlideDigits bounds a slide number typed before Enter.
const maxSlideDigits = 3

// Presenter is the talk: one slide at a time, full screen, no chrome.
type Presenter struct {
	d        *data.Dataset
	th       Theme
	opts     PresentOptions
	keys     presentKeys
	help     help.Model
	slide    int
	w, h     int
	start    time.Time
	now      time.Time
	clock    bool
	playing  bool
	gen      int  // autoplay timers from before a pause are ignored
	follow   bool // this session follows the stage whenever a presenter is there
	cue      Cue  // the stage's, as last heard
	blank    bool
	showHelp bool
	number   string // digits typed toward a jump
	ctx      context.Context
	sh       *shared // the slide's view, which its panel draws
	panels   []panel
	active   int
}

type advanceMsg struct{ gen int }
type clockMsg time.Time
type stageMsg struct {
	cue Cue
	ch  <-chan Cue
}

// NewPresenter starts a talk. ctx bounds its watch on a shared stage. A
// presenter who joins a stage that has a talk going on takes it up where
// it is; so does a follower, while a presenter is there.
func NewPresenter(ctx context.Context, d *data.Dataset, th Theme, o PresentOptions) Presenter {
	sh := newShared(d, th, Options{})
	sh.static, sh.slide = true, true
	p := Presenter{d: d, th: th, opts: o, keys: newPresentKeys(), help: newHelp(th), clock: true, ctx: ctx,
		playing: o.Autoplay > 0, follow: o.Follow && o.Stage != nil && !o.Lead, start: time.Now(),
		sh: sh, panels: newPanels(sh)}
	p.now = p.start
	if o.Stage != nil {
		p.hear(o.Stage.Cue())
		if o.Lead {
			p.slide = p.clampSlide(p.cue.Slide)
		}
	}
	p.show()
	p.updateKeys()
	return p
}

// Init starts the clock, the autoplay timer and the stage watch.
func (p Presenter) Init() tea.Cmd {
	cmds := []tea.Cmd{tickClock()}
	if p.playing {
		cmds = append(cmds, p.advanceAfter())
	}
	if p.opts.Stage != nil && !p.opts.Lead {
		cmds = append(cmds, waitStage(p.opts.Stage.Watch(p.ctx)))
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

func waitStage(ch <-chan Cue) tea.Cmd {
	return func() tea.Msg {
		c, ok := <-ch
		if !ok {
			return nil
		}
		return stageMsg{c, ch}
	}
}

func (p Presenter) clampSlide(i int) int { return max(0, min(i, len(p.opts.Story.Slides)-1)) }

// following reports whether the stage moves this session now: it wants
// to follow and a presenter is there.
func (p Presenter) following() bool { return p.follow && p.cue.Live }

// hear takes in the stage's cue: its clock and, when following, its slide.
func (p *Presenter) hear(c Cue) {
	p.cue = c
	if !c.Start.IsZero() {
		p.start = c.Start
	}
	if p.following() {
		p.slide = p.clampSlide(c.Slide)
	}
}

// show sets the view and the panel of the current slide.
func (p *Presenter) show() {
	o := p.opts.Story.Slides[p.slide].Options
	*p.sh = *newShared(p.d, p.th, o)
	p.sh.static, p.sh.slide = true, true
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

// pause stops autoplay; timers already set are then ignored.
func (p *Presenter) pause() { p.playing, p.gen = false, p.gen+1 }

// updateKeys disables what cannot be done now, so ? never offers it.
func (p *Presenter) updateKeys() {
	k := &p.keys
	shared := p.opts.Stage != nil && !p.opts.Lead
	k.Explore.SetEnabled(shared && p.follow)
	k.Rejoin.SetEnabled(shared && !p.follow)
	k.Pause.SetEnabled(p.opts.Autoplay > 0)
	k.Close.SetEnabled(p.showHelp || p.number != "")
	k.Quit.SetEnabled(!p.opts.Loop)
	k.Kiosk.SetEnabled(p.opts.Loop)
	moves := !p.following()
	for _, b := range []*key.Binding{&k.Next, &k.Back, &k.First, &k.Last, &k.Digit, &k.Go} {
		b.SetEnabled(moves)
	}
}

// Update: keys navigate, timers advance and tick the clock, the stage
// moves followers.
func (p Presenter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = clampSize(msg.Width, msg.Height)
	case clockMsg:
		p.now = time.Time(msg)
		if p.opts.Lead && p.opts.Stage != nil {
			p.cue = p.opts.Stage.Cue() // how many follow
		}
		return p, tickClock()
	case advanceMsg:
		if !p.playing || msg.gen != p.gen || p.following() {
			return p, nil
		}
		switch {
		case p.slide < len(p.opts.Story.Slides)-1:
			p.goTo(p.slide + 1)
		case p.opts.Loop:
			p.goTo(0)
		default:
			p.playing = false
			return p, nil
		}
		return p, p.advanceAfter()
	case stageMsg:
		p.hear(msg.cue)
		p.show()
		p.updateKeys()
		return p, waitStage(msg.ch)
	case tea.KeyMsg:
		return forEachKey(p, msg, Presenter.key)
	}
	return p, nil
}

func (p Presenter) key(msg tea.KeyMsg) (Presenter, tea.Cmd) {
	if p.opts.Loop {
		if key.Matches(msg, p.keys.Kiosk) {
			return p, tea.Quit
		}
		return p, nil
	}
	if key.Matches(msg, p.keys.Quit) {
		return p, tea.Quit
	}
	if p.blank {
		// Only the key that blanked the screen brings it back, so a stray
		// click does not show the next slide by surprise.
		p.blank = !key.Matches(msg, p.keys.Blank)
		return p, nil
	}
	if p.showHelp {
		if key.Matches(msg, p.keys.Help, p.keys.Close) {
			p.showHelp = false
			p.updateKeys()
		}
		return p, nil
	}
	number := p.number
	p.number = "" // any key but a digit ends a number
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, p.keys.Digit):
		p.number = number
		if len(number) < maxSlideDigits {
			p.number += msg.String()
		}
	case key.Matches(msg, p.keys.Go) && number != "":
		n, _ := strconv.Atoi(number)
		p.pause()
		p.goTo(n - 1)
	case key.Matches(msg, p.keys.Close):
		// Closes what is open: the number, dropped above.
	case key.Matches(msg, p.keys.Help):
		p.showHelp = true
	case key.Matches(msg, p.keys.Blank):
		p.blank = true
		p.pause()
	case key.Matches(msg, p.keys.Clock):
		p.clock = !p.clock
	case key.Matches(msg, p.keys.Pause):
		if p.playing {
			p.pause()
		} else {
			p.playing = true
			cmd = p.advanceAfter()
		}
	case key.Matches(msg, p.keys.Explore):
		p.follow = false
	case key.Matches(msg, p.keys.Rejoin):
		p.follow = true
		p.hear(p.opts.Stage.Cue())
		p.show()
	case key.Matches(msg, p.keys.Next):
		p.pause()
		p.goTo(p.slide + 1)
	case key.Matches(msg, p.keys.Back):
		p.pause()
		p.goTo(p.slide - 1)
	case key.Matches(msg, p.keys.First):
		p.pause()
		p.goTo(0)
	case key.Matches(msg, p.keys.Last):
		p.pause()
		p.goTo(len(p.opts.Story.Slides) - 1)
	}
	p.updateKeys()
	return p, cmd
}

// View: the caption on top, the headline figure large, the slide's panel
// below, and a small clock for the speaker.
func (p Presenter) View() string {
	if p.blank {
		return fit("", p.w, p.h)
	}
	// A talk needs the room the dashboard does: its caption, headline and
	// clock take about what the tabs, status and help line take there.
	if minW, minH := minBox(p.sh.shown()); p.w < minW || p.h < minH+chrome {
		return tooSmall("the talk", minW, minH+chrome, p.w, p.h)
	}
	if p.showHelp {
		return p.helpView()
	}
	s := p.opts.Story.Slides[p.slide]
	caption := wrap(strings.Join(s.Caption, " "), p.w)
	footer := p.footer()
	rows := p.h - len(caption) - lipgloss.Height(footer)
	headline, gap := p.headline(s.Headline, rows)
	ph := max(0, rows-lipgloss.Height(headline)-gap)
	var panel string
	if ph >= minChartRows {
		p.panels[p.active].SetSize(p.w, ph)
		panel = p.panels[p.active].View()
	}
	parts := []string{p.th.Title.Render(strings.Join(caption, "\n")), p.th.Guidance.Render(headline)}
	if gap > 0 {
		parts = append(parts, "")
	}
	parts = append(parts, fit(panel, p.w, ph), footer)
	return fit(strings.Join(parts, "\n"), p.w, p.h)
}

// headline draws the headline figure as large as leaves the slide's chart
// slideChartRows in rows of screen: in the large font on a projector, the
// small one elsewhere, or as plain text; with a blank row under it where
// there is room for one.
func (p Presenter) headline(text string, rows int) (string, int) {
	need := boxHeight(slideChartRows, p.sh.shown(), 0)
	fonts := []font{smallFont}
	if p.h >= largeFont.rows()*largeHeadlineShare {
		fonts = []font{largeFont, smallFont}
	}
	for _, f := range fonts {
		big := f.render(text, p.w)
		if big == "" {
			continue
		}
		for gap := 1; gap >= 0; gap-- {
			if rows-f.rows()-gap >= need {
				return big, gap
			}
		}
	}
	if rows-2 >= need {
		return text, 1
	}
	return text, 0
}

func (p Presenter) footer() string {
	var parts []string
	if p.clock {
		parts = append(parts, fmt.Sprintf("%d/%d  %s", p.slide+1, len(p.opts.Story.Slides), elapsed(p.now.Sub(p.start))))
	}
	if p.number != "" {
		parts = append(parts, p.th.Warn.Render(fmt.Sprintf("go to slide %s_ (enter)", p.number)))
	}
	shared := p.opts.Stage != nil
	switch {
	case shared && p.opts.Lead && p.cue.Followers > 0:
		parts = append(parts, fmt.Sprintf("presenting to %d following", p.cue.Followers))
	case shared && p.opts.Lead:
		parts = append(parts, "presenting")
	case p.following():
		parts = append(parts, "following the speaker (e: explore)")
	case shared && p.follow && p.cue.Start.IsZero():
		parts = append(parts, "no presenter yet: exploring until one starts")
	case shared && p.follow:
		parts = append(parts, "presenter left: exploring until one returns")
	case shared:
		parts = append(parts, "exploring (f: follow the speaker)")
	}
	switch {
	case p.opts.Loop:
		parts = append(parts, fmt.Sprintf("a slide every %s, looping", p.opts.Autoplay))
	case p.playing:
		parts = append(parts, fmt.Sprintf("autoplay %s (a: pause)", p.opts.Autoplay))
	case p.opts.Autoplay > 0:
		parts = append(parts, "paused (a: resume)")
	}
	return fit(p.th.Muted.Render(strings.Join(parts, " · ")), p.w, 1)
}

// elapsed writes a talk's running time: 04:07, or 1:04:07 past the hour.
func elapsed(d time.Duration) string {
	s := int(max(0, d.Round(time.Second).Seconds()))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// helpView lists the talk's keys in as many columns as fit, in the fewest
// rows.
func (p Presenter) helpView() string {
	best, bestRows := "", 0
	for _, cols := range partitions(p.keys.FullHelp()) {
		view := p.help.FullHelpView(cols)
		if lipgloss.Width(view) > p.w {
			continue
		}
		if rows := lipgloss.Height(view); best == "" || rows < bestRows {
			best, bestRows = view, rows
		}
	}
	if best == "" {
		best = p.help.FullHelpView([][]key.Binding{slices.Concat(p.keys.FullHelp()...)})
	}
	title := p.th.Title.Render(truncate("Keys of the talk (? or esc closes)", p.w))
	return fit(title+"\n\n"+best, p.w, p.h)
}
