package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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

// yStep is how many rows apart the y labels go: every second row on a
// small chart, fewer on a tall one so the axis does not read as a list.
func yStep(rows int) int {
	if rows >= 30 {
		return 4
	}
	return 2
}

// niceAxis picks a y range for a chart of the given rows whose labels,
// drawn by ntcharts every yStep rows of the graph (the rows less the two
// of the x axis), fall on round numbers, and which holds lo..hi and zero.
func niceAxis(lo, hi float64, rows int) (float64, float64) {
	lo, hi = min(lo, 0), max(hi, 0)
	if hi <= lo {
		hi = lo + 1
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return 0, 1
	}
	// At least two label steps: with one, a range below zero (start one step
	// under lo) could never reach above it.
	half := float64(max(2*yStep(rows), rows-2)) / float64(yStep(rows))
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/half)))
	for range 40 {
		for _, f := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8} {
			step := f * mag
			start := math.Floor(lo/step) * step
			if start+step*half >= hi {
				return start, start + step*half
			}
		}
		mag *= 10
	}
	return lo, hi
}

// frame is a chart drawn without its cursor. Moving the cursor only
// overlays one column on it, so a keypress does not redraw the chart.
type frame struct {
	lc    linechart.Model // kept to place points; its cells are not reused
	lines []string        // the drawn chart, styled
	blank [][]int         // per cell, the byte offset of its space if empty, else -1
}

// chartCache holds a panel's last frame. Panels are copied by value; the
// pointer keeps one cache per panel, owned by one session's model.
type chartCache struct {
	key string
	f   frame
}

// render draws the plot into a w x h block, reusing the cached frame when
// nothing but the cursor changed since the last call with the same key.
func (c *chartCache) render(key string, p plot, w, h int, th Theme) string {
	if w < 10 || h < 4 {
		return ""
	}
	key = fmt.Sprintf("%s|%dx%d", key, w, h)
	if c.key != key {
		c.f, c.key = p.frame(w, h, th), key
	}
	return c.f.withCursor(p, th)
}

