package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// fakeStage records the presenter's moves.
type fakeStage struct {
	mu  sync.Mutex
	cue Cue
}

func (s *fakeStage) Cue() Cue                         { s.mu.Lock(); defer s.mu.Unlock(); return s.cue }
func (s *fakeStage) Slide() int                       { return s.Cue().Slide }
func (s *fakeStage) Go(i int)                         { s.mu.Lock(); s.cue.Slide = i; s.mu.Unlock() }
func (s *fakeStage) Watch(context.Context) <-chan Cue { return make(chan Cue) }

func newPresenter(t *testing.T, o PresentOptions) Presenter {
	t.Helper()
	return newPresenterSized(t, o, 80, 24)
}

func newPresenterSized(t *testing.T, o PresentOptions, w, h int) Presenter {
	t.Helper()
	d := bundled(t)
	st, err := DefaultStory(d)
	if err != nil {
		t.Fatal(err)
	}
	o.Story = st
	p := NewPresenter(context.Background(), d, asciiTheme(), o)
	next, _ := p.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Presenter)
}

// pKey is a key as a terminal sends it, by its name in key bindings.
func pKey(s string) tea.KeyMsg {
	switch s {
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "f5":
		return tea.KeyMsg{Type: tea.KeyF5}
	case "alt+f5":
		return tea.KeyMsg{Type: tea.KeyF5, Alt: true}
	}
	return keyMsg(s)
}

// pSend sends messages, or keys by name.
func pSend(t *testing.T, p Presenter, msgs ...any) Presenter {
	t.Helper()
	for _, m := range msgs {
		msg := tea.Msg(m)
		if s, ok := m.(string); ok {
			msg = pKey(s)
		}
		next, _ := p.Update(msg)
		p = next.(Presenter)
	}
	return p
}

// pKeep sends keys that must do nothing but change the model: no command
// at all, so surely no tea.Quit.
func pKeep(t *testing.T, p Presenter, keys ...string) Presenter {
	t.Helper()
	for _, k := range keys {
		next, cmd := p.Update(pKey(k))
		if cmd != nil {
			if _, ok := cmd().(tea.QuitMsg); ok {
				t.Fatalf("%s ended the talk", k)
			}
		}
		p = next.(Presenter)
	}
	return p
}

