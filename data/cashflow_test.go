package data

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
)

// csvFigures reads quarterly.csv's reported rows straight from the file,
// with no help from the loader: the figures the tests below compute by
// hand. A key is "provider quarter metric".
func csvFigures(t *testing.T) map[string]float64 {
	t.Helper()
	f, err := os.Open("quarterly.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string]float64{}
	for _, row := range rows[1:] {
		if row[col["basis"]] != "reported" || row[col["value_usd_m"]] == "" {
			continue
		}
		v, err := strconv.ParseFloat(row[col["value_usd_m"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[row[col["provider"]]+" "+row[col["quarter"]]+" "+row[col["metric"]]] = v
	}
	return out
}

// fig is a figure from csvFigures, failing the test when it is missing.
func fig(t *testing.T, rows map[string]float64, provider, quarter, metric string) float64 {
	t.Helper()
	v, ok := rows[provider+" "+quarter+" "+metric]
	if !ok {
		t.Fatalf("quarterly.csv has no reported %s %s %s", provider, quarter, metric)
	}
	return v
}

func sum4(t *testing.T, rows map[string]float64, provider, metric string, quarters ...string) float64 {
	t.Helper()
	s := 0.0
	for _, q := range quarters {
		s += fig(t, rows, provider, q, metric)
	}
	return s
}

// Free cash flow, capex over depreciation and the cash runway, each
// against the rows of quarterly.csv added up by hand.
func TestCashFlowMeasuresByHand(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	rows := csvFigures(t)
	year := []string{"2024Q4", "2025Q1", "2025Q2", "2025Q3"}
	q := NewQuarter(2025, 3)
	for _, id := range d.ProviderIDs() {
		wantFCF := fig(t, rows, id, "2025Q3", "operating_cash_flow") - fig(t, rows, id, "2025Q3", "capex")
		if v, ok := d.FreeCashFlow(id, Capex, q); !ok || !near(float64(v), wantFCF) {
			t.Errorf("%s 2025Q3 free cash flow = %v, %v; want %v", id, v, ok, wantFCF)
		}
		wantTTM := sum4(t, rows, id, "operating_cash_flow", year...) - sum4(t, rows, id, "capex", year...)
		if v, ok := d.FreeCashFlowTTM(id, Capex, q); !ok || !near(float64(v), wantTTM) {
			t.Errorf("%s TTM free cash flow to 2025Q3 = %v, %v; want %v", id, v, ok, wantTTM)
		}
		wantRunway := fig(t, rows, id+"", "2025Q2", "cash_and_securities") / fig(t, rows, id, "2025Q2", "capex")
		if v, ok := d.CashRunway(id, Capex, q.Prev()); !ok || !near(v, wantRunway) {
			t.Errorf("%s 2025Q2 runway = %v, %v; want %v", id, v, ok, wantRunway)
		}
	}
	ttm := []string{"2024Q3", "2024Q4", "2025Q1", "2025Q2"}
	for _, id := range d.ProviderIDs() {
		want := sum4(t, rows, id, "capex", ttm...) / sum4(t, rows, id, "depreciation_amortization", ttm...)
		if v, ok := d.CapexToDepreciation(id, Capex, NewQuarter(2025, 2)); !ok || !near(v, want) {
			t.Errorf("%s capex/D&A to 2025Q2 = %v, %v; want %v", id, v, ok, want)
		}
	}
	// Microsoft states no depreciation for 2025Q3: n/a, saying so.
	if why := d.CapexToDepreciationReason("microsoft", Capex, q); why != "no depreciation & amortization figure for 2025Q3" {
		t.Errorf("Microsoft capex/D&A 2025Q3 reason = %q", why)
	}
	if why := d.CashRunwayReason("amazon", CapexInclFinanceLeases, q); why != "Amazon does not state capex incl. finance leases" {
		t.Errorf("Amazon runway on the lease basis: reason = %q", why)
	}
}

// Amazon's trailing free cash flow (operating cash flow less purchases)
// went negative in 2021 and back above zero in 2023: the run found is the
// one the rows give.
func TestNegativeFreeCashFlowByHand(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	rows := csvFigures(t)
	ttm := func(q Quarter) (float64, bool) {
		s := 0.0
		for i := -3; i <= 0; i++ {
			r := q.Add(i).String()
			ocf, ok1 := rows["amazon "+r+" operating_cash_flow"]
			cx, ok2 := rows["amazon "+r+" capex"]
			if !ok1 || !ok2 {
				return 0, false
			}
			s += ocf - cx
		}
		return s, true
	}
	var from, last Quarter
	for q := NewQuarter(2019, 4); !NewQuarter(2024, 4).Before(q); q = q.Next() {
		v, ok := ttm(q)
		if !ok || v >= 0 {
			if !from.IsZero() && last.IsZero() {
				last = q.Prev()
			}
			continue
		}
		if from.IsZero() {
			from = q
		}
	}
	if from.IsZero() || last.IsZero() {
		t.Fatal("the rows show no finished run of negative free cash flow for Amazon; the test needs one")
	}
	gotFrom, gotLast, ok := d.NegativeFreeCashFlow("amazon", Capex, NewQuarter(2024, 4))
	if !ok || gotFrom != from || gotLast != last {
		t.Errorf("Amazon's latest negative run = %v-%v, %v; by hand %v-%v", gotFrom, gotLast, ok, from, last)
	}
	if f, l, ok := d.NegativeFreeCashFlow("amazon", Capex, last); !ok || f != from || l != last {
		t.Errorf("at %v the run is %v-%v, %v; want it to end there", last, f, l, ok)
	}
}

// Guidance arithmetic on the basis each company guides on.
func TestImpliedByHand(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	rows := csvFigures(t)
	q := NewQuarter(2026, 1)

	// Amazon guides net of proceeds and incentives: about $200B for 2026.
	net := fig(t, rows, "amazon", "2026Q1", "capex_net")
	im, why := d.ImpliedAt("amazon", q)
	if why != "" || im.Guidance.Basis != GuidanceNet || !near(float64(im.Spent), net) || !near(float64(im.High), (200000-net)/3) {
		t.Errorf("Amazon 2026Q1: %+v, %q; want %v spent net and %v a quarter", im, why, net, (200000-net)/3)
	}
	want := "$43.2B in Q1 of about $200B guided for 2026; $52.3B a quarter implied for Q2–Q4"
	if got := FormatImplied(im); got != want {
		t.Errorf("Amazon 2026Q1 reads %q, want %q", got, want)
	}

	// Alphabet raised its range with Q1's results: $180-190B, purchases.
	cx := fig(t, rows, "alphabet", "2026Q1", "capex")
	im, why = d.ImpliedAt("alphabet", q)
	if why != "" || !near(float64(im.Low), (180000-cx)/3) || !near(float64(im.High), (190000-cx)/3) {
		t.Errorf("Alphabet 2026Q1: %+v, %q", im, why)
	}
	if got := FormatImplied(im); !strings.HasSuffix(got, "; $48.1-51.4B a quarter implied for Q2–Q4") {
		t.Errorf("Alphabet 2026Q1 reads %q", got)
	}

	// Microsoft guided calendar 2026 including finance leases: Q1's
	// figure on that basis, not its cash additions, is what was spent.
	leasesQ1 := fig(t, rows, "microsoft", "2026Q1", "capex_incl_finance_leases")
	im, why = d.ImpliedAt("microsoft", q)
	if why != "" || im.Guidance.High != 190000 || im.Year != "calendar 2026" || !near(float64(im.Spent), leasesQ1) || !near(float64(im.High), (190000-leasesQ1)/3) {
		t.Errorf("Microsoft 2026Q1: %+v, %q; want %v spent incl. finance leases", im, why, leasesQ1)
	}

	// Microsoft's fiscal 2025 ($80B) at calendar 2024Q4, its FY2025 Q2.
	leases := fig(t, rows, "microsoft", "2024Q3", "capex_incl_finance_leases") + fig(t, rows, "microsoft", "2024Q4", "capex_incl_finance_leases")
	im, why = d.ImpliedAt("microsoft", NewQuarter(2024, 4))
	if why != "" || !near(float64(im.Spent), leases) || !near(float64(im.High), (80000-leases)/2) || im.DoneLabel != "Q1–Q2" || im.LeftLabel != "Q3–Q4" || im.Year != "FY2025" {
		t.Errorf("Microsoft 2024Q4: %+v, %q", im, why)
	}

	// A finished year sets the year's spending against the guide.
	im, why = d.ImpliedFor("amazon", 2025, NewQuarter(2025, 4))
	if got := FormatImplied(im); why != "" || got != "$128.3B in 2025 against about $125B guided" {
		t.Errorf("Amazon 2025 at 2025Q4 reads %q, %q", got, why)
	}
	if _, why := d.ImpliedAt("microsoft", NewQuarter(2025, 3)); why == "" {
		t.Error("Microsoft gave no fiscal 2026 figure: nothing is implied at 2025Q3")
	}
}

func TestUnitsRead(t *testing.T) {
	tests := []struct{ got, want string }{
		{Multiple.Format(2.46, true), "2.5×"},
		{Quarters.Format(2.46, true), "2.5 qtrs"},
		{Quarters.Format(0, false), "n/a"},
		{Multiple.Tick(1.5, 0.5), "1.5×"},
		{USD.FormatBetween(24300, 43200), "+$18.9B, +77.8%"},
		{USD.FormatBetween(-5000, 3000), "+$8.0B"},
		{USD.FormatBetween(5000, -3000), "-$8.0B"},
		{Fraction.FormatBetween(0.346, 0.377), "+3.1 pts"},
		{Growth.FormatBetween(0.5, 0.25), "-25.0 pts"},
		{Ratio.FormatBetween(0.8, 1.0), "+25.0%"},
		{Multiple.FormatBetween(0, 1.0), "n/a"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
