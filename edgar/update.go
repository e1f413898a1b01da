package edgar

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/aicapex/aicapex/data"
)

// Options tune an update.
type Options struct {
	// Companies to update; nil means Companies.
	Companies []Company
	// Progress, when set, gets a line per filing as it is read (a
	// terminal); nil keeps the update quiet (a pipe).
	Progress io.Writer
}

// Read records one filing read, for the list kept beside the figures.
type Read struct {
	Provider string
	Filing   Filing
	Period   time.Time // dei:DocumentPeriodEndDate
}

// Difference is a filed figure that disagrees with the one aicapex has.
type Difference struct {
	Filed  data.Figure // as the filing states it
	Stored data.Figure // as aicapex has it
	Recast bool        // the filing restates it: kept as a recast figure
}

func (d Difference) String() string {
	verb := "kept"
	if d.Recast {
		verb = "the filing restates it: added as recast"
	}
	return fmt.Sprintf("%s %s %s: filed %s, %s:%d has %s (%s); %s", d.Filed.Provider, d.Filed.Quarter, d.Filed.Metric,
		formatValue(d.Filed.Value), d.Stored.Source.File, d.Stored.Source.Line, formatValue(d.Stored.Value), d.Stored.Basis, verb)
}

func formatValue(v data.USDMillions) string { return millions(float64(v) * 1e6) }

// Result is what an update found.
type Result struct {
	Added       []data.Figure // new figures, reported or recast
	Differences []Difference
	Read        []Read   // the filings read
	Skipped     []string // metrics a new filing gives no figure for, and why
	Errors      []error  // one per company or filing that could not be read
	UpToDate    []string // providers with no filing newer than their latest figure
}

// Failed reports whether nothing could be read at all.
func (r Result) Failed() bool { return len(r.Errors) > 0 && len(r.Read) == 0 && len(r.UpToDate) == 0 }

// target is a filing to read, and whether its quarter is new.
type target struct {
	company  Company
	provider data.Provider
	filing   Filing
	fresh    bool // after the provider's latest figure, else read for its year to date
}

// Update finds each provider's 10-Q and 10-K filings for quarters after its
// latest figure in d, reads them, and returns the figures they add. A
// figure already in d is never replaced: where a filing disagrees, the
// difference is reported, and a restated comparative is added as recast.
func Update(ctx context.Context, cl *Client, d *data.Dataset, o Options) Result {
	companies := o.Companies
	if companies == nil {
		companies = Companies
	}
	var res Result
	var targets []target
	for _, c := range companies {
		p, ok := d.Provider(c.Provider)
		if !ok {
			continue
		}
		filings, err := cl.Submissions(ctx, c.CIK)
		if err != nil {
			res.Errors = append(res.Errors, fmt.Errorf("%s: filing history: %w", c.Provider, err))
			continue
		}
		t := plan(c, p, filings, latest(d, c.Provider))
		if len(t) == 0 {
			res.UpToDate = append(res.UpToDate, c.Provider)
		}
		targets = append(targets, t...)
	}
	docs := map[string]*Document{} // by accession
	for i, t := range targets {
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "%s: %s for %s (%d of %d)\n", t.provider.ID, t.filing,
				data.QuarterOf(t.filing.Period), i+1, len(targets))
		}
		inst, err := cl.Instance(ctx, t.filing)
		if err != nil {
			res.Errors = append(res.Errors, fmt.Errorf("%s %s: %w", t.provider.ID, t.filing, err))
			continue
		}
		docs[t.filing.Accession] = &Document{Filing: t.filing, Instance: inst}
		res.Read = append(res.Read, Read{Provider: t.provider.ID, Filing: t.filing, Period: inst.PeriodEnd})
	}
	m := merger{d: d, added: map[key]int{}}
	stopped := map[string]bool{} // providers whose quarters stop at a filing not read
	for _, t := range targets {
		doc := docs[t.filing.Accession]
		if stopped[t.provider.ID] {
			continue
		}
		if doc == nil {
			if t.fresh {
				stopped[t.provider.ID] = true
			}
			continue
		}
		prev := previous(t, targets, docs)
		if base, planned := baseOf(t, targets); t.fresh && prev == nil && planned {
			// Its year-to-date figures need the filing before: wait for
			// the run that can read both, rather than store a quarter
			// without them.
			res.Errors = append(res.Errors, fmt.Errorf("%s %s: not read, as %s for the quarter before could not be read",
				t.provider.ID, t.filing, base.filing))
			stopped[t.provider.ID] = true
			continue
		}
		r, err := Figures(t.company, t.provider, *doc, prev)
		if err != nil {
			res.Errors = append(res.Errors, fmt.Errorf("%s %s: %w", t.provider.ID, t.filing, err))
			if t.fresh {
				stopped[t.provider.ID] = true
			}
			continue
		}
		if t.fresh {
			if len(r.Own) == 0 {
				res.Errors = append(res.Errors, fmt.Errorf("%s %s: no figure for %s could be read", t.provider.ID, t.filing, r.Quarter))
				stopped[t.provider.ID] = true
				continue
			}
			for _, s := range r.Skipped {
				res.Skipped = append(res.Skipped, fmt.Sprintf("%s %s %s: %s", t.provider.ID, r.Quarter, t.filing, s))
			}
		}
		for _, f := range r.Own {
			m.own(f)
		}
		for _, f := range r.Comparatives {
			m.comparative(f)
		}
	}
	res.Added, res.Differences = m.result(companies)
	return res
}

