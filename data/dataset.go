// Package data holds the bundled figures on AI-era capital spending, loads
// and validates them, and computes every derived number the dashboard shows
// (margins, growth, trailing sums, shares). It knows nothing of terminals.
//
// A Dataset is immutable once loaded, so one value is shared safely by every
// SSH session.
package data

import (
	"slices"
	"time"
)

// USDMillions is an amount in millions of US dollars, as companies report it.
type USDMillions float64

// Billions converts to billions of dollars, the unit the dashboard displays.
func (v USDMillions) Billions() float64 { return float64(v) / 1000 }

// Metric names one reported line item.
type Metric string

// The reported metrics. Their definitions per company are in data/README.md.
const (
	Capex                    Metric = "capex"
	CapexInclFinanceLeases   Metric = "capex_incl_finance_leases"
	CloudRevenue             Metric = "cloud_revenue"
	CloudOperatingIncome     Metric = "cloud_operating_income"
	Revenue                  Metric = "revenue"
	OperatingIncome          Metric = "operating_income"
	OperatingCashFlow        Metric = "operating_cash_flow"
	DepreciationAmortization Metric = "depreciation_amortization"
	// CapexNet is capex net of proceeds from property and equipment sales
	// and incentives: the basis of Amazon's guidance and commentary.
	CapexNet Metric = "capex_net"
	// CashAndSecurities is cash, cash equivalents and marketable securities
	// at the quarter's end: a balance, not a flow over the quarter.
	CashAndSecurities Metric = "cash_and_securities"
)

// Metrics lists every reported metric in display order (metrics added later
// come last, so the order of existing exports does not change).
var Metrics = []Metric{Capex, CapexInclFinanceLeases, CloudRevenue, CloudOperatingIncome,
	Revenue, OperatingIncome, OperatingCashFlow, DepreciationAmortization, CapexNet, CashAndSecurities}

// ParseMetric returns the metric named s.
func ParseMetric(s string) (Metric, bool) {
	m := Metric(s)
	return m, slices.Contains(Metrics, m)
}

// Label names the metric in plain words, saying which basis a capex
// series is on: "purchases of property & equipment", not "cash capex".
func (m Metric) Label() string {
	if l, ok := metricLabels[m]; ok {
		return l
	}
	return string(m)
}

var metricLabels = map[Metric]string{
	Capex:                    "purchases of property & equipment",
	CapexInclFinanceLeases:   "capex incl. finance leases",
	CapexNet:                 "capex net of proceeds & incentives",
	CloudRevenue:             "cloud revenue",
	CloudOperatingIncome:     "cloud operating income",
	Revenue:                  "revenue",
	OperatingIncome:          "operating income",
	OperatingCashFlow:        "operating cash flow",
	DepreciationAmortization: "depreciation & amortization",
	CashAndSecurities:        "cash & marketable securities",
}

// IsBalance reports whether m is a balance at the quarter's end rather than
// a flow over the quarter. Balances are never summed over quarters (no TTM,
// calendar year or cumulative total); their growth and shares are fine.
func (m Metric) IsBalance() bool { return m == CashAndSecurities }

// mayBeNegative lists the metrics that can legitimately be below zero.
func (m Metric) mayBeNegative() bool {
	return m == CloudOperatingIncome || m == OperatingIncome || m == OperatingCashFlow
}

// Basis says whether a figure is as first reported or a later restatement.
type Basis string

// The bases a figure can be on.
const (
	Reported Basis = "reported"
	Recast   Basis = "recast"
)

// Provider is one company in the dataset.
type Provider struct {
	ID            string // amazon, microsoft, alphabet
	Name          string
	Ticker        string
	CloudSegment  string // AWS, Intelligent Cloud, Google Cloud
	FYEndMonth    int    // month the fiscal year ends: 12, or 6 for Microsoft
	CapexLineItem string
	// Aliases are other names people use for the company, lower case
	// ("aws", "google"); its id, name and ticker need not be listed.
	Aliases []string
}

// FiscalLabel returns the provider's own label for calendar quarter q.
func (p Provider) FiscalLabel(q Quarter) string { return FiscalLabel(q, p.FYEndMonth) }

// Source says where a figure was read.
type Source struct {
	URL      string
	Kind     string // release, 10-Q, 10-K, xbrl, transcript, aggregator
	LineItem string
	Note     string
	File     string // the CSV file and line it was loaded from
	Line     int
}

