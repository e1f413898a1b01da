package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
)

// marginCharts: the segment's operating margin; the whole company's capex
// per dollar of the segment's revenue, and per dollar of all its revenue;
// capex against the depreciation it becomes.
var marginCharts = []string{"margin", "capex_per_revenue", "capex_intensity", "depreciation"}

// marginPanel sets cloud margins beside the spending that sustains them
// and the depreciation that spending turns into.
type marginPanel struct {
	board
	chart string
}

func newMarginPanel(sh *shared) panel {
	return &marginPanel{board: newBoard(sh, "margin"), chart: marginCharts[0]}
}

// Charts implements panel.
func (p *marginPanel) Charts() []string { return marginCharts }

// Chart implements panel.
func (p *marginPanel) Chart() string { return p.chart }

// SetChart implements panel.
func (p *marginPanel) SetChart(name string) bool {
	if !slices.Contains(marginCharts, name) {
		return false
	}
	p.chart = name
	return true
}

// Metrics implements panel.
func (p *marginPanel) Metrics() []data.Metric {
	switch p.chart {
	case "margin":
		return []data.Metric{data.CloudRevenue, data.CloudOperatingIncome}
	case "depreciation":
		return []data.Metric{data.DepreciationAmortization, p.sh.basis}
	case "capex_intensity":
		return []data.Metric{p.sh.basis, data.Revenue, data.CloudRevenue}
	}
	return []data.Metric{p.sh.basis, data.CloudRevenue, data.Revenue}
}

// Notes implements panel.
func (p *marginPanel) Notes(q data.Quarter) []string { return p.notesOf(p.readout(q)) }

// QuarterAt implements panel.
func (p *marginPanel) QuarterAt(col int) (data.Quarter, bool) { return p.quarterAt(col) }

// The charts' titles, measures (a column's name in a word or two) and
// units.
var (
	marginTitles = map[string]string{
		"margin":            "Cloud segment operating margin",
		"capex_per_revenue": "Company capex per $1 of cloud revenue, TTM",
		"capex_intensity":   "Capex intensity (capex / revenue), TTM",
		"depreciation":      "Capex / D&A, TTM",
	}
	marginMeasures = map[string]string{"margin": "margin", "capex_per_revenue": "capex/cloud rev",
		"capex_intensity": "capex/revenue", "depreciation": "capex/D&A"}
	marginUnits = map[string]data.Unit{"margin": data.Fraction, "capex_per_revenue": data.Ratio,
		"capex_intensity": data.Fraction, "depreciation": data.Multiple}
)

// value is the chart's figure for a provider at q.
func (p *marginPanel) value(id string, q data.Quarter) (float64, bool) {
	d, basis := p.sh.d, p.sh.basis
	switch p.chart {
	case "capex_per_revenue":
		return d.CapexPerCloudRevenue(id, basis, q)
	case "capex_intensity":
		return d.CapexIntensity(id, basis, q)
	case "depreciation":
		return d.CapexToDepreciation(id, basis, q)
	}
	return d.CloudMargin(id, q)
}

// why says why value is n/a.
func (p *marginPanel) why(id string, q data.Quarter) string {
	d, basis := p.sh.d, p.sh.basis
	switch p.chart {
	case "capex_per_revenue":
		return d.CapexPerCloudRevenueReason(id, basis, q)
	case "capex_intensity":
		return d.CapexIntensityReason(id, basis, q)
	case "depreciation":
		return d.CapexToDepreciationReason(id, basis, q)
	}
	return d.CloudMarginReason(id, q)
}

// View implements panel.
func (p *marginPanel) View() string {
	sh := p.sh
	title := marginTitles[p.chart]
	if p.chart != "margin" {
		title += " · " + sh.basisLabel()
	}
	// Mark the changes to what the chart divides: the intensity's two
	// figures are company-wide, so a segment recast does not touch it.
	marked := p.Metrics()
	if p.chart == "capex_intensity" {
		marked = marked[:2]
	}
	marks, ticks := sh.definitionMarks(marked...)
	title += markLegend(marks, ticks)
	return p.draw(drawing{
		title: title,
		key:   p.chart + sh.viewKey(),
		plot: func(w int) plot {
			pl := sh.quarterPlot(w, marginUnits[p.chart], p.value)
			pl.marks, pl.ticks = append(pl.marks, marks...), ticks
			return pl
		},
		readout: p.readout,
		summary: p.Summary,
		measure: marginMeasures[p.chart], unit: marginUnits[p.chart], value: p.value, why: p.why,
	})
}

