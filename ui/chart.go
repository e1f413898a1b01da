package ui

import (
	"math"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"
)

// sample is one x position of a series; ok is false for a missing figure,
// which breaks the line rather than bridging the gap.
type sample struct {
	x, y float64
	ok   bool
}

type plotSeries struct {
	samples []sample
	style   lipgloss.Style
	marker  rune
}

// vmark is a vertical marker: a definition break, ChatGPT's launch.
type vmark struct {
	x     float64
	label string
	style lipgloss.Style
}

// vrange is a vertical bar from lo to hi at x: a guidance range, drawn
// dotted between hollow markers so it cannot be mistaken for an actual.
type vrange struct {
	x, lo, hi float64
	marker    rune
	style     lipgloss.Style
}

// plot describes one chart; render draws it with ntcharts.
type plot struct {
	xMin, xMax, yMin, yMax float64
	xLabel                 func(x float64) string
	yLabel                 func(y float64) string
	series                 []plotSeries
	marks                  []vmark
	ranges                 []vrange
	cursor                 float64
	hasCursor              bool
	braille                bool
	markStride             int // a marker every this many points (0: only at the cursor)
}

// niceAxis picks a y range for a chart of the given rows whose labels,
// drawn by ntcharts every second row of the graph (the rows less the two
// of the x axis), fall on round numbers, and which holds lo..hi and zero.
func niceAxis(lo, hi float64, rows int) (float64, float64) {
	lo, hi = min(lo, 0), max(hi, 0)
	if hi <= lo {
		hi = lo + 1
	}
	half := float64(max(2, rows-2)) / 2 // label steps in the graph's height
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/half)))
	for {
		for _, f := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8} {
			step := f * mag
			start := math.Floor(lo/step) * step
			if start+step*half >= hi {
				return start, start + step*half
			}
		}
		mag *= 10
	}
}

// render draws the plot into a w x h block. The linechart is made anew
// for each render: its canvas is a value holding slices, so keeping one
// across renders would alias state between copies of the panel.
func (p plot) render(w, h int, th Theme) string {
	if w < 10 || h < 4 {
		return ""
	}
	p.yMin, p.yMax = niceAxis(p.yMin, p.yMax, h)
	xf := func(_ int, v float64) string { return p.xLabel(v) }
	yf := func(_ int, v float64) string { return p.yLabel(v) }
	lc := linechart.New(w, h, p.xMin, p.xMax, p.yMin, p.yMax,
		linechart.WithXYSteps(1, 2),
		linechart.WithStyles(th.Axis, th.Label, th.Muted),
		linechart.WithXLabelFormatter(xf),
		linechart.WithYLabelFormatter(yf))
	lc.DrawXYAxisAndLabel()

	top := func(x float64) (canvas.Float64Point, canvas.Float64Point) {
		return canvas.Float64Point{X: x, Y: p.yMin}, canvas.Float64Point{X: x, Y: p.yMax}
	}
	for _, mk := range p.marks {
		a, b := top(mk.x)
		lc.DrawRuneLineWithStyle(a, b, '┊', mk.style)
	}
	if p.hasCursor {
		a, b := top(p.cursor)
		lc.DrawRuneLineWithStyle(a, b, '│', th.Cursor)
	}
	if zero := (canvas.Float64Point{X: p.xMin, Y: 0}); p.yMin < 0 {
		lc.DrawRuneLineWithStyle(zero, canvas.Float64Point{X: p.xMax, Y: 0}, '╌', th.Muted)
	}
	for _, r := range p.ranges {
		lc.DrawRuneLineWithStyle(canvas.Float64Point{X: r.x, Y: r.lo}, canvas.Float64Point{X: r.x, Y: r.hi}, '┊', r.style)
		lc.DrawRuneWithStyle(canvas.Float64Point{X: r.x, Y: r.hi}, r.marker, r.style)
		lc.DrawRuneWithStyle(canvas.Float64Point{X: r.x, Y: r.lo}, r.marker, r.style)
	}
	for _, s := range p.series {
		p.drawSeries(&lc, s)
	}
	// Markers go last so the cursor's values stay visible over the lines.
	for _, s := range p.series {
		for i, pt := range s.samples {
			last := i == len(s.samples)-1 || !s.samples[i+1].ok
			strided := p.markStride > 0 && (last || i%p.markStride == p.markStride-1)
			if pt.ok && ((p.hasCursor && pt.x == p.cursor) || strided) {
				lc.DrawRuneWithStyle(canvas.Float64Point{X: pt.x, Y: pt.y}, s.marker, s.style)
			}
		}
	}
	for _, mk := range p.marks {
		if mk.label == "" {
			continue
		}
		pt := canvas.CanvasPointFromFloat64Point(lc.Origin(), lc.ScaleFloat64Point(canvas.Float64Point{X: mk.x, Y: p.yMax}))
		lc.Canvas.SetStringWithStyle(canvas.Point{X: pt.X + 2, Y: 0}, mk.label, mk.style)
	}
	return lc.View()
}

// drawSeries joins consecutive present samples; a missing one leaves a gap.
func (p plot) drawSeries(lc *linechart.Model, s plotSeries) {
	var grid *graph.BrailleGrid
	if p.braille {
		grid = graph.NewBrailleGrid(lc.GraphWidth(), lc.GraphHeight(), p.xMin, p.xMax, p.yMin, p.yMax)
	}
	for i := 1; i < len(s.samples); i++ {
		a, b := s.samples[i-1], s.samples[i]
		if !a.ok || !b.ok {
			continue
		}
		fa, fb := canvas.Float64Point{X: a.x, Y: a.y}, canvas.Float64Point{X: b.x, Y: b.y}
		if grid == nil {
			lc.DrawLineWithStyle(fa, fb, runes.ArcLineStyle, s.style)
			continue
		}
		for _, pt := range graph.GetLinePoints(grid.GridPoint(fa), grid.GridPoint(fb)) {
			grid.Set(pt)
		}
	}
	// A lone point between gaps has no line; show it as its marker.
	for i, pt := range s.samples {
		prev := i > 0 && s.samples[i-1].ok
		next := i < len(s.samples)-1 && s.samples[i+1].ok
		if pt.ok && !prev && !next {
			lc.DrawRuneWithStyle(canvas.Float64Point{X: pt.x, Y: pt.y}, s.marker, s.style)
		}
	}
	if grid != nil {
		graph.DrawBraillePatterns(&lc.Canvas, canvas.Point{X: lc.Origin().X + 1, Y: 0}, grid.BraillePatterns(), s.style)
	}
}
