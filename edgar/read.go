package edgar

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aicapex/aicapex/data"
)

// Document is a filing with its parsed XBRL instance.
type Document struct {
	Filing   Filing
	Instance *Instance
}

// URL is the filing's index page on EDGAR: the source_url of its figures.
func (d Document) URL() string { return d.Filing.URL() }

// Reading is what one filing states, as figures for calendar quarters.
type Reading struct {
	Quarter data.Quarter // the filing's own quarter
	// Own are the figures for the filing's own quarter.
	Own []data.Figure
	// Comparatives are earlier quarters from the filing's comparative
	// columns: they serve only to find restatements.
	Comparatives []data.Figure
	// Skipped says, per metric, why the filing gave no figure.
	Skipped []string
}

// errNotTagged means a concept has no fact for the period asked.
var errNotTagged = errors.New("not tagged")

// Figures turns a filing into figures for provider p. prev is the company's
// filing for the quarter before in the same fiscal year, when there is one:
// where doc states a flow only year to date (cash flows often are, and a
// 10-K states only the year), the quarter is doc's figure minus prev's.
func Figures(c Company, p data.Provider, doc Document, prev *Document) (Reading, error) {
	end := doc.Instance.PeriodEnd
	if !isQuarterEnd(end) {
		return Reading{}, fmt.Errorf("its period ends %s, not with a calendar quarter", end.Format(time.DateOnly))
	}
	if prev != nil && !prev.Instance.PeriodEnd.Equal(quarterStart(end).AddDate(0, 0, -1)) {
		return Reading{}, fmt.Errorf("internal: %s is not the filing for the quarter before %s", prev.Filing, doc.Filing)
	}
	q := data.QuarterOf(end)
	r := Reading{Quarter: q}
	start := fiscalYearStart(end, p.FYEndMonth)
	quarter := Period{Start: quarterStart(end), End: end}
	for _, m := range c.Measures {
		f, err := readOwn(c, p, m, doc, prev, start, quarter)
		switch {
		case err != nil:
			r.Skipped = append(r.Skipped, fmt.Sprintf("%s: %v", m.Metric, err))
		default:
			r.Own = append(r.Own, f)
		}
		r.Comparatives = append(r.Comparatives, readComparatives(c, p, m, doc)...)
	}
	return r, nil
}

// readOwn reads one measure for the filing's own quarter: directly from a
// three-month (or balance-sheet) fact, else as year to date minus the
// previous filing's year to date.
func readOwn(c Company, p data.Provider, m Measure, doc Document, prev *Document, fyStart time.Time, quarter Period) (data.Figure, error) {
	q := data.QuarterOf(quarter.End)
	if m.Instant {
		at := Period{End: quarter.End}
		v, parts, err := c.sum(m, doc.Instance.Facts, at)
		if err != nil {
			return data.Figure{}, err
		}
		return c.figure(p, m, q, v, doc.URL(), fmt.Sprintf("at %s %s", at.End.Format(time.DateOnly), tagged(m, parts, doc))), nil
	}
	v, parts, err := c.sum(m, doc.Instance.Facts, quarter)
	if err == nil {
		return c.figure(p, m, q, v, doc.URL(), fmt.Sprintf("three months to %s %s",
			quarter.End.Format(time.DateOnly), tagged(m, parts, doc))), nil
	}
	if !errors.Is(err, errNotTagged) {
		return data.Figure{}, err
	}
	ytd := Period{Start: fyStart, End: quarter.End}
	if ytd.Start.Equal(quarter.Start) {
		return data.Figure{}, err // the first quarter: year to date is the quarter
	}
	total, totalParts, err := c.sum(m, doc.Instance.Facts, ytd)
	if err != nil {
		return data.Figure{}, fmt.Errorf("%w for three months or %s", err, months(ytd))
	}
	if prev == nil {
		return data.Figure{}, fmt.Errorf("stated only for %s, and the filing for the quarter before was not read", months(ytd))
	}
	before := Period{Start: fyStart, End: quarter.Start.AddDate(0, 0, -1)}
	earlier, earlierParts, err := c.sum(m, prev.Instance.Facts, before)
	if err != nil {
		return data.Figure{}, fmt.Errorf("stated only for %s, and %s in %s: %w", months(ytd), months(before), prev.Filing, err)
	}
	note := fmt.Sprintf("derived: %s to %s %s, minus %s to %s %s",
		months(ytd), ytd.End.Format(time.DateOnly), stated(m, totalParts, total, doc),
		months(before), before.End.Format(time.DateOnly), stated(m, earlierParts, earlier, *prev))
	return c.figure(p, m, q, total-earlier, doc.URL(), note), nil
}

// readComparatives reads the measure for the earlier quarters in the
// filing's comparative columns: three-month periods, and balances at
// earlier quarter ends.
func readComparatives(c Company, p data.Provider, m Measure, doc Document) []data.Figure {
	var periods []Period
	for _, f := range doc.Instance.Facts {
		per := f.Period
		if !c.matches(m, m.Terms[0], f) || !per.End.Before(doc.Instance.PeriodEnd) || !isQuarterEnd(per.End) ||
			per.Instant() != m.Instant || (!m.Instant && !per.Start.Equal(quarterStart(per.End))) || slices.Contains(periods, per) {
			continue
		}
		periods = append(periods, per)
	}
	slices.SortFunc(periods, func(a, b Period) int { return a.End.Compare(b.End) })
	var out []data.Figure
	for _, per := range periods {
		v, parts, err := c.sum(m, doc.Instance.Facts, per)
		if err != nil {
			continue
		}
		what := "three months to " + per.End.Format(time.DateOnly)
		if m.Instant {
			what = "at " + per.End.Format(time.DateOnly)
		}
		note := fmt.Sprintf("%s %s, a comparative column", what, tagged(m, parts, doc))
		out = append(out, c.figure(p, m, data.QuarterOf(per.End), v, doc.URL(), note))
	}
	return out
}

