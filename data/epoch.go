package data

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// A figure's definition epoch counts the changes of kind definition (segment
// recasts) for its provider and metric that it reflects. A reported figure
// reflects those at or before its quarter; a recast figure was restated
// onto the definition of the next change after its quarter, so it reflects
// that one too. Two figures of one metric are comparable (their growth,
// sums and shares mean something) only when their epochs are equal.

// applied returns the changes of kind definition that figure f reflects.
func (d *Dataset) applied(f Figure) []Definition {
	var out []Definition
	var next Quarter
	for _, c := range d.definitions {
		if c.Provider != f.Provider || !c.Breaks(f.Metric) {
			continue
		}
		if !f.Quarter.Before(c.Quarter) {
			out = append(out, c)
		} else if next.IsZero() || c.Quarter.Before(next) {
			next = c.Quarter
		}
	}
	// A recast after the last change is on the latest definition, as a
	// reported figure of its quarter is.
	if f.Basis == Recast && !next.IsZero() {
		for _, c := range d.definitions {
			if c.Provider == f.Provider && c.Breaks(f.Metric) && c.Quarter == next {
				out = append(out, c)
			}
		}
	}
	return out
}

// indexFigures gives each figure its epoch and picks the figure a chart
// draws for each provider, metric and quarter (the series figure), keeping
// the other basis as the alternate.
//
// A series is on one basis between definition changes: walking back from
// its latest quarter, each quarter takes the figure on the latest
// definition not later than the one after it. So a recast figure is drawn
// where it continues the quarters after it on their definition, and a
// quarter restated onto a definition its successors do not share (Google
// Cloud's 2022Q1-Q2, recast, before 2022Q3-Q4, as first reported) is drawn
// as first reported; its recast figure is still used where a comparison
// needs that basis. A quarter with only a later definition than its
// successors is drawn as it is, and is not comparable with them.
func (d *Dataset) indexFigures() {
	rows := map[figureKey][]int{}
	type seriesKey struct {
		provider string
		metric   Metric
	}
	quarters := map[seriesKey][]Quarter{}
	for i := range d.figures {
		f := &d.figures[i]
		f.Epoch = len(d.applied(*f))
		if !f.Missing {
			d.reported[figureKey{provider: f.Provider, metric: f.Metric}] = true
		}
		k := figureKey{f.Provider, f.Metric, f.Quarter}
		if len(rows[k]) == 0 {
			s := seriesKey{f.Provider, f.Metric}
			quarters[s] = append(quarters[s], f.Quarter)
		}
		rows[k] = append(rows[k], i)
		if d.first.IsZero() || f.Quarter.Before(d.first) {
			d.first = f.Quarter
		}
		if d.last.Before(f.Quarter) {
			d.last = f.Quarter
		}
	}
	for s, qs := range quarters {
		slices.SortFunc(qs, func(a, b Quarter) int { return b.Index() - a.Index() })
		limit := math.MaxInt
		for _, q := range qs {
			k := figureKey{s.provider, s.metric, q}
			pick := d.pickSeries(rows[k], limit)
			d.primary[k] = pick
			for _, j := range rows[k] {
				if j != pick {
					d.alternate[k] = j
				}
			}
			if f := d.figures[pick]; !f.Missing && f.Epoch <= limit {
				limit = f.Epoch
			}
		}
	}
}

// pickSeries chooses, among the rows of one provider, metric and quarter,
// the series figure when the quarters after it are on epoch limit: the
// latest definition not beyond limit, a recast over a reported figure on
// the same one; failing that the earliest definition there is; a gap row
// only when no row has a value.
func (d *Dataset) pickSeries(rows []int, limit int) int {
	class := func(f Figure) int {
		switch {
		case f.Missing:
			return 2
		case f.Epoch > limit:
			return 1
		}
		return 0
	}
	better := func(a, b Figure) bool {
		if ca, cb := class(a), class(b); ca != cb {
			return ca < cb
		}
		switch {
		case class(a) == 0 && a.Epoch != b.Epoch:
			return a.Epoch > b.Epoch
		case class(a) == 1 && a.Epoch != b.Epoch:
			return a.Epoch < b.Epoch
		case class(a) == 2:
			return a.Basis == Reported && b.Basis != Reported
		}
		return a.Basis == Recast && b.Basis != Recast
	}
	best := rows[0]
	for _, i := range rows[1:] {
		if better(d.figures[i], d.figures[best]) {
			best = i
		}
	}
	return best
}

// candidates returns the figures with a value for (provider, m, q), the
// series figure first.
func (d *Dataset) candidates(provider string, m Metric, q Quarter) []Figure {
	var out []Figure
	if f, ok := d.Figure(provider, m, q); ok && !f.Missing {
		out = append(out, f)
	}
	if f, ok := d.Alternate(provider, m, q); ok && !f.Missing {
		out = append(out, f)
	}
	return out
}