func (p *marginPanel) readout(q data.Quarter) readout {
	switch p.chart {
	case "margin":
		return p.marginReadout(q)
	case "depreciation":
		return p.depreciationReadout(q)
	}
	return p.capexReadout(q)
}

// marginReadout: each segment's margin, the margin a year before on the
// same segment definition, its revenue and its growth.
func (p *marginPanel) marginReadout(q data.Quarter) readout {
	sh := p.sh
	r := readout{header: []string{q.String(), "margin", "year before", "cloud rev", "rev YoY", "fiscal"}}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		m, okM := sh.d.CloudMargin(pr.ID, q)
		_, then, whyT := sh.d.CloudMarginThen(pr.ID, q, 4)
		rev, okR := sh.d.Value(pr.ID, data.CloudRevenue, q)
		g, okG := sh.d.YoY(pr.ID, data.CloudRevenue, q)
		r.na(okM, pr.Name, "margin", func() string { return sh.d.CloudMarginReason(pr.ID, q) })
		if okM {
			r.na(whyT == "", pr.Name, "year before", func() string { return whyT })
		}
		r.na(okR, pr.Name, "cloud rev", func() string { return sh.d.ValueReason(pr.ID, data.CloudRevenue, q) })
		r.na(okG, pr.Name, "rev YoY", func() string { return sh.d.GrowthReason(pr.ID, data.CloudRevenue, q, 4) })
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name+" "+pr.CloudSegment),
			{text: data.FormatPercent(m, okM), style: sh.th.Title}, {text: data.FormatPercent(then, whyT == ""), style: sh.th.Muted},
			{text: data.FormatUSD(rev, okR), style: sh.th.Title}, changeCell(sh.th, g, okG),
			{text: fiscalText(pr, q), style: sh.th.Muted}})
	}
	r.notes = sh.notes(q, data.CloudRevenue, data.CloudOperatingIncome)
	return r
}

// capexReadout sets capex against the cloud segment's revenue and against
// the whole company's, and says which is which.
func (p *marginPanel) capexReadout(q data.Quarter) readout {
	sh := p.sh
	r := readout{header: []string{q.String(), "capex/cloud rev", "capex/revenue", "fiscal"}}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		c, okC := sh.d.CapexPerCloudRevenue(pr.ID, sh.basis, q)
		t, okT := sh.d.CapexIntensity(pr.ID, sh.basis, q)
		r.na(okC, pr.Name, "capex/cloud rev", func() string { return sh.d.CapexPerCloudRevenueReason(pr.ID, sh.basis, q) })
		r.na(okT, pr.Name, "capex/revenue", func() string { return sh.d.CapexIntensityReason(pr.ID, sh.basis, q) })
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name),
			{text: data.FormatRatio(c, okC), style: sh.th.Title}, {text: data.FormatPercent(t, okT), style: sh.th.Title},
			{text: fiscalText(pr, q), style: sh.th.Muted}})
	}
	r.legend = "capex/cloud rev: the whole company's capex per $1 of one segment's (the cloud's) revenue; capex/revenue: against all its revenue"
	r.notes = sh.notes(q, sh.basis, data.CloudRevenue, data.Revenue)
	return r
}

// depreciationReadout: depreciation against capex, quarterly and over four
// quarters, and the server useful-life changes near q that move it.
func (p *marginPanel) depreciationReadout(q data.Quarter) readout {
	sh := p.sh
	r := readout{header: []string{q.String(), "D&A", "capex", "D&A TTM", "capex TTM", "capex/D&A", "fiscal"}}
	da, basis := data.DepreciationAmortization, sh.basis
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		dq, okDQ := sh.d.Value(pr.ID, da, q)
		cq, okCQ := sh.d.Value(pr.ID, basis, q)
		dt, okDT := sh.d.TTM(pr.ID, da, q)
		ct, okCT := sh.d.TTM(pr.ID, basis, q)
		x, okX := sh.d.CapexToDepreciation(pr.ID, basis, q)
		r.na(okDQ, pr.Name, "D&A", func() string { return sh.d.ValueReason(pr.ID, da, q) })
		r.na(okCQ, pr.Name, "capex", func() string { return sh.d.ValueReason(pr.ID, basis, q) })
		r.na(okDT, pr.Name, "D&A TTM", func() string { return sh.d.TTMReason(pr.ID, da, q) })
		r.na(okCT, pr.Name, "capex TTM", func() string { return sh.d.TTMReason(pr.ID, basis, q) })
		r.na(okX, pr.Name, "capex/D&A", func() string { return sh.d.CapexToDepreciationReason(pr.ID, basis, q) })
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name),
			{text: data.FormatUSD(dq, okDQ), style: sh.th.Title}, {text: data.FormatUSD(cq, okCQ), style: sh.th.Muted},
			{text: data.FormatUSD(dt, okDT), style: sh.th.Title}, {text: data.FormatUSD(ct, okCT), style: sh.th.Muted},
			{text: data.FormatMultiple(x, okX), style: sh.th.Title}, {text: fiscalText(pr, q), style: sh.th.Muted}})
	}
	r.lead = sh.estimatesNear(q, 4, da)
	r.notes = sh.notes(q, da, basis)
	return r
}

