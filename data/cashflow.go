package data

import "fmt"

// The measures of the thesis's second half: capex turns into depreciation,
// and spending beyond the cash a business makes is paid from the cash it
// has. Each takes capex on the basis it is given (purchases, or including
// finance leases), so a chart shows one kind of capex for every provider.

// diff subtracts b from a, each with the reason it is missing.
func diff(a USDMillions, whyA string, b USDMillions, whyB string) (USDMillions, string) {
	if whyA != "" {
		return 0, whyA
	}
	if whyB != "" {
		return 0, whyB
	}
	return a - b, ""
}

// value is the series figure of m at q, or why there is none.
func (d *Dataset) value(provider string, m Metric, q Quarter) (USDMillions, string) {
	v, ok := d.Value(provider, m, q)
	if !ok {
		return 0, d.missingWhy(provider, m, q)
	}
	return v, ""
}

func (d *Dataset) freeCashFlow(provider string, capex Metric, q Quarter) (USDMillions, string) {
	ocf, whyO := d.value(provider, OperatingCashFlow, q)
	cx, whyC := d.value(provider, capex, q)
	return diff(ocf, whyO, cx, whyC)
}

// FreeCashFlow is operating cash flow minus capex in quarter q: the cash
// the business made after what it put into property and equipment.
// Companies define it their own ways (Amazon subtracts capex net of
// proceeds and incentives); this is one definition for all of them.
func (d *Dataset) FreeCashFlow(provider string, capex Metric, q Quarter) (USDMillions, bool) {
	v, why := d.freeCashFlow(provider, capex, q)
	return v, why == ""
}

// FreeCashFlowReason says why FreeCashFlow is n/a, or returns "".
func (d *Dataset) FreeCashFlowReason(provider string, capex Metric, q Quarter) string {
	_, why := d.freeCashFlow(provider, capex, q)
	return why
}

func (d *Dataset) freeCashFlowTTM(provider string, capex Metric, q Quarter) (USDMillions, string) {
	qs := ttmQuarters(q)
	ocf, whyO := d.summed(provider, OperatingCashFlow, qs[:])
	cx, whyC := d.summed(provider, capex, qs[:])
	return diff(ocf, whyO, cx, whyC)
}

// FreeCashFlowTTM is free cash flow over the four quarters to q: each of
// operating cash flow and capex summed on one definition.
func (d *Dataset) FreeCashFlowTTM(provider string, capex Metric, q Quarter) (USDMillions, bool) {
	v, why := d.freeCashFlowTTM(provider, capex, q)
	return v, why == ""
}

// FreeCashFlowTTMReason says why FreeCashFlowTTM is n/a, or returns "".
func (d *Dataset) FreeCashFlowTTMReason(provider string, capex Metric, q Quarter) string {
	_, why := d.freeCashFlowTTM(provider, capex, q)
	return why
}

// NegativeFreeCashFlow finds the latest run of quarters, up to q, in which
// trailing-twelve-month free cash flow was below zero, and returns its
// first and last quarter: last is q while the run lasts. A quarter where
// the figure is n/a ends a run, so from is the earliest quarter known to
// be negative, not a guess at when it turned.
func (d *Dataset) NegativeFreeCashFlow(provider string, capex Metric, q Quarter) (from, last Quarter, ok bool) {
	negative := func(q Quarter) bool {
		v, ok := d.FreeCashFlowTTM(provider, capex, q)
		return ok && v < 0
	}
	for last = q; !last.Before(d.first); last = last.Prev() {
		if negative(last) {
			from = last
			for negative(from.Prev()) && !from.Prev().Before(d.first) {
				from = from.Prev()
			}
			return from, last, true
		}
	}
	return Quarter{}, Quarter{}, false
}

// CapexToDepreciation is trailing-twelve-month capex over trailing-
// twelve-month depreciation and amortization: how far spending runs ahead
// of the depreciation it will become. Above 1 the asset base grows, and
// depreciation with it.
func (d *Dataset) CapexToDepreciation(provider string, capex Metric, q Quarter) (float64, bool) {
	r, why := d.ttmRatio(provider, capex, DepreciationAmortization, q)
	return r, why == ""
}

// CapexToDepreciationReason says why CapexToDepreciation is n/a, or
// returns "".
func (d *Dataset) CapexToDepreciationReason(provider string, capex Metric, q Quarter) string {
	_, why := d.ttmRatio(provider, capex, DepreciationAmortization, q)
	return why
}

func (d *Dataset) cashRunway(provider string, capex Metric, q Quarter) (float64, string) {
	cash, why := d.value(provider, CashAndSecurities, q)
	if why != "" {
		return 0, why
	}
	cx, why := d.value(provider, capex, q)
	if why != "" {
		return 0, why
	}
	if cx <= 0 {
		return 0, fmt.Sprintf("%s %s is not positive", capex.Label(), q)
	}
	return float64(cash) / float64(cx), ""
}

// CashRunway is how many quarters of capex at q's rate the cash, cash
// equivalents and marketable securities at q's end would pay for, were
// the business to make no cash at all.
func (d *Dataset) CashRunway(provider string, capex Metric, q Quarter) (float64, bool) {
	r, why := d.cashRunway(provider, capex, q)
	return r, why == ""
}

// CashRunwayReason says why CashRunway is n/a, or returns "".
func (d *Dataset) CashRunwayReason(provider string, capex Metric, q Quarter) string {
	_, why := d.cashRunway(provider, capex, q)
	return why
}
