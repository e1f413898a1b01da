package ui

import (
	"fmt"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	zone "github.com/lrstanley/bubblezone"
)

// marginChart is what the margin panel plots.
type marginChart int

const (
	chartMargin marginChart = iota
	chartCapexPerRevenue
)

// marginPanel sets cloud margins beside the spending that sustains them.
type marginPanel struct {
	sh    shared
	keys  keyMap
	chart marginChart
	w, h  int
	cache *chartCache
	zones *zone.Manager // the mouse's, when it is on
}

func newMarginPanel(sh shared, keys keyMap) marginPanel {
	return marginPanel{sh: sh, keys: keys, cache: &chartCache{}}
}

// SetSize sets the box the panel draws in.
func (p *marginPanel) SetSize(w, h int) { p.w, p.h = w, h }

func (p *marginPanel) setShared(sh shared) { p.sh = sh }

// Update handles the panel's own keys.
func (p marginPanel) Update(msg tea.Msg) (marginPanel, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, p.keys.Mode) {
		p.chart = 1 - p.chart
	}
	return p, nil
}

func pctLabel(y float64) string { return fmt.Sprintf("%.0f%%", y) }

// View draws the panel at its size.
func (p marginPanel) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	sh := p.sh
	var title string
	var pl plot
	chartW, chartH, join := sh.split(p.w, p.h-1, MarginPanel, p.readout)
	if p.chart == chartMargin {
		title = "Cloud segment operating margin, % · ┊ definition change"
		pl = sh.quarterPlot(chartW, func(id string, q data.Quarter) (float64, bool) {
			v, ok := sh.d.CloudMargin(id, q)
			return v * 100, ok
		}, pctLabel)
	} else {
		title = "TTM capex per $1 of TTM cloud revenue · " + sh.basisLabel()
		pl = sh.quarterPlot(chartW, func(id string, q data.Quarter) (float64, bool) {
			return sh.d.CapexPerCloudRevenue(id, sh.basis, q)
		}, func(y float64) string { return fmt.Sprintf("%.1f", y) })
	}
	pl.marks = append(pl.marks, sh.definitionMarks(data.CloudRevenue, data.CloudOperatingIncome)...)
	return fit(sh.th.Title.Render(title), p.w, 1) + "\n" + join(markChart(p.zones, p.cache.render(p.cacheKey(), pl, chartW, chartH, sh.th)))
}

func (p *marginPanel) readout(width int) string {
	sh := p.sh
	q := sh.cursor
	header := []string{q.String(), "margin", "cloud rev", "rev YoY", "capex/rev", "fiscal"}
	var rows [][]cell
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		m, okM := sh.d.CloudMargin(pr.ID, q)
		rev, okR := sh.d.Value(pr.ID, data.CloudRevenue, q)
		g, okG := sh.d.YoY(pr.ID, data.CloudRevenue, q)
		c, okC := sh.d.CapexPerCloudRevenue(pr.ID, sh.basis, q)
		rows = append(rows, []cell{sh.providerCell(i, pr.Name+" "+pr.CloudSegment),
			{text: data.FormatPercent(m, okM), style: sh.th.Title}, {text: data.FormatUSD(rev, okR), style: sh.th.Title},
			changeCell(sh.th, g, okG), {text: data.FormatRatio(c, okC), style: sh.th.Title},
			{text: fiscalText(pr, q), style: sh.th.Muted}})
	}
	out := renderTable(sh.th, max(width, 20), header, rows)
	return out + sh.noteLines(sh.notes(data.CloudRevenue, data.CloudOperatingIncome), width)
}

// cacheKey names everything but the cursor that the chart depends on.
func (p marginPanel) cacheKey() string {
	return fmt.Sprint(p.chart, p.sh.basis, p.sh.visible, p.sh.braille)
}
