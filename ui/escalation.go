package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
)

// escalationCharts: growth on a year earlier, share of the combined
// spending, spending since ChatGPT, capex against operating cash flow, the
// free cash flow left after capex, and the cash each has to spend.
var escalationCharts = []string{"growth", "share", "cumulative", "cashflow", "fcf", "cash"}

// raceCharts are the charts of the spending race, whose readout sets the
// four measures side by side with the guidance arithmetic.
var raceCharts = escalationCharts[:4]

var escalationTitles = map[string]string{
	"growth":     "YoY capex growth",
	"share":      "Share of combined capex",
	"cumulative": "Cumulative capex since ChatGPT",
	"cashflow":   "Capex as % of operating cash flow, TTM",
	"fcf":        "Free cash flow after capex, TTM",
	"cash":       "Cash & marketable securities at quarter end",
}

// escalationShort names each chart's measure in a word or two: in the
// leaders line and a comparison's header.
var escalationShort = map[string]string{"growth": "growth", "share": "share", "cumulative": "since ChatGPT", "cashflow": "capex/OCF",
	"fcf": "FCF TTM", "cash": "cash"}

// escalationPanel shows how the providers push each other to spend more,
// and how long they can.
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
	switch p.chart {
	case "fcf":
		return []data.Metric{data.OperatingCashFlow, p.sh.basis}
	case "cash":
		return []data.Metric{data.CashAndSecurities, p.sh.basis}
	}
	return append(guideMetrics(p.sh.basis), data.OperatingCashFlow)
}

// Notes implements panel.
func (p *escalationPanel) Notes(q data.Quarter) []string { return p.notesOf(p.readout(q)) }

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
	var v data.USDMillions
	var ok bool
	switch chart {
	case "growth":
		return d.YoY(id, basis, q)
	case "share":
		return d.Share(id, basis, q)
	case "cashflow":
		return d.CapexToOperatingCashFlow(id, basis, q)
	case "cumulative":
		v, ok = d.Cumulative(id, basis, p.eraStart(), q)
	case "fcf":
		v, ok = d.FreeCashFlowTTM(id, basis, q)
	case "cash":
		v, ok = d.Value(id, data.CashAndSecurities, q)
	}
	return float64(v), ok
}

// why says why measure is n/a.
func (p *escalationPanel) why(chart, id string, q data.Quarter) string {
	d, basis := p.sh.d, p.sh.basis
	switch chart {
	case "growth":
		return d.GrowthReason(id, basis, q, 4)
	case "share":
		return d.ShareReason(id, basis, q)
	case "cashflow":
		return d.CapexToOperatingCashFlowReason(id, basis, q)
	case "cumulative":
		return d.SumReason(id, basis, p.eraStart(), q)
	case "fcf":
		return d.FreeCashFlowTTMReason(id, basis, q)
	}
	return d.ValueReason(id, data.CashAndSecurities, q)
}

func escalationUnit(chart string) data.Unit {
	switch chart {
	case "growth":
		return data.Growth
	case "cumulative", "fcf", "cash":
		return data.USD
	}
	return data.Fraction
}

// View implements panel.
func (p *escalationPanel) View() string {
	sh := p.sh
	marks, ticks := sh.definitionMarks(p.Metrics()...)
	title := fmt.Sprintf("Escalation · %s · %s", escalationTitles[p.chart], sh.basisLabel())
	if p.chart == "cash" {
		title = "Escalation · " + escalationTitles[p.chart]
	}
	title += markLegend(marks, ticks)
	value := func(id string, q data.Quarter) (float64, bool) { return p.measure(p.chart, id, q) }
	return p.draw(drawing{
		title: title,
		key:   p.chart + sh.viewKey(),
		plot: func(w int) plot {
			pl := sh.quarterPlot(w, escalationUnit(p.chart), value)
			pl.marks, pl.ticks = append(pl.marks, marks...), ticks
			return pl
		},
		readout: p.readout,
		summary: p.Summary,
		measure: escalationShort[p.chart], unit: escalationUnit(p.chart), value: value,
		why: func(id string, q data.Quarter) string { return p.why(p.chart, id, q) },
	})
}

