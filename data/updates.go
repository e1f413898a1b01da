package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"time"
)

// The files aicapex update keeps in the user's data directory: figures
// read from SEC filings, in quarterly.csv's schema, and the filings read.
const (
	// UpdatesFile holds the figures, in the columns of QuarterlyColumns.
	UpdatesFile = quarterlyFile
	// FilingsFile lists each filing read, in the columns of FilingColumns.
	FilingsFile = "filings.csv"
)

// QuarterlyColumns are the columns of quarterly.csv, in order.
var QuarterlyColumns = []string{"provider", "quarter", "fiscal_label", "metric", "value_usd_m", "precision_usd_m",
	"basis", "source_url", "source_kind", "line_item", "note"}

// FilingColumns are the columns of filings.csv, in order.
var FilingColumns = []string{"provider", "form", "accession", "period_end", "filed", "read", "source_url"}

// Filing is one SEC filing that aicapex update read.
type Filing struct {
	Provider  string
	Form      string // 10-Q, 10-K
	Accession string
	PeriodEnd time.Time // the end of the period it reports on
	Filed     time.Time
	Read      time.Time // the day aicapex update read it
	URL       string
}

// LoadUpdated loads the bundled figures together with those aicapex update
// stored in updates, the user's data directory (named dir in messages). A
// figure stored there never replaces a bundled one; it fills a bundled gap
// (a row with no value) or adds a quarter, or a recast. Without stored
// files it is the bundled dataset. Each call returns a new Dataset, so a
// server reloads by calling it again.
func LoadUpdated(updates fs.FS, dir string) (*Dataset, error) {
	return loadWith(bundled, "bundled", updates, dir)
}

// addUpdates merges the stored figures into the bundled ones.
func (d *Dataset) addUpdates(fsys fs.FS, dir string, known map[string]Provider, probs *Problems) {
	d.bundledLast = lastValue(d.figures)
	file := path.Join(dir, UpdatesFile)
	if _, err := fs.Stat(fsys, UpdatesFile); errors.Is(err, fs.ErrNotExist) {
		return // nothing stored yet
	}
	stored, _ := d.loadQuarterly(fsys, file, known, probs)
	index := map[basisKey]int{}
	for i, f := range d.figures {
		index[basisKeyOf(f)] = i
	}
	for _, f := range stored {
		i, exists := index[basisKeyOf(f)]
		switch {
		case !exists:
			index[basisKeyOf(f)] = len(d.figures)
			d.figures = append(d.figures, f)
		case d.figures[i].Missing && !f.Missing:
			d.figures[i] = f // a bundled gap, now sourced
		default:
			continue // bundled since it was stored: the bundled figure stands
		}
		d.updated = append(d.updated, f)
	}
	d.updatedLast = lastValue(d.updated)
	d.filings = loadFilings(fsys, path.Join(dir, FilingsFile), known, probs)
}

type basisKey struct {
	figureKey
	basis Basis
}

func basisKeyOf(f Figure) basisKey {
	return basisKey{figureKey{f.Provider, f.Metric, f.Quarter}, f.Basis}
}

// lastValue is the latest quarter of figures with a value.
func lastValue(figs []Figure) Quarter {
	var q Quarter
	for _, f := range figs {
		if !f.Missing && q.Before(f.Quarter) {
			q = f.Quarter
		}
	}
	return q
}

func loadFilings(fsys fs.FS, file string, known map[string]Provider, probs *Problems) []Filing {
	sink := problemSink{file, probs}
	recs, _, _ := readTable(fsys, FilingsFile, FilingColumns[:6], FilingColumns[6:], sink)
	var out []Filing
	for _, r := range recs {
		f := Filing{Provider: r.get("provider"), Form: r.get("form"), Accession: r.get("accession"), URL: r.get("source_url")}
		ok := checkProvider(sink, r, known, f.Provider)
		for _, c := range []struct {
			col string
			t   *time.Time
		}{{"period_end", &f.PeriodEnd}, {"filed", &f.Filed}, {"read", &f.Read}} {
			t, err := time.Parse(time.DateOnly, r.get(c.col))
			if err != nil {
				sink.add(r.line, c.col, "%q is not a date like 2026-11-29", r.get(c.col))
				ok = false
			}
			*c.t = t
		}
		if ok {
			out = append(out, f)
		}
	}
	return out
}

// Updated returns the figures read from SEC filings by aicapex update that
// are in the dataset, in file order: empty unless loaded by LoadUpdated.
func (d *Dataset) Updated() []Figure { return slices.Clone(d.updated) }

// Filings returns the filings aicapex update recorded as read.
func (d *Dataset) Filings() []Filing { return slices.Clone(d.filings) }

// Status says where the figures come from and how far they reach, for a
// status line: "bundled to 2026Q1 · SEC filings to 2026Q3, updated
// 2026-11-29", or "--data DIR to 2025Q4".
func (d *Dataset) Status() string {
	if d.origin != "bundled" {
		return fmt.Sprintf("--data %s to %s", d.origin, d.last)
	}
	if len(d.updated) == 0 {
		return fmt.Sprintf("bundled to %s", d.last)
	}
	s := fmt.Sprintf("bundled to %s · SEC filings to %s", d.bundledLast, d.updatedLast)
	var read time.Time
	for _, f := range d.filings {
		if f.Read.After(read) {
			read = f.Read
		}
	}
	if !read.IsZero() {
		s += ", updated " + read.Format(time.DateOnly)
	}
	return s
}

// WriteQuarterly writes figures as a quarterly.csv file, in the bundled
// schema.
func WriteQuarterly(w io.Writer, figs []Figure) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(QuarterlyColumns); err != nil {
		return err
	}
	for _, f := range figs {
		value, precision := "", ""
		if !f.Missing {
			value, precision = formatMillions(f.Value), formatMillions(f.Precision)
		}
		if err := cw.Write([]string{f.Provider, f.Quarter.String(), f.FiscalLabel, string(f.Metric), value, precision,
			string(f.Basis), f.Source.URL, f.Source.Kind, f.Source.LineItem, f.Source.Note}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteFilings writes the filings read as a filings.csv file.
func WriteFilings(w io.Writer, filings []Filing) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(FilingColumns); err != nil {
		return err
	}
	for _, f := range filings {
		if err := cw.Write([]string{f.Provider, f.Form, f.Accession, f.PeriodEnd.Format(time.DateOnly),
			f.Filed.Format(time.DateOnly), f.Read.Format(time.DateOnly), f.URL}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
