package data

import (
	"fmt"
	"math"
)

// na is how every absent figure reads: never a zero.
const na = "n/a"

// FormatUSD writes an amount in billions with one decimal: $35.1B, -$0.2B.
func FormatUSD(v USDMillions, ok bool) string {
	if !ok {
		return na
	}
	return signedDollars(v.Billions(), 1) + "B"
}

// FormatPercent writes a fraction as a percentage with one decimal: 0.346
// is 34.6%.
func FormatPercent(f float64, ok bool) string {
	if !ok {
		return na
	}
	return fmt.Sprintf("%.1f%%", f*100)
}

// FormatChange writes a change with its sign: 0.09 is +9.0%.
func FormatChange(f float64, ok bool) string {
	if !ok {
		return na
	}
	return fmt.Sprintf("%+.1f%%", f*100)
}

// FormatRatio writes dollars per dollar: 0.99 is $0.99.
func FormatRatio(f float64, ok bool) string {
	if !ok {
		return na
	}
	return signedDollars(f, 2)
}

// FormatRank writes a rank, 1 for the largest: #1; 0 means no rank.
func FormatRank(r int) string {
	if r == 0 {
		return na
	}
	return fmt.Sprintf("#%d", r)
}

// FormatGuidance writes a guidance statement's amount: a range ($175-185B)
// or a point (~$200B), and for a company whose fiscal year is not the
// calendar year, which year it means.
func FormatGuidance(g Guidance, p Provider) string {
	s := fmt.Sprintf("$%.0f-%.0fB", g.Low.Billions(), g.High.Billions())
	if g.Low == g.High {
		s = fmt.Sprintf("~$%.0fB", g.High.Billions())
	}
	switch {
	case p.FYEndMonth == 12:
	case g.Calendar:
		s += " calendar"
	default:
		s += " fiscal"
	}
	return s
}

// Format writes v, given in the unit's raw terms (USD millions, or a
// fraction), as the unit reads.
func (u Unit) Format(v float64, ok bool) string {
	switch u {
	case USD:
		return FormatUSD(USDMillions(v), ok)
	case Ratio:
		return FormatRatio(v, ok)
	case Growth:
		return FormatChange(v, ok)
	}
	return FormatPercent(v, ok)
}

// Tick writes an axis label for v, in the unit's raw terms, with as many
// decimals as the step between labels needs: $8B, $1.5B, 30%, 2.5%, $0.25.
func (u Unit) Tick(v, step float64) string {
	switch u {
	case USD:
		return signedDollars(v/1000, decimals(step/1000)) + "B"
	case Ratio:
		return signedDollars(v, decimals(step))
	}
	d := decimals(step * 100)
	return fmt.Sprintf("%.*f%%", d, roundTo(v*100, d))
}

// signedDollars writes v dollars with d decimals, the sign before the $.
func signedDollars(v float64, d int) string {
	v = roundTo(v, d)
	if v < 0 {
		return fmt.Sprintf("-$%.*f", d, -v)
	}
	return fmt.Sprintf("$%.*f", d, v)
}

// roundTo rounds v to d decimals, so that a value a hair below zero
// never reads "-0".
func roundTo(v float64, d int) float64 {
	p := math.Pow10(d)
	r := math.Round(v*p) / p
	if r == 0 {
		return 0
	}
	return r
}

// decimals is the fewest decimals that write step exactly: 0 for 8, 1 for
// 1.5, 2 for 0.25.
func decimals(step float64) int {
	step = math.Abs(step)
	for d := 0; d < 6; d++ {
		s := step * math.Pow10(d)
		if math.Abs(s-math.Round(s)) < 1e-6*math.Max(1, s) {
			return d
		}
	}
	return 6
}
