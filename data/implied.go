package data

import (
	"fmt"
	"slices"
	"time"
)

// Implied is the arithmetic of a year's guidance at a quarter: what the
// provider spent in the year's quarters so far, on the basis it guides on,
// and the quarterly run-rate the guidance leaves for the rest of the year.
type Implied struct {
	Guidance Guidance
	// Year names the guided year as the company speaks of it: "2026",
	// "FY2025", "calendar 2026".
	Year string
	// Done are the year's quarters up to the one asked about; Left the
	// quarters still to come. Each is in the company's own numbering for
	// the guided year (Q1 of FY2025 is calendar 2024Q3).
	Done, Left []Quarter
	DoneLabel  string // "Q1", "Q1–Q3"
	LeftLabel  string // "Q2–Q4"; empty when the year is over
	Spent      USDMillions
	// Low and High are the run-rate implied for each quarter left: what
	// the guidance's low and high leave, spread evenly.
	Low, High USDMillions
}

// guidanceKnownBy is when a reader knew a quarter's results, and with
// them the guidance given alongside: within the quarter after it.
func guidanceKnownBy(q Quarter) time.Time { return q.Add(2).Start() }

// ImpliedAt returns the arithmetic of the latest guidance with a dollar
// figure that covers quarter q, as known once q's results were out. why
// says why there is none, or why nothing is implied: no such guidance,
// or a quarter of the year with no figure on the guidance's basis (then
// the Guidance is still set, so a reader can be told what was guided).
func (d *Dataset) ImpliedAt(provider string, q Quarter) (Implied, string) {
	p, ok := d.Provider(provider)
	if !ok {
		return Implied{}, fmt.Sprintf("unknown provider %q", provider)
	}
	var best Guidance
	found := false
	for _, g := range d.guidance {
		if g.Provider != provider || !g.HasRange || !g.Announced.Before(guidanceKnownBy(q)) {
			continue
		}
		qs := g.Quarters(p.FYEndMonth)
		if slices.Contains(qs[:], q) && (!found || !g.Announced.Before(best.Announced)) {
			best, found = g, true
		}
	}
	if !found {
		return Implied{}, fmt.Sprintf("%s had given no full-year figure for the year of %s by then", p.Name, q)
	}
	return d.implied(p, best, q)
}

// ImpliedFor is ImpliedAt for the guidance of a named year (fiscal or
// calendar, whichever the company spoke of), at quarter q; a q after the
// year looks at the whole year.
func (d *Dataset) ImpliedFor(provider string, year int, q Quarter) (Implied, string) {
	p, ok := d.Provider(provider)
	if !ok {
		return Implied{}, fmt.Sprintf("unknown provider %q", provider)
	}
	g, ok := d.GuidanceAsOf(provider, year, guidanceKnownBy(q))
	if !ok {
		return Implied{}, fmt.Sprintf("%s had given no full-year figure for %d by %s", p.Name, year, q)
	}
	return d.implied(p, g, q)
}

func (d *Dataset) implied(p Provider, g Guidance, q Quarter) (Implied, string) {
	qs := g.Quarters(p.FYEndMonth)
	im := Implied{Guidance: g, Year: guidedYear(g, p)}
	if q.Before(qs[0]) {
		return im, fmt.Sprintf("%s starts after %s", im.Year, q)
	}
	fyEnd := p.FYEndMonth
	if g.Calendar {
		fyEnd = 12
	}
	for _, r := range qs {
		if q.Before(r) {
			im.Left = append(im.Left, r)
		} else {
			im.Done = append(im.Done, r)
		}
	}
	im.DoneLabel = quarterRun(im.Done, fyEnd)
	im.LeftLabel = quarterRun(im.Left, fyEnd)
	spent, why := d.summed(p.ID, g.Basis.Actuals(), im.Done)
	if why != "" {
		return im, why
	}
	im.Spent = spent
	if n := USDMillions(len(im.Left)); n > 0 {
		im.Low, im.High = (g.Low-spent)/n, (g.High-spent)/n
	}
	return im, ""
}

// guidedYear names a guided year as the company speaks of it.
func guidedYear(g Guidance, p Provider) string {
	switch {
	case p.FYEndMonth == 12:
		return fmt.Sprint(g.Year)
	case g.Calendar:
		return fmt.Sprintf("calendar %d", g.Year)
	}
	return fmt.Sprintf("FY%d", g.Year)
}

// quarterRun writes a run of one year's quarters in the year's own
// numbering: Q1, Q2–Q4.
func quarterRun(qs []Quarter, fyEndMonth int) string {
	if len(qs) == 0 {
		return ""
	}
	_, first := FiscalQuarter(qs[0], fyEndMonth)
	_, last := FiscalQuarter(qs[len(qs)-1], fyEndMonth)
	if first == last {
		return fmt.Sprintf("Q%d", first)
	}
	return fmt.Sprintf("Q%d–Q%d", first, last)
}
