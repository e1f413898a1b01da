package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyMap is every key the dashboard answers; help is generated from it.
type keyMap struct {
	Next, Prev, Panel1, Panel2, Panel3 key.Binding
	Left, Right, Home, End             key.Binding
	Mode, Basis, Providers, Sources    key.Binding
	Summary, Mouse, Glyphs, Help, Quit key.Binding
	Close                              key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next panel")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous panel")),
		Panel1:    key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "capex")),
		Panel2:    key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "margin")),
		Panel3:    key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "escalation")),
		Left:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "earlier")),
		Right:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "later")),
		Home:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "first")),
		End:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "latest")),
		Mode:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mode")),
		Basis:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "capex basis")),
		Providers: key.NewBinding(key.WithKeys("p"), key.WithHelp("p 1-9", "show/hide provider")),
		Sources:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sources + copy")),
		Summary:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "summary")),
		Mouse:     key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "mouse")),
		Glyphs:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "braille/lines")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp is the one-line help under the dashboard.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Left, k.Right, k.Next, k.Mode, k.Sources, k.Help, k.Quit}
}

// FullHelp is the help shown with ?.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Panel1, k.Panel2, k.Panel3},
		{k.Left, k.Right, k.Home, k.End},
		{k.Mode, k.Basis, k.Providers, k.Sources, k.Summary},
		{k.Mouse, k.Glyphs, k.Help, k.Quit},
	}
}

// forEachKey hands each key of msg to handle, threading the model through.
// Keys typed quickly, over SSH above all, arrive in one read as several
// runes: each is still a keypress of its own. A paste stays whole.
func forEachKey[M any](m M, msg tea.KeyMsg, handle func(M, tea.KeyMsg) (M, tea.Cmd)) (M, tea.Cmd) {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste {
		return handle(m, msg)
	}
	cmds := make([]tea.Cmd, 0, len(msg.Runes))
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		m, cmd = handle(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}
