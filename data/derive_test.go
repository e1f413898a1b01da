package data

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestDerived(t *testing.T) {
	d := loadFixture(t)
	q := NewQuarter(2024, 4)
	tests := []struct {
		name string
		got  func() (float64, bool)
		want float64
		ok   bool
	}{
		{"ttm", func() (float64, bool) { v, ok := d.TTM("amazon", Capex, q); return float64(v), ok }, 10000 + 11000 + 12000 + 13000, true},
		{"ttm before data", func() (float64, bool) { v, ok := d.TTM("amazon", Capex, q.Prev()); return float64(v), ok }, 0, false},
		{"yoy", func() (float64, bool) { return d.YoY("amazon", Capex, NewQuarter(2025, 4)) }, 17000.0/13000 - 1, true},
		{"qoq", func() (float64, bool) { return d.QoQ("amazon", Capex, q) }, 13000.0/12000 - 1, true},
		{"yoy without base", func() (float64, bool) { return d.YoY("amazon", Capex, q) }, 0, false},
		{"margin", func() (float64, bool) { return d.CloudMargin("amazon", q) }, 5750.0 / 21500, true},
		{"capex per cloud revenue", func() (float64, bool) { return d.CapexPerCloudRevenue("amazon", Capex, q) }, 46000.0 / (20000 + 20500 + 21000 + 21500), true},
		{"capex to ocf", func() (float64, bool) { return d.CapexToOperatingCashFlow("amazon", Capex, q) }, 46000.0 / (30000 + 31000 + 32000 + 33000), true},
		{"finance lease basis", func() (float64, bool) { v, ok := d.TTM("microsoft", CapexInclFinanceLeases, q); return float64(v), ok }, 5000 + 6000 + 7000 + 8000 + 4*3000, true},
		{"finance lease basis absent", func() (float64, bool) { v, ok := d.TTM("amazon", CapexInclFinanceLeases, q); return float64(v), ok }, 0, false},
		{"cumulative", func() (float64, bool) {
			v, ok := d.Cumulative("meta", Capex, q, NewQuarter(2025, 1))
			return float64(v), ok
		}, 7000 + 8000, true},
		{"cumulative backwards", func() (float64, bool) { v, ok := d.Cumulative("meta", Capex, q, q.Prev()); return float64(v), ok }, 0, false},
		{"ttm growth", func() (float64, bool) { return d.TTMGrowth("amazon", Capex, NewQuarter(2025, 4), 4) }, (14000.0+15000+16000+17000)/46000 - 1, true},
		{"combined", func() (float64, bool) { v, ok := d.Combined(Capex, q); return float64(v), ok }, 13000 + 8000 + 11000 + 7000, true},
	}
	for _, tt := range tests {
		got, ok := tt.got()
		if ok != tt.ok || !near(got, tt.want) {
			t.Errorf("%s = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSharesAddUpToOne(t *testing.T) {
	d := loadFixture(t)
	for _, q := range d.Quarters() {
		sum := 0.0
		for _, id := range d.ProviderIDs() {
			s, ok := d.Share(id, Capex, q)
			if !ok {
				t.Fatalf("share %s %s missing", id, q)
			}
			sum += s
		}
		if !near(sum, 1) {
			t.Errorf("%s shares sum to %v", q, sum)
		}
	}
}

func TestCalendarYear(t *testing.T) {
	d := loadFixture(t)
	v, n := d.CalendarYear("microsoft", Capex, 2025)
	if n != 4 || v != 9000+10000+11000+12000 {
		t.Errorf("calendar 2025 = %v over %d quarters", v, n)
	}
	if _, n := d.CalendarYear("microsoft", Capex, 2026); n != 0 {
		t.Errorf("2026 has %d quarters", n)
	}
	if _, n := d.CalendarYear("alphabet", CloudOperatingIncome, 2025); n != 3 {
		t.Errorf("alphabet 2025 cloud OI has %d quarters, want 3 (one gap)", n)
	}
}

func TestGrowthOnNonPositiveBaseIsMissing(t *testing.T) {
	d := loadFixture(t)
	// Operating income is flat at 20000 in the fixture: growth is exactly 0.
	if g, ok := d.YoY("amazon", OperatingIncome, NewQuarter(2025, 1)); !ok || g != 0 {
		t.Errorf("flat growth = %v, %v", g, ok)
	}
	if _, ok := ratio(1, true, 0, true); ok {
		t.Error("division by zero must be missing")
	}
	if _, ok := ratio(1, true, -5, true); ok {
		t.Error("a negative base must be missing")
	}
}

func TestRanks(t *testing.T) {
	got := Ranks([]float64{5, 9, 1, 7}, []bool{true, true, true, false})
	want := []int{2, 1, 3, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Ranks = %v, want %v", got, want)
		}
	}
	if got := Ranks([]float64{3, 3}, []bool{true, true}); got[0] != 1 || got[1] != 1 {
		t.Errorf("ties share a rank: %v", got)
	}
}

func TestCombinedTTMAndChange(t *testing.T) {
	d := loadFixture(t)
	// Amazon 46000 + Microsoft 26000 + Alphabet 38000 + Meta 22000.
	if v, ok := d.CombinedTTM(Capex, NewQuarter(2024, 4)); !ok || v != 132000 {
		t.Errorf("combined TTM = %v, %v", v, ok)
	}
	if _, ok := d.CombinedTTM(Capex, NewQuarter(2024, 3)); ok {
		t.Error("combined TTM before four quarters must be missing")
	}
	if c, ok := Change(150, 100); !ok || c != 0.5 {
		t.Errorf("Change = %v, %v", c, ok)
	}
	if _, ok := Change(150, 0); ok {
		t.Error("change from zero must be missing")
	}
}

// Cash and securities is a balance at each quarter's end: it changes from
// quarter to quarter, but it never adds up over them.
func TestBalanceIsNeverSummed(t *testing.T) {
	d := loadFixture(t)
	q := NewQuarter(2025, 4)
	if v, ok := d.Value("amazon", CashAndSecurities, q); !ok || v != 115000 {
		t.Errorf("amazon cash 2025Q4 = %v, %v", v, ok)
	}
	if g, ok := d.YoY("amazon", CashAndSecurities, q); !ok || !near(g, 115000.0/95000-1) {
		t.Errorf("YoY of a balance = %v, %v", g, ok)
	}
	if g, ok := d.QoQ("amazon", CashAndSecurities, q); !ok || !near(g, 115000.0/110000-1) {
		t.Errorf("QoQ of a balance = %v, %v", g, ok)
	}
	if v, ok := d.TTM("amazon", CashAndSecurities, q); ok {
		t.Errorf("TTM of a balance = %v", v)
	}
	if v, ok := d.Cumulative("amazon", CashAndSecurities, NewQuarter(2024, 1), q); ok {
		t.Errorf("cumulative balance = %v", v)
	}
	if v, n := d.CalendarYear("amazon", CashAndSecurities, 2025); n != 0 {
		t.Errorf("calendar-year balance = %v over %d quarters", v, n)
	}
	if _, ok := d.TTMGrowth("amazon", CashAndSecurities, q, 4); ok {
		t.Error("TTM growth of a balance must be missing")
	}
}

// Only Amazon states capex net of proceeds and incentives in the fixture:
// for the others it is absent, as finance-lease capex is for all but
// Microsoft, and nothing is summed or shared across the gap.
func TestMetricAProviderDoesNotState(t *testing.T) {
	d := loadFixture(t)
	q := NewQuarter(2024, 4)
	if !d.Reports("amazon", CapexNet) || d.Reports("microsoft", CapexNet) {
		t.Error("only Amazon states net capex in the fixture")
	}
	if v, ok := d.TTM("amazon", CapexNet, q); !ok || v != 9000+10000+11000+12000 {
		t.Errorf("amazon TTM net capex = %v, %v", v, ok)
	}
	if _, ok := d.Value("microsoft", CapexNet, q); ok {
		t.Error("microsoft has no net capex")
	}
	if _, ok := d.Share("amazon", CapexNet, q); ok {
		t.Error("a share needs every provider's figure")
	}
	if _, ok := d.Combined(CashAndSecurities, q); ok {
		t.Error("combined cash needs every provider's figure")
	}
	if _, ok := d.LatestWith(CapexNet); ok {
		t.Error("no quarter has net capex for every provider")
	}
}