// Figure is one reported number for a provider and calendar quarter.
type Figure struct {
	Provider    string
	Quarter     Quarter
	FiscalLabel string
	Metric      Metric
	Value       USDMillions
	Missing     bool // the row exists to record a gap; Value is meaningless
	// Epoch counts the definition changes (segment recasts) the figure
	// reflects; figures of one metric compare only on the same epoch.
	Epoch int
	// Precision is how far Value may be from the exact millions: 0 for a
	// figure stated to the million, 5 or 50 for one found only in $B with
	// two or one decimals (the precision_usd_m column).
	Precision USDMillions
	Basis     Basis
	Source    Source
}

// Uncertainty returns the figure's Precision, under the name callers
// used before precision was a column.
func (f Figure) Uncertainty() USDMillions { return f.Precision }

// Annual is a fiscal-year total from a 10-K, used to check the quarters.
type Annual struct {
	Provider   string
	FiscalYear int
	PeriodEnd  time.Time
	Metric     Metric
	Value      USDMillions
	Precision  USDMillions // as Figure.Precision
	Basis      Basis
	Source     Source
}

// GuidanceBasis says which capex a guidance statement speaks of.
type GuidanceBasis string

// The bases of guidance.csv.
const (
	// GuidancePurchases is gross purchases of property and equipment.
	GuidancePurchases GuidanceBasis = "purchases"
	// GuidanceNet is purchases net of proceeds from property and equipment
	// sales and incentives (Amazon's "cash capex").
	GuidanceNet GuidanceBasis = "net"
	// GuidanceInclFinanceLeases is capex including assets acquired under
	// finance leases (Microsoft).
	GuidanceInclFinanceLeases GuidanceBasis = "incl_finance_leases"
)

// GuidanceBases lists the guidance bases.
var GuidanceBases = []GuidanceBasis{GuidancePurchases, GuidanceNet, GuidanceInclFinanceLeases}

// Actuals returns the reported metric that guidance on basis b is compared
// with: the same basis, so a guide is never set against a different capex.
func (b GuidanceBasis) Actuals() Metric {
	switch b {
	case GuidanceNet:
		return CapexNet
	case GuidanceInclFinanceLeases:
		return CapexInclFinanceLeases
	}
	return Capex
}

// Label names the basis in plain words, as Metric.Label does its actuals.
func (b GuidanceBasis) Label() string { return b.Actuals().Label() }

// Guidance is one explicit full-year capex guidance statement.
type Guidance struct {
	Provider  string
	Year      int
	Calendar  bool // Year is a calendar year, not the provider's fiscal year
	Announced time.Time
	Low, High USDMillions
	HasRange  bool // false when the statement gave no dollar figure
	Basis     GuidanceBasis
	Statement string
	Source    Source
}

// Quarters returns the calendar quarters of the guided year, for a
// provider whose fiscal year ends in month fyEndMonth.
func (g Guidance) Quarters(fyEndMonth int) [4]Quarter {
	if g.Calendar {
		fyEndMonth = 12
	}
	return FiscalYearQuarters(g.Year, fyEndMonth)
}

// Event is a dated milestone worth marking on charts.
type Event struct {
	Date     time.Time
	Provider string // empty for industry-wide events
	Title    string
	Source   Source
}

// DefinitionKind says what a change does to comparisons across it.
type DefinitionKind string

// The kinds of change in definitions.csv.
const (
	// KindDefinition changes what a metric covers (a segment recast): a
	// figure before it and one after are on different bases, and no growth,
	// sum or margin is computed across it unless both are on one basis.
	KindDefinition DefinitionKind = "definition"
	// KindEstimate changes an accounting estimate (server useful lives): it
	// moves the figures and is marked and noted, but what the metric covers
	// is the same, so comparisons across it remain valid.
	KindEstimate DefinitionKind = "estimate"
)

// Definition records a change in what a metric means from a quarter on:
// a segment recast, a change in server useful lives, and the like.
type Definition struct {
	Provider string
	Quarter  Quarter
	Metrics  []Metric // empty means every metric
	Kind     DefinitionKind
	Title    string
	Detail   string
	Source   Source
}

// Affects reports whether the definition change touches metric m.
func (d Definition) Affects(m Metric) bool {
	return len(d.Metrics) == 0 || slices.Contains(d.Metrics, m)
}

// Breaks reports whether the change puts metric m on a new basis, so that
// figures on either side of it are not comparable: a change of kind
// definition that affects m.
func (d Definition) Breaks(m Metric) bool { return d.Kind == KindDefinition && d.Affects(m) }

type figureKey struct {
	provider string
	metric   Metric
	quarter  Quarter
}

// Dataset is the loaded, validated data. Its methods never modify it.
type Dataset struct {
	origin      string
	providers   []Provider
	figures     []Figure
	primary     map[figureKey]int  // index into figures: the series value
	alternate   map[figureKey]int  // the other basis, where both exist
	reported    map[figureKey]bool // provider and metric with any value; quarter zero
	annual      []Annual
	guidance    []Guidance
	events      []Event
	definitions []Definition
	first, last Quarter
	// From the user's data directory (LoadUpdated): the figures in effect,
	// the filings they were read from, and how far each source reaches.
	updated                  []Figure
	filings                  []Filing
	bundledLast, updatedLast Quarter
}

