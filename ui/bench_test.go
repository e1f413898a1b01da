package ui

import (
	"fmt"
	"testing"

	"github.com/aicapex/aicapex/data"
	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkView draws each panel's full frame, and the charts of
// depreciation, free cash flow and cash, at the two reference sizes.
func BenchmarkView(b *testing.B) {
	d := bundled(b)
	views := []Options{{Panel: "capex"}, {Panel: "margin"}, {Panel: "escalation"},
		{Panel: "margin", Chart: "depreciation"}, {Panel: "escalation", Chart: "fcf"}, {Panel: "escalation", Chart: "cash"}}
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for _, o := range views {
			name := o.Panel
			if o.Chart != "" {
				name = o.Chart
			}
			b.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(b *testing.B) {
				o.Quarter = data.NewQuarter(2025, 3)
				m := send(New(d, o, asciiTheme(), recordClipboard{new(string)}), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				b.ResetTimer()
				for range b.N {
					_ = m.View()
				}
			})
		}
	}
}

// BenchmarkKeypress is one round trip: a cursor move, then the new frame.
func BenchmarkKeypress(b *testing.B) {
	d := bundled(b)
	m, _ := newModel(b, d, 200, 60)
	left, right := keyMsg("left"), keyMsg("right")
	b.ResetTimer()
	for i := range b.N {
		msg := tea.Msg(left)
		if i%2 == 1 {
			msg = right
		}
		next, _ := m.Update(msg)
		m = next.(Model)
		_ = m.View()
	}
}