// Summary implements panel: the margins, and what the chart showing sets
// against what.
func (p *marginPanel) Summary(q data.Quarter) []string {
	d := p.sh.d
	pct := func(v float64) string { return data.FormatPercent(v, true) }
	have, missing := rank(d, q, d.CloudMargin, d.CloudMarginReason)
	var out []string
	if len(have) == 0 {
		out = append(out, fmt.Sprintf("No cloud margin for %s is in the data.", q)+missingNote(missing, "cloud margin"))
	} else {
		s := fmt.Sprintf("In %s %s had the widest cloud operating margin, %s", q, have[0].name, pct(have[0].value))
		if len(have) > 1 {
			s += ", against " + others(have[1:], pct)
		}
		out = append(out, s+"."+missingNote(missing, "cloud margin"))
		// A year earlier on the same segment definition, or not at all.
		if _, then, why := d.CloudMarginThen(have[0].id, q, 4); why == "" {
			out = append(out, fmt.Sprintf("A year earlier %s's margin was %s.", have[0].name, pct(then)))
		} else {
			out = append(out, fmt.Sprintf("%s's margin a year earlier does not compare: %s.", have[0].name, why))
		}
	}
	switch p.chart {
	case "capex_per_revenue", "capex_intensity":
		out = append(out, p.capexSummary(q)...)
	case "depreciation":
		out = append(out, p.depreciationSummary(q)...)
	}
	return out
}

// capexSummary says what each company's capex is against one segment's
// revenue, and against all of it.
func (p *marginPanel) capexSummary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	spend, missing := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.CapexPerCloudRevenue(id, basis, q) },
		func(id string, q data.Quarter) string { return d.CapexPerCloudRevenueReason(id, basis, q) })
	if len(spend) == 0 {
		return []string{strings.TrimPrefix(missingNote(missing, "company capex per dollar of cloud revenue"), " ")}
	}
	s := fmt.Sprintf("Over the four quarters to %s %s's whole-company capex came to %s for every dollar its cloud segment earned",
		q, spend[0].name, data.FormatRatio(spend[0].value, true))
	switch {
	case len(spend) == len(d.Providers()):
		s += ", the most of all"
	case len(spend) > 1:
		s += fmt.Sprintf(", the most of the %d with both figures", len(spend))
	}
	s += "; that sets the whole company's spending against one segment's revenue."
	out := []string{s + missingNote(missing, "company capex per dollar of cloud revenue")}
	if t, ok := d.CapexIntensity(spend[0].id, basis, q); ok {
		out = append(out, fmt.Sprintf("Against all its revenue, like with like, %s's capex was %s.", spend[0].name, data.FormatPercent(t, true)))
	} else {
		out = append(out, fmt.Sprintf("%s's capex against all its revenue is n/a: %s.", spend[0].name, d.CapexIntensityReason(spend[0].id, basis, q)))
	}
	return out
}

// depreciationSummary says how far capex runs ahead of depreciation.
func (p *marginPanel) depreciationSummary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	have, missing := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.CapexToDepreciation(id, basis, q) },
		func(id string, q data.Quarter) string { return d.CapexToDepreciationReason(id, basis, q) })
	if len(have) == 0 {
		return []string{strings.TrimPrefix(missingNote(missing, "capex/D&A"), " ")}
	}
	x := func(v float64) string { return data.FormatMultiple(v, true) }
	s := fmt.Sprintf("Over the four quarters to %s %s spent %s its depreciation and amortization on property and equipment", q, have[0].name, x(have[0].value))
	if len(have) > 1 {
		s += ", against " + others(have[1:], x)
	}
	return []string{s + ": spending that will come back as depreciation." + missingNote(missing, "capex/D&A")}
}
