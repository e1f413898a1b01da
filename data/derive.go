package data

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Every number here that combines figures of one metric from different
// quarters (growth, trailing and calendar-year sums, cumulative sums) takes
// them on one definition epoch (see epoch.go): where the series figures of
// the quarters straddle a segment recast, a restated figure on the other
// side is used if the data has one, and otherwise the number is n/a. Each
// has a Reason method saying why it is n/a, in words that follow "n/a".

// quarterRange returns the quarters from..to inclusive.
func quarterRange(from, to Quarter) []Quarter {
	var qs []Quarter
	for q := from; !to.Before(q); q = q.Next() {
		qs = append(qs, q)
	}
	return qs
}

func balanceWhy(m Metric) string {
	return fmt.Sprintf("%s is a balance at each quarter's end: it does not add up over quarters", m.Label())
}

// summed adds m over the quarters qs, all of which must have a figure on
// one definition. A balance has no sum.
func (d *Dataset) summed(provider string, m Metric, qs []Quarter) (USDMillions, string) {
	if m.IsBalance() {
		return 0, balanceWhy(m)
	}
	var buf [8]*Figure
	figs, why := d.onOneBasis(buf[:0], provider, m, qs)
	if why != "" {
		return 0, why
	}
	var total USDMillions
	for _, f := range figs {
		total += f.Value
	}
	return total, ""
}

// ttmQuarters returns the four quarters to q.
func ttmQuarters(q Quarter) [4]Quarter {
	return [4]Quarter{q.Add(-3), q.Add(-2), q.Add(-1), q}
}

// TTM returns the trailing-twelve-month sum of m ending at q. It is missing
// unless all four quarters are present on one definition: a partial sum
// would understate, and one across a recast would add unlike things.
func (d *Dataset) TTM(provider string, m Metric, q Quarter) (USDMillions, bool) {
	qs := ttmQuarters(q)
	v, why := d.summed(provider, m, qs[:])
	return v, why == ""
}

// TTMReason says why TTM is n/a, or returns "" when it is not.
func (d *Dataset) TTMReason(provider string, m Metric, q Quarter) string {
	qs := ttmQuarters(q)
	_, why := d.summed(provider, m, qs[:])
	return why
}

// SumReason says why m cannot be summed over the quarters from..to (as
// Cumulative does), or returns "" when it can.
func (d *Dataset) SumReason(provider string, m Metric, from, to Quarter) string {
	if to.Before(from) {
		return fmt.Sprintf("%s is before %s", to, from)
	}
	_, why := d.summed(provider, m, quarterRange(from, to))
	return why
}

// calendarYear sums m over the year's quarters that have a figure, all on
// one definition, and says why the year is not complete.
func (d *Dataset) calendarYear(provider string, m Metric, year int) (total USDMillions, n int, why string) {
	return d.yearSum(provider, m, quarterRange(NewQuarter(year, 1), NewQuarter(year, 4)))
}

// yearSum sums m over those of a year's quarters that have a figure, all
// on one definition, and says why the year is not complete.
func (d *Dataset) yearSum(provider string, m Metric, year []Quarter) (total USDMillions, n int, why string) {
	if m.IsBalance() {
		return 0, 0, balanceWhy(m)
	}
	have := make([]Quarter, 0, 4)
	for _, q := range year {
		if d.candidates(provider, m, q).n > 0 {
			have = append(have, q)
		} else if why == "" {
			why = d.missingWhy(provider, m, q)
		}
	}
	if len(have) == 0 {
		return 0, 0, why
	}
	total, across := d.summed(provider, m, have)
	if across != "" {
		return 0, 0, across
	}
	return total, len(have), why
}

// CalendarYear returns the sum of m over the calendar year's quarters that
// have figures, and how many did (4 for a complete year). Zero quarters
// when the figures straddle a recast, or for a balance, which has no sum.
func (d *Dataset) CalendarYear(provider string, m Metric, year int) (USDMillions, int) {
	v, n, _ := d.calendarYear(provider, m, year)
	return v, n
}

// CalendarYearReason says why CalendarYear is not a complete year (a
// missing quarter, a recast within the year), or returns "" when it is.
func (d *Dataset) CalendarYearReason(provider string, m Metric, year int) string {
	_, _, why := d.calendarYear(provider, m, year)
	return why
}

