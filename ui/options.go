package ui

import (
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Options is a reproducible view: everything a command line can set. The
// cli package reads the flags into it and checks them with PanelNames and
// ChartNames; an empty field takes the default.
type Options struct {
	Panel     string       // one of PanelNames; empty is the first
	Chart     string       // one of the panel's ChartNames; empty is its first
	Quarter   data.Quarter // zero means the latest quarter every provider reported
	Compare   data.Quarter // a quarter marked to compare the cursor's with; zero for none
	Table     bool         // the chart as a table
	Basis     data.Metric  // data.Capex or data.CapexInclFinanceLeases; empty is data.Capex
	Providers []string     // shown providers; empty means all
	Mouse     bool
	Theme     string // auto, dark, light, mono
	Color     string // auto, always, never
	Glyphs    string // braille, lines
}

// CommandLine is the aicapex command that opens the view o: the panel,
// chart and quarter always, and every other flag that differs from its
// default. The cli package reads it back (its tests check the round trip).
func (o Options) CommandLine() string {
	args := []string{"aicapex", "--panel", o.Panel, "--chart", o.Chart, "--quarter", o.Quarter.String()}
	if !o.Compare.IsZero() {
		args = append(args, "--compare", o.Compare.String())
	}
	if o.Table {
		args = append(args, "--table")
	}
	if o.Basis == data.CapexInclFinanceLeases {
		args = append(args, "--basis", "leases")
	}
	if len(o.Providers) > 0 {
		args = append(args, "--providers", strings.Join(o.Providers, ","))
	}
	if o.Glyphs == "lines" {
		args = append(args, "--glyphs", "lines")
	}
	if o.Theme != "" && o.Theme != "auto" {
		args = append(args, "--theme", o.Theme)
	}
	if o.Color != "" && o.Color != "auto" {
		args = append(args, "--color", o.Color)
	}
	if o.Mouse {
		args = append(args, "--mouse")
	}
	return strings.Join(args, " ")
}

// PanelNames lists the panels in tab order.
func PanelNames() []string {
	names := make([]string, len(panelKinds))
	for i, k := range panelKinds {
		names[i] = k.name
	}
	return names
}

// ChartNames lists the charts of a panel, the first its default; ok is
// false for an unknown panel.
func ChartNames(panel string) (names []string, ok bool) {
	i := panelIndex(panel)
	if i < 0 {
		return nil, false
	}
	return panelKinds[i].new(&shared{}).Charts(), true
}

// PanelOf returns the panel that has the chart called name.
func PanelOf(chart string) (panel string, ok bool) {
	for _, k := range panelKinds {
		if slices.Contains(k.new(&shared{}).Charts(), chart) {
			return k.name, true
		}
	}
	return "", false
}

// panelIndex is the position of the named panel in the tabs, or -1.
func panelIndex(name string) int {
	return slices.IndexFunc(panelKinds, func(k panelKind) bool { return k.name == name })
}

// ApplyColor sets r's colour profile for the --color choice: never is
// plain text, always is 256 colours (what the palette is tuned for, and
// what OpenSSH clients get, as COLORTERM is not forwarded), auto keeps what
// r detected from the terminal and NO_COLOR.
func ApplyColor(r *lipgloss.Renderer, color string) {
	switch color {
	case "never":
		r.SetColorProfile(termenv.Ascii)
	case "always":
		if r.ColorProfile() == termenv.Ascii {
			r.SetColorProfile(termenv.ANSI256)
		}
	}
}
