package ui

import (
	"fmt"
	"slices"

	"github.com/aicapex/aicapex/data"
)

// capexCharts: each quarter, trailing twelve months, calendar years.
var capexCharts = []string{"quarterly", "ttm", "annual"}

var capexTitles = map[string]string{"quarterly": "quarterly", "ttm": "trailing twelve months", "annual": "calendar years"}

// capexPanel shows each provider's capital spending over time.
type capexPanel struct {
	board
	chart string
}

func newCapexPanel(sh *shared) panel {
	return &capexPanel{board: newBoard(sh, "capex"), chart: capexCharts[0]}
}

// Charts implements panel.
func (p *capexPanel) Charts() []string { return capexCharts }

// Chart implements panel.
func (p *capexPanel) Chart() string { return p.chart }

// SetChart implements panel.
func (p *capexPanel) SetChart(name string) bool {
	if !slices.Contains(capexCharts, name) {
		return false
	}
	p.chart = name
	return true
}

// Metrics implements panel. The calendar-year chart sets guidance against
// the actuals each company guides on.
func (p *capexPanel) Metrics() []data.Metric {
	if p.chart == "annual" {
		return guideMetrics(p.sh.basis)
	}
	return []data.Metric{p.sh.basis}
}

// guideMetrics are capex on basis and on every basis guidance speaks of.
func guideMetrics(basis data.Metric) []data.Metric {
	ms := []data.Metric{basis}
	for _, b := range data.GuidanceBases {
		if !slices.Contains(ms, b.Actuals()) {
			ms = append(ms, b.Actuals())
		}
	}
	return ms
}

// Notes implements panel.
func (p *capexPanel) Notes(q data.Quarter) []string { return p.notesOf(p.readout(q)) }

// QuarterAt implements panel. The calendar-year chart has years on its
// axis, so the pointer does not move the quarter there.
func (p *capexPanel) QuarterAt(col int) (data.Quarter, bool) {
	if p.chart == "annual" {
		return data.Quarter{}, false
	}
	return p.quarterAt(col)
}

// value is the chart's figure for a provider at q, and why is why it has
// none: a quarter's capex, the four quarters to it, or its calendar year.
func (p *capexPanel) value(id string, q data.Quarter) (float64, bool) {
	d, basis := p.sh.d, p.sh.basis
	var v data.USDMillions
	var ok bool
	switch p.chart {
	case "ttm":
		v, ok = d.TTM(id, basis, q)
	case "annual":
		var n int
		v, n = d.CalendarYear(id, basis, q.Year)
		ok = n == 4
	default:
		v, ok = d.Value(id, basis, q)
	}
	return float64(v), ok
}

func (p *capexPanel) why(id string, q data.Quarter) string {
	d, basis := p.sh.d, p.sh.basis
	switch p.chart {
	case "ttm":
		return d.TTMReason(id, basis, q)
	case "annual":
		return d.CalendarYearReason(id, basis, q.Year)
	}
	return d.ValueReason(id, basis, q)
}

// View implements panel.
func (p *capexPanel) View() string {
	sh := p.sh
	title := fmt.Sprintf("CapEx · %s · %s", capexTitles[p.chart], sh.basisLabel())
	marks, ticks := sh.definitionMarks(sh.basis)
	if p.chart == "annual" {
		title += " · ○□△ latest guidance & its basis"
	} else {
		title += markLegend(marks, ticks)
	}
	dr := drawing{
		title: title,
		key:   p.chart + sh.viewKey(),
		plot: func(w int) plot {
			if p.chart == "annual" {
				return p.annualPlot()
			}
			pl := sh.quarterPlot(w, data.USD, p.value)
			pl.marks, pl.ticks = append(pl.marks, marks...), ticks
			return pl
		},
		readout: p.readout,
		summary: p.Summary,
		measure: p.chart, unit: data.USD, value: p.value, why: p.why,
	}
	if p.chart == "annual" {
		dr.period = func(q data.Quarter) string { return fmt.Sprint(q.Year) }
	}
	return p.draw(dr)
}

