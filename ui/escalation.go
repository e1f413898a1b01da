package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
)

// escalationCharts: growth on a year earlier, share of the combined
// spending, spending since ChatGPT, and capex against operating cash flow.
var escalationCharts = []string{"growth", "share", "cumulative", "cashflow"}

var escalationTitles = map[string]string{
	"growth":     "YoY capex growth",
	"share":      "Share of combined capex",
	"cumulative": "Cumulative capex since ChatGPT",
	"cashflow":   "Capex as % of operating cash flow, TTM",
}

// escalationShort names each chart's measure in the leaders line.
var escalationShort = map[string]string{"growth": "growth", "share": "share", "cumulative": "since ChatGPT", "cashflow": "capex/OCF"}

// escalationPanel shows how the providers push each other to spend more.
type escalationPanel struct {
	board
	chart string
}

func newEscalationPanel(sh *shared) panel {
	return &escalationPanel{board: newBoard(sh, "escalation"), chart: escalationCharts[0]}
}

// Charts implements panel.
func (p *escalationPanel) Charts() []string { return escalationCharts }

// Chart implements panel.
func (p *escalationPanel) Chart() string { return p.chart }

// SetChart implements panel.
func (p *escalationPanel) SetChart(name string) bool {
	if !slices.Contains(escalationCharts, name) {
		return false
	}
	p.chart = name
	return true
}

// Metrics implements panel.
func (p *escalationPanel) Metrics() []data.Metric {
	return []data.Metric{p.sh.basis, data.OperatingCashFlow}
}

// QuarterAt implements panel.
func (p *escalationPanel) QuarterAt(col int) (data.Quarter, bool) { return p.quarterAt(col) }

// eraStart is the quarter cumulative spending counts from.
func (p *escalationPanel) eraStart() data.Quarter {
	if e, ok := p.sh.aiEra(); ok {
		return data.QuarterOf(e.Date)
	}
	return p.sh.d.First()
}

// measure returns the value of a chart for a provider at q, in its unit's
// raw terms.
func (p *escalationPanel) measure(chart, id string, q data.Quarter) (float64, bool) {
	d, basis := p.sh.d, p.sh.basis
	switch chart {
	case "growth":
		return d.YoY(id, basis, q)
	case "share":
		return d.Share(id, basis, q)
	case "cumulative":
		v, ok := d.Cumulative(id, basis, p.eraStart(), q)
		return float64(v), ok
	}
	return d.CapexToOperatingCashFlow(id, basis, q)
}

func escalationUnit(chart string) data.Unit {
	switch chart {
	case "growth":
		return data.Growth
	case "cumulative":
		return data.USD
	}
	return data.Fraction
}

// View implements panel.
func (p *escalationPanel) View() string {
	sh := p.sh
	marks := sh.definitionMarks(p.Metrics()...)
	title := fmt.Sprintf("Escalation · %s · %s", escalationTitles[p.chart], sh.basisLabel())
	if len(marks) > 0 {
		title += fmt.Sprintf(" · %c definition change", definitionGlyph)
	}
	return p.draw(drawing{
		title: title,
		key:   p.chart + sh.viewKey(),
		plot: func(w int) plot {
			pl := sh.quarterPlot(w, escalationUnit(p.chart), func(id string, q data.Quarter) (float64, bool) {
				return p.measure(p.chart, id, q)
			})
			pl.marks = append(pl.marks, marks...)
			return pl
		},
		readout: p.readout,
		summary: p.Summary,
	})
}

func (p *escalationPanel) readout(q data.Quarter) readout {
	sh := p.sh
	provs := sh.providers()
	// Leaders among every provider, shown or not.
	var leaders []string
	for _, c := range escalationCharts {
		vals := make([]float64, len(provs))
		oks := make([]bool, len(provs))
		for i, pr := range provs {
			vals[i], oks[i] = p.measure(c, pr.ID, q)
		}
		if i := slices.Index(data.Ranks(vals, oks), 1); i >= 0 {
			who := provs[i].Ticker
			if who == "" {
				who = provs[i].Name
			}
			leaders = append(leaders, escalationShort[c]+" "+who)
		}
	}
	// Guidance for the years still to come at q, beside the last full year.
	from := q.Year
	if q.Q == 4 {
		from++
	}
	years := sh.guidanceYears(q, from)
	r := readout{header: []string{q.String(), "YoY", "share", "cum.", "capex/OCF"}}
	if len(years) > 0 {
		r.header = append(r.header, fmt.Sprintf("calendar %d", from-1))
		for _, y := range years {
			r.header = append(r.header, fmt.Sprintf("guide %d", y))
		}
	}
	for i, pr := range provs {
		if !sh.visible[i] {
			continue
		}
		g, okG := p.measure("growth", pr.ID, q)
		s, okS := p.measure("share", pr.ID, q)
		c, okC := p.measure("cumulative", pr.ID, q)
		o, okO := p.measure("cashflow", pr.ID, q)
		row := []cell{sh.providerCell(i, pr.Name),
			changeCell(sh.th, g, okG), {text: data.FormatPercent(s, okS), style: sh.th.Title},
			{text: data.FormatUSD(data.USDMillions(c), okC), style: sh.th.Title}, {text: data.FormatPercent(o, okO), style: sh.th.Title}}
		if len(years) > 0 {
			prev, n := sh.d.CalendarYear(pr.ID, sh.basis, from-1)
			row = append(row, cell{text: data.FormatUSD(prev, n == 4), style: sh.th.Title})
			for _, y := range years {
				row = append(row, sh.guidanceCell(pr, y, q))
			}
		}
		r.rows = append(r.rows, row)
	}
	if len(leaders) > 0 {
		r.lead = []string{"Leads: " + strings.Join(leaders, " · ")}
	}
	r.notes = sh.notes(q, 4, p.Metrics()...)
	return r
}

// Summary implements panel.
func (p *escalationPanel) Summary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	change := func(v float64) string { return data.FormatChange(v, true) }
	var out []string
	growth, missing := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.YoY(id, basis, q) })
	if len(growth) > 0 {
		s := fmt.Sprintf("In %s %s raised capex fastest, %s on a year earlier", q, growth[0].name, change(growth[0].value))
		if len(growth) > 1 {
			s += ", against " + others(growth[1:], change)
		}
		out = append(out, s+"."+missingNote(missing, "capex growth", q))
	}
	share, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.Share(id, basis, q) })
	if len(share) > 0 {
		out = append(out, fmt.Sprintf("%s accounts for the largest share of their combined capex, %s.", share[0].name, data.FormatPercent(share[0].value, true)))
	}
	var guides []string
	for _, pr := range d.Providers() {
		if g, ok := d.LatestGuidance(pr.ID, d.Last().Year); ok {
			guides = append(guides, fmt.Sprintf("%s %s", pr.Name, data.FormatGuidance(g, pr)))
		}
	}
	if len(guides) > 0 {
		out = append(out, fmt.Sprintf("For %d the latest guidance is: %s.", d.Last().Year, strings.Join(guides, "; ")))
	}
	return out
}
