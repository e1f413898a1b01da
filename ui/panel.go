package ui

import (
	"github.com/aicapex/aicapex/data"
)

// panel is one tab of the dashboard: a chart of the data, chosen from the
// panel's own, and a readout of the exact figures at the shared cursor.
// The root model, the presenter, print and stories all loop over panels
// through this, never switching on which one it is.
type panel interface {
	// SetSize sets the box the panel draws in.
	SetSize(w, h int)
	// View draws the panel at the shared cursor, exactly its box.
	View() string
	// Charts names the panel's charts, its default first: what m cycles,
	// and what --chart and a story's chart: line take.
	Charts() []string
	// Chart names the chart showing.
	Chart() string
	// SetChart shows the named chart; false if the panel has none so named.
	SetChart(name string) bool
	// QuarterAt maps a column of the chart to its quarter, for the mouse.
	QuarterAt(col int) (data.Quarter, bool)
	// Metrics are the reported figures the panel's numbers come from: what
	// its sources and notes cover.
	Metrics() []data.Metric
	// Summary says in plain sentences what the panel shows at q.
	Summary(q data.Quarter) []string
	// Notes are what the readout at q says under its table, whole: the
	// sources overlay lists them where the readout has no room.
	Notes(q data.Quarter) []string
	// drawn is what View drew last (its board keeps it): its title, its
	// plot and its readout, for others to draw or measure the same chart.
	drawn() drawing
}

// panelKind is a row of the tab table.
type panelKind struct {
	name, title string
	new         func(sh *shared) panel
}

// panelKinds are the tabs, in order. A new panel is one file and one row.
var panelKinds = []panelKind{
	{"capex", "CapEx", newCapexPanel},
	{"margin", "Cloud margin", newMarginPanel},
	{"escalation", "Escalation", newEscalationPanel},
}

// newPanels builds every panel on one shared context.
func newPanels(sh *shared) []panel {
	ps := make([]panel, len(panelKinds))
	for i, k := range panelKinds {
		ps[i] = k.new(sh)
	}
	return ps
}
