package data

import (
	"fmt"
	"strconv"
	"time"
)

// Quarter is a calendar quarter such as 2025Q3. The zero value is not a
// valid quarter; use ParseQuarter or NewQuarter.
type Quarter struct {
	Year int
	Q    int // 1..4
}

// NewQuarter returns the quarter q of year.
func NewQuarter(year, q int) Quarter { return Quarter{Year: year, Q: q} }

// ParseQuarter parses the form 2025Q3 (also 2025q3).
func ParseQuarter(s string) (Quarter, error) {
	if len(s) != 6 || (s[4] != 'Q' && s[4] != 'q') {
		return Quarter{}, fmt.Errorf("%q is not a quarter like 2025Q3", s)
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1900 {
		return Quarter{}, fmt.Errorf("%q is not a quarter like 2025Q3", s)
	}
	q := int(s[5] - '0')
	if q < 1 || q > 4 {
		return Quarter{}, fmt.Errorf("%q: quarter must be Q1 to Q4", s)
	}
	return Quarter{Year: y, Q: q}, nil
}

// String formats the quarter as 2025Q3.
func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// IsZero reports whether q is the zero Quarter.
func (q Quarter) IsZero() bool { return q.Q == 0 }

// Index counts quarters from year 0, so that differences and ordering are
// plain integer arithmetic.
func (q Quarter) Index() int { return q.Year*4 + q.Q - 1 }

func quarterFromIndex(i int) Quarter { return Quarter{Year: i / 4, Q: i%4 + 1} }

// Add returns the quarter n quarters after q (before it when n < 0).
func (q Quarter) Add(n int) Quarter { return quarterFromIndex(q.Index() + n) }

// Next returns the following quarter.
func (q Quarter) Next() Quarter { return q.Add(1) }

// Prev returns the preceding quarter.
func (q Quarter) Prev() Quarter { return q.Add(-1) }

// Before reports whether q comes before r.
func (q Quarter) Before(r Quarter) bool { return q.Index() < r.Index() }

// Start returns the first day of the quarter, in UTC.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// QuarterOf returns the calendar quarter containing t.
func QuarterOf(t time.Time) Quarter { return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1} }

// FiscalQuarter maps a calendar quarter to a company's fiscal year and
// quarter, given the month its fiscal year ends (12 for calendar years,
// 6 for Microsoft, whose FY2026 Q1 is calendar 2025Q3).
func FiscalQuarter(q Quarter, fyEndMonth int) (year, quarter int) {
	shift := (12 - fyEndMonth) / 3 // quarters the fiscal year runs ahead
	f := q.Add(shift)
	return f.Year, f.Q
}

// FiscalLabel formats the fiscal quarter of q as FY2026Q1.
func FiscalLabel(q Quarter, fyEndMonth int) string {
	y, n := FiscalQuarter(q, fyEndMonth)
	return fmt.Sprintf("FY%dQ%d", y, n)
}

// FiscalYearQuarters returns the four calendar quarters of fiscal year fy.
func FiscalYearQuarters(fy, fyEndMonth int) [4]Quarter {
	shift := (12 - fyEndMonth) / 3
	first := NewQuarter(fy, 1).Add(-shift)
	return [4]Quarter{first, first.Add(1), first.Add(2), first.Add(3)}
}

// ParseQuarterIn parses a quarter and checks the dataset covers it.
func ParseQuarterIn(d *Dataset, s string) (Quarter, error) {
	q, err := ParseQuarter(s)
	if err != nil {
		return q, err
	}
	if q.Before(d.First()) || d.Last().Before(q) {
		return q, fmt.Errorf("quarter %s is outside the data, which runs from %s to %s", q, d.First(), d.Last())
	}
	return q, nil
}
