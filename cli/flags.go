package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/spf13/pflag"
)

// viewFlags holds the raw view flags until resolve checks them against the
// dataset and the panels.
type viewFlags struct {
	fs                                                                *pflag.FlagSet
	panel, chart, mode, quarter, compare, basis, theme, color, glyphs string
	providers                                                         []string
	mouse, table                                                      bool
}

// bind registers the dashboard's view flags on fs.
func (f *viewFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.panel, "panel", ui.PanelNames()[0], "panel to open: "+strings.Join(ui.PanelNames(), "|"))
	fs.BoolVar(&f.mouse, "mouse", false, "enable the mouse (clickable tabs, cursor follows pointer)")
	f.bindStatic(fs)
}

// bindStatic registers the flags that shape a still picture: all but the
// panel (an argument there) and the mouse.
func (f *viewFlags) bindStatic(fs *pflag.FlagSet) {
	f.fs = fs
	var charts []string
	for _, p := range ui.PanelNames() {
		names, _ := ui.ChartNames(p)
		charts = append(charts, p+": "+strings.Join(names, "|"))
	}
	fs.StringVar(&f.chart, "chart", "", "chart to show (default: the panel's first); "+strings.Join(charts, "; "))
	fs.StringVar(&f.mode, "mode", "", "the same as --chart")
	fs.StringVar(&f.quarter, "quarter", "", "quarter under the cursor: 2025Q3, FY2026Q1 (Microsoft's), 2025 or latest (default: latest)")
	fs.StringVar(&f.compare, "compare", "", "a quarter to compare the cursor's with, side by side (as space marks one)")
	fs.BoolVar(&f.table, "table", false, "show the chart as a table, quarters as rows (as t does)")
	fs.StringVar(&f.basis, "basis", "cash", "capex: cash (purchases of property & equipment) or leases (incl. finance leases, where reported)")
	fs.StringSliceVar(&f.providers, "providers", nil, "providers to show, comma-separated, by id, ticker or alias such as aws or google (default: all)")
	fs.StringVar(&f.theme, "theme", "auto", "colours: auto|dark|light|mono")
	fs.StringVar(&f.color, "color", "auto", "auto|always|never: colour as the terminal allows, always (256 colours), or none")
	fs.StringVar(&f.glyphs, "glyphs", "braille", "chart lines: braille|lines")
}

// resolve checks the flags against the dataset and returns the view.
// panel, when not empty, is the panel named by an argument; otherwise
// --panel names it, or else the panel that has the --chart asked for.
func (f *viewFlags) resolve(d *data.Dataset, panel string) (ui.Options, error) {
	o := ui.Options{Panel: panel, Chart: f.chart}
	if f.mode != "" {
		if o.Chart != "" && o.Chart != f.mode {
			return o, fmt.Errorf("--mode is another name for --chart; give one of them")
		}
		o.Chart = f.mode
	}
	if o.Panel == "" {
		o.Panel = f.panel
		if p, ok := ui.PanelOf(o.Chart); ok && !f.fs.Changed("panel") {
			o.Panel = p
		}
	}
	charts, ok := ui.ChartNames(o.Panel)
	if !ok {
		return o, fmt.Errorf("unknown panel %q; choose one of %s", o.Panel, strings.Join(ui.PanelNames(), ", "))
	}
	if o.Chart != "" && !slices.Contains(charts, o.Chart) {
		return o, fmt.Errorf("unknown chart %q for the %s panel; choose one of %s", o.Chart, o.Panel, strings.Join(charts, ", "))
	}
	var err error
	if f.quarter != "" {
		if o.Quarter, err = d.QuarterNamed(f.quarter); err != nil {
			return o, fmt.Errorf("--quarter: %w", err)
		}
	}
	if f.compare != "" {
		if o.Compare, err = d.QuarterNamed(f.compare); err != nil {
			return o, fmt.Errorf("--compare: %w", err)
		}
	}
	o.Table = f.table
	switch f.basis {
	case "cash":
		o.Basis = data.Capex
	case "leases":
		o.Basis = data.CapexInclFinanceLeases
	default:
		return o, fmt.Errorf("unknown basis %q; choose cash or leases", f.basis)
	}
	if o.Providers, err = d.ProviderIDsNamed(f.providers); err != nil {
		return o, err
	}
	if len(o.Providers) == 0 {
		o.Providers = nil
	}
	o.Mouse = f.mouse
	if !slices.Contains([]string{"auto", "dark", "light", "mono"}, f.theme) {
		return o, fmt.Errorf("unknown theme %q; choose auto, dark, light or mono", f.theme)
	}
	o.Theme = f.theme
	if err := checkColor(f.color); err != nil {
		return o, err
	}
	o.Color = f.color
	if f.glyphs != "braille" && f.glyphs != "lines" {
		return o, fmt.Errorf("unknown glyphs %q; choose braille or lines", f.glyphs)
	}
	o.Glyphs = f.glyphs
	return o, nil
}

// checkColor checks a --color choice.
func checkColor(c string) error {
	if !slices.Contains([]string{"auto", "always", "never"}, c) {
		return fmt.Errorf("unknown --color %q; choose auto, always or never", c)
	}
	return nil
}
