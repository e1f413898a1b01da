package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// Palette colours. ANSI256 values are given beside the hex so terminals
// without truecolour (most SSH sessions) get a chosen colour, not a guess,
// and ANSI ones for 16-colour terminals (TERM=xterm). No two roles share a
// colour in any profile: the cursor and the up/down colours are never a
// provider's, so a green change is never read as Alphabet's.
var (
	providerColours = []lipgloss.CompleteAdaptiveColor{
		{Dark: lipgloss.CompleteColor{TrueColor: "#FF9F1C", ANSI256: "214", ANSI: "11"}, Light: lipgloss.CompleteColor{TrueColor: "#B35C00", ANSI256: "130", ANSI: "3"}},
		{Dark: lipgloss.CompleteColor{TrueColor: "#3FA9F5", ANSI256: "39", ANSI: "12"}, Light: lipgloss.CompleteColor{TrueColor: "#0057A8", ANSI256: "25", ANSI: "4"}},
		{Dark: lipgloss.CompleteColor{TrueColor: "#4CD97B", ANSI256: "78", ANSI: "10"}, Light: lipgloss.CompleteColor{TrueColor: "#1E7B34", ANSI256: "28", ANSI: "2"}},
		{Dark: lipgloss.CompleteColor{TrueColor: "#E86FF0", ANSI256: "177", ANSI: "13"}, Light: lipgloss.CompleteColor{TrueColor: "#8E1E99", ANSI256: "90", ANSI: "5"}},
		{Dark: lipgloss.CompleteColor{TrueColor: "#D7AF87", ANSI256: "180", ANSI: "7"}, Light: lipgloss.CompleteColor{TrueColor: "#5F5F00", ANSI256: "58", ANSI: "9"}},
	}
	fg     = lipgloss.CompleteAdaptiveColor{Dark: lipgloss.CompleteColor{TrueColor: "#E6E6E6", ANSI256: "254", ANSI: "15"}, Light: lipgloss.CompleteColor{TrueColor: "#1A1A1A", ANSI256: "234", ANSI: "0"}}
	muted  = lipgloss.CompleteAdaptiveColor{Dark: lipgloss.CompleteColor{TrueColor: "#8A8A8A", ANSI256: "245", ANSI: "8"}, Light: lipgloss.CompleteColor{TrueColor: "#6B6B6B", ANSI256: "242", ANSI: "8"}}
	accent = lipgloss.CompleteAdaptiveColor{Dark: lipgloss.CompleteColor{TrueColor: "#F5D547", ANSI256: "221", ANSI: "15"}, Light: lipgloss.CompleteColor{TrueColor: "#7A5C00", ANSI256: "94", ANSI: "0"}}
	cursor = lipgloss.CompleteAdaptiveColor{Dark: lipgloss.CompleteColor{TrueColor: "#FFFFFF", ANSI256: "231", ANSI: "15"}, Light: lipgloss.CompleteColor{TrueColor: "#000000", ANSI256: "16", ANSI: "0"}}
	up     = lipgloss.CompleteAdaptiveColor{Dark: lipgloss.CompleteColor{TrueColor: "#5FD7D7", ANSI256: "80", ANSI: "14"}, Light: lipgloss.CompleteColor{TrueColor: "#00707A", ANSI256: "30", ANSI: "6"}}
	down   = lipgloss.CompleteAdaptiveColor{Dark: lipgloss.CompleteColor{TrueColor: "#FF5F87", ANSI256: "204", ANSI: "9"}, Light: lipgloss.CompleteColor{TrueColor: "#B0003A", ANSI256: "125", ANSI: "1"}}
)

// Markers tell providers apart where colour is absent (NO_COLOR, mono);
// the hollow ones mark guidance, which is not an actual.
var (
	providerMarkers = []rune{'●', '■', '▲', '◆', '★'}
	hollowMarkers   = []rune{'○', '□', '△', '◇', '☆'}
)

// The vertical lines of a chart, each its own glyph so they read apart
// without colour: the cursor, an event, a change of definition, a range of
// guidance.
const (
	cursorGlyph     = '│'
	compareGlyph    = '┃' // the quarter marked to compare with
	eventGlyph      = '┊'
	definitionGlyph = '╏'
	tickGlyph       = '┴' // an accounting estimate changed: on the x axis
	rangeGlyph      = '┆'
	zeroGlyph       = '╌'
	tableCursor     = '▶' // the cursor's row in a table
)

