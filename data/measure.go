package data

import (
	"fmt"
	"slices"
	"strings"
)

// Unit says how a measure's values read.
type Unit int

// The units of measures.
const (
	USD      Unit = iota // USD millions
	Fraction             // 0.25 is 25%
	Growth               // a change: 0.25 is +25%
	Ratio                // dollars per dollar
	Multiple             // times: 2.5 is 2.5×
	Quarters             // a count of quarters: 2.5 is 2.5 quarters
)

// Measure is a number per provider and quarter: a reported metric or one
// derived from them. The table command and the story captions use these.
type Measure struct {
	Name string
	// Label names the measure in plain words ("capex growth, year on
	// year"), lower case so it also reads inside a sentence.
	Label string
	Unit  Unit
	// Description says in a sentence or two what the measure is, and what
	// it sets against what.
	Description string
	At          func(d *Dataset, provider string, q Quarter) (float64, bool)
	// Reason says why At is n/a ("across Microsoft's FY2025 segment
	// recast"), or returns "" when it is not.
	Reason func(d *Dataset, provider string, q Quarter) string
	// TTM and TTMReason sum an amount over the four quarters to q, on one
	// definition; nil for a measure that does not add up over quarters
	// (a ratio, a balance).
	TTM       func(d *Dataset, provider string, q Quarter) (float64, bool)
	TTMReason func(d *Dataset, provider string, q Quarter) string
}

type measureFunc = func(d *Dataset, provider string, q Quarter) (float64, bool)
type reasonFunc = func(d *Dataset, provider string, q Quarter) string

func rawMeasure(m Metric, desc string) Measure {
	ms := Measure{Name: string(m), Label: m.Label(), Unit: USD, Description: desc,
		At: func(d *Dataset, p string, q Quarter) (float64, bool) {
			v, ok := d.Value(p, m, q)
			return float64(v), ok
		},
		Reason: func(d *Dataset, p string, q Quarter) string { return d.ValueReason(p, m, q) }}
	if !m.IsBalance() {
		ms.TTM = func(d *Dataset, p string, q Quarter) (float64, bool) {
			v, ok := d.TTM(p, m, q)
			return float64(v), ok
		}
		ms.TTMReason = func(d *Dataset, p string, q Quarter) string { return d.TTMReason(p, m, q) }
	}
	return ms
}

func derived(name, label string, unit Unit, desc string, at measureFunc, why reasonFunc) Measure {
	return Measure{Name: name, Label: label, Unit: unit, Description: desc, At: at, Reason: why}
}

