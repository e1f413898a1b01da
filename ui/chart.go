package ui

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/aicapex/aicapex/data"
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
	name    string // the provider, for the table view
	samples []sample
	style   lipgloss.Style
	marker  rune
	// guide marks a provider's series on its guidance's basis, drawn
	// behind the chart's own with hollow markers (and dashed in an SVG).
	guide bool
}

// vmark is a vertical line across the chart: an event such as ChatGPT's
// launch, or a change in what a series means. Its label goes on the row
// above the values, right of the line: the first of labels that fits
// before the next line, or none.
type vmark struct {
	x      float64
	glyph  rune
	labels []string // longest first
	style  lipgloss.Style
}

// tick is a quiet mark on the x axis itself: a change that moves the
// figures without changing what they cover (server useful lives), which a
// line across the chart would make look like a break.
type tick struct {
	x     float64
	style lipgloss.Style
}

// vrange is a vertical bar from lo to hi at x: a guidance range, drawn
// dashed between hollow markers so it cannot be mistaken for an actual.
type vrange struct {
	x, lo, hi float64
	marker    rune
	style     lipgloss.Style
}

// xLabel names a position on the x axis: a year's first quarter, where the
// label starts, or a year's point, which the label is centred on.
type xLabel struct {
	x      float64
	text   string
	center bool
}

// plot describes one chart; its frame draws it. Values are in the unit's
// raw terms (USD millions, fractions), which the axis labels format.
type plot struct {
	unit       data.Unit
	xMin, xMax float64
	xLabels    []xLabel
	lo, hi     float64 // the values' extent; the axis also holds zero
	series     []plotSeries
	marks      []vmark
	ticks      []tick
	ranges     []vrange
	cursor     float64
	hasCursor  bool
	// cursorLabel names the cursor's position on the x axis, over the
	// labels it would touch: "2025Q3".
	cursorLabel string
	// compare is a second position drawn like the cursor, the quarter
	// marked to compare with.
	compare    float64
	hasCompare bool
	braille    bool
	markStride int // a marker every this many points (0: only at the cursor)
	// rowName names an x position as a row of the table view: "2025Q3".
	rowName func(x float64) string
}

// labelEvery is how many rows apart the y labels go: every second row on a
// small chart, fewer on a tall one so the axis does not read as a list.
func labelEvery(rows int) int {
	if rows >= 30 {
		return 4
	}
	return 2
}

// niceSteps are the label steps tried, per power of ten.
var niceSteps = []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8}

// scale picks the value of the bottom row and the value per row for a
// chart of the given rows, so that every labelEvery(rows)-th row is a
// round number (the bottom one too where the rows allow), zero among them,
// and lo..hi falls on the rows. A row holds the values within half a step
// of its own: that is how the braille dots and the markers round too.
func scale(lo, hi float64, rows int) (base, step float64) {
	rows = max(rows, 1)
	every := float64(labelEvery(rows))
	lo, hi = min(lo, 0), max(hi, 0)
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return 0, 1
	}
	if hi <= lo {
		hi = lo + 1
	}
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(rows)*every)))
	for range 40 {
		for _, f := range niceSteps {
			label := f * mag
			step = label / every
			for _, base := range []float64{math.Floor(lo/label) * label, math.Floor(lo/step+0.5) * step} {
				if hi < base+(float64(rows)-0.5)*step {
					return base, step
				}
			}
		}
		mag *= 10
	}
	return lo, (hi - lo) / float64(rows)
}

// isMultiple reports whether v is a whole number of steps, give or take
// the rounding of floating point.
func isMultiple(v, step float64) bool {
	n := v / step
	return math.Abs(n-math.Round(n)) < 1e-6
}

// grid maps data to the cells of a chart. The y labels, the braille dots,
// the markers, the cursor and every reference line use it, so a value is
// drawn on the row whose range holds it, the row its label names.
type grid struct {
	left, top  int // the y axis's column; the first row of values
	cols, rows int // cells right of the axis; rows of values
	xMin, xMax float64
	base, step float64 // the value at the middle of the bottom row; per row
}

// col is the column of x: the column of the braille dot nearest x, two
// dots to a cell.
func (g grid) col(x float64) int {
	if g.xMax <= g.xMin {
		return g.left + 1
	}
	dot := math.Round((x - g.xMin) / (g.xMax - g.xMin) * float64(2*g.cols-1))
	return g.left + 1 + int(math.Floor(dot/2))
}

