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

// Metrics implements panel.
func (p *capexPanel) Metrics() []data.Metric { return []data.Metric{p.sh.basis} }

// QuarterAt implements panel. The calendar-year chart has years on its
// axis, so the pointer does not move the quarter there.
func (p *capexPanel) QuarterAt(col int) (data.Quarter, bool) {
	if p.chart == "annual" {
		return data.Quarter{}, false
	}
	return p.quarterAt(col)
}

func (p *capexPanel) value(id string, q data.Quarter) (data.USDMillions, bool) {
	if p.chart == "ttm" {
		return p.sh.d.TTM(id, p.sh.basis, q)
	}
	return p.sh.d.Value(id, p.sh.basis, q)
}

// View implements panel.
func (p *capexPanel) View() string {
	sh := p.sh
	title := fmt.Sprintf("CapEx · %s · %s", capexTitles[p.chart], sh.basisLabel())
	marks := sh.definitionMarks(sh.basis)
	if p.chart == "annual" {
		title += " · ○□△ latest guidance"
	} else if len(marks) > 0 {
		title += fmt.Sprintf(" · %c definition change", definitionGlyph)
	}
	return p.draw(drawing{
		title: title,
		key:   p.chart + sh.viewKey(),
		plot: func(w int) plot {
			if p.chart == "annual" {
				return p.annualPlot()
			}
			pl := sh.quarterPlot(w, data.USD, func(id string, q data.Quarter) (float64, bool) {
				v, ok := p.value(id, q)
				return float64(v), ok
			})
			pl.marks = append(pl.marks, marks...)
			return pl
		},
		readout: p.readout,
		summary: p.Summary,
	})
}

// annualPlot draws calendar-year totals, with the latest guidance for the
// current and next year as ranges beside them. Guidance for a fiscal year
// that is not a calendar year has no place on this axis.
func (p *capexPanel) annualPlot() plot {
	sh := p.sh
	first, last := sh.d.First().Year, sh.d.Last().Year
	pl := plot{unit: data.USD, xMin: float64(first) - 0.3, xMax: float64(last+1) + 0.7,
		cursor: float64(sh.cursor.Year), hasCursor: true, braille: sh.braille, markStride: 1}
	years := map[int]bool{}
	shown := 0
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		ps := plotSeries{style: sh.th.Provider(i), marker: marker(i)}
		for y := first; y <= last; y++ {
			v, n := sh.d.CalendarYear(pr.ID, sh.basis, y)
			ps.samples = append(ps.samples, sample{x: float64(y), y: float64(v), ok: n == 4})
			if n == 4 {
				pl.hi, years[y] = max(pl.hi, float64(v)), true
			}
		}
		pl.series = append(pl.series, ps)
		for _, fy := range []int{last, last + 1} {
			g, ok := sh.d.LatestGuidance(pr.ID, fy)
			if !ok || (pr.FYEndMonth != 12 && !g.Calendar) {
				continue
			}
			// Offset each provider's range so three ranges in one year stay apart.
			x := float64(fy) + 0.2*float64(shown-1)
			pl.ranges = append(pl.ranges, vrange{x: x, lo: float64(g.Low), hi: float64(g.High), marker: hollowMarker(i), style: sh.th.Provider(i)})
			pl.hi, years[fy] = max(pl.hi, float64(g.High)), true
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
	sh := p.sh
	var r readout
	if p.chart == "annual" {
		years := sh.guidanceYears(q, q.Year)
		r.header = []string{fmt.Sprintf("calendar %d", q.Year), "total", "quarters"}
		for _, y := range years {
			r.header = append(r.header, fmt.Sprintf("guide %d", y))
		}
		for i, pr := range sh.providers() {
			if !sh.visible[i] {
				continue
			}
			v, n := sh.d.CalendarYear(pr.ID, sh.basis, q.Year)
			row := []cell{sh.providerCell(i, pr.Name), {text: data.FormatUSD(v, n > 0), style: sh.th.Title},
				{text: fmt.Sprintf("%d of 4", n), style: sh.th.Muted}}
			for _, y := range years {
				row = append(row, sh.guidanceCell(pr, y, q))
			}
			r.rows = append(r.rows, row)
		}
		r.notes = sh.notes(q, q.Q-1, sh.basis)
		return r
	}
	vals := make([]float64, len(sh.providers()))
	oks := make([]bool, len(vals))
	for i, pr := range sh.providers() {
		v, ok := p.value(pr.ID, q)
		vals[i], oks[i] = float64(v), ok
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
		if p.chart == "ttm" {
			qoq, okQ = sh.d.TTMGrowth(pr.ID, sh.basis, q, 1)
			yoy, okY = sh.d.TTMGrowth(pr.ID, sh.basis, q, 4)
		}
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name),
			{text: data.FormatUSD(data.USDMillions(vals[i]), oks[i]), style: sh.th.Title},
			changeCell(sh.th, qoq, okQ), changeCell(sh.th, yoy, okY),
			{text: data.FormatRank(ranks[i]), style: sh.th.Muted}, {text: fiscalText(pr, q), style: sh.th.Muted}})
	}
	lookback := 4 // growth on a year earlier
	if p.chart == "ttm" {
		lookback = 7 // four-quarter sums a year apart
	}
	r.notes = sh.notes(q, lookback, sh.basis)
	return r
}

// Summary implements panel.
func (p *capexPanel) Summary(q data.Quarter) []string {
	d, basis := p.sh.d, p.sh.basis
	value := func(id string, q data.Quarter) (float64, bool) {
		v, ok := d.Value(id, basis, q)
		return float64(v), ok
	}
	have, missing := rank(d, q, value)
	if len(have) == 0 {
		return []string{fmt.Sprintf("No provider's capex for %s is in the data.", q)}
	}
	usd := func(v float64) string { return data.FormatUSD(data.USDMillions(v), true) }
	out := []string{fmt.Sprintf("In %s %s spent the most on property and equipment: %s", q, have[0].name, usd(have[0].value))}
	if len(have) > 1 {
		out[0] += ", against " + others(have[1:], usd)
	}
	out[0] += "." + missingNote(missing, "capex", q)
	if now, ok := d.CombinedTTM(basis, q); ok {
		if then, ok := d.CombinedTTM(basis, q.Add(-4)); ok {
			if c, ok := data.Change(now, then); ok {
				out = append(out, fmt.Sprintf("Over the four quarters to %s they spent %s together, %s on the year before.", q, data.FormatUSD(now, true), data.FormatChange(c, true)))
			}
		}
	}
	growth, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return d.YoY(id, basis, q) })
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