// plan lists the filings to read for one company: those for quarters after
// latest, and for each of them that is not the first of its fiscal year,
// the filing for the quarter before, whose year-to-date figures it needs.
func plan(c Company, p data.Provider, filings []Filing, latest data.Quarter) []target {
	byEnd := map[time.Time]Filing{}
	for _, f := range filings {
		byEnd[f.Period] = f // the latest filed wins, for a period filed twice
	}
	var out []target
	add := func(f Filing, fresh bool) {
		if i := slices.IndexFunc(out, func(t target) bool { return t.filing.Accession == f.Accession }); i >= 0 {
			out[i].fresh = out[i].fresh || fresh
			return
		}
		out = append(out, target{company: c, provider: p, filing: f, fresh: fresh})
	}
	for _, f := range filings {
		if byEnd[f.Period].Accession != f.Accession || !latest.Before(data.QuarterOf(f.Period)) || !isQuarterEnd(f.Period) {
			continue
		}
		if FiscalQuarterNumber(f.Period, p.FYEndMonth) > 1 {
			if base, ok := byEnd[quarterStart(f.Period).AddDate(0, 0, -1)]; ok {
				add(base, false)
			}
		}
		add(f, true)
	}
	slices.SortStableFunc(out, func(a, b target) int { return a.filing.Period.Compare(b.filing.Period) })
	return out
}

// baseOf returns the target for the quarter before t's in the same fiscal
// year, when the plan has one.
func baseOf(t target, targets []target) (target, bool) {
	if FiscalQuarterNumber(t.filing.Period, t.provider.FYEndMonth) == 1 {
		return target{}, false
	}
	want := quarterStart(t.filing.Period).AddDate(0, 0, -1)
	for _, u := range targets {
		if u.provider.ID == t.provider.ID && u.filing.Period.Equal(want) {
			return u, true
		}
	}
	return target{}, false
}

// previous returns the document for the quarter before t's in the same
// fiscal year, if it was read.
func previous(t target, targets []target, docs map[string]*Document) *Document {
	base, ok := baseOf(t, targets)
	if !ok {
		return nil
	}
	if doc := docs[base.filing.Accession]; doc != nil && doc.Instance.PeriodEnd.Equal(base.filing.Period) {
		return doc
	}
	return nil
}

// latest is the provider's latest quarter with any figure.
func latest(d *data.Dataset, provider string) data.Quarter {
	var q data.Quarter
	for _, f := range d.Figures() {
		if f.Provider == provider && !f.Missing && q.Before(f.Quarter) {
			q = f.Quarter
		}
	}
	return q
}

type key struct {
	provider string
	metric   data.Metric
	quarter  data.Quarter
	basis    data.Basis
}

func keyOf(f data.Figure) key { return key{f.Provider, f.Metric, f.Quarter, f.Basis} }