// row is the row holding y, clamped to the chart.
func (g grid) row(y float64) int {
	k := int(math.Floor((y-g.base)/g.step + 0.5))
	return g.top + g.rows - 1 - max(0, min(g.rows-1, k))
}

// dots is the value range a braille grid of the chart's rows spans so that
// its dots round to the same rows: four dots a row, the bottom row's
// middle at base.
func (g grid) dots() (lo, hi float64) {
	d := g.step / 4
	lo = g.base - 1.5*d
	return lo, lo + float64(4*g.rows-1)*d
}

// xAt maps a column back to x, for the mouse.
func (g grid) xAt(col int) (float64, bool) {
	c := col - g.left - 1
	if c < 0 || c >= g.cols || g.cols < 1 {
		return 0, false
	}
	dot := float64(2*c) + 0.5
	return g.xMin + dot/float64(2*g.cols-1)*(g.xMax-g.xMin), true
}

func (g grid) axisRow() int { return g.top + g.rows }

// frame is a chart drawn without its cursor. Moving the cursor only
// overlays one column on it, so a keypress does not redraw the chart.
type frame struct {
	g      grid
	w      int
	lines  []string // the drawn chart, styled
	blank  [][]int  // per cell, the byte offset of its space if empty, else -1
	xl     []placed // the x labels drawn, left to right
	xStyle lipgloss.Style
}

// placed is a label at its first column.
type placed struct {
	col  int
	text string
}

// chartCache holds a panel's last frame; the panel is its one owner.
type chartCache struct {
	key string
	f   frame
}

// minChartRows is the least height a chart is drawn in: a row for the
// labels of its marks, six rows of values, the x axis and its labels.
const minChartRows = 9

// render draws the plot into a w x h block, reusing the cached frame when
// nothing but the cursor changed since the last call with the same key.
func (c *chartCache) render(key string, p plot, w, h int, th Theme) string {
	if w < 10 || h < 4 {
		c.key = ""
		return ""
	}
	key += "|" + strconv.Itoa(w) + "x" + strconv.Itoa(h)
	if c.key != key {
		c.f, c.key = p.frame(w, h, th), key
	}
	return c.f.withCursor(p, th)
}

// frame draws everything but the cursor.
func (p plot) frame(w, h int, th Theme) frame {
	top := 0
	if slices.ContainsFunc(p.marks, func(m vmark) bool { return len(m.labels) > 0 }) {
		top = 1 // a row for the marks' labels, above the values
	}
	g := grid{top: top, rows: max(1, h-top-2), xMin: p.xMin, xMax: p.xMax}
	g.base, g.step = scale(p.lo, p.hi, g.rows)
	labelStep := g.step * float64(labelEvery(g.rows))
	labels := map[int]string{}
	for k := 0; k < g.rows; k++ {
		if v := g.base + float64(k)*g.step; isMultiple(v, labelStep) {
			s := p.unit.Tick(v, labelStep)
			labels[g.top+g.rows-1-k] = s
			g.left = max(g.left, len([]rune(s)))
		}
	}
	g.cols = max(1, w-g.left-1)

	c := canvas.New(w, h)
	for row, s := range labels {
		c.SetStringWithStyle(canvas.Point{X: g.left - len([]rune(s)), Y: row}, s, th.Label)
	}
	graph.DrawXYAxis(&c, canvas.Point{X: g.left, Y: g.axisRow()}, th.Axis)
	xl := p.drawXLabels(&c, g, th)
	for _, t := range p.ticks {
		c.SetCell(canvas.Point{X: g.col(t.x), Y: g.axisRow()}, canvas.NewCellWithStyle(tickGlyph, t.style))
	}

	for _, mk := range p.marks {
		col := g.col(mk.x)
		for y := 0; y < g.axisRow(); y++ {
			c.SetCell(canvas.Point{X: col, Y: y}, canvas.NewCellWithStyle(mk.glyph, mk.style))
		}
	}
	if g.base < 0 {
		zero := g.row(0)
		for x := g.left + 1; x < w; x++ {
			if c.Cell(canvas.Point{X: x, Y: zero}).Rune == runes.Null {
				c.SetCell(canvas.Point{X: x, Y: zero}, canvas.NewCellWithStyle(zeroGlyph, th.Muted))
			}
		}
	}
	for _, r := range p.ranges {
		col := g.col(r.x)
		for y := g.row(r.hi); y <= g.row(r.lo); y++ {
			c.SetCell(canvas.Point{X: col, Y: y}, canvas.NewCellWithStyle(rangeGlyph, r.style))
		}
		c.SetCell(canvas.Point{X: col, Y: g.row(r.hi)}, canvas.NewCellWithStyle(r.marker, r.style))
		c.SetCell(canvas.Point{X: col, Y: g.row(r.lo)}, canvas.NewCellWithStyle(r.marker, r.style))
	}
	for _, s := range p.series {
		p.drawSeries(&c, g, s)
	}
	for _, s := range p.series {
		for i, pt := range s.samples {
			last := i == len(s.samples)-1 || !s.samples[i+1].ok
			if pt.ok && p.markStride > 0 && (last || i%p.markStride == p.markStride-1) {
				c.SetCell(canvas.Point{X: g.col(pt.x), Y: g.row(pt.y)}, canvas.NewCellWithStyle(s.marker, s.style))
			}
		}
	}
	if top > 0 {
		p.drawMarkLabels(&c, g, w)
	}
	lines, blank := canvasLines(&c)
	return frame{g: g, w: w, lines: lines, blank: blank, xl: xl, xStyle: th.Label}
}

