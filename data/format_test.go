package data

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{FormatUSD(35_079, true), "$35.1B"},
		{FormatUSD(-216, true), "-$0.2B"},
		{FormatUSD(0, false), "n/a"},
		{FormatPercent(0.3456, true), "34.6%"},
		{FormatChange(0.09, true), "+9.0%"},
		{FormatChange(-0.238, true), "-23.8%"},
		{FormatRatio(0.55, true), "$0.55"},
		{FormatRank(2), "#2"},
		{FormatRank(0), "n/a"},
		{Ratio.Format(0.99, true), "$0.99"},
		{USD.Tick(8000, 8000), "$8B"},
		{USD.Tick(4500, 1500), "$4.5B"},
		{USD.Tick(-6000, 6000), "-$6B"},
		{Fraction.Tick(0.3, 0.15), "30%"},
		{Growth.Tick(-1e-17, 0.3), "0%"},
		{Fraction.Tick(0.025, 0.025), "2.5%"},
		{Ratio.Tick(0.25, 0.25), "$0.25"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestFormatGuidance(t *testing.T) {
	calendarFY := Provider{FYEndMonth: 12}
	juneFY := Provider{FYEndMonth: 6}
	tests := []struct {
		g    Guidance
		p    Provider
		want string
	}{
		{Guidance{Low: 175_000, High: 185_000}, calendarFY, "$175-185B"},
		{Guidance{Low: 200_000, High: 200_000}, calendarFY, "~$200B"},
		{Guidance{Low: 80_000, High: 80_000}, juneFY, "~$80B fiscal"},
		{Guidance{Low: 190_000, High: 190_000, Calendar: true}, juneFY, "~$190B calendar"},
	}
	for _, tt := range tests {
		if got := FormatGuidance(tt.g, tt.p); got != tt.want {
			t.Errorf("FormatGuidance(%v) = %q, want %q", tt.g, got, tt.want)
		}
	}
}
