package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// presentKeys is every key a talk answers; its help is generated from it.
// Presentation clickers send PageDown/PageUp (some →/←, space or Enter),
// and also Esc, F5 and shift+F5 to end or start a show: so Esc only closes
// what is open, F5 is bound to nothing, and only q or ctrl+c end a talk.
type presentKeys struct {
	Next, Back, First, Last, Digit, Go key.Binding
	Blank, Clock, Pause, Help, Close   key.Binding
	Explore, Rejoin, Quit, Kiosk       key.Binding
}

func newPresentKeys() presentKeys {
	return presentKeys{
		Next:  key.NewBinding(key.WithKeys("pgdown", "right", " ", "enter", "l", "n"), key.WithHelp("pgdn/→/space/enter", "next slide")),
		Back:  key.NewBinding(key.WithKeys("pgup", "left", "backspace", "h", "p"), key.WithHelp("pgup/←/backspace", "previous slide")),
		First: key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home", "first slide")),
		Last:  key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end", "last slide")),
		Digit: key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("N enter", "go to slide N")),
		// Go is Enter after a number; it is Next otherwise.
		Go:      key.NewBinding(key.WithKeys("enter")),
		Blank:   key.NewBinding(key.WithKeys("b", "."), key.WithHelp("b/.", "blank the screen, and back")),
		Clock:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clock on/off")),
		Pause:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "autoplay on/off")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "these keys")),
		Close:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close, or drop a number")),
		Explore: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "explore on your own")),
		Rejoin:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow the speaker")),
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "end the talk")),
		// A kiosk's loop ignores every key but this one, so a passer-by
		// cannot stop it, not even with q.
		Kiosk: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "end the loop")),
	}
}

// ShortHelp implements help.KeyMap.
func (k presentKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap: what ? lists, in columns.
func (k presentKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Back, k.First, k.Last, k.Digit},
		{k.Blank, k.Clock, k.Pause, k.Explore, k.Rejoin},
		{k.Help, k.Close, k.Quit, k.Kiosk},
	}
}

// newHelp is a help view in the theme's styles, not bubbles' own, which
// use the process-wide renderer.
func newHelp(th Theme) help.Model {
	h := help.New()
	h.Styles.ShortKey, h.Styles.FullKey = th.HelpKey, th.HelpKey
	h.Styles.ShortDesc, h.Styles.FullDesc = th.HelpDesc, th.HelpDesc
	h.Styles.ShortSeparator, h.Styles.FullSeparator = th.Muted, th.Muted
	h.Styles.Ellipsis = th.Muted
	return h
}
