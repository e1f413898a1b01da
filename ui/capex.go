package ui

import (
	"fmt"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	zone "github.com/lrstanley/bubblezone"
)

// capexPanel shows each provider's capital spending over time.
type capexPanel struct {
	sh    shared
	keys  keyMap
	mode  Mode
	w, h  int
	cache *chartCache
	zones *zone.Manager // the mouse's, when it is on
}

func newCapexPanel(sh shared, keys keyMap, mode Mode) capexPanel {
	return capexPanel{sh: sh, keys: keys, mode: mode, cache: &chartCache{}}
}

// SetSize sets the box the panel draws in.
func (p *capexPanel) SetSize(w, h int) { p.w, p.h = w, h }

func (p *capexPanel) setShared(sh shared) { p.sh = sh }

// Update handles the panel's own keys.
func (p capexPanel) Update(msg tea.Msg) (capexPanel, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, p.keys.Mode) {
		p.mode = (p.mode + 1) % 3
	}
	return p, nil
}

func (p *capexPanel) value(id string, q data.Quarter) (data.USDMillions, bool) {
	if p.mode == TTM {
		return p.sh.d.TTM(id, p.sh.basis, q)
	}
	return p.sh.d.Value(id, p.sh.basis, q)
}

// View draws the panel at its size.
func (p capexPanel) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	sh := p.sh
	title := fmt.Sprintf("CapEx · %s · %s, $B", p.mode, sh.basisLabel())
	if p.mode == Annual {
		title += " · ○□△ latest guidance"
	}
	title = sh.th.Title.Render(title)
	chartW, chartH, join := sh.split(p.w, p.h-1, CapexPanel, p.readout)
	var pl plot
	if p.mode == Annual {
		pl = p.annualPlot(chartW)
	} else {
		pl = sh.quarterPlot(chartW, func(id string, q data.Quarter) (float64, bool) {
			v, ok := p.value(id, q)
			return v.Billions(), ok
		}, billionsLabel)
	}
	return fit(title, p.w, 1) + "\n" + join(markChart(p.zones, p.cache.render(p.cacheKey(), pl, chartW, chartH, sh.th)))
}

func billionsLabel(y float64) string { return fmt.Sprintf("$%.0fB", y) }

// annualPlot draws calendar-year totals, with the latest guidance for the
// current and next year as ranges beside them.
func (p *capexPanel) annualPlot(w int) plot {
	sh := p.sh
	first, last := sh.d.First().Year, sh.d.Last().Year
	pl := plot{xMin: float64(first), xMax: float64(last+1) + 0.5, yLabel: billionsLabel,
		cursor: float64(sh.cursor.Year), hasCursor: true, braille: sh.braille, markStride: 1,
		xLabel: func(x float64) string { return fmt.Sprint(int(x + 0.5)) }}
	hi := 0.0
	visible := 0
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		ps := plotSeries{style: sh.th.Provider(i), marker: Marker(i)}
		for y := first; y <= last; y++ {
			v, n := sh.d.CalendarYear(pr.ID, sh.basis, y)
			ps.samples = append(ps.samples, sample{x: float64(y), y: v.Billions(), ok: n == 4})
			if n == 4 {
				hi = max(hi, v.Billions())
			}
		}
		pl.series = append(pl.series, ps)
		for _, fy := range []int{last, last + 1} {
			if g, ok := sh.d.LatestGuidance(pr.ID, fy); ok {
				// Offset each provider's range so three ranges in one year stay apart.
				x := float64(fy) + 0.2*float64(visible-1)
				pl.ranges = append(pl.ranges, vrange{x: x, lo: g.Low.Billions(), hi: g.High.Billions(), marker: HollowMarker(i), style: sh.th.Provider(i)})
				hi = max(hi, g.High.Billions())
			}
		}
		visible++
	}
	pl.yMin, pl.yMax = 0, hi
	return pl
}

// readout is the table of exact values at the cursor.
func (p *capexPanel) readout(width int) string {
	sh := p.sh
	q := sh.cursor
	var header []string
	var rows [][]cell
	if p.mode == Annual {
		header = []string{fmt.Sprintf("CY%d", q.Year), "actual", "qtrs", "guide " + fmt.Sprint(sh.d.Last().Year), "guide " + fmt.Sprint(sh.d.Last().Year+1)}
		for i, pr := range sh.providers() {
			if !sh.visible[i] {
				continue
			}
			v, n := sh.d.CalendarYear(pr.ID, sh.basis, q.Year)
			rows = append(rows, []cell{sh.providerCell(i, pr.Name), {text: data.FormatUSD(v, n > 0), style: sh.th.Title},
				{text: fmt.Sprintf("%d/4", n), style: sh.th.Muted},
				{text: guidanceText(sh.d, pr, sh.d.Last().Year), style: sh.th.Guidance},
				{text: guidanceText(sh.d, pr, sh.d.Last().Year+1), style: sh.th.Guidance}})
		}
	} else {
		vals := make([]float64, len(sh.providers()))
		oks := make([]bool, len(vals))
		for i, pr := range sh.providers() {
			v, ok := p.value(pr.ID, q)
			vals[i], oks[i] = float64(v), ok
		}
		// Rank among every provider, shown or not: hiding the leader does
		// not promote the others.
		ranks := data.Ranks(vals, oks)
		header = []string{q.String(), p.mode.String(), "QoQ", "YoY", "rank", "fiscal"}
		for i, pr := range sh.providers() {
			if !sh.visible[i] {
				continue
			}
			v, ok := p.value(pr.ID, q)
			qoq, okQ := sh.d.QoQ(pr.ID, sh.basis, q)
			yoy, okY := sh.d.YoY(pr.ID, sh.basis, q)
			if p.mode == TTM {
				qoq, okQ = sh.d.TTMGrowth(pr.ID, sh.basis, q, 1)
				yoy, okY = sh.d.TTMGrowth(pr.ID, sh.basis, q, 4)
			}
			rows = append(rows, []cell{sh.providerCell(i, pr.Name), {text: data.FormatUSD(v, ok), style: sh.th.Title},
				changeCell(sh.th, qoq, okQ), changeCell(sh.th, yoy, okY),
				{text: data.FormatRank(ranks[i]), style: sh.th.Muted}, {text: fiscalText(pr, q), style: sh.th.Muted}})
		}
	}
	table := renderTable(sh.th, max(width, 20), header, rows)
	return table + sh.noteLines(sh.notes(sh.basis), width)
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

// guidanceText is the latest guidance for a provider's year, in data's
// words; for a company whose fiscal year is not the calendar year it says
// which year it means.
func guidanceText(d *data.Dataset, pr data.Provider, year int) string {
	g, ok := d.LatestGuidance(pr.ID, year)
	if !ok {
		return "none"
	}
	return data.FormatGuidance(g, pr)
}

// cacheKey names everything but the cursor that the chart depends on.
func (p capexPanel) cacheKey() string {
	return fmt.Sprint(p.mode, p.sh.basis, p.sh.visible, p.sh.braille)
}

// quarterAt maps a chart column to its quarter; the calendar-year chart has
// years on its axis, so the pointer does not move the quarter there.
func (p capexPanel) quarterAt(col int) (data.Quarter, bool) {
	if p.mode == Annual {
		return data.Quarter{}, false
	}
	return p.sh.quarterAt(p.cache, col)
}
