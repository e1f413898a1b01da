package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// fakeStage records the presenter's moves.
type fakeStage struct {
	mu    sync.Mutex
	slide int
}

func (s *fakeStage) Slide() int { s.mu.Lock(); defer s.mu.Unlock(); return s.slide }
func (s *fakeStage) Go(i int)   { s.mu.Lock(); s.slide = i; s.mu.Unlock() }
func (s *fakeStage) Watch(ctx context.Context) <-chan int {
	return make(chan int)
}

func newPresenter(t *testing.T, o PresentOptions) Presenter {
	t.Helper()
	d := bundled(t)
	st, err := DefaultStory(d)
	if err != nil {
		t.Fatal(err)
	}
	o.Story = st
	p := NewPresenter(context.Background(), d, asciiTheme(), o)
	next, _ := p.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return next.(Presenter)
}

func pSend(p Presenter, msgs ...tea.Msg) Presenter {
	for _, m := range msgs {
		next, _ := p.Update(m)
		p = next.(Presenter)
	}
	return p
}

func TestPresenterSteps(t *testing.T) {
	p := newPresenter(t, PresentOptions{})
	p = pSend(p, keys(" ", "right", "left")...)
	if p.slide != 1 {
		t.Errorf("slide = %d, want 1", p.slide)
	}
	p = pSend(p, keys("left", "left", "left")...)
	if p.slide != 0 {
		t.Errorf("slide = %d; back stops at the first", p.slide)
	}
	for range 20 {
		p = pSend(p, keyMsg(" "))
	}
	if p.slide != len(p.opts.Story.Slides)-1 {
		t.Errorf("slide = %d; next stops at the last", p.slide)
	}
	v := p.View()
	assertFits(t, v, 80, 24)
	if !strings.Contains(v, "Guidance for 2026") || !strings.Contains(v, "6/6") {
		t.Errorf("last slide:\n%s", v)
	}
	if _, cmd := p.Update(keyMsg("q")); cmd == nil {
		t.Error("q must quit")
	}
}

func TestPresenterAutoplay(t *testing.T) {
	p := newPresenter(t, PresentOptions{Autoplay: 20 * time.Second})
	p = pSend(p, advanceMsg{gen: p.gen})
	if p.slide != 1 {
		t.Fatalf("autoplay did not advance: slide %d", p.slide)
	}
	p = pSend(p, keyMsg("x"))
	if p.playing || !strings.Contains(p.View(), "paused") {
		t.Error("any key pauses autoplay")
	}
	p = pSend(p, advanceMsg{gen: p.gen - 1})
	if p.slide != 1 {
		t.Error("a timer from before the pause must not advance")
	}
	p = pSend(p, keyMsg("a"))
	if !p.playing {
		t.Error("a resumes autoplay")
	}
}

func TestPresenterFollowAndLead(t *testing.T) {
	stage := &fakeStage{slide: 3}
	f := newPresenter(t, PresentOptions{Stage: stage, Follow: true})
	if f.slide != 3 {
		t.Errorf("a late follower lands on slide %d, want 3", f.slide)
	}
	f = pSend(f, keyMsg(" "))
	if f.slide != 3 {
		t.Error("a follower's keys must not move the talk")
	}
	stage.Go(4)
	f = pSend(f, stageMsg{slide: 4, ch: make(chan int)})
	if f.slide != 4 {
		t.Errorf("stage moved to 4, follower shows %d", f.slide)
	}
	f = pSend(f, keyMsg("e"), keyMsg(" "))
	if f.slide != 5 || !strings.Contains(f.View(), "exploring") {
		t.Errorf("exploring: slide %d", f.slide)
	}
	f = pSend(f, keyMsg("f"))
	if f.slide != 4 || !strings.Contains(f.View(), "following the speaker") {
		t.Errorf("rejoined at %d, want the stage's 4", f.slide)
	}

	lead := newPresenter(t, PresentOptions{Stage: stage, Lead: true})
	pSend(lead, keyMsg(" "))
	if stage.Slide() != 1 {
		t.Errorf("presenter moved the stage to %d, want 1", stage.Slide())
	}
}

func TestPresenterSizes(t *testing.T) {
	p := newPresenter(t, PresentOptions{})
	for _, size := range [][2]int{{0, 0}, {1, 1}, {40, 10}, {60, 18}, {80, 24}, {200, 60}, {120, 30}} {
		for i := range p.opts.Story.Slides {
			p.slide = i
			p.show()
			p = pSend(p, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			assertFits(t, p.View(), size[0], size[1])
		}
	}
}

func TestBigText(t *testing.T) {
	if got := bigText("$1.5B", 80); strings.Count(got, "\n") != 2 || !strings.Contains(got, "┏┿╸") {
		t.Errorf("bigText = %q", got)
	}
	if bigText("$1.5B", 5) != "" || bigText("n/a", 80) != "" {
		t.Error("bigText must give up when too wide or on an unknown character")
	}
}
