package ui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// The cursor, and the colours of a change up or down, are never a
// provider's colour, in any colour profile on either background.
func TestThemeColoursStayApart(t *testing.T) {
	for _, profile := range []termenv.Profile{termenv.ANSI, termenv.ANSI256, termenv.TrueColor} {
		for _, name := range []string{"dark", "light"} {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(profile)
			th := NewTheme(r, name, "")
			colour := func(st lipgloss.Style) string { return strings.TrimSuffix(st.UnsetBold().Render("x"), "x\x1b[0m") }
			for i := range providerColours {
				p := colour(th.Provider(i))
				for role, st := range map[string]lipgloss.Style{"cursor": th.Cursor, "up": th.Up, "down": th.Down} {
					if colour(st) == p {
						t.Errorf("%v %s: the %s colour is provider %d's, %q", profile, name, role, i, p)
					}
				}
			}
		}
	}
}

// Without colour (NO_COLOR, --color never, --theme mono) Lip Gloss draws no
// bold or underline either: the active tab is marked by brackets.
func TestActiveTabWithoutColour(t *testing.T) {
	m, _ := newModel(t, bundled(t), 80, 24)
	m = send(m, keyMsg("2"))
	if header := strings.Split(m.View(), "\n")[0]; !strings.Contains(header, "[2 Cloud margin]") || strings.Contains(header, "[1") {
		t.Errorf("active tab not marked: %q", header)
	}
}

// Without colour the cursor is still its own glyph, none of the markers
// that tell the providers apart.
func TestCursorGlyphIsNoMarker(t *testing.T) {
	for _, g := range []rune{cursorGlyph, eventGlyph, definitionGlyph, rangeGlyph, zeroGlyph} {
		if strings.ContainsRune(string(providerMarkers)+string(hollowMarkers), g) {
			t.Errorf("%q is a provider's marker", g)
		}
	}
}