// GuidanceActual returns what the provider spent over the guided year on
// the guidance's own basis (purchases, net, or including finance leases),
// and over how many quarters (4 for a complete year), so a guide is drawn
// and compared against actuals of the same kind.
func (d *Dataset) GuidanceActual(g Guidance) (USDMillions, int) {
	v, n, _ := d.guidanceActual(g)
	return v, n
}

// GuidanceActualReason says why GuidanceActual is not a complete year
// (the provider does not state that basis, a quarter is missing or still
// to come), or returns "" when it is.
func (d *Dataset) GuidanceActualReason(g Guidance) string {
	_, _, why := d.guidanceActual(g)
	return why
}

func (d *Dataset) guidanceActual(g Guidance) (USDMillions, int, string) {
	p, ok := d.Provider(g.Provider)
	if !ok {
		return 0, 0, fmt.Sprintf("unknown provider %q", g.Provider)
	}
	qs := g.Quarters(p.FYEndMonth)
	return d.yearSum(g.Provider, g.Basis.Actuals(), qs[:])
}

// growth compares m at q with lag quarters earlier on one definition.
func (d *Dataset) growth(provider string, m Metric, q Quarter, lag int) (float64, string) {
	qs := [2]Quarter{q.Add(-lag), q}
	var buf [2]*Figure
	figs, why := d.onOneBasis(buf[:0], provider, m, qs[:])
	if why != "" {
		return 0, why
	}
	if figs[0].Value <= 0 {
		return 0, fmt.Sprintf("%s %s is not positive: a percentage change means nothing", m.Label(), q.Add(-lag))
	}
	return float64(figs[1].Value)/float64(figs[0].Value) - 1, ""
}

// Growth returns the change of m at q against lag quarters earlier, as a
// fraction (0.25 is +25%). It is missing when either value is, when the
// two are on different definitions and no restated figure puts them on
// one, or when the base is not positive, where a percentage change means
// nothing.
func (d *Dataset) Growth(provider string, m Metric, q Quarter, lag int) (float64, bool) {
	g, why := d.growth(provider, m, q, lag)
	return g, why == ""
}

