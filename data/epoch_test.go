package data

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// The recast fixture is modelled on the two segment recasts in the data.
// Microsoft's Intelligent Cloud is redefined from 2024Q3 (FY2025); its
// revenue for 2023Q3-2024Q2 is also restated onto the new definition, its
// operating income only for 2024Q1-Q2. Alphabet's Google Cloud operating
// income is redefined from 2023Q1 and restated for 2022Q1-Q2 only, so
// 2022Q3-Q4 exist only as first reported.
func loadRecast(t testing.TB, withoutRecasts bool) *Dataset {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"providers.csv", "quarterly.csv", "definitions.csv", "annual.csv"} {
		b, err := os.ReadFile("testdata/recast/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "quarterly.csv" && withoutRecasts {
			var kept []string
			for _, l := range strings.SplitAfter(string(b), "\n") {
				if !strings.Contains(l, ",recast,") {
					kept = append(kept, l)
				}
			}
			b = []byte(strings.Join(kept, ""))
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	d, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEpochs(t *testing.T) {
	d := loadRecast(t, false)
	tests := []struct {
		metric Metric
		q      Quarter
		basis  Basis
		want   int
	}{
		{CloudRevenue, NewQuarter(2024, 2), Reported, 0},
		{CloudRevenue, NewQuarter(2024, 2), Recast, 1},
		{CloudRevenue, NewQuarter(2024, 3), Reported, 1},
		// A change of kind estimate moves no figure onto another epoch.
		{DepreciationAmortization, NewQuarter(2024, 1), Reported, 0},
	}
	for _, tt := range tests {
		f, ok := d.figureOn("microsoft", tt.metric, tt.q, tt.basis)
		if !ok || f.Epoch != tt.want {
			t.Errorf("%s %s %s: epoch %d (%v), want %d", tt.metric, tt.q, tt.basis, f.Epoch, ok, tt.want)
		}
	}
}

// A chart series is on one basis between definition changes: recast
// figures where they continue the quarters after them, and as first
// reported before that.
func TestSeriesIsOnOneBasis(t *testing.T) {
	d := loadRecast(t, false)
	tests := []struct {
		provider string
		metric   Metric
		q        Quarter
		want     Basis
		value    USDMillions
	}{
		{"microsoft", CloudRevenue, NewQuarter(2023, 2), Reported, 23000},
		{"microsoft", CloudRevenue, NewQuarter(2023, 3), Recast, 20000},
		{"microsoft", CloudRevenue, NewQuarter(2024, 2), Recast, 23000},
		{"microsoft", CloudOperatingIncome, NewQuarter(2023, 4), Reported, 11500},
		{"microsoft", CloudOperatingIncome, NewQuarter(2024, 1), Recast, 9500},
		// Google Cloud's 2022Q1-Q2 recast is not followed by recast
		// quarters: the series draws 2022 as first reported throughout.
		{"alphabet", CloudOperatingIncome, NewQuarter(2022, 1), Reported, 100},
		{"alphabet", CloudOperatingIncome, NewQuarter(2022, 2), Reported, 110},
	}
	for _, tt := range tests {
		f, _ := d.Figure(tt.provider, tt.metric, tt.q)
		if f.Basis != tt.want || f.Value != tt.value {
			t.Errorf("%s %s %s series = %v %s, want %v %s", tt.provider, tt.metric, tt.q, f.Value, f.Basis, tt.value, tt.want)
		}
	}
	if alt, ok := d.Alternate("alphabet", CloudOperatingIncome, NewQuarter(2022, 1)); !ok || alt.Value != 150 {
		t.Errorf("the recast figure is kept as the alternate: %+v", alt)
	}
	breaks := []struct {
		provider string
		metric   Metric
		q        Quarter
		want     string
	}{
		{"microsoft", CloudRevenue, NewQuarter(2023, 3), "across Microsoft's FY2025 segment recast"},
		{"microsoft", CloudRevenue, NewQuarter(2024, 3), ""},
		{"microsoft", CloudOperatingIncome, NewQuarter(2024, 1), "across Microsoft's FY2025 segment recast"},
		{"microsoft", DepreciationAmortization, NewQuarter(2024, 1), ""},
		{"alphabet", CloudOperatingIncome, NewQuarter(2023, 1), "across Alphabet's 2023 Google Cloud recast"},
		{"alphabet", CloudOperatingIncome, NewQuarter(2022, 3), ""},
	}
	for _, tt := range breaks {
		why, ok := d.BreakAt(tt.provider, tt.metric, tt.q)
		if why != tt.want || ok != (tt.want != "") {
			t.Errorf("BreakAt %s %s %s = %q, %v; want %q", tt.provider, tt.metric, tt.q, why, ok, tt.want)
		}
	}
}

// No growth, sum or margin compares figures on either side of a definition
// change unless restated figures put both sides on one definition.
func TestNoComparisonAcrossADefinitionChange(t *testing.T) {
	with, without := loadRecast(t, false), loadRecast(t, true)
	const recast = "across Microsoft's FY2025 segment recast"
	type result struct {
		v   float64
		ok  bool
		why string
	}
	tests := []struct {
		name          string
		get           func(d *Dataset) result
		with, without result
	}{
		{"cloud revenue YoY 2024Q3", func(d *Dataset) result {
			v, ok := d.YoY("microsoft", CloudRevenue, NewQuarter(2024, 3))
			return result{v, ok, d.GrowthReason("microsoft", CloudRevenue, NewQuarter(2024, 3), 4)}
		}, result{24000.0/20000 - 1, true, ""}, result{0, false, recast}},
		{"cloud revenue YoY 2025Q2", func(d *Dataset) result {
			v, ok := d.YoY("microsoft", CloudRevenue, NewQuarter(2025, 2))
			return result{v, ok, ""}
		}, result{27600.0/23000 - 1, true, ""}, result{0, false, ""}},
		// The series figure of 2024Q2 is restated, but 2023Q2 exists only as
		// first reported: growth is taken on that basis at both ends.
		{"cloud revenue YoY 2024Q2", func(d *Dataset) result {
			v, ok := d.YoY("microsoft", CloudRevenue, NewQuarter(2024, 2))
			return result{v, ok, ""}
		}, result{27000.0/23000 - 1, true, ""}, result{27000.0/23000 - 1, true, ""}},
		{"cloud revenue TTM 2024Q3", func(d *Dataset) result {
			v, ok := d.TTM("microsoft", CloudRevenue, NewQuarter(2024, 3))
			return result{float64(v), ok, d.TTMReason("microsoft", CloudRevenue, NewQuarter(2024, 3))}
		}, result{21000 + 22000 + 23000 + 24000, true, ""}, result{0, false, recast}},
		{"cloud revenue TTM growth 2025Q2", func(d *Dataset) result {
			v, ok := d.TTMGrowth("microsoft", CloudRevenue, NewQuarter(2025, 2), 4)
			return result{v, ok, d.TTMGrowthReason("microsoft", CloudRevenue, NewQuarter(2025, 2), 4)}
		}, result{(24000.0+25200+26400+27600)/(20000+21000+22000+23000) - 1, true, ""}, result{0, false, recast}},
		{"calendar 2024", func(d *Dataset) result {
			v, n := d.CalendarYear("microsoft", CloudRevenue, 2024)
			return result{float64(v), n == 4, d.CalendarYearReason("microsoft", CloudRevenue, 2024)}
		}, result{22000 + 23000 + 24000 + 25200, true, ""}, result{0, false, recast}},
		// 2023's last quarter is restated, its first is not: the year is
		// summed as first reported.
		{"calendar 2023", func(d *Dataset) result {
			v, n := d.CalendarYear("microsoft", CloudRevenue, 2023)
			return result{float64(v), n == 4, ""}
		}, result{22000 + 23000 + 24000 + 25000, true, ""}, result{22000 + 23000 + 24000 + 25000, true, ""}},
		{"cumulative", func(d *Dataset) result {
			v, ok := d.Cumulative("microsoft", CloudRevenue, NewQuarter(2023, 1), NewQuarter(2025, 2))
			return result{float64(v), ok, d.SumReason("microsoft", CloudRevenue, NewQuarter(2023, 1), NewQuarter(2025, 2))}
		}, result{0, false, recast}, result{0, false, recast}},
		// Income is restated for 2024Q1-Q2 only: a year on from 2023Q4 there
		// is no income figure on the new definition to compare with.
		{"margin a year earlier, 2024Q4", func(d *Dataset) result {
			_, then, why := d.CloudMarginThen("microsoft", NewQuarter(2024, 4), 4)
			return result{then, why == "", why}
		}, result{0, false, recast}, result{0, false, recast}},
		{"margin a year earlier, 2025Q1", func(d *Dataset) result {
			_, then, why := d.CloudMarginThen("microsoft", NewQuarter(2025, 1), 4)
			return result{then, why == "", why}
		}, result{9500.0 / 22000, true, ""}, result{0, false, recast}},
		// 2023Q3's series revenue is restated, its income is not: the
		// margin takes both as first reported.
		{"margin 2023Q3", func(d *Dataset) result {
			v, ok := d.CloudMargin("microsoft", NewQuarter(2023, 3))
			return result{v, ok, ""}
		}, result{11000.0 / 24000, true, ""}, result{11000.0 / 24000, true, ""}},
		// A change of kind estimate does not stop a comparison.
		{"depreciation YoY across a useful-life change", func(d *Dataset) result {
			v, ok := d.YoY("microsoft", DepreciationAmortization, NewQuarter(2024, 1))
			return result{v, ok, ""}
		}, result{3400.0/3000 - 1, true, ""}, result{3400.0/3000 - 1, true, ""}},
		// Google Cloud: 2023Q1 is compared with 2022Q1 as restated; 2023Q3
		// has no restated 2022Q3 to compare with.
		{"Google Cloud income YoY 2023Q1", func(d *Dataset) result {
			v, ok := d.YoY("alphabet", CloudOperatingIncome, NewQuarter(2023, 1))
			return result{v, ok, ""}
		}, result{200.0/150 - 1, true, ""}, result{0, false, ""}},
		{"Google Cloud income YoY 2023Q3", func(d *Dataset) result {
			v, ok := d.YoY("alphabet", CloudOperatingIncome, NewQuarter(2023, 3))
			return result{v, ok, d.GrowthReason("alphabet", CloudOperatingIncome, NewQuarter(2023, 3), 4)}
		}, result{0, false, "across Alphabet's 2023 Google Cloud recast"}, result{0, false, "across Alphabet's 2023 Google Cloud recast"}},
		{"Google Cloud income QoQ 2022Q3", func(d *Dataset) result {
			v, ok := d.QoQ("alphabet", CloudOperatingIncome, NewQuarter(2022, 3))
			return result{v, ok, ""}
		}, result{120.0/110 - 1, true, ""}, result{120.0/110 - 1, true, ""}},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			label string
			d     *Dataset
			want  result
		}{{"with recast rows", with, tt.with}, {"without", without, tt.without}} {
			got := tt.get(c.d)
			if got.ok != c.want.ok || (got.ok && !near(got.v, c.want.v)) || (c.want.why != "" && got.why != c.want.why) {
				t.Errorf("%s, %s: got %v, %v, %q; want %v, %v, %q", tt.name, c.label, got.v, got.ok, got.why, c.want.v, c.want.ok, c.want.why)
			}
		}
	}
}

// The measures the table command prints say why a value is n/a.
func TestMeasureReasons(t *testing.T) {
	d := loadRecast(t, true)
	m, err := MeasureNamed("cloud_revenue_yoy")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []Quarter{NewQuarter(2024, 3), NewQuarter(2025, 2)} {
		v, ok := m.At(d, "microsoft", q)
		if got := m.Format(v, ok); got != "n/a" {
			t.Errorf("%s = %s, want n/a", q, got)
		}
		if why := m.Reason(d, "microsoft", q); why != "across Microsoft's FY2025 segment recast" {
			t.Errorf("%s reason = %q", q, why)
		}
	}
	if why := m.Reason(d, "microsoft", NewQuarter(2023, 1)); why != "no cloud revenue figure for 2022Q1" {
		t.Errorf("reason for a missing base = %q", why)
	}
	f := loadFixture(t)
	raw, _ := MeasureNamed("capex_incl_finance_leases")
	if why := raw.Reason(f, "amazon", NewQuarter(2024, 4)); why != "Amazon does not state capex incl. finance leases" {
		t.Errorf("reason for a metric not stated = %q", why)
	}
	// Every measure has a reason exactly where it is n/a.
	bundled, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*Dataset{d, f, bundled} {
		for _, m := range Measures() {
			for _, p := range d.ProviderIDs() {
				for _, q := range d.Quarters() {
					v, ok := m.At(d, p, q)
					if why := m.Reason(d, p, q); ok != (why == "") {
						t.Errorf("%s %s %s: At gives %v, %v but Reason %q", m.Name, p, q, v, ok, why)
					}
				}
			}
		}
	}
}

func TestReconcileByBasis(t *testing.T) {
	probs, checked, _ := loadRecast(t, false).Reconcile()
	if len(probs) != 0 || checked != 2 {
		t.Errorf("reported and restated FY2024 totals: %v, %d checked", probs, checked)
	}
}