// Origin says where the data came from: "bundled" or the --data directory.
func (d *Dataset) Origin() string { return d.origin }

// Providers returns the providers in file order.
func (d *Dataset) Providers() []Provider { return slices.Clone(d.providers) }

// Provider returns the provider with the given id.
func (d *Dataset) Provider(id string) (Provider, bool) {
	for _, p := range d.providers {
		if p.ID == id {
			return p, true
		}
	}
	return Provider{}, false
}

// ProviderIDs returns the provider ids in file order.
func (d *Dataset) ProviderIDs() []string {
	ids := make([]string, len(d.providers))
	for i, p := range d.providers {
		ids[i] = p.ID
	}
	return ids
}

// First returns the earliest quarter with any figure.
func (d *Dataset) First() Quarter { return d.first }

// Last returns the latest quarter with any figure.
func (d *Dataset) Last() Quarter { return d.last }

// Quarters returns every quarter from First to Last.
func (d *Dataset) Quarters() []Quarter {
	var qs []Quarter
	for q := d.first; !d.last.Before(q); q = q.Next() {
		qs = append(qs, q)
	}
	return qs
}

// Figures returns every row, in file order, including gaps and both bases.
func (d *Dataset) Figures() []Figure { return slices.Clone(d.figures) }

// Figure returns the figure a chart uses for (provider, metric, quarter):
// the latest basis the company published, so a series is as comparable as
// the company made it. ok is false when there is no row at all.
func (d *Dataset) Figure(provider string, m Metric, q Quarter) (Figure, bool) {
	i, ok := d.primary[figureKey{provider, m, q}]
	if !ok {
		return Figure{}, false
	}
	return d.figures[i], true
}

// Alternate returns the figure on the other basis, where the company
// published two (for example as first reported, before a recast).
func (d *Dataset) Alternate(provider string, m Metric, q Quarter) (Figure, bool) {
	i, ok := d.alternate[figureKey{provider, m, q}]
	if !ok {
		return Figure{}, false
	}
	return d.figures[i], true
}

// Value returns the series value, with ok false when it is missing.
func (d *Dataset) Value(provider string, m Metric, q Quarter) (USDMillions, bool) {
	f, ok := d.Figure(provider, m, q)
	if !ok || f.Missing {
		return 0, false
	}
	return f.Value, true
}

// Reports says whether the provider states metric m for any quarter.
func (d *Dataset) Reports(provider string, m Metric) bool {
	return d.reported[figureKey{provider: provider, metric: m}]
}

// LatestWith returns the latest quarter for which every provider has metric m.
func (d *Dataset) LatestWith(m Metric) (Quarter, bool) {
	for q := d.last; !q.Before(d.first); q = q.Prev() {
		all := true
		for _, p := range d.providers {
			if _, ok := d.Value(p.ID, m, q); !ok {
				all = false
				break
			}
		}
		if all {
			return q, true
		}
	}
	return Quarter{}, false
}

// Count returns the number of figures with a value.
func (d *Dataset) Count() int {
	n := 0
	for _, f := range d.figures {
		if !f.Missing {
			n++
		}
	}
	return n
}

// LatestGuidance returns the most recent statement with a dollar range for
// a provider's year, fiscal or calendar, whichever the company spoke of
// (Microsoft has guided both ways).
func (d *Dataset) LatestGuidance(provider string, year int) (Guidance, bool) {
	var best Guidance
	found := false
	for _, g := range d.guidance {
		if g.Provider == provider && g.Year == year && g.HasRange && (!found || !g.Announced.Before(best.Announced)) {
			best, found = g, true
		}
	}
	return best, found
}

// Guides returns every guidance statement, in file order.
func (d *Dataset) Guides() []Guidance { return slices.Clone(d.guidance) }

// Events returns the milestones, oldest first.
func (d *Dataset) Events() []Event { return slices.Clone(d.events) }

// Definitions returns the definition changes, oldest first.
func (d *Dataset) Definitions() []Definition { return slices.Clone(d.definitions) }

// DefinitionsAt returns the definition changes that take effect at q for a
// provider and metric.
func (d *Dataset) DefinitionsAt(provider string, m Metric, q Quarter) []Definition {
	var out []Definition
	for _, def := range d.definitions {
		if def.Provider == provider && def.Quarter == q && def.Affects(m) {
			out = append(out, def)
		}
	}
	return out
}
