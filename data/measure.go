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
)

// Measure is a number per provider and quarter: a reported metric or one
// derived from them. The table command and the story captions use these.
type Measure struct {
	Name        string
	Unit        Unit
	Description string
	At          func(d *Dataset, provider string, q Quarter) (float64, bool)
}

func rawMeasure(m Metric, desc string) Measure {
	return Measure{Name: string(m), Unit: USD, Description: desc, At: func(d *Dataset, p string, q Quarter) (float64, bool) {
		v, ok := d.Value(p, m, q)
		return float64(v), ok
	}}
}

// Measures lists every measure, reported ones first.
func Measures() []Measure {
	ms := []Measure{
		rawMeasure(Capex, "cash purchases of property and equipment"),
		rawMeasure(CapexInclFinanceLeases, "capex including finance leases (Microsoft)"),
		rawMeasure(CloudRevenue, "cloud segment revenue"),
		rawMeasure(CloudOperatingIncome, "cloud segment operating income"),
		rawMeasure(Revenue, "company revenue"),
		rawMeasure(OperatingIncome, "company operating income"),
		rawMeasure(OperatingCashFlow, "company operating cash flow"),
		rawMeasure(DepreciationAmortization, "depreciation and amortization"),
		{"cloud_margin", Fraction, "cloud segment operating margin", func(d *Dataset, p string, q Quarter) (float64, bool) { return d.CloudMargin(p, q) }},
		{"capex_qoq", Growth, "capex growth on the previous quarter", func(d *Dataset, p string, q Quarter) (float64, bool) { return d.QoQ(p, Capex, q) }},
		{"capex_yoy", Growth, "capex growth on the same quarter a year earlier", func(d *Dataset, p string, q Quarter) (float64, bool) { return d.YoY(p, Capex, q) }},
		{"cloud_revenue_yoy", Growth, "cloud revenue growth on a year earlier", func(d *Dataset, p string, q Quarter) (float64, bool) { return d.YoY(p, CloudRevenue, q) }},
		{"capex_share", Fraction, "share of the providers' combined capex", func(d *Dataset, p string, q Quarter) (float64, bool) { return d.Share(p, Capex, q) }},
		{"capex_per_cloud_revenue", Ratio, "TTM capex per dollar of TTM cloud revenue", func(d *Dataset, p string, q Quarter) (float64, bool) {
			return d.CapexPerCloudRevenue(p, Capex, q)
		}},
		{"capex_to_ocf", Fraction, "TTM capex as a share of TTM operating cash flow", func(d *Dataset, p string, q Quarter) (float64, bool) {
			return d.CapexToOperatingCashFlow(p, Capex, q)
		}},
	}
	return ms
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
