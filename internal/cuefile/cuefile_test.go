package cuefile

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// deadline bounds every wait on a watch; a healthy one takes a poll.
const deadline = 5 * time.Second

func next(t *testing.T, ch <-chan ui.Cue) ui.Cue {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(deadline):
		t.Fatalf("no cue after %s", deadline)
		return ui.Cue{}
	}
}

func TestPath(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "/run/user/1000")
	if p, err := Path(); err != nil || p != "/run/user/1000/aicapex/talk.json" {
		t.Errorf("with a runtime directory: %q, %v", p, err)
	}
	t.Setenv("XDG_RUNTIME_DIR", "")
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skip(err)
	}
	if p, err := Path(); err != nil || p != filepath.Join(cache, "aicapex", "talk.json") {
		t.Errorf("without one: %q, %v", p, err)
	}
}

// The notes see the talk start, move, go stale if its presenter dies, and
// end; the file is the user's alone.
func TestLeadAndFollow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aicapex", "talk.json")
	w := Follow(path)
	if c := w.Cue(); c != (ui.Cue{}) {
		t.Errorf("before any talk: %+v", c)
	}
	lead, err := Lead(path, "story-id")
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700 | os.ModeDir} {
		if st, err := os.Stat(p); err != nil || st.Mode() != want {
			t.Errorf("%s: mode %v, %v; want %v", p, st.Mode(), err, want)
		}
	}
	c := w.Cue()
	if !c.Live || c.Slide != 0 || c.Story != "story-id" || !c.Start.Equal(lead.Cue().Start) {
		t.Errorf("a talk started: %+v", c)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var skew atomic.Int64 // how far ahead the watcher's clock runs
	w.now = func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	w.poll = 5 * time.Millisecond
	cues := w.Watch(ctx)
	lead.Go(3)
	if c := next(t, cues); c.Slide != 3 || !c.Live {
		t.Errorf("after Go(3): %+v", c)
	}

	// A presenter that died stops touching the file: it goes stale.
	skew.Store(int64(staleAfter))
	if c := w.Cue(); c.Live || c.Slide != 3 || c.Start.IsZero() {
		t.Errorf("a stale file: %+v; want the talk, not live", c)
	}
	if c := next(t, cues); c.Live {
		t.Errorf("the watch must tell of the stale talk: %+v", c)
	}
	skew.Store(0)

	if err := lead.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the file outlives the talk: %v", err)
	}
	if c := w.Cue(); c != (ui.Cue{}) {
		t.Errorf("after the talk: %+v", c)
	}
}

// A talk that ends leaves a later talk's file alone.
func TestCloseLeavesAnotherTalk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.json")
	first, err := Lead(path, "a")
	if err != nil {
		t.Fatal(err)
	}
	second, err := Lead(path, "b")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if c := Follow(path).Cue(); !c.Live || c.Story != "b" {
		t.Errorf("the second talk's file is gone or changed: %+v", c)
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
}

// A local talk and its notes, as two programs would run them: the
// presenter moves, and the notes, reading the file, follow.
func TestNotesFollowALocalTalk(t *testing.T) {
	d, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	st, err := ui.DefaultStory(d)
	if err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	th := ui.NewTheme(r, "dark", "")
	path := filepath.Join(t.TempDir(), "talk.json")

	lead, err := Lead(path, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := lead.Close(); err != nil {
			t.Error(err)
		}
	}()
	talk := teatest.NewTestModel(t, ui.NewPresenter(context.Background(), d, th, ui.PresentOptions{Story: st, Stage: lead, Lead: true}),
		teatest.WithInitialTermSize(80, 24))
	notes := teatest.NewTestModel(t, ui.NewNotes(context.Background(), th, ui.PresentOptions{Story: st, Stage: Follow(path), Notes: true}),
		teatest.WithInitialTermSize(80, 24))
	waitFor(t, notes.Output(), "1/6", "following the talk", st.Slides[0].Title)

	talk.Send(tea.KeyMsg{Type: tea.KeyPgDown})
	talk.Send(tea.KeyMsg{Type: tea.KeyPgDown})
	waitFor(t, notes.Output(), "3/6", st.Slides[2].Title, "Next, 4/6")

	for _, tm := range []*teatest.TestModel{talk, notes} {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
		tm.WaitFinished(t, teatest.WithFinalTimeout(deadline))
	}
}

func waitFor(t *testing.T, r io.Reader, words ...string) {
	t.Helper()
	teatest.WaitFor(t, r, func(b []byte) bool {
		for _, w := range words {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(deadline), teatest.WithCheckInterval(10*time.Millisecond))
}