// brackets draws the active tab between [ and ] where nothing else can mark
// it: without colour, Lip Gloss drops bold, underline and reverse too.
var brackets = lipgloss.Border{Left: "[", Right: "]"}

// Theme holds every style the UI draws with, built from one renderer so an
// SSH session gets its own client's colours.
type Theme struct {
	Title, Tab, TabActive, Axis, Label, Muted, Up, Down, Guidance, Cursor, Warn lipgloss.Style
	Status, HelpKey, HelpDesc                                                   lipgloss.Style
	providers                                                                   []lipgloss.Style
	Mono                                                                        bool
	links                                                                       bool // OSC 8 hyperlinks
}

// NewTheme builds the theme. name is auto, dark, light, mono or contrast. The
// background is always set up front: left to itself, Lip Gloss asks the
// terminal and waits up to 5 s for terminals that never answer. For auto,
// colorFGBG (the COLORFGBG variable some terminals set) decides, else dark.
func NewTheme(r *lipgloss.Renderer, name, colorFGBG string) Theme {
	switch name {
	case "light":
		r.SetHasDarkBackground(false)
	case "mono":
		r.SetHasDarkBackground(true)
		r.SetColorProfile(termenv.Ascii)
	case "auto":
		r.SetHasDarkBackground(!lightFromCOLORFGBG(colorFGBG))
	default: // dark, and contrast, the projector theme
		r.SetHasDarkBackground(true)
	}
	s := r.NewStyle
	t := Theme{
		Title:     s().Foreground(fg).Bold(true),
		Tab:       s().Foreground(muted).Padding(0, 1),
		TabActive: s().Foreground(fg).Bold(true).Underline(true).Padding(0, 1),
		Axis:      s().Foreground(muted),
		Label:     s().Foreground(muted),
		Muted:     s().Foreground(muted),
		Up:        s().Foreground(up),
		Down:      s().Foreground(down),
		Guidance:  s().Foreground(accent),
		Cursor:    s().Foreground(cursor).Bold(true),
		Warn:      s().Foreground(accent).Bold(true),
		Status:    s().Foreground(muted),
		HelpKey:   s().Foreground(fg).Bold(true),
		HelpDesc:  s().Foreground(muted),
		Mono:      r.ColorProfile() == termenv.Ascii,
	}
	// A terminal that takes colour takes escape sequences: there, a URL is
	// also a link (terminals that do not know OSC 8 ignore it).
	t.links = !t.Mono
	if name == "contrast" {
		// For projectors: the brightest text, nothing dimmed below legibility.
		bright := lipgloss.CompleteColor{TrueColor: "#FFFFFF", ANSI256: "231", ANSI: "15"}
		t.Title = s().Foreground(bright).Bold(true)
		t.Muted = s().Foreground(lipgloss.CompleteColor{TrueColor: "#D0D0D0", ANSI256: "252", ANSI: "7"})
		t.Label, t.Axis = t.Muted, t.Muted
		t.Guidance = s().Foreground(accent).Bold(true)
	}
	if t.Mono {
		t.TabActive = s().Border(brackets, false, true)
	}
	for _, c := range providerColours {
		t.providers = append(t.providers, s().Foreground(c))
	}
	return t
}

// Provider returns the style of the i-th provider; colours repeat past the
// palette, markers tell them apart.
func (t Theme) Provider(i int) lipgloss.Style { return t.providers[i%len(t.providers)] }

// link writes text as an OSC 8 hyperlink to url where the terminal takes
// escape sequences, and as plain text elsewhere.
func (t Theme) link(url, text string) string {
	if !t.links || url == "" {
		return text
	}
	return ansi.SetHyperlink(url) + text + ansi.ResetHyperlink()
}

// marker returns the glyph that identifies the i-th provider without colour.
func marker(i int) rune { return providerMarkers[i%len(providerMarkers)] }

// hollowMarker returns the i-th provider's marker for a forecast.
func hollowMarker(i int) rune { return hollowMarkers[i%len(hollowMarkers)] }

// lightFromCOLORFGBG reads "fg;bg" (e.g. "0;15"): backgrounds 7 and 9-15
// are the light ones in the 16-colour palette.
func lightFromCOLORFGBG(v string) bool {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return false
	}
	bg, err := strconv.Atoi(v[i+1:])
	return err == nil && (bg == 7 || (bg >= 9 && bg <= 15))
}
