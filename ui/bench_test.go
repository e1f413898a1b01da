package ui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkView draws each panel's full frame at the two reference sizes.
func BenchmarkView(b *testing.B) {
	d := bundled(b)
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for i, p := range PanelNames() {
			b.Run(fmt.Sprintf("%s_%dx%d", p, size[0], size[1]), func(b *testing.B) {
				m, _ := newModel(b, d, size[0], size[1])
				m = send(m, keyMsg(fmt.Sprint(i+1)))
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