// drawXLabels writes the x labels under the axis, each where its position
// says, skipping any that would touch the one before or run off the edge,
// and returns where they went.
func (p plot) drawXLabels(c *canvas.Model, g grid, th Theme) []placed {
	var out []placed
	end := g.left // the first free column
	for _, l := range p.xLabels {
		n := len([]rune(l.text))
		start := g.col(l.x)
		if l.center {
			start -= (n - 1) / 2
		}
		if start < end || start+n > c.Width() {
			continue
		}
		c.SetStringWithStyle(canvas.Point{X: start, Y: g.axisRow() + 1}, l.text, th.Label)
		out = append(out, placed{start, l.text})
		end = start + n + 1
	}
	return out
}

// drawMarkLabels writes each mark's label on the top row, right of its
// line and short of the next one, so a label always names the line on its
// left: the longest that fits, or none. Marks that share a column share a
// label, their shortest ones side by side ("AMZN GOOGL"), unless those
// are the same.
func (p plot) drawMarkLabels(c *canvas.Model, g grid, w int) {
	var marks []vmark
	for _, mk := range p.marks {
		i := slices.IndexFunc(marks, func(o vmark) bool { return g.col(o.x) == g.col(mk.x) })
		switch {
		case i < 0:
			marks = append(marks, mk)
		case len(mk.labels) > 0 && len(marks[i].labels) > 0:
			a, b := marks[i].labels[len(marks[i].labels)-1], mk.labels[len(mk.labels)-1]
			if a != b { // one provider's two changes keep its labels
				marks[i].labels = []string{a + " " + b}
			}
		}
	}
	slices.SortStableFunc(marks, func(a, b vmark) int { return g.col(a.x) - g.col(b.x) })
	for i, mk := range marks {
		col := g.col(mk.x)
		limit := w // the next mark's line, which a label must not reach
		if i+1 < len(marks) {
			limit = min(w, g.col(marks[i+1].x)-1)
		}
		for _, text := range mk.labels {
			if col+1+len([]rune(text)) <= limit {
				c.SetStringWithStyle(canvas.Point{X: col + 1, Y: 0}, text, mk.style)
				break
			}
		}
	}
}