// GrowthReason says why Growth is n/a, or returns "" when it is not.
func (d *Dataset) GrowthReason(provider string, m Metric, q Quarter, lag int) string {
	_, why := d.growth(provider, m, q, lag)
	return why
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

// cloudMargins returns the cloud margin at each quarter of qs (one or
// two), with income and revenue each on one definition across the quarters
// and both on the same segment definition: the series figures where they
// agree, restated ones where that is what puts them together.
func (d *Dataset) cloudMargins(provider string, qs []Quarter) ([2]float64, string) {
	var out [2]float64
	last := qs[len(qs)-1]
	ois := d.candidates(provider, CloudOperatingIncome, last)
	if ois.n == 0 {
		return out, d.missingWhy(provider, CloudOperatingIncome, last)
	}
	revs := d.candidates(provider, CloudRevenue, last)
	if revs.n == 0 {
		return out, d.missingWhy(provider, CloudRevenue, last)
	}
	why := ""
	for _, refO := range ois.list() {
		var bufO [2]*Figure
		oi, whyO := d.onEpoch(bufO[:0], provider, CloudOperatingIncome, qs, refO)
		for _, refR := range revs.list() {
			var bufR [2]*Figure
			rev, whyR := d.onEpoch(bufR[:0], provider, CloudRevenue, qs, refR)
			switch {
			case whyO != "":
				why = cmp.Or(why, whyO)
			case whyR != "":
				why = cmp.Or(why, whyR)
			case !d.sameDefinition(refO, refR):
				why = cmp.Or(why, d.across(refO, refR))
			default:
				for i := range qs {
					if rev[i].Value <= 0 {
						return out, fmt.Sprintf("%s %s is not positive", CloudRevenue.Label(), qs[i])
					}
					out[i] = float64(oi[i].Value) / float64(rev[i].Value)
				}
				return out, ""
			}
		}
	}
	return out, why
}

// CloudMargin is the cloud segment's operating income over its revenue in
// quarter q, as a fraction, both on one segment definition.
func (d *Dataset) CloudMargin(provider string, q Quarter) (float64, bool) {
	qs := [1]Quarter{q}
	m, why := d.cloudMargins(provider, qs[:])
	if why != "" {
		return 0, false
	}
	return m[0], true
}

// CloudMarginReason says why CloudMargin is n/a, or returns "" when it is
// not.
func (d *Dataset) CloudMarginReason(provider string, q Quarter) string {
	qs := [1]Quarter{q}
	_, why := d.cloudMargins(provider, qs[:])
	return why
}

// CloudMarginThen returns the cloud margin at q and lag quarters earlier,
// all four figures on one segment definition, so the two margins compare
// ("a year earlier the margin was"). why says why not, or is "".
func (d *Dataset) CloudMarginThen(provider string, q Quarter, lag int) (now, then float64, why string) {
	qs := [2]Quarter{q.Add(-lag), q}
	m, why := d.cloudMargins(provider, qs[:])
	if why != "" {
		return 0, 0, why
	}
	return m[1], m[0], ""
}

// ttmRatio divides the trailing-twelve-month sums of two metrics.
func (d *Dataset) ttmRatio(provider string, num, den Metric, q Quarter) (float64, string) {
	qs := ttmQuarters(q)
	n, why := d.summed(provider, num, qs[:])
	if why != "" {
		return 0, why
	}
	v, why := d.summed(provider, den, qs[:])
	if why != "" {
		return 0, why
	}
	if v <= 0 {
		return 0, fmt.Sprintf("trailing %s to %s is not positive", den.Label(), q)
	}
	return float64(n) / float64(v), ""
}

// CapexPerCloudRevenue is trailing-twelve-month company-wide capex (on the
// given basis) per dollar of trailing-twelve-month cloud segment revenue.
// It sets spending on the whole company against one segment's revenue;
// CapexIntensity is the like-for-like measure.
func (d *Dataset) CapexPerCloudRevenue(provider string, capex Metric, q Quarter) (float64, bool) {
	r, why := d.ttmRatio(provider, capex, CloudRevenue, q)
	return r, why == ""
}

// CapexIntensity is trailing-twelve-month capex (on the given basis) as a
// share of trailing-twelve-month total revenue: company-wide spending
// against company-wide revenue.
func (d *Dataset) CapexIntensity(provider string, capex Metric, q Quarter) (float64, bool) {
	r, why := d.ttmRatio(provider, capex, Revenue, q)
	return r, why == ""
}

// CapexIntensityReason says why CapexIntensity is n/a, or returns "" when
// it is not.
func (d *Dataset) CapexIntensityReason(provider string, capex Metric, q Quarter) string {
	_, why := d.ttmRatio(provider, capex, Revenue, q)
	return why
}

// CapexPerCloudRevenueReason says why CapexPerCloudRevenue is n/a, or
// returns "" when it is not.
func (d *Dataset) CapexPerCloudRevenueReason(provider string, capex Metric, q Quarter) string {
	_, why := d.ttmRatio(provider, capex, CloudRevenue, q)
	return why
}

// CapexToOperatingCashFlowReason says why CapexToOperatingCashFlow is n/a,
// or returns "" when it is not.
func (d *Dataset) CapexToOperatingCashFlowReason(provider string, capex Metric, q Quarter) string {
	_, why := d.ttmRatio(provider, capex, OperatingCashFlow, q)
	return why
}

// CapexToOperatingCashFlow is trailing-twelve-month capex as a share of
// trailing-twelve-month operating cash flow.
func (d *Dataset) CapexToOperatingCashFlow(provider string, capex Metric, q Quarter) (float64, bool) {
	r, why := d.ttmRatio(provider, capex, OperatingCashFlow, q)
	return r, why == ""
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

// ShareReason says why Share is n/a, or returns "" when it is not.
func (d *Dataset) ShareReason(provider string, m Metric, q Quarter) string {
	if why := d.ValueReason(provider, m, q); why != "" {
		return why
	}
	for _, p := range d.providers {
		if why := d.ValueReason(p.ID, m, q); why != "" {
			return why + ", and a share needs every provider's"
		}
	}
	if _, ok := d.Share(provider, m, q); !ok {
		return fmt.Sprintf("the providers' combined %s for %s is not positive", m.Label(), q)
	}
	return ""
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

// Cumulative sums m from quarter from through to inclusive, all on one
// definition.
func (d *Dataset) Cumulative(provider string, m Metric, from, to Quarter) (USDMillions, bool) {
	if to.Before(from) {
		return 0, false
	}
	v, why := d.summed(provider, m, quarterRange(from, to))
	return v, why == ""
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

// rounding is how far a figure stated to the million may be from the
// amount it stands for. A company rounds each column on its own, so four
// quarters stated to the million may sum to a total a million or two off
// the year's: Amazon's 2019 operating income is 14,541 in its 10-K and
// 4,420 + 3,084 + 3,157 + 3,879 = 14,540 by quarter.
const rounding USDMillions = 0.5

// quarterSum adds the four quarters of an annual total's fiscal year on the
// annual figure's basis, with how far off their precision (at least the
// rounding to the million of each figure and of the total) may leave the
// sum; ok is false when a quarter is missing. A balance is not summed: its
// year-end figure is the fourth quarter's, the same line of the same
// balance sheet, so only precision may part them.
func (d *Dataset) quarterSum(a Annual) (sum, tolerance USDMillions, ok bool) {
	p, _ := d.Provider(a.Provider)
	qs := FiscalYearQuarters(a.FiscalYear, p.FYEndMonth)
	if a.Metric.IsBalance() {
		f, ok := d.figureOn(a.Provider, a.Metric, qs[3], a.Basis)
		return f.Value, a.Precision + f.Precision, ok
	}
	tolerance = max(a.Precision, rounding)
	for _, q := range qs {
		f, ok := d.figureOn(a.Provider, a.Metric, q, a.Basis)
		if !ok {
			return 0, 0, false
		}
		sum += f.Value
		tolerance += max(f.Precision, rounding)
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
			allowed := "the same line of the same balance sheet, so they must agree"
			if tolerance > 0 {
				allowed = fmt.Sprintf("more than their precision and rounding allow: ±%v", tolerance)
			}
			probs = append(probs, Problem{File: annualFile, Line: a.Source.Line, Column: "value_usd_m",
				Msg: fmt.Sprintf("%s FY%d %s (%s): 10-K says %v, %s %v (off by %+.0f; %s)",
					a.Provider, a.FiscalYear, a.Metric, a.Basis, a.Value, quarters, sum, diff, allowed)})
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

// ttmGrowth compares trailing-twelve-month sums of m lag quarters apart,
// both windows on one definition.
func (d *Dataset) ttmGrowth(provider string, m Metric, q Quarter, lag int) (float64, string) {
	if m.IsBalance() {
		return 0, balanceWhy(m)
	}
	before := quarterRange(q.Add(-lag-3), q.Add(-lag))
	qs := before
	for _, r := range quarterRange(q.Add(-3), q) {
		if !slices.Contains(qs, r) {
			qs = append(qs, r)
		}
	}
	var buf [8]*Figure
	figs, why := d.onOneBasis(buf[:0], provider, m, qs)
	if why != "" {
		return 0, why
	}
	var now, then USDMillions
	for i, f := range figs {
		if i < len(before) {
			then += f.Value
		}
		if !f.Quarter.Before(q.Add(-3)) {
			now += f.Value
		}
	}
	if then <= 0 {
		return 0, fmt.Sprintf("trailing %s to %s is not positive", m.Label(), q.Add(-lag))
	}
	return float64(now)/float64(then) - 1, ""
}

// TTMGrowth compares trailing-twelve-month sums of m lag quarters apart.
func (d *Dataset) TTMGrowth(provider string, m Metric, q Quarter, lag int) (float64, bool) {
	g, why := d.ttmGrowth(provider, m, q, lag)
	return g, why == ""
}

// TTMGrowthReason says why TTMGrowth is n/a, or returns "" when it is not.
func (d *Dataset) TTMGrowthReason(provider string, m Metric, q Quarter, lag int) string {
	_, why := d.ttmGrowth(provider, m, q, lag)
	return why
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
