package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyMap is every key the dashboard answers; help is generated from it.
type keyMap struct {
	Next, Prev, Panel               key.Binding
	Left, Right, Home, End          key.Binding
	Jump, NextMark, PrevMark        key.Binding
	Chart, Table, Compare           key.Binding
	Basis, Providers, Glyphs, Mouse key.Binding
	Sources, Summary, Copy          key.Binding
	Help, Close, Quit               key.Binding
	Enter                           key.Binding // in the jump prompt
	// Pairs shown as one line of the full help, so it fits 60x18.
	nextPrev, leftRight, homeEnd, marks key.Binding
}

// newKeyMap binds the keys for panels panels: 1 to panels pick one.
func newKeyMap(panels int) keyMap {
	digits := make([]string, min(panels, 9))
	for i := range digits {
		digits[i] = fmt.Sprint(i + 1)
	}
	return keyMap{
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next panel")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous panel")),
		Panel:     key.NewBinding(key.WithKeys(digits...), key.WithHelp(fmt.Sprintf("1-%d", len(digits)), "go to panel")),
		Left:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "earlier")),
		Right:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "later")),
		Home:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "first")),
		End:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "latest")),
		Jump:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "jump to quarter")),
		NextMark:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next event/change")),
		PrevMark:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous event/change")),
		Chart:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "next chart")),
		Table:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "table/chart")),
		Compare:   key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark/compare")),
		Basis:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "capex basis")),
		Providers: key.NewBinding(key.WithKeys("p"), key.WithHelp("p 1-9", "show/hide provider")),
		Glyphs:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "braille/lines")),
		Mouse:     key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "mouse on/off")),
		Sources:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sources + copy")),
		Summary:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "summary")),
		Copy:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy command line")),
		Enter:     key.NewBinding(key.WithKeys("enter")),
		nextPrev:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/shift+tab", "next/prev panel")),
		leftRight: key.NewBinding(key.WithKeys("left"), key.WithHelp("←→/h l", "earlier/later")),
		homeEnd:   key.NewBinding(key.WithKeys("home"), key.WithHelp("home/end g G", "first/latest")),
		marks:     key.NewBinding(key.WithKeys("]"), key.WithHelp("] [", "next/prev event")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp is the help line under the dashboard, most wanted first: the
// root drops from the end what its width has no room for.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Close, k.Quit, k.Left, k.Right, k.Next, k.Chart, k.Jump, k.Table, k.Sources}
}

// FullHelp is the help shown with ?, in groups the root lays out in as
// many columns as fit.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.nextPrev, k.Panel, k.Chart, k.Table, k.Compare},
		{k.leftRight, k.homeEnd, k.Jump, k.marks},
		{k.Basis, k.Providers, k.Glyphs, k.Mouse},
		{k.Sources, k.Summary, k.Copy, k.Help, k.Close, k.Quit},
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
