package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func newNotes(t *testing.T, stage Stage, w, h int) Notes {
	t.Helper()
	st, err := DefaultStory(bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	n := NewNotes(context.Background(), asciiTheme(), PresentOptions{Story: st, Stage: stage, Notes: true})
	next, _ := n.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Notes)
}

func nSend(n Notes, msgs ...tea.Msg) Notes {
	for _, m := range msgs {
		next, _ := n.Update(m)
		n = next.(Notes)
	}
	return n
}

// The notes follow the stage: the slide's notes, the next slide's title,
// the counter and the talk's clock.
func TestNotesFollowTheTalk(t *testing.T) {
	n := newNotes(t, &fakeStage{}, 80, 24)
	st := n.story
	v := ansi.Strip(n.View())
	assertFits(t, v, 80, 24)
	for _, want := range []string{"1/6", st.Slides[0].Title, "--:--", "Next, 2/6: " + st.Slides[1].Title, "waiting for the talk to start", st.Slides[0].Notes[0][:40]} {
		if !strings.Contains(v, want) {
			t.Errorf("before the talk, no %q in:\n%s", want, v)
		}
	}

	start := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	n = nSend(n, stageMsg{cue: Cue{Slide: 2, Live: true, Start: start}, ch: make(chan Cue)}, clockMsg(start.Add(4*time.Minute+7*time.Second)))
	v = ansi.Strip(n.View())
	assertFits(t, v, 80, 24)
	for _, want := range []string{"3/6", st.Slides[2].Title, "04:07", "Next, 4/6: " + st.Slides[3].Title, "following the talk", st.Slides[2].Notes[0][:40]} {
		if !strings.Contains(v, want) {
			t.Errorf("on slide 3, no %q in:\n%s", want, v)
		}
	}
	if strings.Contains(v, st.Slides[1].Notes[0][:40]) {
		t.Error("another slide's notes are showing")
	}

	n = nSend(n, stageMsg{cue: Cue{Slide: 5, Live: false, Start: start}, ch: make(chan Cue)})
	v = ansi.Strip(n.View())
	if !strings.Contains(v, "Last slide.") || !strings.Contains(v, "the presenter left") {
		t.Errorf("on the last slide, with the presenter gone:\n%s", v)
	}

	n = nSend(n, stageMsg{cue: Cue{Slide: 1, Live: true, Start: start, Story: "another"}, ch: make(chan Cue)})
	if v := ansi.Strip(n.View()); !strings.Contains(v, "another story") {
		t.Errorf("notes of another story must say so:\n%s", v)
	}

	for _, k := range []string{"esc", "space", "f5"} {
		if _, cmd := n.Update(pKey(k)); cmd != nil {
			t.Errorf("%s does something in the notes", k)
		}
	}
	if _, cmd := n.Update(keyMsg("q")); cmd == nil {
		t.Error("q quits the notes")
	}
}

func TestNotesSizes(t *testing.T) {
	n := newNotes(t, &fakeStage{}, 80, 24)
	for _, size := range [][2]int{{0, 0}, {20, 5}, {40, 8}, {60, 12}, {200, 60}} {
		for i := range n.story.Slides {
			n = nSend(n, stageMsg{cue: Cue{Slide: i, Live: true}, ch: make(chan Cue)}, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			assertFits(t, n.View(), size[0], size[1])
		}
	}
}
