package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
)

// floorMarker is in every frame of the floor's view.
const floorMarker = "floor chart"

// serveFloor runs the floor on ln until ctx ends: the least a wish and
// Bubble Tea server showing an ntcharts chart can do, to measure aicapex
// against.
func serveFloor(ctx context.Context, ln net.Listener, hostKeyPEM []byte) error {
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(hostKeyPEM),
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithMiddleware(floorMiddleware()),
	)
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); errors.Is(err, context.DeadlineExceeded) {
		err = srv.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return err
	}
	return nil
}

// floorOptions are the floor's program options: without the signal
// handler, as aicapex runs its programs, so that the two differ in what they
// draw rather than in program options.
func floorOptions() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithAltScreen(), tea.WithoutSignalHandler()}
}

// floorModel is one time series chart with a cursor that left and right move.
type floorModel struct {
	chart  timeserieslinechart.Model
	points []timeserieslinechart.TimePoint
	cursor int
	title  lipgloss.Style
	column lipgloss.Style
}

func newFloorModel(r *lipgloss.Renderer, w, h int) floorModel {
	start := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	points := make([]timeserieslinechart.TimePoint, 12)
	for i := range points {
		points[i] = timeserieslinechart.TimePoint{Time: start.AddDate(0, i, 0), Value: float64(5 + (i*7)%13)}
	}
	chart := timeserieslinechart.New(max(w, 10), max(h-1, 5),
		// New starts the range at time.Now(): set both ranges.
		timeserieslinechart.WithTimeRange(points[0].Time, points[len(points)-1].Time),
		timeserieslinechart.WithYRange(0, 20),
		timeserieslinechart.WithAxesStyles(r.NewStyle().Foreground(lipgloss.Color("241")), r.NewStyle().Foreground(lipgloss.Color("245"))),
		timeserieslinechart.WithStyle(r.NewStyle().Foreground(lipgloss.Color("39"))),
		timeserieslinechart.WithTimeSeries(points),
	)
	m := floorModel{
		chart:  chart,
		points: points,
		cursor: len(points) - 1,
		title:  r.NewStyle().Bold(true).Foreground(lipgloss.Color("212")),
		column: r.NewStyle().Background(lipgloss.Color("237")),
	}
	m.draw()
	return m
}

func (m *floorModel) draw() {
	m.chart.DrawBraille()
	m.chart.SetColumnBackgroundStyle(m.points[m.cursor].Time, m.column)
}

func (m floorModel) Init() tea.Cmd { return nil }

func (m floorModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.chart.Resize(max(msg.Width, 10), max(msg.Height-1, 5))
		m.draw()
	case tea.KeyMsg:
		switch msg.String() {
		case "q", "ctrl+c":
			return m, tea.Quit
		case "left":
			m.cursor = (m.cursor + len(m.points) - 1) % len(m.points)
			m.draw()
		case "right":
			m.cursor = (m.cursor + 1) % len(m.points)
			m.draw()
		}
	}
	return m, nil
}

func (m floorModel) View() string {
	p := m.points[m.cursor]
	return m.title.Render(fmt.Sprintf("%s  %s  %.0f", floorMarker, p.Time.Format("2006-01"), p.Value)) + "\n" + m.chart.View()
}
