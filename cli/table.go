package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func tableCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var metric, from, to, format string
	var providers []string
	var ttm, annual bool
	cmd := &cobra.Command{
		Use:   "table",
		Short: "Print figures, reported or derived, as a table, CSV, JSON or Markdown",
		Long: `Print one measure per provider over a range of quarters (or calendar years).

Measures: the reported metrics (capex, cloud_revenue, ...) and derived ones
(cloud_margin, capex_yoy, capex_share, capex_per_cloud_revenue, capex_intensity,
capex_to_ocf, fcf, capex_to_da, cash_runway_quarters, ...). Every n/a says why,
under the table (in the note column of CSV and JSON).`,
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
	f.StringSliceVar(&providers, "providers", nil, "providers, comma-separated or repeated, by id, ticker or alias (default: all)")
	f.StringVar(&from, "from", "", "first quarter: 2023Q1, FY2024Q2, 2023 (default: two years before --to)")
	f.StringVar(&to, "to", "", "last quarter (default: the latest)")
	// --provider was this command's spelling before every command said
	// --providers; it still works.
	f.SetNormalizeFunc(func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "provider" {
			name = "providers"
		}
		return pflag.NormalizedName(name)
	})
	f.BoolVar(&ttm, "ttm", false, "trailing-twelve-month sums (amounts only)")
	f.BoolVar(&annual, "annual", false, "calendar-year totals (amounts only)")
	f.StringVar(&format, "format", "table", "table|csv|json|markdown")
	return cmd
}

// measureTable is a measure over periods (rows) for providers (columns).
type measureTable struct {
	measure   data.Measure
	title     string
	providers []data.Provider
	periods   []string
	cells     [][]cell // [period][provider]
	reasons   []string // each distinct reason for an n/a, numbered from 1
}

type cell struct {
	value float64
	ok    bool
	note  string // "3/4 quarters" for a partial year
	why   string // why the value is n/a
}

func buildTable(d *data.Dataset, metric string, names []string, from, to string, ttm, annual bool) (*measureTable, error) {
	m, err := data.MeasureNamed(metric)
	if err != nil {
		return nil, err
	}
	if ttm && annual {
		return nil, fmt.Errorf("--ttm and --annual do not go together")
	}
	metricOf, reported := data.ParseMetric(metric)
	switch {
	case (ttm || annual) && m.Unit != data.USD:
		return nil, fmt.Errorf("--ttm and --annual sum amounts; %s is a ratio", metric)
	case ttm && m.TTM == nil:
		return nil, fmt.Errorf("--ttm sums over quarters; %s is a balance at each quarter's end", metric)
	case annual && (!reported || metricOf.IsBalance()):
		return nil, fmt.Errorf("--annual sums a reported metric over a year; %s is not one that adds up", metric)
	}
	t := &measureTable{measure: m, title: metric}
	ids, err := d.ProviderIDsNamed(names)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		p, _ := d.Provider(id)
		t.providers = append(t.providers, p)
	}
	if len(t.providers) == 0 {
		t.providers = d.Providers()
	}
	last := d.Last()
	if to != "" {
		if last, err = d.QuarterNamed(to); err != nil {
			return nil, fmt.Errorf("--to: %w", err)
		}
	}
	first := last.Add(-7)
	if annual {
		first = d.First()
	}
	if from != "" {
		if first, err = d.QuarterNamed(from); err != nil {
			return nil, fmt.Errorf("--from: %w", err)
		}
	}
	if last.Before(first) {
		return nil, fmt.Errorf("--from %s is after --to %s", first, last)
	}
	if first.Before(d.First()) {
		first = d.First()
	}
	switch {
	case annual:
		t.title += " (calendar-year total)"
		for y := first.Year; y <= last.Year; y++ {
			row := make([]cell, len(t.providers))
			for i, p := range t.providers {
				v, n := d.CalendarYear(p.ID, metricOf, y)
				row[i] = cell{value: float64(v), ok: n == 4}
				if why := d.CalendarYearReason(p.ID, metricOf, y); n > 0 && n < 4 {
					row[i] = cell{value: float64(v), ok: true, note: fmt.Sprintf("%d/4 qtrs", n), why: why}
				} else if n == 0 {
					row[i].why = why
				}
			}
			t.periods = append(t.periods, fmt.Sprint(y))
			t.cells = append(t.cells, row)
		}
	default:
		at, why := m.At, m.Reason
		if ttm {
			t.title += " (trailing twelve months)"
			at, why = m.TTM, m.TTMReason
		}
		for q := first; !last.Before(q); q = q.Next() {
			row := make([]cell, len(t.providers))
			for i, p := range t.providers {
				v, ok := at(d, p.ID, q)
				row[i] = cell{value: v, ok: ok}
				if !ok {
					row[i].why = why(d, p.ID, q)
				}
			}
			t.periods = append(t.periods, q.String())
			t.cells = append(t.cells, row)
		}
	}
	t.numberReasons()
	return t, nil
}

