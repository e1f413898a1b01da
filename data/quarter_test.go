package data

import (
	"strings"
	"testing"
)

func TestParseQuarter(t *testing.T) {
	tests := []struct {
		in      string
		want    Quarter
		wantErr bool
	}{
		{"2025Q3", NewQuarter(2025, 3), false},
		{"2019q1", NewQuarter(2019, 1), false},
		{"2025Q5", Quarter{}, true},
		{"2025Q0", Quarter{}, true},
		{"25Q3", Quarter{}, true},
		{"2025-3", Quarter{}, true},
		{"", Quarter{}, true},
		{"abcdQ1", Quarter{}, true},
	}
	for _, tt := range tests {
		got, err := ParseQuarter(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseQuarter(%q) = %v, %v; want %v, err %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestQuarterArithmetic(t *testing.T) {
	q := NewQuarter(2024, 4)
	if got := q.Next(); got != NewQuarter(2025, 1) {
		t.Errorf("Next = %v", got)
	}
	if got := NewQuarter(2025, 1).Prev(); got != q {
		t.Errorf("Prev = %v", got)
	}
	if got := q.Add(-8); got != NewQuarter(2022, 4) {
		t.Errorf("Add(-8) = %v", got)
	}
	if !NewQuarter(2022, 4).Before(q) || q.Before(q) {
		t.Error("Before is wrong")
	}
	if got := q.Start().Format("2006-01-02"); got != "2024-10-01" {
		t.Errorf("Start = %s", got)
	}
	if got := QuarterOf(q.Start().AddDate(0, 2, 30)); got != q {
		t.Errorf("QuarterOf(the quarter's last day) = %v", got)
	}
}

func TestFiscalLabel(t *testing.T) {
	tests := []struct {
		q     Quarter
		fyEnd int
		want  string
	}{
		{NewQuarter(2025, 3), 6, "FY2026Q1"},
		{NewQuarter(2025, 2), 6, "FY2025Q4"},
		{NewQuarter(2025, 1), 6, "FY2025Q3"},
		{NewQuarter(2024, 4), 6, "FY2025Q2"},
		{NewQuarter(2025, 3), 12, "FY2025Q3"},
		{NewQuarter(2025, 3), 9, "FY2025Q4"},
	}
	for _, tt := range tests {
		if got := FiscalLabel(tt.q, tt.fyEnd); got != tt.want {
			t.Errorf("FiscalLabel(%v, %d) = %s, want %s", tt.q, tt.fyEnd, got, tt.want)
		}
	}
	qs := FiscalYearQuarters(2026, 6)
	if qs[0] != NewQuarter(2025, 3) || qs[3] != NewQuarter(2026, 2) {
		t.Errorf("FiscalYearQuarters(2026, 6) = %v", qs)
	}
	if qs := FiscalYearQuarters(2024, 12); qs[0] != NewQuarter(2024, 1) || qs[3] != NewQuarter(2024, 4) {
		t.Errorf("FiscalYearQuarters(2024, 12) = %v", qs)
	}
}

func TestParseQuarterIn(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if q, err := ParseQuarterIn(d, "2024q2"); err != nil || q != NewQuarter(2024, 2) {
		t.Errorf("2024q2 = %v, %v", q, err)
	}
	if _, err := ParseQuarterIn(d, "2031Q1"); err == nil || !strings.Contains(err.Error(), "outside the data, which runs from 2019Q1") {
		t.Errorf("2031Q1: %v", err)
	}
}
