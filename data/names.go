package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Names people type for providers and quarters, resolved in one place so
// that flags, stories and the dashboard's prompt take the same ones.

// names are the lower-case names a provider answers to: its id, name,
// ticker and aliases (providers.csv's aliases column: "aws" for Amazon).
func (p Provider) names() []string {
	names := []string{p.ID, strings.ToLower(p.Name)}
	if p.Ticker != "" {
		names = append(names, strings.ToLower(p.Ticker))
	}
	for _, a := range p.Aliases {
		if !slices.Contains(names, a) {
			names = append(names, a)
		}
	}
	return names
}

// ProviderNamed returns the provider called name: its id, name, ticker or
// one of its aliases, in any case ("AWS", "msft", "Google").
func (d *Dataset) ProviderNamed(name string) (Provider, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range d.providers {
		if slices.Contains(p.names(), name) {
			return p, true
		}
	}
	return Provider{}, false
}

// ProviderIDsNamed resolves each name to its provider's id, or fails on
// the first unknown one with the names that are known.
func (d *Dataset) ProviderIDsNamed(names []string) ([]string, error) {
	ids := make([]string, 0, len(names))
	for _, n := range names {
		p, ok := d.ProviderNamed(n)
		if !ok {
			return nil, d.unknownProvider(n)
		}
		if !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	return ids, nil
}

// unknownProvider says a name is no provider's, listing each provider's
// id with the other names it answers to.
func (d *Dataset) unknownProvider(name string) error {
	var choices []string
	for _, p := range d.providers {
		others := slices.DeleteFunc(p.names()[1:], func(n string) bool { return n == p.ID })
		if len(others) > 0 {
			choices = append(choices, fmt.Sprintf("%s (%s)", p.ID, strings.Join(others, ", ")))
		} else {
			choices = append(choices, p.ID)
		}
	}
	return fmt.Errorf("unknown provider %q; choose from %s", strings.TrimSpace(name), strings.Join(choices, ", "))
}

// LookupProvider is ProviderNamed with an error that lists the choices.
func (d *Dataset) LookupProvider(name string) (Provider, error) {
	if p, ok := d.ProviderNamed(name); ok {
		return p, nil
	}
	return Provider{}, d.unknownProvider(name)
}

// fiscalProvider is the provider whose fiscal labels FY2024Q2 names: the
// first whose fiscal year is not the calendar year (Microsoft), else none.
func (d *Dataset) fiscalProvider() (Provider, bool) {
	for _, p := range d.providers {
		if p.FYEndMonth != 12 {
			return p, true
		}
	}
	return Provider{}, false
}

// QuarterForms says which ways of naming a quarter QuarterNamed takes:
// "2023Q1, FY2024Q2 (Microsoft's), 2023 or latest".
func (d *Dataset) QuarterForms() string {
	s := "2023Q1, "
	if p, ok := d.fiscalProvider(); ok {
		s += fmt.Sprintf("FY2024Q2 (%s's), ", p.Name)
	}
	return s + "2023 or latest"
}

// QuarterNamed reads a quarter as people write one: 2023Q1 (or 2023q1);
// a fiscal label such as FY2024Q2, on the calendar of the provider whose
// fiscal year is not the calendar year (Microsoft's: calendar 2023Q4); a
// year, meaning its first quarter in the data; or latest, the latest
// quarter in which every provider reported capex (where the dashboard
// opens). The quarter must be in the data.
func (d *Dataset) QuarterNamed(s string) (Quarter, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "latest") {
		if q, ok := d.LatestWith(Capex); ok {
			return q, nil
		}
		return d.last, nil
	}
	var q Quarter
	switch {
	case len(s) == 4:
		y, err := strconv.Atoi(s)
		if err != nil {
			return q, fmt.Errorf("%q is not a quarter: try %s", s, d.QuarterForms())
		}
		q = NewQuarter(y, 1)
		if q.Before(d.first) && d.first.Year == y {
			q = d.first
		}
	case len(s) == 8 && strings.EqualFold(s[:2], "FY"):
		fq, err := ParseQuarter(s[2:])
		if err != nil {
			return q, fmt.Errorf("%q is not a fiscal label like FY2024Q2", s)
		}
		fyEnd := 12
		if p, ok := d.fiscalProvider(); ok {
			fyEnd = p.FYEndMonth
		}
		q = FiscalYearQuarters(fq.Year, fyEnd)[fq.Q-1]
	default:
		var err error
		if q, err = ParseQuarter(s); err != nil {
			if len(s) == 6 && strings.ContainsAny(s[4:5], "Qq") {
				return q, err // shaped like a quarter: say what is wrong with it
			}
			return q, fmt.Errorf("%q is not a quarter: try %s", s, d.QuarterForms())
		}
	}
	if q.Before(d.first) || d.last.Before(q) {
		return q, fmt.Errorf("%s is outside the data, which runs from %s to %s", s, d.first, d.last)
	}
	return q, nil
}