// refs returns the figures with a value for (provider, m, q), the series
// figure first, or why there is none.
func (d *Dataset) refs(provider string, m Metric, q Quarter) ([]Figure, string) {
	cs := d.candidates(provider, m, q)
	if len(cs) == 0 {
		return nil, d.missingWhy(provider, m, q)
	}
	return cs, ""
}

// missingWhy says why there is no figure for (provider, m, q).
func (d *Dataset) missingWhy(provider string, m Metric, q Quarter) string {
	if !d.Reports(provider, m) {
		name := provider
		if p, ok := d.Provider(provider); ok {
			name = p.Name
		}
		return fmt.Sprintf("%s does not state %s", name, m.Label())
	}
	return fmt.Sprintf("no %s figure for %s", m.Label(), q)
}

// ValueReason says why Value is n/a (the company does not state the
// metric, or the figure could not be sourced), or returns "" when it is
// not. The gap row's note, where there is one, says more.
func (d *Dataset) ValueReason(provider string, m Metric, q Quarter) string {
	if _, ok := d.Value(provider, m, q); ok {
		return ""
	}
	return d.missingWhy(provider, m, q)
}

// onEpoch returns a figure of m for each quarter of qs on the definition
// epoch of ref, or why there is none: a missing figure, or one only on
// another definition.
func (d *Dataset) onEpoch(provider string, m Metric, qs []Quarter, ref Figure) ([]Figure, string) {
	figs := make([]Figure, 0, len(qs))
	for _, q := range qs {
		cs, why := d.refs(provider, m, q)
		if why != "" {
			return nil, why
		}
		i := slices.IndexFunc(cs, func(f Figure) bool { return f.Epoch == ref.Epoch })
		if i < 0 {
			return nil, d.across(cs[0], ref)
		}
		figs = append(figs, cs[i])
	}
	return figs, ""
}

// onOneBasis returns a figure of m for each quarter of qs, all on one
// definition epoch: that of the last quarter's series figure if every
// quarter has one on it, else that of its other basis. When there is no
// such set, why says what stands in the way, in words that follow "n/a"
// (for the series figure's epoch, the one a reader sees).
func (d *Dataset) onOneBasis(provider string, m Metric, qs []Quarter) ([]Figure, string) {
	if len(qs) == 0 {
		return nil, "no quarters"
	}
	refs, why := d.refs(provider, m, qs[len(qs)-1])
	if why != "" {
		return nil, why
	}
	for _, ref := range refs {
		figs, whyRef := d.onEpoch(provider, m, qs, ref)
		if whyRef == "" {
			return figs, ""
		}
		why = cmp.Or(why, whyRef)
	}
	return nil, why
}

// across names the definition changes, among those that affect both
// figures' metrics, that one of a and b reflects and the other does not:
// "across Microsoft's FY2025 segment recast".
func (d *Dataset) across(a, b Figure) string {
	inA, inB := d.applied(a), d.applied(b)
	var titles []string
	for _, c := range d.definitions {
		if c.Provider != a.Provider || !c.Breaks(a.Metric) || !c.Breaks(b.Metric) {
			continue
		}
		if slices.ContainsFunc(inA, c.same) != slices.ContainsFunc(inB, c.same) && !slices.Contains(titles, c.Title) {
			titles = append(titles, c.Title)
		}
	}
	if len(titles) == 0 {
		return "on different bases"
	}
	name := a.Provider
	if p, ok := d.Provider(a.Provider); ok {
		name = p.Name
	}
	return fmt.Sprintf("across %s's %s", name, strings.Join(titles, " and "))
}

// same reports whether c and e are one row of definitions.csv.
func (c Definition) same(e Definition) bool {
	return c.Source.Line == e.Source.Line && c.Source.File == e.Source.File
}

// sameDefinition reports whether figures of two metrics at one quarter
// reflect the same changes among those that affect both (a margin needs
// its income and revenue on one segment definition).
func (d *Dataset) sameDefinition(a, b Figure) bool {
	inA, inB := d.applied(a), d.applied(b)
	for _, c := range d.definitions {
		if c.Provider != a.Provider || !c.Breaks(a.Metric) || !c.Breaks(b.Metric) {
			continue
		}
		if slices.ContainsFunc(inA, c.same) != slices.ContainsFunc(inB, c.same) {
			return false
		}
	}
	return true
}

// BreakAt reports whether the series of m moves onto another definition at
// q: the series figures of q and of the quarter before it both have values
// and are on different epochs. why names the change, for a chart's mark or
// a readout ("across Microsoft's FY2025 segment recast"). A chart draws no
// line across such a break.
func (d *Dataset) BreakAt(provider string, m Metric, q Quarter) (why string, ok bool) {
	f, okF := d.Figure(provider, m, q)
	e, okE := d.Figure(provider, m, q.Prev())
	if !okF || !okE || f.Missing || e.Missing || f.Epoch == e.Epoch {
		return "", false
	}
	return d.across(e, f), true
}
