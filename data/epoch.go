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

// epochOf returns the definition epoch of figure f.
func (d *Dataset) epochOf(f Figure) int {
	n := 0
	var next Quarter
	for _, c := range d.definitions {
		if c.Provider != f.Provider || !c.Breaks(f.Metric) {
			continue
		}
		if !f.Quarter.Before(c.Quarter) {
			n++
		} else if next.IsZero() || c.Quarter.Before(next) {
			next = c.Quarter
		}
	}
	// A recast after the last change is on the latest definition, as a
	// reported figure of its quarter is.
	if f.Basis == Recast && !next.IsZero() {
		for _, c := range d.definitions {
			if c.Provider == f.Provider && c.Breaks(f.Metric) && c.Quarter == next {
				n++
			}
		}
	}
	return n
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
		f.Epoch = d.epochOf(*f)
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

// cands are the figures with a value for one provider, metric and quarter,
// the series figure first. They point into the dataset, which is never
// modified, and are held in an array so that looking them up allocates
// nothing: the dashboard asks for thousands on every frame.
type cands struct {
	f [2]*Figure
	n int
}

func (c cands) list() []*Figure { return c.f[:c.n] }

// on returns the candidate on epoch e, if there is one.
func (c cands) on(e int) *Figure {
	for _, f := range c.list() {
		if f.Epoch == e {
			return f
		}
	}
	return nil
}

// candidates returns the figures with a value for (provider, m, q).
func (d *Dataset) candidates(provider string, m Metric, q Quarter) cands {
	var c cands
	k := figureKey{provider, m, q}
	if i, ok := d.primary[k]; ok && !d.figures[i].Missing {
		c.f[c.n] = &d.figures[i]
		c.n++
	}
	if i, ok := d.alternate[k]; ok && !d.figures[i].Missing {
		c.f[c.n] = &d.figures[i]
		c.n++
	}
	return c
}

// missingWhy says why there is no figure for (provider, m, q).
func (d *Dataset) missingWhy(provider string, m Metric, q Quarter) string {
	if !d.Reports(provider, m) {
		return fmt.Sprintf("%s does not state %s", d.name(provider), m.Label())
	}
	return fmt.Sprintf("no %s figure for %s", m.Label(), q)
}

// name returns a provider's name, or its id when it has none.
func (d *Dataset) name(provider string) string {
	if p, ok := d.Provider(provider); ok {
		return p.Name
	}
	return provider
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

// onEpoch appends to dst a figure of m for each quarter of qs on the
// definition epoch of ref, or says why there is none: a missing figure, or
// one only on another definition.
func (d *Dataset) onEpoch(dst []*Figure, provider string, m Metric, qs []Quarter, ref *Figure) ([]*Figure, string) {
	for _, q := range qs {
		c := d.candidates(provider, m, q)
		if c.n == 0 {
			return dst, d.missingWhy(provider, m, q)
		}
		f := c.on(ref.Epoch)
		if f == nil {
			return dst, d.across(c.f[0], ref)
		}
		dst = append(dst, f)
	}
	return dst, ""
}

// onOneBasis appends to dst a figure of m for each quarter of qs, all on
// one definition epoch: that of the last quarter's series figure if every
// quarter has one on it, else that of its other basis. When there is no
// such set, why says what stands in the way, in words that follow "n/a"
// (for the series figure's epoch, the one a reader sees).
func (d *Dataset) onOneBasis(dst []*Figure, provider string, m Metric, qs []Quarter) ([]*Figure, string) {
	if len(qs) == 0 {
		return dst, "no quarters"
	}
	last := qs[len(qs)-1]
	refs := d.candidates(provider, m, last)
	if refs.n == 0 {
		return dst, d.missingWhy(provider, m, last)
	}
	why := ""
	for _, ref := range refs.list() {
		figs, whyRef := d.onEpoch(dst, provider, m, qs, ref)
		if whyRef == "" {
			return figs, ""
		}
		why = cmp.Or(why, whyRef)
	}
	return dst, why
}

// differences returns the changes of kind definition, among those that
// affect both a's and b's metrics, that one of them reflects and the other
// does not; with first set, at most one. A figure on epoch e reflects the
// first e of the changes that affect its metric, in quarter order.
func (d *Dataset) differences(a, b *Figure, first bool) []Definition {
	var out []Definition
	ia, ib := 0, 0
	for _, c := range d.definitions {
		if c.Provider != a.Provider {
			continue
		}
		breaksA, breaksB := c.Breaks(a.Metric), c.Breaks(b.Metric)
		inA, inB := ia < a.Epoch, ib < b.Epoch
		if breaksA {
			ia++
		}
		if breaksB {
			ib++
		}
		if breaksA && breaksB && inA != inB {
			out = append(out, c)
			if first {
				break
			}
		}
	}
	return out
}

// across names the definition changes, among those that affect both
// figures' metrics, that one of a and b reflects and the other does not:
// "across Microsoft's FY2025 segment recast".
func (d *Dataset) across(a, b *Figure) string {
	var titles []string
	for _, c := range d.differences(a, b, false) {
		if !slices.Contains(titles, c.Title) {
			titles = append(titles, c.Title)
		}
	}
	if len(titles) == 0 {
		return "on different bases"
	}
	return fmt.Sprintf("across %s's %s", d.name(a.Provider), strings.Join(titles, " and "))
}

// sameDefinition reports whether figures of two metrics at one quarter
// reflect the same changes among those that affect both (a margin needs
// its income and revenue on one segment definition).
func (d *Dataset) sameDefinition(a, b *Figure) bool {
	return len(d.differences(a, b, true)) == 0
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
	return d.across(&e, &f), true
}
