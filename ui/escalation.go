package ui

import (
	"fmt"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	zone "github.com/lrstanley/bubblezone"
)

// raceChart is what the escalation panel plots.
type raceChart int

const (
	raceGrowth raceChart = iota
	raceShare
	raceCumulative
	raceCashFlow
	raceChartCount
)

var raceTitles = [...]string{
	"YoY capex growth, %",
	"Share of combined capex, %",
	"Cumulative capex since ChatGPT, $B",
	"TTM capex as % of TTM operating cash flow",
}

// raceShort names each view in the leaders line.
var raceShort = [...]string{"growth", "share", "since ChatGPT", "capex/OCF"}

// escalationPanel shows how the providers push each other to spend more.
type escalationPanel struct {
	sh    shared
	keys  keyMap
	chart raceChart
	w, h  int
	cache *chartCache
	zones *zone.Manager // the mouse's, when it is on
}

func newEscalationPanel(sh shared, keys keyMap) escalationPanel {
	return escalationPanel{sh: sh, keys: keys, cache: &chartCache{}}
}

// SetSize sets the box the panel draws in.
func (p *escalationPanel) SetSize(w, h int) { p.w, p.h = w, h }

func (p *escalationPanel) setShared(sh shared) { p.sh = sh }

// Update handles the panel's own keys.
func (p escalationPanel) Update(msg tea.Msg) (escalationPanel, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, p.keys.Mode) {
		p.chart = (p.chart + 1) % raceChartCount
	}
	return p, nil
}

// eraStart is the quarter cumulative spending counts from.
func (p *escalationPanel) eraStart() data.Quarter {
	if e, ok := p.sh.aiEra(); ok {
		return data.QuarterOf(e.Date)
	}
	return p.sh.d.First()
}

// measure returns the value of chart c for a provider at q, in display
// units (percent or $B).
func (p *escalationPanel) measure(c raceChart, id string, q data.Quarter) (float64, bool) {
	d, basis := p.sh.d, p.sh.basis
	switch c {
	case raceGrowth:
		v, ok := d.YoY(id, basis, q)
		return v * 100, ok
	case raceShare:
		v, ok := d.Share(id, basis, q)
		return v * 100, ok
	case raceCumulative:
		v, ok := d.Cumulative(id, basis, p.eraStart(), q)
		return v.Billions(), ok
	default:
		v, ok := d.CapexToOperatingCashFlow(id, basis, q)
		return v * 100, ok
	}
}

// View draws the panel at its size.
func (p escalationPanel) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	sh := p.sh
	chartW, chartH, join := sh.split(p.w, p.h-1, EscalationPanel, p.readout)
	label := pctLabel
	if p.chart == raceCumulative {
		label = billionsLabel
	}
	pl := sh.quarterPlot(chartW, func(id string, q data.Quarter) (float64, bool) {
		return p.measure(p.chart, id, q)
	}, label)
	title := fmt.Sprintf("Escalation · %s · %s", raceTitles[p.chart], sh.basisLabel())
	return fit(sh.th.Title.Render(title), p.w, 1) + "\n" + join(markChart(p.zones, p.cache.render(p.cacheKey(), pl, chartW, chartH, sh.th)))
}

func (p *escalationPanel) readout(width int) string {
	sh := p.sh
	q := sh.cursor
	last := sh.d.Last().Year
	header := []string{q.String(), "YoY", "share", "cum.", "capex/OCF", fmt.Sprintf("CY%d", last-1), fmt.Sprintf("guide %d", last), fmt.Sprintf("guide %d", last+1)}
	var rows [][]cell
	provs := sh.providers()
	leaders := make([]string, 0, raceChartCount)
	for c := raceGrowth; c < raceChartCount; c++ {
		vals := make([]float64, len(provs))
		oks := make([]bool, len(provs))
		for i, pr := range provs {
			vals[i], oks[i] = p.measure(c, pr.ID, q) // every provider, shown or not
		}
		for i, r := range data.Ranks(vals, oks) {
			if r == 1 {
				leaders = append(leaders, fmt.Sprintf("%s %s", raceShort[c], provs[i].Name))
				break
			}
		}
	}
	for i, pr := range provs {
		if !sh.visible[i] {
			continue
		}
		g, okG := p.measure(raceGrowth, pr.ID, q)
		s, okS := p.measure(raceShare, pr.ID, q)
		c, okC := sh.d.Cumulative(pr.ID, sh.basis, p.eraStart(), q)
		o, okO := sh.d.CapexToOperatingCashFlow(pr.ID, sh.basis, q)
		prev, n := sh.d.CalendarYear(pr.ID, sh.basis, last-1)
		rows = append(rows, []cell{sh.providerCell(i, pr.Name),
			changeCell(sh.th, g/100, okG), {text: data.FormatPercent(s/100, okS), style: sh.th.Title},
			{text: data.FormatUSD(c, okC), style: sh.th.Title}, {text: data.FormatPercent(o, okO), style: sh.th.Title},
			{text: data.FormatUSD(prev, n == 4), style: sh.th.Title},
			{text: guidanceText(sh.d, pr, last), style: sh.th.Guidance},
			{text: guidanceText(sh.d, pr, last+1), style: sh.th.Guidance}})
	}
	out := renderTable(sh.th, max(width, 20), header, rows)
	if len(leaders) > 0 {
		out += "\n" + sh.th.Muted.Render(ansi.Wrap("Leads: "+strings.Join(leaders, " · "), max(1, width), " "))
	}
	return out
}

// cacheKey names everything but the cursor that the chart depends on.
func (p escalationPanel) cacheKey() string {
	return fmt.Sprint(p.chart, p.sh.basis, p.sh.visible, p.sh.braille)
}