// annualPlot draws calendar-year totals, with the latest guidance for the
// current and next year as ranges beside them. Guidance for a fiscal year
// that is not a calendar year has no place on this axis.
func (p *capexPanel) annualPlot() plot {
	sh := p.sh
	first, last := sh.d.First().Year, sh.d.Last().Year
	pl := plot{unit: data.USD, xMin: float64(first) - 0.3, xMax: float64(last+1) + 0.7,
		cursor: float64(sh.cursor.Year), hasCursor: true, braille: sh.braille, markStride: 1,
		compare: float64(sh.compare.Year), hasCompare: sh.comparing(),
		rowName: func(x float64) string { return fmt.Sprint(int(x)) }}
	years := map[int]bool{}
	shown := 0
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		ps := plotSeries{name: pr.Name, style: sh.th.Provider(i), marker: marker(i)}
		for y := first; y <= last; y++ {
			v, n := sh.d.CalendarYear(pr.ID, sh.basis, y)
			ps.samples = append(ps.samples, sample{x: float64(y), y: float64(v), ok: n == 4})
			if n == 4 {
				pl.hi, years[y] = max(pl.hi, float64(v)), true
			}
		}
		pl.series = append(pl.series, ps)
		guideBasis := sh.basis
		for _, fy := range []int{last, last + 1} {
			g, ok := sh.d.LatestGuidance(pr.ID, fy)
			if !ok || (pr.FYEndMonth != 12 && !g.Calendar) {
				continue
			}
			// Offset each provider's range so three ranges in one year stay apart.
			x := float64(fy) + 0.2*float64(shown-1)
			pl.ranges = append(pl.ranges, vrange{x: x, lo: float64(g.Low), hi: float64(g.High), marker: hollowMarker(i), style: sh.th.Provider(i)})
			pl.hi, years[fy] = max(pl.hi, float64(g.High)), true
			guideBasis = g.Basis.Actuals()
		}
		// A guide is set against the years on its own basis (Amazon's net
		// of proceeds and incentives, Microsoft's with finance leases),
		// drawn with its hollow marker, where that is not the chart's.
		if guideBasis != sh.basis {
			gs := plotSeries{name: pr.Name + ", " + guideBasis.Label(), style: sh.th.Provider(i), marker: hollowMarker(i), guide: true}
			for y := first; y <= last; y++ {
				v, n := sh.d.CalendarYear(pr.ID, guideBasis, y)
				gs.samples = append(gs.samples, sample{x: float64(y), y: float64(v), ok: n == 4})
				if n == 4 {
					pl.hi = max(pl.hi, float64(v))
				}
			}
			// First, so the chart's own markers are drawn over it.
			pl.series = append([]plotSeries{gs}, pl.series...)
		}
		shown++
	}
	for y := first; y <= last+1; y++ {
		if years[y] {
			pl.xLabels = append(pl.xLabels, xLabel{x: float64(y), text: fmt.Sprint(y), center: true})
		}
	}
	return pl
}

// readout is the table of exact values at q.
func (p *capexPanel) readout(q data.Quarter) readout {
	if p.chart == "annual" {
		return p.annualReadout(q)
	}
	sh := p.sh
	var r readout
	vals := make([]float64, len(sh.providers()))
	oks := make([]bool, len(vals))
	for i, pr := range sh.providers() {
		vals[i], oks[i] = p.value(pr.ID, q)
	}
	// Rank among every provider, shown or not: hiding the leader does not
	// promote the others.
	ranks := data.Ranks(vals, oks)
	r.header = []string{q.String(), p.chart, "QoQ", "YoY", "rank", "fiscal"}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		qoq, okQ := sh.d.QoQ(pr.ID, sh.basis, q)
		yoy, okY := sh.d.YoY(pr.ID, sh.basis, q)
		whyQ := func() string { return sh.d.GrowthReason(pr.ID, sh.basis, q, 1) }
		whyY := func() string { return sh.d.GrowthReason(pr.ID, sh.basis, q, 4) }
		if p.chart == "ttm" {
			qoq, okQ = sh.d.TTMGrowth(pr.ID, sh.basis, q, 1)
			yoy, okY = sh.d.TTMGrowth(pr.ID, sh.basis, q, 4)
			whyQ = func() string { return sh.d.TTMGrowthReason(pr.ID, sh.basis, q, 1) }
			whyY = func() string { return sh.d.TTMGrowthReason(pr.ID, sh.basis, q, 4) }
		}
		r.na(oks[i], pr.Name, p.chart, func() string { return p.why(pr.ID, q) })
		r.na(okQ, pr.Name, "QoQ", whyQ)
		r.na(okY, pr.Name, "YoY", whyY)
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name),
			{text: data.FormatUSD(data.USDMillions(vals[i]), oks[i]), style: sh.th.Title},
			changeCell(sh.th, qoq, okQ), changeCell(sh.th, yoy, okY),
			{text: data.FormatRank(ranks[i]), style: sh.th.Muted}, {text: fiscalText(pr, q), style: sh.th.Muted}})
	}
	r.notes = sh.notes(q, sh.basis)
	return r
}

