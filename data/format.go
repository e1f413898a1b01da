package data

import (
	"fmt"
	"math"
	"strings"
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

// guideAmount writes a guidance statement's amount in words that read
// inside a sentence: "about $200B", "$180-190B".
func guideAmount(g Guidance) string {
	if g.Low == g.High {
		return fmt.Sprintf("about $%.0fB", g.High.Billions())
	}
	return fmt.Sprintf("$%.0f-%.0fB", g.Low.Billions(), g.High.Billions())
}

// FormatGuided writes what the guidance of an Implied said, for the year
// it named: "about $190B for calendar 2026".
func FormatGuided(im Implied) string { return guideAmount(im.Guidance) + " for " + im.Year }

// FormatImplied writes the arithmetic of a year's guidance: "$43.2B in Q1
// of about $200B guided for 2026; $52.3B a quarter implied for Q2–Q4".
// Once the year is over it sets the year's spending against the guide.
func FormatImplied(im Implied) string {
	guide := guideAmount(im.Guidance)
	spent := FormatUSD(im.Spent, true)
	if len(im.Left) == 0 {
		return fmt.Sprintf("%s in %s against %s guided", spent, im.Year, guide)
	}
	s := fmt.Sprintf("%s in %s of %s guided for %s; ", spent, im.DoneLabel, guide, im.Year)
	if im.High < 0 {
		return s + fmt.Sprintf("already past the guidance, with %s to come", im.LeftLabel)
	}
	return s + strings.Replace(FormatImpliedRate(im), " for ", " implied for ", 1)
}

// FormatImpliedRate writes the run-rate an Implied leaves for the rest of
// the year: "$52.3B a quarter for Q2–Q4", "$48.1-51.4B a quarter for
// Q2–Q4"; n/a once the year is over.
func FormatImpliedRate(im Implied) string {
	if len(im.Left) == 0 {
		return na
	}
	return fmt.Sprintf("%s a quarter for %s", FormatRate(im), im.LeftLabel)
}

// FormatRate writes the amount an Implied leaves for each quarter still to
// come: $52.3B, or $48.1-51.4B for a range; n/a once the year is over.
func FormatRate(im Implied) string {
	if len(im.Left) == 0 {
		return na
	}
	rate := FormatUSD(im.High, true)
	if im.Low != im.High {
		rate = signedDollars(im.Low.Billions(), 1) + "-" + strings.TrimPrefix(rate, "$")
	}
	return rate
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
	case Multiple:
		return FormatMultiple(v, ok)
	case Quarters:
		return FormatQuarters(v, ok)
	}
	return FormatPercent(v, ok)
}

// FormatMultiple writes how many times one amount is another: 2.46 is
// 2.5×.
func FormatMultiple(f float64, ok bool) string {
	if !ok {
		return na
	}
	return fmt.Sprintf("%.1f×", roundTo(f, 1))
}

// FormatQuarters writes a count of quarters: 2.46 is 2.5 qtrs.
func FormatQuarters(f float64, ok bool) string {
	if !ok {
		return na
	}
	return fmt.Sprintf("%.1f qtrs", roundTo(f, 1))
}

// FormatBetween writes the change from then to now as the unit reads it:
// for a share or a growth rate the difference in percentage points
// (+3.1 pts); for an amount the difference in dollars and, where then is
// positive, as a percentage (+$18.9B, +77.8%); for a ratio, a multiple or
// a count, the relative change (+12.5%), or n/a where then is not
// positive.
func (u Unit) FormatBetween(then, now float64) string {
	switch u {
	case Fraction, Growth:
		return fmt.Sprintf("%+.1f pts", roundTo((now-then)*100, 1))
	case USD:
		s := signedDollars((now-then)/1000, 1) + "B"
		if !strings.HasPrefix(s, "-") {
			s = "+" + s
		}
		if c, ok := Change(USDMillions(now), USDMillions(then)); ok && now >= 0 {
			s += ", " + FormatChange(c, true)
		}
		return s
	}
	c, ok := Change(USDMillions(now), USDMillions(then))
	return FormatChange(c, ok)
}

// Tick writes an axis label for v, in the unit's raw terms, with as many
// decimals as the step between labels needs: $8B, $1.5B, 30%, 2.5%, $0.25.
func (u Unit) Tick(v, step float64) string {
	switch u {
	case USD:
		return signedDollars(v/1000, decimals(step/1000)) + "B"
	case Ratio:
		return signedDollars(v, decimals(step))
	case Multiple:
		return fmt.Sprintf("%.*f×", decimals(step), roundTo(v, decimals(step)))
	case Quarters:
		return fmt.Sprintf("%.*f", decimals(step), roundTo(v, decimals(step)))
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
