package data

import (
	"strings"
	"testing"
)

func TestMeasures(t *testing.T) {
	d := loadFixture(t)
	q := NewQuarter(2024, 4)
	tests := []struct {
		name, provider, want string
	}{
		{"capex", "amazon", "$13.0B"},
		{"cloud_margin", "amazon", "26.7%"},
		{"capex_qoq", "amazon", "+8.3%"},
		{"capex_share", "meta", "17.9%"},
		{"capex_per_cloud_revenue", "amazon", "$0.55"},
		// 46000 over four quarters of 100000 revenue.
		{"capex_intensity", "amazon", "11.5%"},
		{"capex_incl_finance_leases", "amazon", "n/a"},
	}
	for _, tt := range tests {
		m, err := MeasureNamed(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Format(m.At(d, tt.provider, q)); got != tt.want {
			t.Errorf("%s %s = %s, want %s", tt.name, tt.provider, got, tt.want)
		}
	}
	for _, m := range Measures() {
		if m.Label == "" || m.Description == "" || m.At == nil || m.Reason == nil {
			t.Errorf("measure %s lacks a label, description or function", m.Name)
		}
	}
	if _, err := MeasureNamed("capexx"); err == nil || !strings.Contains(err.Error(), "choose one of capex, capex_incl_finance_leases") {
		t.Errorf("unknown measure error = %v", err)
	}
}
