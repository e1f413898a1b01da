package ui

import (
	"math"
	"testing"
)

func TestNiceAxis(t *testing.T) {
	tests := []struct {
		lo, hi float64
		rows   int
	}{
		{-30, 107, 13}, {0, 60, 13}, {-50, 45, 4}, {-50, 45, 0}, {0, 0, 10}, {-1, -0.5, 6}, {0, 1e-9, 8}, {0, 1e12, 57},
		{math.NaN(), 3, 10}, {0, math.Inf(1), 10},
	}
	for _, tt := range tests {
		lo, hi := niceAxis(tt.lo, tt.hi, tt.rows)
		if math.IsNaN(tt.lo) || math.IsInf(tt.hi, 0) {
			if lo != 0 || hi != 1 {
				t.Errorf("niceAxis(%v, %v) = %v, %v; want a default range", tt.lo, tt.hi, lo, hi)
			}
			continue
		}
		if lo > min(tt.lo, 0) || hi < max(tt.hi, 0) || hi <= lo {
			t.Errorf("niceAxis(%v, %v, %d) = %v..%v does not hold the data and zero", tt.lo, tt.hi, tt.rows, lo, hi)
		}
	}
	// Labels every second row land on round numbers: 0..60 in 13 rows has
	// 5.5 label steps of 15.
	if lo, hi := niceAxis(0, 60, 13); lo != 0 || hi != 82.5 {
		t.Errorf("niceAxis(0, 60, 13) = %v, %v; want 0, 82.5 (steps of 15)", lo, hi)
	}
}