// drawSeries joins consecutive present samples; a missing one leaves a gap.
func (p plot) drawSeries(c *canvas.Model, g grid, s plotSeries) {
	var dots *graph.BrailleGrid
	if p.braille {
		lo, hi := g.dots()
		dots = graph.NewBrailleGrid(g.cols, g.rows, g.xMin, g.xMax, lo, hi)
	}
	cell := func(pt sample) canvas.Point { return canvas.Point{X: g.col(pt.x), Y: g.row(pt.y)} }
	for i := 1; i < len(s.samples); i++ {
		a, b := s.samples[i-1], s.samples[i]
		if !a.ok || !b.ok {
			continue
		}
		if dots == nil {
			graph.DrawLinePoints(c, graph.GetLinePoints(cell(a), cell(b)), runes.ArcLineStyle, s.style)
			continue
		}
		fa, fb := canvas.Float64Point{X: a.x, Y: a.y}, canvas.Float64Point{X: b.x, Y: b.y}
		for _, pt := range graph.GetLinePoints(dots.GridPoint(fa), dots.GridPoint(fb)) {
			dots.Set(pt)
		}
	}
	if dots != nil {
		graph.DrawBraillePatterns(c, canvas.Point{X: g.left + 1, Y: g.top}, dots.BraillePatterns(), s.style)
	}
	// A lone point between gaps has no line; show it as its marker.
	for i, pt := range s.samples {
		prev := i > 0 && s.samples[i-1].ok
		next := i < len(s.samples)-1 && s.samples[i+1].ok
		if pt.ok && !prev && !next {
			c.SetCell(cell(pt), canvas.NewCellWithStyle(s.marker, s.style))
		}
	}
}

// withCursor overlays the cursor column, behind what is drawn, and each
// series' marker at the cursor, in front; the quarter compared with as a
// column of its own; and the cursor's name on the x axis.
func (f frame) withCursor(p plot, th Theme) string {
	if !p.hasCursor || p.cursor < p.xMin || p.cursor > p.xMax {
		return strings.Join(f.lines, "\n")
	}
	lines := slices.Clone(f.lines)
	col := f.g.col(p.cursor)
	column := func(col int, glyph string) {
		for y := f.g.top; y < f.g.axisRow() && y < len(lines); y++ {
			if col >= 0 && col < len(f.blank[y]) {
				if off := f.blank[y][col]; off >= 0 {
					lines[y] = lines[y][:off] + glyph + lines[y][off+1:]
				}
			}
		}
	}
	// Splice the right column first: a splice moves the bytes after it.
	cols := [][2]any{{col, th.Cursor.Render(string(cursorGlyph))}}
	if p.hasCompare && p.compare >= p.xMin && p.compare <= p.xMax && f.g.col(p.compare) != col {
		cols = append(cols, [2]any{f.g.col(p.compare), th.Cursor.Render(string(compareGlyph))})
		if cols[1][0].(int) > col {
			cols[0], cols[1] = cols[1], cols[0]
		}
	}
	for _, c := range cols {
		column(c[0].(int), c[1].(string))
	}
	if row := f.g.axisRow() + 1; p.cursorLabel != "" && row < len(lines) {
		lines[row] = f.labelRow(col, p.cursorLabel, th)
	}
	for _, s := range p.series {
		for _, pt := range s.samples {
			if !pt.ok || pt.x != p.cursor {
				continue
			}
			row := f.g.row(pt.y)
			if row < len(lines) && col >= 0 && col < len(f.blank[row]) {
				l := lines[row]
				lines[row] = ansi.Truncate(l, col, "") + s.style.Render(string(s.marker)) + ansi.TruncateLeft(l, col+1, "")
			}
		}
	}
	return strings.Join(lines, "\n")
}

// labelRow is the row of x labels with the cursor's label centred under
// its column, in the cursor's style, and the labels it would touch left out.
func (f frame) labelRow(col int, label string, th Theme) string {
	n := len([]rune(label))
	start := max(f.g.left+1, min(col-(n-1)/2, f.w-n))
	var b strings.Builder
	at := 0
	put := func(pos int, text string, st lipgloss.Style) {
		b.WriteString(strings.Repeat(" ", pos-at))
		b.WriteString(st.Render(text))
		at = pos + len([]rune(text))
	}
	cursorDone := false
	for _, l := range f.xl {
		end := l.col + len([]rune(l.text))
		if end >= start && l.col <= start+n {
			continue // it would touch the cursor's label
		}
		if !cursorDone && l.col > start {
			put(start, label, th.Cursor)
			cursorDone = true
		}
		put(l.col, l.text, f.xStyle)
	}
	if !cursorDone {
		put(start, label, th.Cursor)
	}
	return b.String() + strings.Repeat(" ", max(0, f.w-at))
}

// xAt maps a column of the last frame to its x value, for the mouse.
func (c *chartCache) xAt(col int) (float64, bool) {
	if c.key == "" {
		return 0, false
	}
	return c.f.g.xAt(col)
}

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
