package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
)

// Summary says in two or three plain sentences what panel o.Panel shows
// at o.Quarter, and what its chart o.Chart (or its first) shows, with the
// figures computed from the data: for chat, for screen readers, and as
// speaker notes.
func Summary(d *data.Dataset, o Options) string {
	i := panelIndex(o.Panel)
	if i < 0 {
		return ""
	}
	sh := newShared(d, Theme{}, o)
	p := panelKinds[i].new(sh)
	if o.Chart != "" && !p.SetChart(o.Chart) {
		return ""
	}
	return strings.Join(p.Summary(sh.cursor), " ")
}

// ranked is one provider's value, for sentences that compare providers.
type ranked struct {
	id, name string
	value    float64
}

// unranked is a provider without a value, and why.
type unranked struct{ name, why string }

// rank returns the providers with a value at q, largest first, and those
// without one with the reason why gives (nil: no reason asked for).
func rank(d *data.Dataset, q data.Quarter, f func(id string, q data.Quarter) (float64, bool),
	why func(id string, q data.Quarter) string) (have []ranked, missing []unranked) {
	for _, p := range d.Providers() {
		if v, ok := f(p.ID, q); ok {
			have = append(have, ranked{p.ID, p.Name, v})
		} else {
			u := unranked{name: p.Name}
			if why != nil {
				u.why = why(p.ID, q)
			}
			missing = append(missing, u)
		}
	}
	slices.SortStableFunc(have, func(a, b ranked) int {
		switch {
		case a.value > b.value:
			return -1
		case a.value < b.value:
			return 1
		}
		return 0
	})
	return have, missing
}

// others lists the rest after the leader: "$23.9B for Alphabet and $19.4B
// for Microsoft".
func others(rs []ranked, format func(float64) string) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, format(r.value)+" for "+r.name)
	}
	return andList(parts)
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// missingNote says, after a sentence, whose figure is n/a and why:
// " Microsoft's capex/D&A is n/a: no depreciation & amortization figure
// for 2025Q3."
func missingNote(missing []unranked, what string) string {
	var b strings.Builder
	for _, m := range missing {
		fmt.Fprintf(&b, " %s's %s is n/a", m.name, what)
		if m.why != "" {
			b.WriteString(": " + m.why)
		}
		b.WriteString(".")
	}
	return b.String()
}
