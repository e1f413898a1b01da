// Command minimal is the floor for tools/firstframe: the least a Bubble Tea
// v1 program with one ntcharts chart can do before its first frame. It
// draws a title line "floor ready" and one time-series line chart of a
// dozen points over an explicit time range, full screen, and quits on q.
// The last line, "q quit", marks the end of the frame for firstframe, as
// the legend near the end of aicapex's frame does for aicapex.
//
// It uses fixed colours only (lipgloss.Color, never AdaptiveColor), so it
// never asks the terminal for its background: whatever aicapex spends over
// this floor is aicapex's own start-up cost.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

var (
	titleStyle = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("221"))
	axisStyle  = lipgloss.NewStyle().Foreground(lipgloss.Color("245"))
	labelStyle = lipgloss.NewStyle().Foreground(lipgloss.Color("245"))
	lineStyle  = lipgloss.NewStyle().Foreground(lipgloss.Color("39"))
	footStyle  = lipgloss.NewStyle().Foreground(lipgloss.Color("245"))
)

type model struct {
	chart         timeserieslinechart.Model
	width, height int
}

// newChart builds the chart at w x h from twelve fixed monthly points.
func newChart(w, h int) timeserieslinechart.Model {
	start := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 11, 0)
	values := []float64{3, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15}
	c := timeserieslinechart.New(max(w, 10), max(h, 5),
		timeserieslinechart.WithTimeRange(start, end),
		timeserieslinechart.WithYRange(0, 16),
		timeserieslinechart.WithAxesStyles(axisStyle, labelStyle),
		timeserieslinechart.WithStyle(lineStyle),
	)
	for i, v := range values {
		c.Push(timeserieslinechart.TimePoint{Time: start.AddDate(0, i, 0), Value: v})
	}
	c.DrawBraille()
	return c
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if s := msg.String(); s == "q" || s == "ctrl+c" {
			return m, tea.Quit
		}
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.chart = newChart(msg.Width-2, msg.Height-4)
	}
	return m, nil
}

func (m model) View() string {
	if m.width == 0 {
		return "" // no size yet: nothing a reader could take for the frame
	}
	return titleStyle.Render("floor ready") + "\n\n" + m.chart.View() + "\n" + footStyle.Render("q quit")
}

func main() {
	if _, err := tea.NewProgram(model{}, tea.WithAltScreen()).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "minimal:", err)
		os.Exit(1)
	}
}