// Measures lists every measure, reported ones first.
func Measures() []Measure {
	ms := []Measure{
		rawMeasure(Capex, "Cash spent on property and equipment (data centres, servers, land), gross: "+
			"before proceeds from sales and incentives, and without finance leases."),
		rawMeasure(CapexInclFinanceLeases, "Capex including assets taken on under finance leases, as Microsoft "+
			"states it on its earnings calls: well above its cash purchases."),
		rawMeasure(CapexNet, "Purchases of property and equipment minus proceeds from property and equipment "+
			"sales and incentives: the basis of Amazon's guidance."),
		rawMeasure(CloudRevenue, "Revenue of the cloud segment (AWS, Intelligent Cloud, Google Cloud); "+
			"what each segment covers differs between companies and changes with recasts."),
		rawMeasure(CloudOperatingIncome, "Operating income of the cloud segment, after the costs the company allocates to it."),
		rawMeasure(Revenue, "Total revenue of the whole company."),
		rawMeasure(OperatingIncome, "Operating income of the whole company."),
		rawMeasure(OperatingCashFlow, "Net cash provided by operating activities: the cash the business generates before it invests."),
		rawMeasure(DepreciationAmortization, "Depreciation and amortization from the cash-flow statement: "+
			"what past capex costs each quarter as it wears out."),
		rawMeasure(CashAndSecurities, "Cash, cash equivalents and marketable securities at the quarter's end: "+
			"a balance, never summed over quarters."),
		derived("cloud_margin", "cloud operating margin", Fraction,
			"Cloud segment operating income as a share of cloud segment revenue, both on one segment definition.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.CloudMargin(p, q) },
			func(d *Dataset, p string, q Quarter) string { return d.CloudMarginReason(p, q) }),
		derived("capex_qoq", "capex growth, quarter on quarter", Growth,
			"Change in purchases of property and equipment on the previous quarter.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.QoQ(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.GrowthReason(p, Capex, q, 1) }),
		derived("capex_yoy", "capex growth, year on year", Growth,
			"Change in purchases of property and equipment on the same quarter a year earlier.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.YoY(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.GrowthReason(p, Capex, q, 4) }),
		derived("cloud_revenue_yoy", "cloud revenue growth, year on year", Growth,
			"Change in cloud segment revenue on the same quarter a year earlier; n/a across a segment "+
				"recast unless both quarters are on the new definition.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.YoY(p, CloudRevenue, q) },
			func(d *Dataset, p string, q Quarter) string { return d.GrowthReason(p, CloudRevenue, q, 4) }),
		derived("capex_share", "share of combined capex", Fraction,
			"The company's share of the purchases of property and equipment of all the providers shown, in the quarter.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.Share(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.ShareReason(p, Capex, q) }),
		derived("capex_per_cloud_revenue", "company capex per dollar of cloud revenue", Ratio,
			"Trailing-twelve-month capex of the whole company per dollar of trailing-twelve-month revenue of "+
				"one segment, the cloud. It sets company-wide spending against one segment's revenue, so it "+
				"overstates what the cloud business spends per dollar it earns; capex_intensity compares like with like.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.CapexPerCloudRevenue(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.CapexPerCloudRevenueReason(p, Capex, q) }),
		derived("capex_intensity", "capex intensity (capex / revenue)", Fraction,
			"Trailing-twelve-month capex as a share of trailing-twelve-month total revenue: company-wide "+
				"spending against company-wide revenue.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.CapexIntensity(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.CapexIntensityReason(p, Capex, q) }),
		derived("capex_to_ocf", "capex / operating cash flow", Fraction,
			"Trailing-twelve-month capex as a share of trailing-twelve-month operating cash flow: how much of "+
				"the cash the business generates goes back into property and equipment.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.CapexToOperatingCashFlow(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.CapexToOperatingCashFlowReason(p, Capex, q) }),
		fcf,
		derived("capex_to_da", "capex / depreciation & amortization", Multiple,
			"Trailing-twelve-month purchases of property and equipment over trailing-twelve-month depreciation and "+
				"amortization: how far spending runs ahead of the depreciation it will become. Above 1× the asset "+
				"base grows, and depreciation with it.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.CapexToDepreciation(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.CapexToDepreciationReason(p, Capex, q) }),
		derived("cash_runway_quarters", "quarters of capex the cash covers", Quarters,
			"Cash, cash equivalents and marketable securities at the quarter's end over the quarter's purchases "+
				"of property and equipment: how many quarters of spending at that rate the cash would pay for "+
				"if the business made no cash at all.",
			func(d *Dataset, p string, q Quarter) (float64, bool) { return d.CashRunway(p, Capex, q) },
			func(d *Dataset, p string, q Quarter) string { return d.CashRunwayReason(p, Capex, q) }),
	}
	return ms
}

// fcf is free cash flow: it adds up over quarters, so it has a TTM.
var fcf = Measure{Name: "fcf", Label: "free cash flow (operating cash flow − capex)", Unit: USD,
	Description: "Operating cash flow minus purchases of property and equipment: the cash the business made after " +
		"what it put into property and equipment. One definition for every company; Amazon's own subtracts capex " +
		"net of proceeds and incentives, so it reads higher.",
	At: func(d *Dataset, p string, q Quarter) (float64, bool) {
		v, ok := d.FreeCashFlow(p, Capex, q)
		return float64(v), ok
	},
	Reason: func(d *Dataset, p string, q Quarter) string { return d.FreeCashFlowReason(p, Capex, q) },
	TTM: func(d *Dataset, p string, q Quarter) (float64, bool) {
		v, ok := d.FreeCashFlowTTM(p, Capex, q)
		return float64(v), ok
	},
	TTMReason: func(d *Dataset, p string, q Quarter) string { return d.FreeCashFlowTTMReason(p, Capex, q) },
}

// MeasureNamed returns the measure called name, or an error listing the
// valid names.
func MeasureNamed(name string) (Measure, error) {
	ms := Measures()
	i := slices.IndexFunc(ms, func(m Measure) bool { return m.Name == name })
	if i < 0 {
		names := make([]string, len(ms))
		for j, m := range ms {
			names[j] = m.Name
		}
		return Measure{}, fmt.Errorf("unknown metric %q; choose one of %s", name, strings.Join(names, ", "))
	}
	return ms[i], nil
}

// Format writes a value in the measure's unit (see Unit.Format).
func (m Measure) Format(v float64, ok bool) string { return m.Unit.Format(v, ok) }
