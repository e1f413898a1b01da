package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"
)

// panelArg parses the PANEL argument of print and summary.
func panelArg(args []string, def ui.PanelID) (ui.PanelID, error) {
	if len(args) == 0 {
		return def, nil
	}
	p, err := ui.ParsePanel(args[0])
	if err != nil {
		return 0, usageError(err)
	}
	return p, nil
}

func printCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var view ui.ViewFlags
	var width, height int
	cmd := &cobra.Command{
		Use:   "print PANEL",
		Short: "Render one panel (" + strings.Join(ui.PanelNames(), ", ") + ") to stdout at a size, without the interactive chrome",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			panel, err := panelArg(args, ui.CapexPanel)
			if err != nil {
				return err
			}
			if width < 20 || height < 6 || width > ui.MaxWidth || height > ui.MaxHeight {
				return usageError(fmt.Errorf("--width must be 20 to %d and --height 6 to %d; got %dx%d", ui.MaxWidth, ui.MaxHeight, width, height))
			}
			d, err := load()
			if err != nil {
				return err
			}
			o, err := view.Resolve(d)
			if err != nil {
				return usageError(err)
			}
			o.Panel = panel
			out := cmd.OutOrStdout()
			r := lipgloss.NewRenderer(out)
			ui.ApplyColor(r, o.Color)
			_, err = fmt.Fprintln(out, ui.Render(d, o, r, width, height))
			return err
		},
	}
	view.BindStatic(cmd.Flags())
	cmd.Flags().IntVar(&width, "width", 80, "columns")
	cmd.Flags().IntVar(&height, "height", 24, "lines")
	return cmd
}

func summaryCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var quarter string
	var leases bool
	cmd := &cobra.Command{
		Use:   "summary [PANEL]",
		Short: "Two or three plain sentences on what a panel shows, figures from the data",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := load()
			if err != nil {
				return err
			}
			panels := []ui.PanelID{ui.CapexPanel, ui.MarginPanel, ui.EscalationPanel}
			if len(args) == 1 {
				p, err := panelArg(args, ui.CapexPanel)
				if err != nil {
					return err
				}
				panels = []ui.PanelID{p}
			}
			q, err := quarterOrLatest(d, quarter)
			if err != nil {
				return err
			}
			basis := data.Capex
			if leases {
				basis = data.CapexInclFinanceLeases
			}
			for i, p := range panels {
				if i > 0 {
					fmt.Fprintln(cmd.OutOrStdout())
				}
				fmt.Fprintln(cmd.OutOrStdout(), ui.Summary(d, p, q, basis))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&quarter, "quarter", "", "quarter, e.g. 2025Q3 (default: latest with every provider's capex)")
	cmd.Flags().BoolVar(&leases, "leases", false, "capex including finance leases, where reported")
	return cmd
}

// quarterOrLatest parses s, or picks the quarter the dashboard opens on.
func quarterOrLatest(d *data.Dataset, s string) (data.Quarter, error) {
	if s == "" {
		if q, ok := d.LatestWith(data.Capex); ok {
			return q, nil
		}
		return d.Last(), nil
	}
	q, err := ui.ParseQuarterIn(d, s)
	if err != nil {
		return q, usageError(err)
	}
	return q, nil
}

func tableCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var metric, from, to, format string
	var providers []string
	var ttm, annual bool
	cmd := &cobra.Command{
		Use:   "table",
		Short: "Print figures, reported or derived, as a table, CSV, JSON or Markdown",
		Long: `Print one measure per provider over a range of quarters (or calendar years).

Measures: the reported metrics (capex, cloud_revenue, ...) and derived ones
(cloud_margin, capex_yoy, capex_share, capex_per_cloud_revenue, capex_to_ocf, ...).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := load()
			if err != nil {
				return err
			}
			t, err := buildTable(d, metric, providers, from, to, ttm, annual)
			if err != nil {
				return usageError(err)
			}
			out := cmd.OutOrStdout()
			switch format {
			case "table":
				return t.writeText(out)
			case "markdown":
				return t.writeMarkdown(out)
			case "csv":
				return t.writeCSV(out)
			case "json":
				return t.writeJSON(out)
			}
			return usageError(fmt.Errorf("unknown --format %q; choose table, csv, json or markdown", format))
		},
	}
	f := cmd.Flags()
	f.StringVar(&metric, "metric", "capex", "measure to show (see above)")
	f.StringSliceVar(&providers, "provider", nil, "providers, comma-separated or repeated (default: all)")
	f.StringVar(&from, "from", "", "first quarter, e.g. 2023Q1 (default: two years before --to)")
	f.StringVar(&to, "to", "", "last quarter (default: the latest)")
	f.BoolVar(&ttm, "ttm", false, "trailing-twelve-month sums (amounts only)")
	f.BoolVar(&annual, "annual", false, "calendar-year totals (amounts only)")
	f.StringVar(&format, "format", "table", "table|csv|json|markdown")
	return cmd
}

// table is a measure over periods (rows) for providers (columns).
type table struct {
	measure   data.Measure
	title     string
	providers []data.Provider
	periods   []string
	cells     [][]cell // [period][provider]
}

type cell struct {
	value float64
	ok    bool
	note  string // "3/4 quarters" for a partial year
}

func buildTable(d *data.Dataset, metric string, ids []string, from, to string, ttm, annual bool) (*table, error) {
	m, err := data.MeasureNamed(metric)
	if err != nil {
		return nil, err
	}
	if ttm && annual {
		return nil, fmt.Errorf("--ttm and --annual do not go together")
	}
	if (ttm || annual) && m.Unit != data.USD {
		return nil, fmt.Errorf("--ttm and --annual sum amounts; %s is a ratio", metric)
	}
	t := &table{measure: m, title: metric}
	for _, id := range ids {
		p, ok := d.Provider(id)
		if !ok {
			return nil, fmt.Errorf("unknown provider %q; choose from %s", id, strings.Join(d.ProviderIDs(), ", "))
		}
		t.providers = append(t.providers, p)
	}
	if len(t.providers) == 0 {
		t.providers = d.Providers()
	}
	last := d.Last()
	if to != "" {
		if last, err = ui.ParseQuarterIn(d, to); err != nil {
			return nil, err
		}
	}
	first := last.Add(-7)
	if annual {
		first = d.First()
	}
	if from != "" {
		if first, err = ui.ParseQuarterIn(d, from); err != nil {
			return nil, err
		}
	}
	if last.Before(first) {
		return nil, fmt.Errorf("--from %s is after --to %s", first, last)
	}
	if first.Before(d.First()) {
		first = d.First()
	}
	metricOf := data.Metric(metric)
	switch {
	case annual:
		t.title += " (calendar-year total)"
		for y := first.Year; y <= last.Year; y++ {
			row := make([]cell, len(t.providers))
			for i, p := range t.providers {
				v, n := d.CalendarYear(p.ID, metricOf, y)
				row[i] = cell{value: float64(v), ok: n == 4}
				if n > 0 && n < 4 {
					row[i] = cell{value: float64(v), ok: true, note: fmt.Sprintf("%d/4 qtrs", n)}
				}
			}
			t.periods = append(t.periods, fmt.Sprint(y))
			t.cells = append(t.cells, row)
		}
	default:
		if ttm {
			t.title += " (trailing twelve months)"
		}
		for q := first; !last.Before(q); q = q.Next() {
			row := make([]cell, len(t.providers))
			for i, p := range t.providers {
				var v float64
				var ok bool
				if ttm {
					s, k := d.TTM(p.ID, metricOf, q)
					v, ok = float64(s), k
				} else {
					v, ok = m.At(d, p.ID, q)
				}
				row[i] = cell{value: v, ok: ok}
			}
			t.periods = append(t.periods, q.String())
			t.cells = append(t.cells, row)
		}
	}
	return t, nil
}

func (t *table) text(c cell) string {
	s := t.measure.Format(c.value, c.ok)
	if c.note != "" {
		s += " (" + c.note + ")"
	}
	return s
}

func (t *table) header() []string {
	h := []string{"period"}
	for _, p := range t.providers {
		h = append(h, p.Name)
	}
	return h
}

func (t *table) rows() [][]string {
	var rows [][]string
	for i, period := range t.periods {
		row := []string{period}
		for _, c := range t.cells[i] {
			row = append(row, t.text(c))
		}
		rows = append(rows, row)
	}
	return rows
}

// writeText aligns the table in columns, numbers to the right.
func (t *table) writeText(w io.Writer) error {
	all := append([][]string{t.header()}, t.rows()...)
	widths := make([]int, len(all[0]))
	for _, r := range all {
		for i, s := range r {
			widths[i] = max(widths[i], lipgloss.Width(s))
		}
	}
	var b strings.Builder
	b.WriteString(t.title + ", " + t.unit() + "\n")
	for _, r := range all {
		for i, s := range r {
			pad := strings.Repeat(" ", widths[i]-lipgloss.Width(s))
			if i == 0 {
				b.WriteString(s + pad)
			} else {
				b.WriteString("  " + pad + s)
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (t *table) unit() string {
	switch t.measure.Unit {
	case data.USD:
		return "USD billions"
	case data.Ratio:
		return "dollars per dollar"
	}
	return "percent"
}

func (t *table) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("| " + strings.Join(t.header(), " | ") + " |\n|")
	for i := range t.header() {
		if i == 0 {
			b.WriteString(" --- |")
		} else {
			b.WriteString(" ---: |")
		}
	}
	b.WriteByte('\n')
	for _, r := range t.rows() {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tableRecord is one value of the CSV and JSON forms: tidy, in the
// measure's raw unit (USD millions, or a fraction).
type tableRecord struct {
	Provider string   `json:"provider"`
	Period   string   `json:"period"`
	Metric   string   `json:"metric"`
	Value    *float64 `json:"value"`
	Unit     string   `json:"unit"`
	Note     string   `json:"note,omitempty"`
}

func (t *table) records() []tableRecord {
	unit := map[data.Unit]string{data.USD: "usd_m", data.Fraction: "fraction", data.Growth: "fraction", data.Ratio: "ratio"}[t.measure.Unit]
	var out []tableRecord
	for i, period := range t.periods {
		for j, p := range t.providers {
			c := t.cells[i][j]
			r := tableRecord{Provider: p.ID, Period: period, Metric: t.title, Unit: unit, Note: c.note}
			if c.ok {
				v := c.value
				r.Value = &v
			}
			out = append(out, r)
		}
	}
	return out
}

func (t *table) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"provider", "period", "metric", "value", "unit", "note"})
	for _, r := range t.records() {
		v := ""
		if r.Value != nil {
			v = fmt.Sprint(*r.Value)
		}
		cw.Write([]string{r.Provider, r.Period, r.Metric, v, r.Unit, r.Note})
	}
	cw.Flush()
	return cw.Error()
}

func (t *table) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(t.records())
}