// merger sets filed figures against the dataset and collects what to add.
type merger struct {
	d     *data.Dataset
	added map[key]int // index into figs
	figs  []data.Figure
	diffs map[key]Difference
}

// stored returns the figure aicapex has for f's quarter, and whether it
// was added in this run: one added in this run (recast first), else the
// dataset's series figure.
func (m *merger) stored(f data.Figure) (g data.Figure, fromRun, ok bool) {
	for _, b := range []data.Basis{data.Recast, data.Reported} {
		k := keyOf(f)
		k.basis = b
		if i, found := m.added[k]; found {
			return m.figs[i], true, true
		}
	}
	g, ok = m.d.Figure(f.Provider, f.Metric, f.Quarter)
	if !ok || g.Missing {
		return data.Figure{}, false, false
	}
	return g, false, true
}

// agrees reports whether a filed figure is the stored one, allowing for a
// stored figure known only in billions.
func agrees(filed, stored data.Figure) bool {
	diff := filed.Value - stored.Value
	return max(diff, -diff) <= stored.Precision
}

// own takes a figure for a filing's own quarter: added where aicapex has
// none, else checked against the stored one.
func (m *merger) own(f data.Figure) {
	g, _, ok := m.stored(f)
	if !ok {
		m.add(f)
		return
	}
	if !agrees(f, g) && !m.agreesWithAlternate(f) {
		m.difference(Difference{Filed: f, Stored: g})
	}
}

// comparative takes a figure from a comparative column: where it differs
// from the stored figure, the filing restates that quarter.
func (m *merger) comparative(f data.Figure) {
	g, fromRun, ok := m.stored(f)
	if !ok || agrees(f, g) || m.agreesWithAlternate(f) {
		return
	}
	if g.Basis == data.Recast && !fromRun {
		m.difference(Difference{Filed: f, Stored: g}) // one restatement is kept; report the next
		return
	}
	first := g
	if g.Basis == data.Recast {
		// Restated again by a later filing in this run: the latest wins,
		// against the figure first reported.
		k := keyOf(g)
		k.basis = data.Reported
		if i, found := m.added[k]; found {
			first = m.figs[i]
		} else if h, found := m.d.Figure(f.Provider, f.Metric, f.Quarter); found {
			first = h
		}
	}
	m.add(recast(f, first))
	m.difference(Difference{Filed: f, Stored: g, Recast: true})
}

func (m *merger) agreesWithAlternate(f data.Figure) bool {
	g, ok := m.d.Alternate(f.Provider, f.Metric, f.Quarter)
	return ok && !g.Missing && agrees(f, g)
}

// recast marks a restated comparative, noting what it replaces.
func recast(f, first data.Figure) data.Figure {
	f.Basis = data.Recast
	f.Source.Note = fmt.Sprintf("restated: %s; previously %s (%s)", f.Source.Note, formatValue(first.Value), first.Source.URL)
	return f
}

func (m *merger) add(f data.Figure) {
	k := keyOf(f)
	if i, ok := m.added[k]; ok {
		m.figs[i] = f
		return
	}
	m.added[k] = len(m.figs)
	m.figs = append(m.figs, f)
}

func (m *merger) difference(d Difference) {
	if m.diffs == nil {
		m.diffs = map[key]Difference{}
	}
	m.diffs[keyOf(d.Filed)] = d
}

func (m *merger) result(companies []Company) ([]data.Figure, []Difference) {
	order := func(a, b data.Figure) int {
		rank := func(id string) int {
			return slices.IndexFunc(companies, func(c Company) bool { return c.Provider == id })
		}
		return cmp.Or(rank(a.Provider)-rank(b.Provider), a.Quarter.Index()-b.Quarter.Index(),
			slices.Index(data.Metrics, a.Metric)-slices.Index(data.Metrics, b.Metric),
			strings.Compare(string(b.Basis), string(a.Basis)))
	}
	diffs := make([]Difference, 0, len(m.diffs))
	for _, d := range m.diffs {
		diffs = append(diffs, d)
	}
	slices.SortFunc(diffs, func(a, b Difference) int { return order(a.Filed, b.Filed) })
	figs := slices.Clone(m.figs)
	slices.SortStableFunc(figs, order)
	return figs, diffs
}
