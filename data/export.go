package data

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"
)

// TidyColumns are the columns of the tidy export. The first four are a
// stable contract for scripts; the rest trace each figure to its source
// (precision_usd_m came later, so it is last).
var TidyColumns = []string{"provider", "quarter", "metric", "value_usd_m", "fiscal_label", "basis",
	"source_url", "source_kind", "line_item", "note", "precision_usd_m"}

// tidyRows returns the figures in provider, quarter, metric order: the
// series figures, and the other basis too when allBases is set.
func (d *Dataset) tidyRows(allBases bool) []Figure {
	var rows []Figure
	for _, p := range d.providers {
		for _, q := range d.Quarters() {
			for _, m := range Metrics {
				if f, ok := d.Figure(p.ID, m, q); ok {
					rows = append(rows, f)
				}
				if f, ok := d.Alternate(p.ID, m, q); ok && allBases {
					rows = append(rows, f)
				}
			}
		}
	}
	return rows
}

func formatMillions(v USDMillions) string { return strconv.FormatFloat(float64(v), 'f', -1, 64) }

// WriteCSV writes the dataset as tidy CSV: one figure a row, a missing
// figure as an empty value.
func (d *Dataset) WriteCSV(w io.Writer, allBases bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(TidyColumns); err != nil {
		return err
	}
	for _, f := range d.tidyRows(allBases) {
		value, precision := "", ""
		if !f.Missing {
			value, precision = formatMillions(f.Value), formatMillions(f.Precision)
		}
		row := []string{f.Provider, f.Quarter.String(), string(f.Metric), value, f.FiscalLabel, string(f.Basis),
			f.Source.URL, f.Source.Kind, f.Source.LineItem, f.Source.Note, precision}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tidyJSON is one figure in the JSON export; a missing value is null.
type tidyJSON struct {
	Provider    string   `json:"provider"`
	Quarter     string   `json:"quarter"`
	Metric      string   `json:"metric"`
	Value       *float64 `json:"value_usd_m"`
	Precision   *float64 `json:"precision_usd_m"`
	FiscalLabel string   `json:"fiscal_label"`
	Basis       string   `json:"basis"`
	SourceURL   string   `json:"source_url"`
	SourceKind  string   `json:"source_kind,omitempty"`
	LineItem    string   `json:"line_item,omitempty"`
	Note        string   `json:"note,omitempty"`
}

// WriteJSON writes the same rows as WriteCSV as a JSON array.
func (d *Dataset) WriteJSON(w io.Writer, allBases bool) error {
	rows := d.tidyRows(allBases)
	out := make([]tidyJSON, 0, len(rows))
	for _, f := range rows {
		r := tidyJSON{Provider: f.Provider, Quarter: f.Quarter.String(), Metric: string(f.Metric),
			FiscalLabel: f.FiscalLabel, Basis: string(f.Basis), SourceURL: f.Source.URL,
			SourceKind: f.Source.Kind, LineItem: f.Source.LineItem, Note: f.Source.Note}
		if !f.Missing {
			v, p := float64(f.Value), float64(f.Precision)
			r.Value, r.Precision = &v, &p
		}
		out = append(out, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Sources returns the distinct source URLs behind the figures of a quarter
// for the given providers and metrics, for citations.
func (d *Dataset) Sources(q Quarter, providers []string, metrics []Metric) []Figure {
	var out []Figure
	for _, id := range providers {
		for _, m := range metrics {
			if f, ok := d.Figure(id, m, q); ok && !slices.ContainsFunc(out, func(g Figure) bool {
				return g.Source.URL == f.Source.URL && g.Provider == f.Provider && g.Metric == f.Metric
			}) {
				out = append(out, f)
			}
		}
	}
	return out
}
