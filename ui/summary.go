package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
)

// Summary says in two or three plain sentences what a panel shows at
// quarter q, with the figures computed from the data: for chat, for
// screen readers, and as speaker notes.
func Summary(d *data.Dataset, panel PanelID, q data.Quarter, basis data.Metric) string {
	var s []string
	switch panel {
	case CapexPanel:
		s = capexSummary(d, q, basis)
	case MarginPanel:
		s = marginSummary(d, q, basis)
	default:
		s = escalationSummary(d, q, basis)
	}
	return strings.Join(s, " ")
}

// ranked is one provider's value, for sentences that compare providers.
type ranked struct {
	name  string
	value float64
}

// rank returns the providers with a value at q, largest first, and the
// names of those without one.
func rank(d *data.Dataset, q data.Quarter, f func(id string, q data.Quarter) (float64, bool)) (have []ranked, missing []string) {
	for _, p := range d.Providers() {
		if v, ok := f(p.ID, q); ok {
			have = append(have, ranked{p.Name, v})
		} else {
			missing = append(missing, p.Name)
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
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func missingNote(missing []string, what string, q data.Quarter) string {
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf(" %s's %s for %s is not in the data.", strings.Join(missing, " and "), what, q)
}

func billions(v float64) string { return data.FormatUSD(data.USDMillions(v), true) }
func percent(v float64) string  { return data.FormatPercent(v, true) }
func signed(v float64) string   { return data.FormatChange(v, true) }

func capexSummary(d *data.Dataset, q data.Quarter, basis data.Metric) []string {
	value := func(id string, q data.Quarter) (float64, bool) {
		v, ok := d.Value(id, basis, q)
		return float64(v), ok
	}
	have, missing := rank(d, q, value)
	if len(have) == 0 {
		return []string{fmt.Sprintf("No provider's capex for %s is in the data.", q)}
	}
	out := []string{fmt.Sprintf("In %s %s spent the most on property and equipment: %s", q, have[0].name, billions(have[0].value))}
	if len(have) > 1 {
		out[0] += ", against " + others(have[1:], billions)
	}
	out[0] += "." + missingNote(missing, "capex", q)
	if now, ok := d.CombinedTTM(basis, q); ok {
		if then, ok := d.CombinedTTM(basis, q.Add(-4)); ok {
			if c, ok := data.Change(now, then); ok {
				out = append(out, fmt.Sprintf("Over the four quarters to %s they spent %s together, %s on the year before.", q, billions(float64(now)), signed(c)))
			}
		}
	}
	growth, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.YoY(id, basis, q) })
	if len(growth) > 0 {
		out = append(out, fmt.Sprintf("The biggest step up was %s's: %s on %s.", growth[0].name, signed(growth[0].value), q.Add(-4)))
	}
	return out
}

func marginSummary(d *data.Dataset, q data.Quarter, basis data.Metric) []string {
	have, missing := rank(d, q, d.CloudMargin)
	var out []string
	if len(have) == 0 {
		out = append(out, fmt.Sprintf("No cloud margin for %s is in the data.", q))
	} else {
		s := fmt.Sprintf("In %s %s had the widest cloud operating margin, %s", q, have[0].name, percent(have[0].value))
		if len(have) > 1 {
			s += ", against " + others(have[1:], percent)
		}
		out = append(out, s+"."+missingNote(missing, "cloud margin", q))
		if then, ok := d.CloudMargin(providerID(d, have[0].name), q.Add(-4)); ok {
			out = append(out, fmt.Sprintf("A year earlier %s's margin was %s.", have[0].name, percent(then)))
		}
	}
	spend, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.CapexPerCloudRevenue(id, basis, q) })
	if len(spend) > 0 {
		s := fmt.Sprintf("Over the four quarters to %s %s spent %s on capex for every dollar of cloud revenue", q, spend[0].name, data.FormatRatio(spend[0].value, true))
		switch {
		case len(spend) == len(d.Providers()):
			s += ", the most of all"
		case len(spend) > 1:
			s += fmt.Sprintf(", the most of the %d with both figures", len(spend))
		}
		out = append(out, s+".")
	}
	return out
}

func escalationSummary(d *data.Dataset, q data.Quarter, basis data.Metric) []string {
	var out []string
	growth, missing := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.YoY(id, basis, q) })
	if len(growth) > 0 {
		s := fmt.Sprintf("In %s %s raised capex fastest, %s on a year earlier", q, growth[0].name, signed(growth[0].value))
		if len(growth) > 1 {
			s += ", against " + others(growth[1:], signed)
		}
		out = append(out, s+"."+missingNote(missing, "capex growth", q))
	}
	share, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.Share(id, basis, q) })
	if len(share) > 0 {
		out = append(out, fmt.Sprintf("%s accounts for the largest share of their combined capex, %s.", share[0].name, percent(share[0].value)))
	}
	var guides []string
	for _, p := range d.Providers() {
		if _, ok := d.LatestGuidance(p.ID, d.Last().Year); ok {
			guides = append(guides, fmt.Sprintf("%s %s", p.Name, guidanceText(d, p, d.Last().Year)))
		}
	}
	if len(guides) > 0 {
		out = append(out, fmt.Sprintf("For %d the latest guidance is: %s.", d.Last().Year, strings.Join(guides, "; ")))
	}
	return out
}

func providerID(d *data.Dataset, name string) string {
	for _, p := range d.Providers() {
		if p.Name == name {
			return p.ID
		}
	}
	return ""
}