// quits reports whether key k ends the talk.
func quits(p Presenter, k string) bool {
	_, cmd := p.Update(pKey(k))
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestPresenterSteps(t *testing.T) {
	p := newPresenter(t, PresentOptions{})
	last := len(p.opts.Story.Slides) - 1
	tests := []struct {
		keys []any
		want int
	}{
		{[]any{"space", "right", "left"}, 1},
		{[]any{"pgdown", "pgdown", "pgup"}, 1},
		{[]any{"enter", "enter"}, 2},
		{[]any{"l", "n", "backspace"}, 1},
		{[]any{"space", "left", "left", "left"}, 0}, // back stops at the first
		{[]any{"end"}, last},
		{[]any{"end", "space", "pgdown"}, last}, // next stops at the last
		{[]any{"end", "home"}, 0},
		{[]any{"G"}, last},
		{[]any{"end", "g"}, 0},
	}
	for _, tt := range tests {
		p = pSend(t, p, "home")
		p = pSend(t, p, tt.keys...)
		if p.slide != tt.want {
			t.Errorf("after %v: slide %d, want %d", tt.keys, p.slide, tt.want)
		}
	}
	p = pSend(t, p, "end")
	v := p.View()
	assertFits(t, v, 80, 24)
	if !strings.Contains(v, "Guidance for 2026") || !strings.Contains(v, "6/6") {
		t.Errorf("last slide:\n%s", v)
	}
}

// Clickers send Esc and F5 to start or end a show: they end nothing.
// Only q and ctrl+c end a talk.
func TestPresenterEndsOnlyOnQuit(t *testing.T) {
	p := newPresenter(t, PresentOptions{Autoplay: 20 * time.Second})
	p = pSend(t, p, "space")
	p = pKeep(t, p, "esc", "f5", "alt+f5", "esc")
	if p.slide != 1 {
		t.Errorf("esc and F5 moved the talk: slide %d", p.slide)
	}
	p = pSend(t, p, "a")
	if !p.playing {
		t.Fatal("a resumes autoplay")
	}
	p = pKeep(t, p, "esc", "f5")
	if !p.playing {
		t.Error("esc and F5 must not even pause autoplay")
	}
	p = pKeep(t, p, "?", "esc", "4", "esc")
	for _, k := range []string{"q", "ctrl+c"} {
		if !quits(p, k) {
			t.Errorf("%s must end the talk", k)
		}
	}
}

func TestPresenterJumpToNumber(t *testing.T) {
	p := newPresenter(t, PresentOptions{})
	p = pSend(t, p, "4")
	if p.slide != 0 || !strings.Contains(p.View(), "go to slide 4_") {
		t.Fatalf("a digit waits for enter, and says so: slide %d\n%s", p.slide, p.View())
	}
	p = pSend(t, p, "enter")
	if p.slide != 3 {
		t.Errorf("4 enter: slide %d, want 3", p.slide)
	}
	p = pSend(t, p, "2", "esc", "enter")
	if p.slide != 4 {
		t.Errorf("esc drops the number, then enter advances: slide %d, want 4", p.slide)
	}
	p = pSend(t, p, "1", "2", "enter")
	if p.slide != len(p.opts.Story.Slides)-1 {
		t.Errorf("12 enter goes to the last of 6: slide %d", p.slide)
	}
	p = pSend(t, p, "0", "enter")
	if p.slide != 0 {
		t.Errorf("0 enter goes to the first: slide %d", p.slide)
	}
	p = pSend(t, p, "3", "space")
	if p.slide != 1 || p.number != "" {
		t.Errorf("a key other than enter drops the number and does its own job: slide %d, number %q", p.slide, p.number)
	}
	p = pSend(t, p, keyMsg("45"), "enter") // typed quickly, in one read
	if p.slide != len(p.opts.Story.Slides)-1 {
		t.Errorf("45 enter: slide %d", p.slide)
	}
}

func TestPresenterBlank(t *testing.T) {
	for _, k := range []string{"b", "."} {
		p := newPresenter(t, PresentOptions{Autoplay: 20 * time.Second})
		p = pSend(t, p, k)
		if v := p.View(); strings.TrimSpace(v) != "" {
			t.Fatalf("%s must blank the screen:\n%s", k, v)
		}
		if p.playing {
			t.Error("blanking pauses autoplay")
		}
		p = pSend(t, p, "space", "pgdown", "esc", "?", "3", "enter")
		if p.slide != 0 || strings.TrimSpace(p.View()) != "" {
			t.Errorf("while blank, keys move nothing and show nothing: slide %d", p.slide)
		}
		p = pSend(t, p, k)
		if v := p.View(); !strings.Contains(v, "1/6") {
			t.Errorf("%s again must bring the slide back:\n%s", k, v)
		}
	}
}

// ? lists the talk's keys from its bindings; esc or ? closes the list.
func TestPresenterHelp(t *testing.T) {
	p := newPresenter(t, PresentOptions{})
	p = pSend(t, p, "?")
	v := ansi.Strip(p.View())
	assertFits(t, v, 80, 24)
	for _, group := range p.keys.FullHelp() {
		for _, b := range group {
			if b.Enabled() && !strings.Contains(v, b.Help().Desc) {
				t.Errorf("help lacks %q:\n%s", b.Help().Desc, v)
			}
		}
	}
	if strings.Contains(v, "explore on your own") || strings.Contains(v, "end the loop") {
		t.Errorf("help offers what this talk cannot do:\n%s", v)
	}
	p = pSend(t, p, "space")
	if p.slide != 0 || !p.showHelp {
		t.Error("keys other than esc and ? leave the list open and move nothing")
	}
	p = pSend(t, p, "esc")
	if p.showHelp || !strings.Contains(p.View(), "1/6") {
		t.Error("esc closes the list")
	}
	p = pSend(t, p, "?", "?")
	if p.showHelp {
		t.Error("? closes the list")
	}
}

func TestPresenterAutoplay(t *testing.T) {
	p := newPresenter(t, PresentOptions{Autoplay: 20 * time.Second})
	p = pSend(t, p, advanceMsg{gen: p.gen})
	if p.slide != 1 {
		t.Fatalf("autoplay did not advance: slide %d", p.slide)
	}
	p = pSend(t, p, "space")
	if p.playing || !strings.Contains(p.View(), "paused") {
		t.Error("moving by hand pauses autoplay")
	}
	p = pSend(t, p, advanceMsg{gen: p.gen - 1})
	if p.slide != 2 {
		t.Error("a timer from before the pause must not advance")
	}
	p = pSend(t, p, "a")
	if !p.playing {
		t.Error("a resumes autoplay")
	}
	p = pSend(t, p, "end", "a")
	p = pSend(t, p, advanceMsg{gen: p.gen})
	if p.playing || p.slide != len(p.opts.Story.Slides)-1 {
		t.Errorf("without --loop autoplay stops at the last slide: playing %v, slide %d", p.playing, p.slide)
	}
}

// A kiosk loops, and no key but ctrl+c stops or moves it.
func TestPresenterLoop(t *testing.T) {
	p := newPresenter(t, PresentOptions{Autoplay: 5 * time.Second, Loop: true})
	n := len(p.opts.Story.Slides)
	for i := 1; i <= n; i++ {
		p = pSend(t, p, advanceMsg{gen: p.gen})
		if want := i % n; p.slide != want {
			t.Fatalf("advance %d: slide %d, want %d", i, p.slide, want)
		}
	}
	p = pKeep(t, p, "q", "space", "esc", "a", "b", "?", "3", "enter", "home", "f5")
	if p.slide != 0 || !p.playing || p.blank || p.showHelp {
		t.Errorf("a stray key changed the kiosk: slide %d, playing %v", p.slide, p.playing)
	}
	p = pSend(t, p, advanceMsg{gen: p.gen})
	if p.slide != 1 {
		t.Errorf("the loop goes on after stray keys: slide %d", p.slide)
	}
	if !strings.Contains(p.View(), "looping") {
		t.Errorf("the footer says it loops:\n%s", p.View())
	}
	if !quits(p, "ctrl+c") {
		t.Error("ctrl+c ends the loop")
	}
}

func TestPresenterFollowAndLead(t *testing.T) {
	stage := &fakeStage{cue: Cue{Slide: 3, Live: true, Start: time.Now()}}
	f := newPresenter(t, PresentOptions{Stage: stage, Follow: true})
	if f.slide != 3 {
		t.Errorf("a late follower lands on slide %d, want 3", f.slide)
	}
	f = pSend(t, f, "space", "4", "enter", "end")
	if f.slide != 3 {
		t.Error("a follower's keys must not move the talk")
	}
	stage.Go(4)
	f = pSend(t, f, stageMsg{cue: stage.Cue(), ch: make(chan Cue)})
	if f.slide != 4 {
		t.Errorf("stage moved to 4, follower shows %d", f.slide)
	}
	f = pSend(t, f, "e", "space")
	if f.slide != 5 || !strings.Contains(f.View(), "exploring") {
		t.Errorf("exploring: slide %d", f.slide)
	}
	f = pSend(t, f, "f")
	if f.slide != 4 || !strings.Contains(f.View(), "following the speaker") {
		t.Errorf("rejoined at %d, want the stage's 4", f.slide)
	}

	lead := newPresenter(t, PresentOptions{Stage: stage, Lead: true})
	if lead.slide != 4 {
		t.Errorf("a presenter joining a talk takes it up at slide %d, want 4", lead.slide)
	}
	pSend(t, lead, "space")
	if stage.Slide() != 5 {
		t.Errorf("presenter moved the stage to %d, want 5", stage.Slide())
	}
	stage.mu.Lock()
	stage.cue.Followers = 3
	stage.mu.Unlock()
	lead = pSend(t, lead, clockMsg(time.Now()))
	if v := lead.View(); !strings.Contains(v, "presenting to 3 following") {
		t.Errorf("the presenter sees who follows:\n%s", v)
	}
}

// When the presenter leaves, followers explore on their own; when one
// returns, they follow again. One who chose to explore keeps exploring.
func TestPresenterLeftAndRejoin(t *testing.T) {
	start := time.Now()
	stage := &fakeStage{cue: Cue{Slide: 2, Live: true, Start: start}}
	follower := newPresenter(t, PresentOptions{Stage: stage, Follow: true})
	explorer := pSend(t, newPresenter(t, PresentOptions{Stage: stage, Follow: true}), "e")

	left := Cue{Slide: 2, Live: false, Start: start}
	follower = pSend(t, follower, stageMsg{cue: left, ch: make(chan Cue)})
	if v := follower.View(); !strings.Contains(v, "presenter left") {
		t.Errorf("the follower must see that the presenter left:\n%s", v)
	}
	follower = pSend(t, follower, "space", "space")
	if follower.slide != 4 {
		t.Errorf("with the presenter gone a follower explores: slide %d, want 4", follower.slide)
	}

	back := Cue{Slide: 1, Live: true, Start: start}
	follower = pSend(t, follower, stageMsg{cue: back, ch: make(chan Cue)})
	if follower.slide != 1 || !strings.Contains(follower.View(), "following the speaker") {
		t.Errorf("a presenter returned: follower on slide %d\n%s", follower.slide, follower.View())
	}
	explorer = pSend(t, explorer, stageMsg{cue: left, ch: make(chan Cue)}, "space", stageMsg{cue: back, ch: make(chan Cue)})
	if explorer.slide != 3 || !strings.Contains(explorer.View(), "exploring (f: follow") {
		t.Errorf("one who chose to explore stays where they are: slide %d", explorer.slide)
	}

	early := newPresenter(t, PresentOptions{Stage: &fakeStage{}, Follow: true})
	if v := early.View(); !strings.Contains(v, "no presenter yet") {
		t.Errorf("before any presenter:\n%s", v)
	}
}

func TestPresenterSizes(t *testing.T) {
	p := newPresenter(t, PresentOptions{})
	for _, size := range [][2]int{{0, 0}, {1, 1}, {40, 10}, {60, 18}, {80, 24}, {200, 60}, {120, 30}} {
		for i := range p.opts.Story.Slides {
			p.slide = i
			p.show()
			p = pSend(t, p, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			assertFits(t, p.View(), size[0], size[1])
		}
	}
}

// A slide is its caption, headline and chart with its figures: no notes
// for analysts. At 80x24 its chart keeps 10 rows and the caption wraps
// at spaces; on a projector the headline is five rows tall.
func TestSlideLayout(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {200, 60}} {
		w, h := size[0], size[1]
		p := newPresenterSized(t, PresentOptions{}, w, h)
		for i, s := range p.opts.Story.Slides {
			p = pSend(t, p, "home")
			for range i {
				p = pSend(t, p, "space")
			}
			v := ansi.Strip(p.View())
			assertFits(t, v, w, h)
			for _, footnote := range []string{"aicapex data lists", "more note", "! ", "Leads:", "press s"} {
				if strings.Contains(v, footnote) {
					t.Errorf("%dx%d slide %d has a footnote (%q):\n%s", w, h, i+1, footnote, v)
				}
			}
			lines := strings.Split(v, "\n")
			if rows := chartRows(lines, p.panels[p.active].drawn().title); rows < slideChartRows {
				t.Errorf("%dx%d slide %d: a chart of %d rows, want at least %d:\n%s", w, h, i+1, rows, slideChartRows, v)
			}
			caption := strings.Join(s.Caption, " ")
			n := len(wrap(caption, w))
			if got := strings.Fields(strings.Join(lines[:n], " ")); strings.Join(got, " ") != strings.Join(strings.Fields(caption), " ") {
				t.Errorf("%dx%d slide %d: the caption's words were cut:\n%s", w, h, i+1, strings.Join(lines[:n], "\n"))
			}
			big := 0
			for _, l := range lines[n:] {
				if strings.Contains(l, "█") {
					big++
				}
			}
			if want := map[bool]int{true: 5, false: 0}[h >= 60]; big != want {
				t.Errorf("%dx%d slide %d: a headline %d rows of blocks, want %d:\n%s", w, h, i+1, big, want, v)
			}
		}
	}
}

// chartRows measures a drawn chart: from under its title to its x labels.
func chartRows(lines []string, title string) int {
	top, axis := -1, -1
	for i, l := range lines {
		switch {
		case top < 0 && strings.HasPrefix(strings.TrimSpace(l), titleStart(title)):
			top = i
		case top >= 0 && axis < 0 && strings.Contains(l, "└"):
			axis = i
		}
	}
	if top < 0 || axis < 0 {
		return 0
	}
	return axis - top + 1 // the rows under the title, to the axis and its labels
}

// titleStart is the start of a title, which may be cut to the width.
func titleStart(title string) string {
	if len(title) > 30 {
		return title[:30]
	}
	return title
}

func TestBigText(t *testing.T) {
	if got := bigText("$1.5B", 80); strings.Count(got, "\n") != 2 || !strings.Contains(got, "┏┿╸") {
		t.Errorf("bigText = %q", got)
	}
	if bigText("$1.5B", 5) != "" || bigText("n/a", 80) != "" {
		t.Error("bigText must give up when too wide or on an unknown character")
	}
	for _, f := range []font{smallFont, largeFont} {
		for r, g := range f {
			if len(g) != f.rows() {
				t.Errorf("%q has %d rows, want %d", r, len(g), f.rows())
			}
			for _, row := range g {
				if len([]rune(row)) != len([]rune(g[0])) {
					t.Errorf("%q: rows of different widths %q", r, g)
				}
			}
		}
	}
}

// The presenter's keys are bindings; none is bound twice, except Enter,
// which is Go after a number and Next otherwise.
func TestPresentKeysDistinct(t *testing.T) {
	k := newPresentKeys()
	seen := map[string]string{}
	for _, b := range []struct {
		name string
		b    key.Binding
	}{{"next", k.Next}, {"back", k.Back}, {"first", k.First}, {"last", k.Last}, {"digit", k.Digit},
		{"blank", k.Blank}, {"clock", k.Clock}, {"pause", k.Pause}, {"help", k.Help}, {"close", k.Close},
		{"explore", k.Explore}, {"rejoin", k.Rejoin}, {"quit", k.Quit}} {
		for _, s := range b.b.Keys() {
			if other, ok := seen[s]; ok {
				t.Errorf("%q is bound to %s and %s", s, other, b.name)
			}
			seen[s] = b.name
		}
	}
	for _, s := range []string{"esc", "f5", "alt+f5"} {
		if seen[s] != "" && seen[s] != "close" {
			t.Errorf("%s, which clickers send, is bound to %s", s, seen[s])
		}
	}
}
