package data

import (
	"fmt"
	"math"
)

// TTM returns the trailing-twelve-month sum of m ending at q. It is missing
// unless all four quarters are present: a partial sum would understate.
func (d *Dataset) TTM(provider string, m Metric, q Quarter) (USDMillions, bool) {
	return d.sum(provider, m, q.Add(-3), q)
}

// sum adds m over the quarters from..to inclusive, all of which must exist.
// A balance has no sum.
func (d *Dataset) sum(provider string, m Metric, from, to Quarter) (USDMillions, bool) {
	if m.IsBalance() {
		return 0, false
	}
	var total USDMillions
	for q := from; !to.Before(q); q = q.Next() {
		v, ok := d.Value(provider, m, q)
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, true
}

// CalendarYear returns the sum of m over the calendar year's quarters that
// have figures, and how many did (4 for a complete year). A balance has no
// sum: zero quarters.
func (d *Dataset) CalendarYear(provider string, m Metric, year int) (USDMillions, int) {
	if m.IsBalance() {
		return 0, 0
	}
	var total USDMillions
	n := 0
	for q := 1; q <= 4; q++ {
		if v, ok := d.Value(provider, m, NewQuarter(year, q)); ok {
			total += v
			n++
		}
	}
	return total, n
}

// Growth returns the change of m at q against lag quarters earlier, as a
// fraction (0.25 is +25%). It is missing when either value is, or when the
// base is not positive, where a percentage change means nothing.
func (d *Dataset) Growth(provider string, m Metric, q Quarter, lag int) (float64, bool) {
	now, ok := d.Value(provider, m, q)
	if !ok {
		return 0, false
	}
	base, ok := d.Value(provider, m, q.Add(-lag))
	if !ok || base <= 0 {
		return 0, false
	}
	return float64(now)/float64(base) - 1, true
}

// YoY is the growth of m at q over the same quarter a year earlier.
func (d *Dataset) YoY(provider string, m Metric, q Quarter) (float64, bool) {
	return d.Growth(provider, m, q, 4)
}

// QoQ is the growth of m at q over the previous quarter.
func (d *Dataset) QoQ(provider string, m Metric, q Quarter) (float64, bool) {
	return d.Growth(provider, m, q, 1)
}

// ratio divides two amounts, missing when either is or the divisor is not
// positive.
func ratio(num USDMillions, okNum bool, den USDMillions, okDen bool) (float64, bool) {
	if !okNum || !okDen || den <= 0 {
		return 0, false
	}
	return float64(num) / float64(den), true
}

// CloudMargin is the cloud segment's operating income over its revenue in
// quarter q, as a fraction.
func (d *Dataset) CloudMargin(provider string, q Quarter) (float64, bool) {
	oi, okOI := d.Value(provider, CloudOperatingIncome, q)
	rev, okRev := d.Value(provider, CloudRevenue, q)
	return ratio(oi, okOI, rev, okRev)
}

// CapexPerCloudRevenue is trailing-twelve-month capex (on the given basis)
// per dollar of trailing-twelve-month cloud revenue.
func (d *Dataset) CapexPerCloudRevenue(provider string, capex Metric, q Quarter) (float64, bool) {
	c, okC := d.TTM(provider, capex, q)
	r, okR := d.TTM(provider, CloudRevenue, q)
	return ratio(c, okC, r, okR)
}

// CapexToOperatingCashFlow is trailing-twelve-month capex as a share of
// trailing-twelve-month operating cash flow.
func (d *Dataset) CapexToOperatingCashFlow(provider string, capex Metric, q Quarter) (float64, bool) {
	c, okC := d.TTM(provider, capex, q)
	o, okO := d.TTM(provider, OperatingCashFlow, q)
	return ratio(c, okC, o, okO)
}

// Share returns the provider's share of m summed over every provider at q.
// It is missing unless every provider has a figure, so shares always add
// up to one.
func (d *Dataset) Share(provider string, m Metric, q Quarter) (float64, bool) {
	mine, ok := d.Value(provider, m, q)
	if !ok {
		return 0, false
	}
	total, ok := d.Combined(m, q)
	return ratio(mine, ok, total, ok)
}

// Combined sums m over every provider at q, when all have a figure.
func (d *Dataset) Combined(m Metric, q Quarter) (USDMillions, bool) {
	return d.everyProvider(func(id string) (USDMillions, bool) { return d.Value(id, m, q) })
}

// everyProvider sums f over the providers, when every one has a value.
func (d *Dataset) everyProvider(f func(id string) (USDMillions, bool)) (USDMillions, bool) {
	var total USDMillions
	for _, p := range d.providers {
		v, ok := f(p.ID)
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, true
}

// Cumulative sums m from quarter from through to inclusive.
func (d *Dataset) Cumulative(provider string, m Metric, from, to Quarter) (USDMillions, bool) {
	if to.Before(from) {
		return 0, false
	}
	return d.sum(provider, m, from, to)
}

// figureOn returns the figure on basis b, whichever index holds it.
func (d *Dataset) figureOn(provider string, m Metric, q Quarter, b Basis) (Figure, bool) {
	if f, ok := d.Figure(provider, m, q); ok && f.Basis == b {
		return f, !f.Missing
	}
	if f, ok := d.Alternate(provider, m, q); ok && f.Basis == b {
		return f, !f.Missing
	}
	return Figure{}, false
}

// reconcileTolerance allows for each quarter having been rounded to the
// million on its own.
const reconcileTolerance = 4

// quarterSum adds the four quarters of an annual total's fiscal year on the
// annual figure's basis, with how far off their rounding may leave the sum;
// ok is false when a quarter is missing. A balance is not summed: its
// year-end figure is the fourth quarter's.
func (d *Dataset) quarterSum(a Annual) (sum, tolerance USDMillions, ok bool) {
	p, _ := d.Provider(a.Provider)
	qs := FiscalYearQuarters(a.FiscalYear, p.FYEndMonth)
	if a.Metric.IsBalance() {
		f, ok := d.figureOn(a.Provider, a.Metric, qs[3], a.Basis)
		return f.Value, a.Precision + f.Precision, ok
	}
	tolerance = reconcileTolerance + a.Precision
	for _, q := range qs {
		f, ok := d.figureOn(a.Provider, a.Metric, q, a.Basis)
		if !ok {
			return 0, 0, false
		}
		sum += f.Value
		tolerance += f.Precision
	}
	return sum, tolerance, true
}

// Reconcile checks each annual 10-K total against the sum of its four
// quarters on the same basis (a year-end balance against the fourth
// quarter's), and lists every year that does not add up. A mismatch almost
// always means a typo in one quarter. unchecked counts the totals that lack
// a quarter to compare with.
func (d *Dataset) Reconcile() (probs Problems, checked, unchecked int) {
	for _, a := range d.annual {
		sum, tolerance, ok := d.quarterSum(a)
		if !ok {
			unchecked++
			continue
		}
		checked++
		if diff := float64(sum - a.Value); math.Abs(diff) > float64(tolerance) {
			quarters := "the four quarters sum to"
			if a.Metric.IsBalance() {
				quarters = "the fourth quarter says"
			}
			probs = append(probs, Problem{File: annualFile, Line: a.Source.Line, Column: "value_usd_m",
				Msg: fmt.Sprintf("%s FY%d %s (%s): 10-K says %v, %s %v (off by %+.0f, more than rounding allows: %v)",
					a.Provider, a.FiscalYear, a.Metric, a.Basis, a.Value, quarters, sum, diff, tolerance)})
		}
	}
	return probs, checked, unchecked
}

// Ranks orders values from largest to smallest: rank 1 is the largest.
// Entries with ok false get rank 0 and do not take a place.
func Ranks(values []float64, ok []bool) []int {
	ranks := make([]int, len(values))
	for i := range values {
		if !ok[i] {
			continue
		}
		ranks[i] = 1
		for j := range values {
			if ok[j] && values[j] > values[i] {
				ranks[i]++
			}
		}
	}
	return ranks
}

// TTMGrowth compares trailing-twelve-month sums of m lag quarters apart.
func (d *Dataset) TTMGrowth(provider string, m Metric, q Quarter, lag int) (float64, bool) {
	now, okNow := d.TTM(provider, m, q)
	then, okThen := d.TTM(provider, m, q.Add(-lag))
	r, ok := ratio(now, okNow, then, okThen)
	return r - 1, ok
}

// CombinedTTM sums every provider's trailing-twelve-month m at q, when all
// of them have one.
func (d *Dataset) CombinedTTM(m Metric, q Quarter) (USDMillions, bool) {
	return d.everyProvider(func(id string) (USDMillions, bool) { return d.TTM(id, m, q) })
}

// Change is the relative change from then to now (0.25 is +25%), missing
// when then is not positive.
func Change(now, then USDMillions) (float64, bool) {
	r, ok := ratio(now, true, then, true)
	return r - 1, ok
}
