package ui

import (
	"bytes"
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestProgram runs the whole dashboard as Bubble Tea runs it: it draws
// every provider, switches panel on tab and quits on q.
func TestProgram(t *testing.T) {
	m, _ := newModel(t, bundled(t), 80, 24)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm.Output(), "Alphabet", "Microsoft", "Amazon")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitFor(t, tm.Output(), "Cloud segment operating margin")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if final := tm.FinalModel(t).(Model); final.active != 1 {
		t.Errorf("final panel = %v", final.active)
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
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}