func (p *escalationPanel) readout(q data.Quarter) readout {
	switch p.chart {
	case "fcf":
		return p.fcfReadout(q)
	case "cash":
		return p.cashReadout(q)
	}
	return p.raceReadout(q)
}

// raceReadout sets the four measures of the race side by side, with the
// guidance for the cursor's year: spent so far and the run-rate the guide
// implies for the rest, on the basis the company guides on.
func (p *escalationPanel) raceReadout(q data.Quarter) readout {
	sh := p.sh
	provs := sh.providers()
	// Leaders among every provider, shown or not.
	var leaders []string
	for _, c := range raceCharts {
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
	// The chart's own measure first, then the guidance arithmetic, then
	// the other measures: a narrow readout drops columns from the right.
	columns := map[string]string{"growth": "YoY", "share": "share", "cumulative": "cum.", "cashflow": "capex/OCF"}
	order := append([]string{p.chart}, slices.DeleteFunc(slices.Clone(raceCharts), func(c string) bool { return c == p.chart })...)
	r := readout{header: []string{q.String(), columns[p.chart], "so far", "guided", "implied/qtr"}}
	for _, c := range order[1:] {
		r.header = append(r.header, columns[c])
	}
	for i, pr := range provs {
		if !sh.visible[i] {
			continue
		}
		row := []cell{sh.providerCell(i, pr.Name)}
		for j, c := range order {
			v, ok := p.measure(c, pr.ID, q)
			r.na(ok, pr.Name, columns[c], func() string { return p.why(c, pr.ID, q) })
			switch c {
			case "growth":
				row = append(row, changeCell(sh.th, v, ok))
			case "cumulative":
				row = append(row, cell{text: data.FormatUSD(data.USDMillions(v), ok), style: sh.th.Title})
			default:
				row = append(row, cell{text: data.FormatPercent(v, ok), style: sh.th.Title})
			}
			if j == 0 {
				row = append(row, p.guideCells(&r, pr, q)...)
			}
		}
		r.rows = append(r.rows, row)
	}
	r.legend = sh.guideBases()
	if len(leaders) > 0 {
		r.lead = append(r.lead, "Leads: "+strings.Join(leaders, " · "))
	}
	r.notes = sh.notes(q, p.Metrics()...)
	return r
}

// guideCells are the guidance arithmetic for a provider's year at q: so
// far, guided, implied a quarter; blank where there was no guidance.
func (p *escalationPanel) guideCells(r *readout, pr data.Provider, q data.Quarter) []cell {
	sh := p.sh
	im, why := sh.d.ImpliedAt(pr.ID, q)
	if im.Guidance.Provider == "" {
		return []cell{{}, {text: "none", style: sh.th.Muted}, {}}
	}
	guided := cell{text: data.FormatGuidance(im.Guidance, pr), style: sh.th.Guidance}
	if why != "" {
		r.na(false, pr.Name, "so far, implied/qtr", func() string { return why })
		return []cell{{text: "n/a", style: sh.th.Muted}, guided, {text: "n/a", style: sh.th.Muted}}
	}
	implied := cell{text: data.FormatRate(im), style: sh.th.Guidance}
	if len(im.Left) == 0 {
		implied = cell{text: "year over", style: sh.th.Muted}
	}
	return []cell{{text: data.FormatUSD(im.Spent, true), style: sh.th.Title}, guided, implied}
}

// fcfReadout: free cash flow in the quarter and over four, what it is made
// of, and when it last turned negative.
func (p *escalationPanel) fcfReadout(q data.Quarter) readout {
	sh := p.sh
	d, basis := sh.d, sh.basis
	r := readout{header: []string{q.String(), "FCF", "FCF TTM", "OCF TTM", "capex TTM"}}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		f, okF := d.FreeCashFlow(pr.ID, basis, q)
		ft, okFT := d.FreeCashFlowTTM(pr.ID, basis, q)
		o, okO := d.TTM(pr.ID, data.OperatingCashFlow, q)
		c, okC := d.TTM(pr.ID, basis, q)
		r.na(okF, pr.Name, "FCF", func() string { return d.FreeCashFlowReason(pr.ID, basis, q) })
		r.na(okFT, pr.Name, "FCF TTM", func() string { return d.FreeCashFlowTTMReason(pr.ID, basis, q) })
		r.na(okO, pr.Name, "OCF TTM", func() string { return d.TTMReason(pr.ID, data.OperatingCashFlow, q) })
		r.na(okC, pr.Name, "capex TTM", func() string { return d.TTMReason(pr.ID, basis, q) })
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name), signedCell(sh.th, f, okF), signedCell(sh.th, ft, okFT),
			{text: data.FormatUSD(o, okO), style: sh.th.Muted}, {text: data.FormatUSD(c, okC), style: sh.th.Muted}})
		if s := p.negativeRun(pr, q); s != "" {
			r.lead = append(r.lead, s)
		}
	}
	r.notes = sh.notes(q, p.Metrics()...)
	return r
}

