package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// A client may claim any terminal size; every screen is drawn at most
// MaxWidth x MaxHeight, whatever it claims.
func TestScreensAreDrawnAtTheClamp(t *testing.T) {
	d := bundled(t)
	sizes := []tea.WindowSizeMsg{{Width: 65535, Height: 65535}, {Width: 2000, Height: 30}, {Width: 90, Height: 1000}}
	for _, size := range sizes {
		m, _ := newModel(t, d, size.Width, size.Height)
		p := newPresenter(t, PresentOptions{})
		next, _ := p.Update(size)
		for name, view := range map[string]string{"dashboard": m.View(), "talk": next.View()} {
			want := [2]int{min(size.Width, MaxWidth), min(size.Height, MaxHeight)}
			if w, h := lipgloss.Width(view), lipgloss.Height(view); w > want[0] || h > want[1] {
				t.Errorf("%s at %dx%d drawn %dx%d; want at most %dx%d", name, size.Width, size.Height, w, h, want[0], want[1])
			}
			if !strings.Contains(view, "Amazon") && name == "dashboard" {
				t.Errorf("dashboard at %dx%d draws no chart", size.Width, size.Height)
			}
		}
	}
}
