package ui

import (
	"fmt"

	"github.com/aicapex/aicapex/data"
	zone "github.com/lrstanley/bubblezone"
)

// chartZone marks a panel's chart; tabZone marks a tab.
const chartZone = "chart"

func tabZone(i PanelID) string { return fmt.Sprintf("tab%d", i) }

// panelZones holds one zone manager per panel's chart.
type panelZones struct{ m [panelCount]*zone.Manager }

func newPanelZones() *panelZones {
	z := &panelZones{}
	for i := range z.m {
		z.m[i] = zone.New()
	}
	return z
}

// get returns panel p's manager; nil when the mouse is off.
func (z *panelZones) get(p PanelID) *zone.Manager {
	if z == nil {
		return nil
	}
	return z.m[p]
}

func (z *panelZones) close() {
	for _, m := range z.m {
		m.Close()
	}
}

// markChart marks the chart block for the mouse when the mouse is on.
func markChart(z *zone.Manager, chart string) string {
	if z == nil || chart == "" {
		return chart
	}
	return z.Mark(chartZone, chart)
}

// quarterAt maps a column of a quarterly chart to its quarter.
func (s shared) quarterAt(c *chartCache, col int) (data.Quarter, bool) {
	x, ok := c.xAt(col)
	if !ok {
		return data.Quarter{}, false
	}
	q := s.d.First().Add(int(x + 0.5))
	if q.Before(s.d.First()) || s.d.Last().Before(q) {
		return data.Quarter{}, false
	}
	return q, true
}
