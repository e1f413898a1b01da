package ui

import (
	"math"
	"testing"
)

func TestScale(t *testing.T) {
	tests := []struct {
		lo, hi float64
		rows   int
	}{
		{-30, 107, 11}, {0, 60, 11}, {-50, 45, 2}, {-50, 45, 0}, {0, 0, 10}, {-1, -0.5, 6}, {0, 1e-9, 8}, {0, 1e12, 55},
		{math.NaN(), 3, 10}, {0, math.Inf(1), 10},
	}
	for _, tt := range tests {
		base, step := scale(tt.lo, tt.hi, tt.rows)
		if math.IsNaN(tt.lo) || math.IsInf(tt.hi, 0) {
			if base != 0 || step != 1 {
				t.Errorf("scale(%v, %v) = %v, %v; want a default", tt.lo, tt.hi, base, step)
			}
			continue
		}
		rows := max(tt.rows, 1)
		// Each row holds the values within half a step of its middle.
		bottom, top := base-step/2, base+(float64(rows)-0.5)*step
		if bottom > min(tt.lo, 0) || top <= max(tt.hi, 0) || step <= 0 {
			t.Errorf("scale(%v, %v, %d) = rows %v..%v, which do not hold the data and zero", tt.lo, tt.hi, tt.rows, bottom, top)
		}
		if !isMultiple(base, step) {
			t.Errorf("scale(%v, %v, %d): the bottom row, %v, is not a whole number of steps (%v), so zero has no row of its own", tt.lo, tt.hi, tt.rows, base, step)
		}
	}
	// 0..60 in 11 rows, a label every second row: steps of 15 would need
	// 60 < 10.5 * 7.5, which holds; 10 would not.
	if base, step := scale(0, 60, 11); base != 0 || step != 7.5 {
		t.Errorf("scale(0, 60, 11) = %v, %v; want 0, 7.5 (labels every 15)", base, step)
	}
}
