package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/pflag"
)

// PanelID names a panel on the command line and in stories.
type PanelID int

// The panels, in tab order.
const (
	CapexPanel PanelID = iota
	MarginPanel
	EscalationPanel
	panelCount
)

var panelNames = [...]string{"capex", "margin", "escalation"}

func (p PanelID) String() string { return panelNames[p] }

// PanelNames lists the panel names in tab order.
func PanelNames() []string { return panelNames[:] }

// ParsePanel parses a panel name.
func ParsePanel(s string) (PanelID, error) {
	for i, n := range panelNames {
		if n == s {
			return PanelID(i), nil
		}
	}
	return 0, fmt.Errorf("unknown panel %q; choose one of %s", s, strings.Join(panelNames[:], ", "))
}

// Mode is how the capex panel aggregates quarters.
type Mode int

// The capex aggregation modes.
const (
	Quarterly Mode = iota
	TTM
	Annual
)

var modeNames = [...]string{"quarterly", "ttm", "annual"}

func (m Mode) String() string { return modeNames[m] }

// ParseMode parses a mode name.
func ParseMode(s string) (Mode, error) {
	for i, n := range modeNames {
		if n == s {
			return Mode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown mode %q; choose one of %s", s, strings.Join(modeNames[:], ", "))
}

// Options is a reproducible view: everything a command line can set.
type Options struct {
	Panel     PanelID
	Quarter   data.Quarter // zero means the latest quarter
	Mode      Mode
	Basis     data.Metric // data.Capex or data.CapexInclFinanceLeases
	Providers []string    // shown providers; empty means all
	Mouse     bool
	Theme     string // auto, dark, light, mono
	Color     string // auto, always, never
	Glyphs    string // braille, lines
}

// DefaultOptions is the view the dashboard opens on.
func DefaultOptions() Options {
	return Options{Panel: CapexPanel, Mode: Quarterly, Basis: data.Capex, Theme: "auto", Color: "auto", Glyphs: "braille"}
}

// ViewFlags holds the raw view flags until Resolve checks them against the
// dataset.
type ViewFlags struct {
	panel, quarter, mode, basis, theme, color, glyphs string
	providers                                         []string
	mouse                                             bool
}

// Bind registers the view flags on fs.
func (f *ViewFlags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.panel, "panel", "capex", "panel to open: "+strings.Join(panelNames[:], "|"))
	fs.BoolVar(&f.mouse, "mouse", false, "enable the mouse (clickable tabs, cursor follows pointer)")
	f.BindStatic(fs)
}

// BindStatic registers the flags that shape a still picture: all but the
// panel (an argument there) and the mouse.
func (f *ViewFlags) BindStatic(fs *pflag.FlagSet) {
	if f.panel == "" {
		f.panel = "capex"
	}
	fs.StringVar(&f.quarter, "quarter", "", "quarter under the cursor, e.g. 2025Q3 (default: latest)")
	fs.StringVar(&f.mode, "mode", "quarterly", "capex view: "+strings.Join(modeNames[:], "|"))
	fs.StringVar(&f.basis, "basis", "cash", "capex basis: cash|leases (cash plus finance leases, where reported)")
	fs.StringSliceVar(&f.providers, "providers", nil, "providers to show, comma-separated (default: all)")
	fs.StringVar(&f.theme, "theme", "auto", "colours: auto|dark|light|mono")
	fs.StringVar(&f.color, "color", "auto", "auto|always|never: colour as the terminal allows, always (256 colours), or none")
	fs.StringVar(&f.glyphs, "glyphs", "braille", "chart lines: braille|lines")
}

// Resolve checks the flags against the dataset and returns the view.
func (f *ViewFlags) Resolve(d *data.Dataset) (Options, error) {
	o := DefaultOptions()
	var err error
	if o.Panel, err = ParsePanel(f.panel); err != nil {
		return o, err
	}
	if f.quarter != "" {
		if o.Quarter, err = ParseQuarterIn(d, f.quarter); err != nil {
			return o, err
		}
	}
	if o.Mode, err = ParseMode(f.mode); err != nil {
		return o, err
	}
	switch f.basis {
	case "cash":
		o.Basis = data.Capex
	case "leases":
		o.Basis = data.CapexInclFinanceLeases
	default:
		return o, fmt.Errorf("unknown basis %q; choose cash or leases", f.basis)
	}
	for _, p := range f.providers {
		if _, ok := d.Provider(p); !ok {
			return o, fmt.Errorf("unknown provider %q; choose from %s", p, strings.Join(d.ProviderIDs(), ", "))
		}
	}
	o.Providers = f.providers
	o.Mouse = f.mouse
	if !slices.Contains([]string{"auto", "dark", "light", "mono"}, f.theme) {
		return o, fmt.Errorf("unknown theme %q; choose auto, dark, light or mono", f.theme)
	}
	o.Theme = f.theme
	if !slices.Contains([]string{"auto", "always", "never"}, f.color) {
		return o, fmt.Errorf("unknown --color %q; choose auto, always or never", f.color)
	}
	o.Color = f.color
	if f.glyphs != "braille" && f.glyphs != "lines" {
		return o, fmt.Errorf("unknown glyphs %q; choose braille or lines", f.glyphs)
	}
	o.Glyphs = f.glyphs
	return o, nil
}

// ParseQuarterIn parses a quarter and checks the dataset covers it.
func ParseQuarterIn(d *data.Dataset, s string) (data.Quarter, error) {
	q, err := data.ParseQuarter(s)
	if err != nil {
		return q, err
	}
	if q.Before(d.First()) || d.Last().Before(q) {
		return q, fmt.Errorf("quarter %s is outside the data, which runs from %s to %s", q, d.First(), d.Last())
	}
	return q, nil
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