// annualReadout is the calendar year's totals, and the guidance for the
// year set against what the company spent on the basis it guided on.
func (p *capexPanel) annualReadout(q data.Quarter) readout {
	sh := p.sh
	var r readout
	y := q.Year
	r.header = []string{fmt.Sprintf("calendar %d", y), "total", "quarters", fmt.Sprintf("guide %d", y), "spent on its basis", fmt.Sprintf("guide %d", y+1)}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		v, n := sh.d.CalendarYear(pr.ID, sh.basis, y)
		r.na(n > 0, pr.Name, "total", func() string { return sh.d.CalendarYearReason(pr.ID, sh.basis, y) })
		row := []cell{sh.providerCell(i, pr.Name), {text: data.FormatUSD(v, n > 0), style: sh.th.Title},
			{text: fmt.Sprintf("%d of 4", n), style: sh.th.Muted}, sh.guidanceCell(pr, y, q)}
		spent := cell{text: "", style: sh.th.Title}
		if g, ok := sh.guidanceAt(pr, y, q); ok {
			v, n := sh.d.GuidanceActual(g)
			spent.text = data.FormatUSD(v, n > 0)
			if n > 0 && n < 4 {
				spent.text += fmt.Sprintf(" (%d of 4)", n)
			}
			r.na(n > 0, pr.Name, "spent on its basis", func() string { return sh.d.GuidanceActualReason(g) })
		}
		r.rows = append(r.rows, append(row, spent, sh.guidanceCell(pr, y+1, q)))
	}
	r.legend = sh.guideBases()
	r.notes = sh.notes(q, guideMetrics(sh.basis)...)
	return r
}

// Summary implements panel.
func (p *capexPanel) Summary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	value := func(id string, q data.Quarter) (float64, bool) {
		v, ok := d.Value(id, basis, q)
		return float64(v), ok
	}
	have, missing := rank(d, q, value, func(id string, q data.Quarter) string { return d.ValueReason(id, basis, q) })
	if len(have) == 0 {
		return []string{fmt.Sprintf("No provider's %s for %s is in the data.", basis.Label(), q)}
	}
	usd := func(v float64) string { return data.FormatUSD(data.USDMillions(v), true) }
	out := []string{fmt.Sprintf("In %s %s spent the most on property and equipment: %s", q, have[0].name, usd(have[0].value))}
	if len(have) > 1 {
		out[0] += ", against " + others(have[1:], usd)
	}
	out[0] += "." + missingNote(missing, basis.Label())
	if now, ok := d.CombinedTTM(basis, q); ok {
		if then, ok := d.CombinedTTM(basis, q.Add(-4)); ok {
			if c, ok := data.Change(now, then); ok {
				out = append(out, fmt.Sprintf("Over the four quarters to %s they spent %s together, %s on the year before.", q, data.FormatUSD(now, true), data.FormatChange(c, true)))
			}
		}
	}
	growth, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.YoY(id, basis, q) }, nil)
	if len(growth) > 0 {
		out = append(out, fmt.Sprintf("The biggest step up was %s's: %s on %s.", growth[0].name, data.FormatChange(growth[0].value, true), q.Add(-4)))
	}
	return out
}

func changeCell(th Theme, f float64, ok bool) cell {
	st := th.Muted
	if ok && f > 0 {
		st = th.Up
	} else if ok && f < 0 {
		st = th.Down
	}
	return cell{text: data.FormatChange(f, ok), style: st}
}

// fiscalText shows the company's own label where it differs from the
// calendar quarter (Microsoft's fiscal year ends in June).
func fiscalText(pr data.Provider, q data.Quarter) string {
	if pr.FYEndMonth == 12 {
		return ""
	}
	return pr.FiscalLabel(q)
}