// numberReasons gives each distinct reason for an n/a a number, in the
// order the cells read, so the text forms can say why under the table.
func (t *measureTable) numberReasons() {
	t.reasons = nil
	for _, row := range t.cells {
		for j := range row {
			if row[j].why != "" && !slices.Contains(t.reasons, row[j].why) {
				t.reasons = append(t.reasons, row[j].why)
			}
		}
	}
}

// footnote is the marker of a reason: [1].
func (t *measureTable) footnote(why string) string {
	return fmt.Sprintf("[%d]", slices.Index(t.reasons, why)+1)
}

// footnotes are the lines under a text table that say why: "[1] Amazon
// does not state capex incl. finance leases".
func (t *measureTable) footnotes() string {
	var b strings.Builder
	for i, why := range t.reasons {
		fmt.Fprintf(&b, "[%d] %s\n", i+1, why)
	}
	return b.String()
}

func (t *measureTable) text(c cell) string {
	s := t.measure.Format(c.value, c.ok)
	if c.note != "" {
		s += " (" + c.note + ")"
	}
	if c.why != "" {
		s += t.footnote(c.why)
	}
	return s
}

func (t *measureTable) header() []string {
	h := []string{"period"}
	for _, p := range t.providers {
		h = append(h, p.Name)
	}
	return h
}

func (t *measureTable) rows() [][]string {
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

// writeText aligns the table in columns, numbers to the right, under a
// line that names the measure and its unit.
func (t *measureTable) writeText(w io.Writer) error {
	r := lipgloss.NewRenderer(w)
	r.SetColorProfile(termenv.Ascii)
	tb := table.New().Border(lipgloss.HiddenBorder()).BorderStyle(r.NewStyle()).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderHeader(false).BorderColumn(false).
		Headers(t.header()...).Rows(t.rows()...).
		StyleFunc(func(_, col int) lipgloss.Style {
			if col == 0 {
				return r.NewStyle()
			}
			return r.NewStyle().Align(lipgloss.Right).PaddingLeft(2)
		})
	_, err := fmt.Fprintf(w, "%s, %s\n%s\n%s", t.title, t.unit(), tb.String(), wrapLines(t.footnotes(), 80))
	return err
}

func (t *measureTable) unit() string {
	switch t.measure.Unit {
	case data.USD:
		return "USD billions"
	case data.Ratio:
		return "dollars per dollar"
	case data.Multiple:
		return "times"
	case data.Quarters:
		return "quarters"
	}
	return "percent"
}

func (t *measureTable) writeMarkdown(w io.Writer) error {
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
	if len(t.reasons) > 0 {
		b.WriteString("\n")
		for i, why := range t.reasons {
			fmt.Fprintf(&b, "%d. %s\n", i+1, why)
		}
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

func (t *measureTable) records() []tableRecord {
	unit := map[data.Unit]string{data.USD: "usd_m", data.Fraction: "fraction", data.Growth: "fraction", data.Ratio: "ratio",
		data.Multiple: "times", data.Quarters: "quarters"}[t.measure.Unit]
	var out []tableRecord
	for i, period := range t.periods {
		for j, p := range t.providers {
			c := t.cells[i][j]
			note := c.note
			if c.why != "" {
				note = strings.TrimPrefix(note+"; "+c.why, "; ")
			}
			r := tableRecord{Provider: p.ID, Period: period, Metric: t.title, Unit: unit, Note: note}
			if c.ok {
				v := c.value
				r.Value = &v
			}
			out = append(out, r)
		}
	}
	return out
}

func (t *measureTable) writeCSV(w io.Writer) error {
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

func (t *measureTable) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(t.records())
}

// wrapLines breaks each line of s at spaces to at most width columns,
// indenting the continuation under the text after a [n] marker.
func wrapLines(s string, width int) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if line == "" {
			continue
		}
		indent := ""
		if i := strings.Index(line, "] "); strings.HasPrefix(line, "[") && i > 0 {
			indent = strings.Repeat(" ", i+2)
		}
		cur := ""
		for _, word := range strings.Fields(line) {
			switch {
			case cur == "":
				cur = word
			case len([]rune(cur))+1+len([]rune(word)) <= width:
				cur += " " + word
			default:
				b.WriteString(cur + "\n")
				cur = indent + word
			}
		}
		b.WriteString(cur + "\n")
	}
	return b.String()
}