// frame draws everything but the cursor.
func (p plot) frame(w, h int, th Theme) frame {
	p.yMin, p.yMax = niceAxis(p.yMin, p.yMax, h)
	xf := func(_ int, v float64) string { return p.xLabel(v) }
	yf := func(_ int, v float64) string { return p.yLabel(v) }
	lc := linechart.New(w, h, p.xMin, p.xMax, p.yMin, p.yMax,
		linechart.WithXYSteps(1, yStep(h)),
		linechart.WithStyles(th.Axis, th.Label, th.Muted),
		linechart.WithXLabelFormatter(xf),
		linechart.WithYLabelFormatter(yf))
	lc.DrawXYAxisAndLabel()

	for _, mk := range p.marks {
		lc.DrawRuneLineWithStyle(canvas.Float64Point{X: mk.x, Y: p.yMin}, canvas.Float64Point{X: mk.x, Y: p.yMax}, '┊', mk.style)
	}
	if p.yMin < 0 {
		lc.DrawRuneLineWithStyle(canvas.Float64Point{X: p.xMin, Y: 0}, canvas.Float64Point{X: p.xMax, Y: 0}, '╌', th.Muted)
	}
	for _, r := range p.ranges {
		lc.DrawRuneLineWithStyle(canvas.Float64Point{X: r.x, Y: r.lo}, canvas.Float64Point{X: r.x, Y: r.hi}, '┊', r.style)
		lc.DrawRuneWithStyle(canvas.Float64Point{X: r.x, Y: r.hi}, r.marker, r.style)
		lc.DrawRuneWithStyle(canvas.Float64Point{X: r.x, Y: r.lo}, r.marker, r.style)
	}
	for _, s := range p.series {
		p.drawSeries(&lc, s)
	}
	for _, s := range p.series {
		for i, pt := range s.samples {
			last := i == len(s.samples)-1 || !s.samples[i+1].ok
			if pt.ok && p.markStride > 0 && (last || i%p.markStride == p.markStride-1) {
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
	lines, blank := canvasLines(&lc.Canvas)
	// Placing points needs only the scale; the cells are drawn into lines
	// now, and would cost a few hundred bytes each to keep.
	lc.Canvas = canvas.New(0, 0)
	return frame{lc: lc, lines: lines, blank: blank}
}

// cellOf returns the canvas cell a data point is drawn in, as ntcharts'
// DrawRune places it (one column right of the y axis, one row above x).
func (f frame) cellOf(x, y float64) canvas.Point {
	pt := canvas.CanvasPointFromFloat64Point(f.lc.Origin(), f.lc.ScaleFloat64Point(canvas.Float64Point{X: x, Y: y}))
	return canvas.Point{X: pt.X + 1, Y: pt.Y - 1}
}

// withCursor overlays the cursor column, behind what is drawn, and each
// series' marker at the cursor, in front.
func (f frame) withCursor(p plot, th Theme) string {
	if !p.hasCursor || p.cursor < p.xMin || p.cursor > p.xMax {
		return strings.Join(f.lines, "\n")
	}
	lines := append([]string(nil), f.lines...)
	col := f.cellOf(p.cursor, 0).X
	bar := th.Cursor.Render("│")
	for y := 0; y < f.lc.Origin().Y && y < len(lines); y++ {
		if col >= 0 && col < len(f.blank[y]) {
			if off := f.blank[y][col]; off >= 0 {
				lines[y] = lines[y][:off] + bar + lines[y][off+1:]
			}
		}
	}
	for _, s := range p.series {
		for _, pt := range s.samples {
			if !pt.ok || pt.x != p.cursor {
				continue
			}
			c := f.cellOf(pt.x, clamp(pt.y, f.lc.ViewMinY(), f.lc.ViewMaxY()))
			if c.Y >= 0 && c.Y < len(lines) && c.X >= 0 && c.X < len(f.blank[c.Y]) {
				l := lines[c.Y]
				lines[c.Y] = ansi.Truncate(l, c.X, "") + s.style.Render(string(s.marker)) + ansi.TruncateLeft(l, c.X+1, "")
			}
		}
	}
	return strings.Join(lines, "\n")
}

// xAt maps a column of the last frame to its x value, for the mouse.
func (c *chartCache) xAt(col int) (float64, bool) {
	if c.key == "" {
		return 0, false
	}
	lc := &c.f.lc
	gx := col - lc.Origin().X - 1
	if gx < 0 || gx >= lc.GraphWidth() || lc.GraphWidth() < 2 {
		return 0, false
	}
	return lc.ViewMinX() + float64(gx)/float64(lc.GraphWidth()-1)*(lc.ViewMaxX()-lc.ViewMinX()), true
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }

// canvasLines draws the canvas a run of same-coloured cells at a time
// (ntcharts' own View renders every cell through Lip Gloss, about 9 ms a
// frame at 200x60). For each empty cell it also returns the byte offset
// of the plain space that stands for it, or -1, so the cursor can be
// spliced in without parsing the line again.
func canvasLines(c *canvas.Model) (lines []string, blankAt [][]int) {
	var b strings.Builder
	var run []rune
	for y := 0; y < c.Height(); y++ {
		b.Reset()
		offsets := make([]int, c.Width())
		var style lipgloss.Style
		var fg lipgloss.TerminalColor
		runStart := 0
		flush := func() {
			if len(run) == 0 {
				return
			}
			if fg == nil {
				// An unstyled run is written as is: cell x sits at its byte.
				base := b.Len()
				for i := range run {
					if run[i] == ' ' {
						offsets[runStart+i] = base + i
					}
				}
				b.WriteString(string(run))
			} else {
				b.WriteString(style.Render(string(run)))
			}
			run = run[:0]
		}
		for x := 0; x < c.Width(); x++ {
			offsets[x] = -1
			cell := c.Cell(canvas.Point{X: x, Y: y})
			r := cell.Rune
			var cellFG lipgloss.TerminalColor
			if r == runes.Null {
				r = ' '
			} else if f := cell.Style.GetForeground(); f != (lipgloss.NoColor{}) {
				cellFG = f
			}
			if cellFG != fg || (r != ' ' && fg == nil) {
				flush()
				style, fg, runStart = cell.Style, cellFG, x
			}
			if r != ' ' && fg == nil {
				// A glyph without colour (mono): keep it out of the offset run.
				b.WriteRune(r)
				runStart = x + 1
				continue
			}
			run = append(run, r)
		}
		flush()
		lines = append(lines, b.String())
		blankAt = append(blankAt, offsets)
	}
	return lines, blankAt
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
