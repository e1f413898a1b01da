package ui

import (
	"context"
	"fmt"
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

// RunPresent runs a talk, or with o.Notes its speaker's notes, full screen
// on the local terminal.
func RunPresent(d *data.Dataset, o PresentOptions, theme string) error {
	r := lipgloss.NewRenderer(os.Stdout)
	ApplyColor(r, o.Color)
	th := NewTheme(r, theme, os.Getenv("COLORFGBG"))
	_, err := tea.NewProgram(NewTalk(context.Background(), d, th, o), tea.WithAltScreen()).Run()
	return err
}

// NewTalk is the program o asks for: the speaker's notes (NewNotes) or
// the talk (NewPresenter).
func NewTalk(ctx context.Context, d *data.Dataset, th Theme, o PresentOptions) tea.Model {
	if o.Notes {
		return NewNotes(ctx, th, o)
	}
	return NewPresenter(ctx, d, th, o)
}

// Render draws panel o.Panel at w x h without the interactive chrome, as
// the dashboard would show it, with no blanks at the ends of lines: for
// print and for tests. It refuses a size too small to draw the chart in,
// saying the least that is not.
func Render(d *data.Dataset, o Options, r *lipgloss.Renderer, w, h int) (string, error) {
	sh := newShared(d, NewTheme(r, o.Theme, ""), o)
	sh.static = true
	i := max(0, panelIndex(o.Panel))
	p := panelKinds[i].new(sh)
	if o.Chart != "" && !p.SetChart(o.Chart) {
		return "", fmt.Errorf("the %s panel has no chart %q", panelKinds[i].name, o.Chart)
	}
	if minW, minH := minBox(sh.shown()); w < minW || h < minH {
		return "", fmt.Errorf("the %s panel needs at least %dx%d to draw its chart; asked for %dx%d", panelKinds[i].name, minW, minH, w, h)
	}
	p.SetSize(w, h)
	return trimRight(p.View()), nil
}
