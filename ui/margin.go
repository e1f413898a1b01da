package ui

import (
	"fmt"
	"slices"

	"github.com/aicapex/aicapex/data"
)

// marginCharts: the segment's operating margin, and capex per dollar of
// the segment's revenue.
var marginCharts = []string{"margin", "capex_per_revenue"}

// marginPanel sets cloud margins beside the spending that sustains them.
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
	return []data.Metric{data.CloudRevenue, data.CloudOperatingIncome, p.sh.basis}
}

// QuarterAt implements panel.
func (p *marginPanel) QuarterAt(col int) (data.Quarter, bool) { return p.quarterAt(col) }

// View implements panel.
func (p *marginPanel) View() string {
	sh := p.sh
	title := "Cloud segment operating margin"
	if p.chart == "capex_per_revenue" {
		title = "Capex per $1 of cloud revenue, TTM · " + sh.basisLabel()
	}
	marks := sh.definitionMarks(data.CloudRevenue, data.CloudOperatingIncome)
	if len(marks) > 0 {
		title += fmt.Sprintf(" · %c definition change", definitionGlyph)
	}
	return p.draw(drawing{
		title: title,
		key:   p.chart + sh.viewKey(),
		plot: func(w int) plot {
			var pl plot
			if p.chart == "margin" {
				pl = sh.quarterPlot(w, data.Fraction, sh.d.CloudMargin)
			} else {
				pl = sh.quarterPlot(w, data.Ratio, func(id string, q data.Quarter) (float64, bool) {
					return sh.d.CapexPerCloudRevenue(id, sh.basis, q)
				})
			}
			pl.marks = append(pl.marks, marks...)
			return pl
		},
		readout: p.readout,
		summary: p.Summary,
	})
}

func (p *marginPanel) readout(q data.Quarter) readout {
	sh := p.sh
	r := readout{header: []string{q.String(), "margin", "cloud rev", "rev YoY", "capex/rev", "fiscal"}}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		m, okM := sh.d.CloudMargin(pr.ID, q)
		rev, okR := sh.d.Value(pr.ID, data.CloudRevenue, q)
		g, okG := sh.d.YoY(pr.ID, data.CloudRevenue, q)
		c, okC := sh.d.CapexPerCloudRevenue(pr.ID, sh.basis, q)
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name+" "+pr.CloudSegment),
			{text: data.FormatPercent(m, okM), style: sh.th.Title}, {text: data.FormatUSD(rev, okR), style: sh.th.Title},
			changeCell(sh.th, g, okG), {text: data.FormatRatio(c, okC), style: sh.th.Title},
			{text: fiscalText(pr, q), style: sh.th.Muted}})
	}
	r.notes = sh.notes(q, 4, p.Metrics()...)
	return r
}

// Summary implements panel.
func (p *marginPanel) Summary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	pct := func(v float64) string { return data.FormatPercent(v, true) }
	have, missing := rank(d, q, d.CloudMargin)
	var out []string
	if len(have) == 0 {
		out = append(out, fmt.Sprintf("No cloud margin for %s is in the data.", q))
	} else {
		s := fmt.Sprintf("In %s %s had the widest cloud operating margin, %s", q, have[0].name, pct(have[0].value))
		if len(have) > 1 {
			s += ", against " + others(have[1:], pct)
		}
		out = append(out, s+"."+missingNote(missing, "cloud margin", q))
		if then, ok := d.CloudMargin(have[0].id, q.Add(-4)); ok {
			out = append(out, fmt.Sprintf("A year earlier %s's margin was %s.", have[0].name, pct(then)))
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