// negativeRun says when a provider's trailing free cash flow last turned
// negative, up to q, if it did: "Amazon's TTM free cash flow turned
// negative in 2026Q1".
func (p *escalationPanel) negativeRun(pr data.Provider, q data.Quarter) string {
	d := p.sh.d
	from, last, ok := d.NegativeFreeCashFlow(pr.ID, p.sh.basis, q)
	if !ok {
		return ""
	}
	turned := "turned negative in"
	if _, known := d.FreeCashFlowTTM(pr.ID, p.sh.basis, from.Prev()); !known {
		turned = "was negative from" // no figure before: when it turned is not known
	}
	s := fmt.Sprintf("%s's TTM free cash flow %s %s", pr.Name, turned, from)
	if last != q {
		s += fmt.Sprintf(" and was back above zero in %s", last.Next())
	}
	return s
}

// signedCell is an amount that may be negative, in the down colour then.
func signedCell(th Theme, v data.USDMillions, ok bool) cell {
	st := th.Title
	if ok && v < 0 {
		st = th.Down
	}
	return cell{text: data.FormatUSD(v, ok), style: st}
}

// cashReadout: the cash at the quarter's end, the quarter's capex, and how
// many quarters of it the cash would cover.
func (p *escalationPanel) cashReadout(q data.Quarter) readout {
	sh := p.sh
	d, basis := sh.d, sh.basis
	r := readout{header: []string{q.String(), "cash", "capex", "covers", "cash YoY"}}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		c, okC := d.Value(pr.ID, data.CashAndSecurities, q)
		x, okX := d.Value(pr.ID, basis, q)
		n, okN := d.CashRunway(pr.ID, basis, q)
		g, okG := d.YoY(pr.ID, data.CashAndSecurities, q)
		r.na(okC, pr.Name, "cash", func() string { return d.ValueReason(pr.ID, data.CashAndSecurities, q) })
		r.na(okX, pr.Name, "capex", func() string { return d.ValueReason(pr.ID, basis, q) })
		r.na(okN && okC && okX, pr.Name, "covers", func() string { return d.CashRunwayReason(pr.ID, basis, q) })
		r.na(okG, pr.Name, "cash YoY", func() string { return d.GrowthReason(pr.ID, data.CashAndSecurities, q, 4) })
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name), {text: data.FormatUSD(c, okC), style: sh.th.Title},
			{text: data.FormatUSD(x, okX), style: sh.th.Muted}, {text: data.FormatQuarters(n, okN), style: sh.th.Title},
			changeCell(sh.th, g, okG)})
	}
	r.legend = "covers: how many quarters of the quarter's capex the cash would pay for, were the business to make no cash"
	r.notes = sh.notes(q, p.Metrics()...)
	return r
}