func (c Company) figure(p data.Provider, m Measure, q data.Quarter, dollars float64, url, note string) data.Figure {
	return data.Figure{Provider: p.ID, Quarter: q, FiscalLabel: p.FiscalLabel(q), Metric: m.Metric,
		Value: data.USDMillions(dollars / 1e6), Basis: data.Reported,
		Source: data.Source{URL: url, Kind: "xbrl", LineItem: m.LineItem(c), Note: note}}
}

// sum adds up a measure's terms for one period. Every term must be
// tagged; a concept tagged twice for the same context must agree.
func (c Company) sum(m Measure, facts []Fact, per Period) (float64, []float64, error) {
	var total float64
	parts := make([]float64, len(m.Terms))
	for i, t := range m.Terms {
		found := false
		for _, f := range facts {
			if !c.matches(m, t, f) || f.Period != per {
				continue
			}
			if found && f.Value != parts[i] {
				return 0, nil, fmt.Errorf("%s is tagged twice for %s, as %s and %s",
					t.Name(c), per, dollars(parts[i]), dollars(f.Value))
			}
			parts[i], found = f.Value, true
		}
		if !found {
			return 0, nil, fmt.Errorf("%s %w", t.Name(c), errNotTagged)
		}
		if t.Minus {
			total -= parts[i]
		} else {
			total += parts[i]
		}
	}
	return total, parts, nil
}

// matches reports whether f is the term's concept, in dollars, for the
// company as a whole or, for a segment measure, for its cloud segment alone.
func (c Company) matches(m Measure, t Term, f Fact) bool {
	inTaxonomy := isUSGAAP(f.Concept)
	if t.Own {
		inTaxonomy = isExtension(f.Concept)
	}
	if !inTaxonomy || f.Concept.Local != t.Concept || !f.USD || f.Typed {
		return false
	}
	if !m.Segment {
		return len(f.Dims) == 0
	}
	segment := false
	for axis, member := range f.Dims {
		switch {
		case isUSGAAP(axis) && axis.Local == "StatementBusinessSegmentsAxis":
			segment = isExtension(member) && member.Local == c.Segment
		case isSRT(axis) && axis.Local == "ConsolidationItemsAxis" && isUSGAAP(member) && member.Local == "OperatingSegmentsMember":
			// Segment tables under ASU 2023-07 tag a segment's own figure
			// on this axis too; any other axis splits the segment further.
		default:
			return false
		}
	}
	return segment
}

// tagged says where a figure was read, with the arithmetic when the
// measure has more than one term.
func tagged(m Measure, parts []float64, doc Document) string {
	if len(m.Terms) == 1 {
		return "as tagged in " + doc.Filing.String()
	}
	return "in " + doc.Filing.String() + ": " + arithmetic(m, parts)
}

// stated gives a year-to-date figure with its filing, and its arithmetic.
func stated(m Measure, parts []float64, total float64, doc Document) string {
	if len(m.Terms) == 1 {
		return fmt.Sprintf("(%s, %s)", millions(total), doc.Filing)
	}
	return fmt.Sprintf("(%s = %s, %s)", arithmetic(m, parts), millions(total), doc.Filing)
}

func arithmetic(m Measure, parts []float64) string {
	var b strings.Builder
	for i, t := range m.Terms {
		switch {
		case i == 0:
		case t.Minus:
			b.WriteString(" minus ")
		default:
			b.WriteString(" plus ")
		}
		fmt.Fprintf(&b, "%s %s", t.Concept, millions(parts[i]))
	}
	return b.String()
}

// millions writes dollars as the millions the CSV holds.
func millions(dollars float64) string {
	return strconv.FormatFloat(dollars/1e6, 'f', -1, 64)
}

func dollars(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// months names a duration as filings do: three, six, nine or twelve months.
func months(p Period) string {
	n := monthsBetween(p.Start, p.End.AddDate(0, 0, 1))
	switch n {
	case 3:
		return "three months"
	case 6:
		return "six months"
	case 9:
		return "nine months"
	case 12:
		return "twelve months"
	}
	return fmt.Sprintf("%d months", n)
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// isQuarterEnd reports whether t is the last day of a calendar quarter.
func isQuarterEnd(t time.Time) bool {
	return t.AddDate(0, 0, 1).Day() == 1 && t.Month()%3 == 0
}

// quarterStart is the first day of the calendar quarter that ends at end.
func quarterStart(end time.Time) time.Time {
	return time.Date(end.Year(), end.Month()-2, 1, 0, 0, 0, 0, time.UTC)
}

// fiscalYearStart is the first day of the fiscal year containing end, for
// a fiscal year that ends with month fyEndMonth (6 for Microsoft).
func fiscalYearStart(end time.Time, fyEndMonth int) time.Time {
	s := time.Date(end.Year(), time.Month(fyEndMonth%12+1), 1, 0, 0, 0, 0, time.UTC)
	if s.After(end) {
		s = s.AddDate(-1, 0, 0)
	}
	return s
}

// FiscalQuarterNumber is which quarter of its fiscal year a period ending
// at end is, 1 to 4.
func FiscalQuarterNumber(end time.Time, fyEndMonth int) int {
	return monthsBetween(fiscalYearStart(end, fyEndMonth), end.AddDate(0, 0, 1)) / 3
}
