package ui

import (
	"context"
	"os"

	"github.com/aicapex/aicapex/data"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Run opens the dashboard full screen on the local terminal.
func Run(d *data.Dataset, o Options) error {
	r := lipgloss.NewRenderer(os.Stdout)
	ApplyColor(r, o.Color)
	th := NewTheme(r, o.Theme, os.Getenv("COLORFGBG"))
	final, err := tea.NewProgram(New(d, o, th, r.Output()), tea.WithAltScreen()).Run()
	if m, ok := final.(Model); ok {
		m.Close()
	}
	return err
}

// RunPresent runs a talk full screen on the local terminal.
func RunPresent(d *data.Dataset, o PresentOptions, theme string) error {
	r := lipgloss.NewRenderer(os.Stdout)
	ApplyColor(r, o.Color)
	th := NewTheme(r, theme, os.Getenv("COLORFGBG"))
	_, err := tea.NewProgram(NewPresenter(context.Background(), d, th, o), tea.WithAltScreen()).Run()
	return err
}

// Render draws panel o.Panel at w x h without the interactive chrome, as
// the dashboard would show it: for print and for tests.
func Render(d *data.Dataset, o Options, r *lipgloss.Renderer, w, h int) string {
	m := New(d, o, NewTheme(r, o.Theme, ""), discardClipboard{})
	m.sh.static = true
	m.sync()
	switch o.Panel {
	case CapexPanel:
		m.capex.SetSize(w, h)
		return fit(m.capex.View(), w, h)
	case MarginPanel:
		m.margin.SetSize(w, h)
		return fit(m.margin.View(), w, h)
	default:
		m.race.SetSize(w, h)
		return fit(m.race.View(), w, h)
	}
}

type discardClipboard struct{}

func (discardClipboard) Copy(string) {}