// Summary implements panel: who raises spending fastest and leads it, the
// guidance arithmetic, and what the chart showing says.
func (p *escalationPanel) Summary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	change := func(v float64) string { return data.FormatChange(v, true) }
	var out []string
	growth, missing := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.YoY(id, basis, q) },
		func(id string, q data.Quarter) string { return d.GrowthReason(id, basis, q, 4) })
	if len(growth) > 0 {
		s := fmt.Sprintf("In %s %s raised capex fastest, %s on a year earlier", q, growth[0].name, change(growth[0].value))
		if len(growth) > 1 {
			s += ", against " + others(growth[1:], change)
		}
		out = append(out, s+"."+missingNote(missing, "capex growth"))
	}
	share, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.Share(id, basis, q) }, nil)
	if len(share) > 0 {
		out = append(out, fmt.Sprintf("%s accounts for the largest share of their combined capex, %s.", share[0].name, data.FormatPercent(share[0].value, true)))
	}
	for _, pr := range d.Providers() {
		if s := impliedSentence(d, pr, q); s != "" {
			out = append(out, s)
		}
	}
	switch p.chart {
	case "fcf":
		out = append(out, p.fcfSummary(q)...)
	case "cash":
		out = append(out, p.cashSummary(q)...)
	}
	return out
}

// impliedSentence is a provider's guidance arithmetic at q in a sentence,
// naming the basis: "Amazon guides on capex net of proceeds & incentives:
// $43.2B in Q1 of about $200B guided for 2026; $52.3B a quarter implied
// for Q2–Q4." Where the basis has no figure for a quarter it says so.
func impliedSentence(d *data.Dataset, pr data.Provider, q data.Quarter) string {
	im, why := d.ImpliedAt(pr.ID, q)
	switch {
	case im.Guidance.Provider == "":
		return why + ", so nothing is implied."
	case why != "":
		return fmt.Sprintf("%s guided %s (%s), but nothing is implied: %s.", pr.Name,
			data.FormatGuided(im), im.Guidance.Basis.Label(), why)
	}
	return fmt.Sprintf("%s guides on %s: %s.", pr.Name, im.Guidance.Basis.Label(), data.FormatImplied(im))
}

// fcfSummary says who has the most free cash flow left after capex, and
// whose ran out.
func (p *escalationPanel) fcfSummary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	usd := func(v float64) string { return data.FormatUSD(data.USDMillions(v), true) }
	have, missing := rank(d, q, func(id string, q data.Quarter) (float64, bool) {
		v, ok := d.FreeCashFlowTTM(id, basis, q)
		return float64(v), ok
	}, func(id string, q data.Quarter) string { return d.FreeCashFlowTTMReason(id, basis, q) })
	if len(have) == 0 {
		return []string{strings.TrimPrefix(missingNote(missing, "free cash flow"), " ")}
	}
	s := fmt.Sprintf("Over the four quarters to %s %s had the most free cash flow left after capex, %s", q, have[0].name, usd(have[0].value))
	if len(have) > 1 {
		s += ", against " + others(have[1:], usd)
	}
	out := []string{s + "." + missingNote(missing, "free cash flow")}
	for _, pr := range d.Providers() {
		if from, last, ok := d.NegativeFreeCashFlow(pr.ID, basis, q); ok && last == q {
			out = append(out, fmt.Sprintf("%s's has been negative since %s.", pr.Name, from))
		}
	}
	return out
}

// cashSummary says who holds the most cash and how long it would last.
func (p *escalationPanel) cashSummary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	have, missing := rank(d, q, func(id string, q data.Quarter) (float64, bool) {
		v, ok := d.Value(id, data.CashAndSecurities, q)
		return float64(v), ok
	}, func(id string, q data.Quarter) string { return d.ValueReason(id, data.CashAndSecurities, q) })
	if len(have) == 0 {
		return []string{strings.TrimPrefix(missingNote(missing, "cash"), " ")}
	}
	s := fmt.Sprintf("At the end of %s %s held the most cash and marketable securities, %s", q, have[0].name,
		data.FormatUSD(data.USDMillions(have[0].value), true))
	if n, ok := d.CashRunway(have[0].id, basis, q); ok {
		s += fmt.Sprintf(", %s of its capex at that quarter's rate", data.FormatQuarters(n, true))
	}
	return []string{s + "." + missingNote(missing, "cash")}
}
