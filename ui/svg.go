package ui

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// An SVG chart is a 16:9 page, in user units (CSS pixels at 100%), drawn
// on white to be printed, projected or pasted into slides built elsewhere.
const (
	svgWidth  = 1280
	svgHeight = 720
	svgMargin = 40
	// svgRows is the height in rows the y axis is scaled for, as a
	// terminal chart of that height would be: its labels every second row.
	svgRows = 16
	// svgPanelW, svgPanelH is the terminal box a panel is laid out in to
	// give its plot: wide enough for full years on the x axis.
	svgPanelW, svgPanelH = 200, 60
)

// The fixed colours of a chart on white; providers keep their colours for
// light backgrounds, from the theme.
const (
	svgInk   = "#1A1A1A"
	svgMuted = "#6B6B6B"
	svgGrid  = "#E4E4E4"
	svgFont  = "DejaVu Sans, Helvetica, Arial, sans-serif"
)

// svgTheme is the theme an SVG's plot is built with: the light palette,
// readable on white, and markers every year as without colour, so a
// copy printed in grey still tells the lines apart.
func svgTheme() Theme {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return NewTheme(r, "light", "")
}

// PanelSVG writes the chart of the panel o names as an SVG: its title,
// legend, chart and a source line. It is what `print PANEL --format svg`
// writes.
func PanelSVG(w io.Writer, d *data.Dataset, o Options) error {
	sh := newShared(d, svgTheme(), o)
	sh.static = true
	i := max(0, panelIndex(o.Panel))
	p := panelKinds[i].new(sh)
	if o.Chart != "" && !p.SetChart(o.Chart) {
		return fmt.Errorf("the %s panel has no chart %q", panelKinds[i].name, o.Chart)
	}
	return writeSVG(w, sh, p, nil, "")
}

// SlideSVG writes slide i of st as an SVG: its headline, caption and
// chart, with a source line. `present --export` writes one per slide.
func SlideSVG(w io.Writer, d *data.Dataset, st Story, i int) error {
	if i < 0 || i >= len(st.Slides) {
		return fmt.Errorf("%s has no slide %d", st.Name, i+1)
	}
	s := st.Slides[i]
	sh := newShared(d, svgTheme(), s.Options)
	sh.static, sh.slide = true, true
	p := panelKinds[max(0, panelIndex(s.Options.Panel))].new(sh)
	if !p.SetChart(s.Options.Chart) {
		p.SetChart(p.Charts()[0])
	}
	return writeSVG(w, sh, p, s.Caption, s.Headline)
}

// writeSVG draws what the panel draws in a terminal, from the same plot.
func writeSVG(w io.Writer, sh *shared, p panel, caption []string, headline string) error {
	p.SetSize(svgPanelW, svgPanelH)
	p.View()
	dr := p.drawn()
	c := svgChart{sh: sh, pl: dr.plot(svgPanelW), title: svgTitle(dr.title)}
	doc := newSVGDoc(w)
	doc.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", fmt.Sprintf("0 0 %d %d", svgWidth, svgHeight),
		"width", strconv.Itoa(svgWidth), "height", strconv.Itoa(svgHeight), "font-family", svgFont, "fill", svgInk)
	doc.text(c.title, "title")
	doc.leaf("rect", "width", strconv.Itoa(svgWidth), "height", strconv.Itoa(svgHeight), "fill", "#FFFFFF")
	y := float64(svgMargin)
	doc.open("g", "class", "heading")
	if headline != "" {
		y += 52
		doc.text(headline, "text", "class", "headline", "x", num(svgMargin), "y", num(y),
			"font-size", "56", "font-weight", "bold", "fill", svgColor(sh.th.Guidance.GetForeground()))
		y += 14
	}
	for _, l := range wrap(strings.Join(caption, " "), svgColumns(22)) {
		if l == "" {
			break
		}
		y += 28
		doc.text(l, "text", "class", "caption", "x", num(svgMargin), "y", num(y), "font-size", "22")
	}
	titleSize, titleWeight, titleFill := "24", "bold", svgInk
	if headline != "" || len(caption) > 0 {
		titleSize, titleWeight, titleFill = "16", "normal", svgMuted // the caption says it
		y += 12
	}
	y += 30
	doc.text(c.title, "text", "class", "chart-title", "x", num(svgMargin), "y", num(y),
		"font-size", titleSize, "font-weight", titleWeight, "fill", titleFill)
	doc.close("g")
	y = c.legend(doc, y+26)
	c.draw(doc, y+8, svgHeight-svgMargin-26)
	doc.text(svgSource(sh.d), "text", "class", "source", "x", num(svgMargin), "y", num(svgHeight-svgMargin+8),
		"font-size", "13", "fill", svgMuted)
	doc.close("svg")
	return doc.end()
}

// svgTitle is a panel's title without the glyphs that explain a terminal
// chart's lines: the SVG's legend says what its line styles mean.
func svgTitle(title string) string {
	parts := strings.Split(title, " · ")
	parts = slices.DeleteFunc(parts, func(s string) bool {
		return strings.ContainsRune(s, definitionGlyph) || strings.ContainsRune(s, tickGlyph) || strings.ContainsAny(s, string(hollowMarkers))
	})
	return strings.Join(parts, " · ")
}

// svgSource names where the figures come from and how far they reach.
func svgSource(d *data.Dataset) string {
	var names []string
	for _, p := range d.Providers() {
		names = append(names, p.Name)
	}
	who := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		who = strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
	return fmt.Sprintf("Source: %s filings and earnings releases, compiled by aicapex (%s). Each figure's filing: aicapex data.", who, d.Status())
}

// svgColumns is about how many characters of a font size fit across the
// page between the margins.
func svgColumns(size float64) int {
	return int((svgWidth - 2*svgMargin) / (size * 0.55))
}

// textWidth estimates how wide text is drawn at a font size: about 0.58 em
// a character in a sans-serif font.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * 0.58
}

// svgChart is a plot drawn in SVG; the plot is what the terminal draws.
type svgChart struct {
	sh    *shared
	pl    plot
	title string
	// The plot area, and the values at its bottom and top edges.
	left, right, top, bottom float64
	lo, hi                   float64
}

func (c svgChart) px(x float64) float64 {
	if c.pl.xMax <= c.pl.xMin {
		return c.left
	}
	return c.left + (x-c.pl.xMin)/(c.pl.xMax-c.pl.xMin)*(c.right-c.left)
}

func (c svgChart) py(v float64) float64 {
	return c.bottom - (v-c.lo)/(c.hi-c.lo)*(c.bottom-c.top)
}

// seriesName names a series by its marker, which is its provider's.
func (c svgChart) seriesName(s plotSeries) string {
	if s.guide {
		return s.name
	}
	for i, pr := range c.sh.providers() {
		if marker(i) == s.marker {
			return pr.Name
		}
	}
	return string(s.marker)
}

// cursorLabel names the cursor's place: its quarter, or its year on a
// chart of years.
func (c svgChart) cursorLabel() string {
	if c.pl.cursor == c.sh.x(c.sh.cursor) {
		return c.sh.cursor.String()
	}
	return strconv.Itoa(int(math.Round(c.pl.cursor)))
}

// legend draws each series' marker and name, with its value at the
// cursor, then what the chart's other lines mean; it returns the y under
// it.
func (c svgChart) legend(doc *svgDoc, y float64) float64 {
	const size = 16
	doc.open("g", "class", "legend", "font-size", num(size))
	x := float64(svgMargin)
	item := func(label string, draw func(x float64)) {
		if x+24+textWidth(label, size) > svgWidth-svgMargin {
			x, y = svgMargin, y+24
		}
		draw(x + 8)
		doc.text(label, "text", "x", num(x+22), "y", num(y+5))
		x += 22 + textWidth(label, size) + 22
	}
	if c.pl.hasCursor {
		item("at "+c.cursorLabel()+":", func(x float64) {
			doc.leaf("line", "x1", num(x), "x2", num(x), "y1", num(y-8), "y2", num(y+8), "stroke", svgInk, "stroke-width", "1.5")
		})
	}
	// The chart's own series first, then any on a guidance's basis.
	series := slices.Clone(c.pl.series)
	slices.SortStableFunc(series, func(a, b plotSeries) int {
		if a.guide == b.guide {
			return 0
		}
		if a.guide {
			return 1
		}
		return -1
	})
	for _, s := range series {
		label := c.seriesName(s)
		if i := slices.IndexFunc(s.samples, func(p sample) bool { return p.ok && p.x == c.pl.cursor }); i >= 0 && c.pl.hasCursor {
			label += " " + c.pl.unit.Format(s.samples[i].y, true)
		}
		item(label, func(x float64) { svgMarker(doc, s.marker, x, y, svgColor(s.style.GetForeground()), false) })
	}
	kinds := map[rune]bool{}
	for _, m := range c.pl.marks {
		kinds[m.glyph] = true
	}
	if kinds[eventGlyph] {
		item("event", func(x float64) { svgVLine(doc, x, y-9, y+9, svgMuted, eventGlyph) })
	}
	if kinds[definitionGlyph] {
		item("definition change, in the company's colour", func(x float64) { svgVLine(doc, x, y-9, y+9, svgInk, definitionGlyph) })
	}
	if len(c.pl.ranges) > 0 {
		item("latest guidance, low to high", func(x float64) {
			svgVLine(doc, x, y-9, y+9, svgInk, rangeGlyph)
			svgMarkerScaled(doc, hollowMarker(0), x, y-9, svgInk, true, 0.6)
			svgMarkerScaled(doc, hollowMarker(0), x, y+9, svgInk, true, 0.6)
		})
	}
	doc.close("g")
	return y + 14
}

// draw lays the chart out between top and bottom: the labels of its marks,
// the y axis, the plot and the x axis.
func (c svgChart) draw(doc *svgDoc, top, bottom float64) {
	const labelSize, xLabelRow = 14, 26
	pl := c.pl
	base, step := scale(pl.lo, pl.hi, svgRows)
	labelStep := step * float64(labelEvery(svgRows))
	c.lo, c.hi = base-step/2, base+(svgRows-0.5)*step
	type tick struct {
		v    float64
		text string
	}
	var ticks []tick
	widest := 0.0
	for k := range svgRows {
		if v := base + float64(k)*step; isMultiple(v, labelStep) {
			t := tick{v, pl.unit.Tick(v, labelStep)}
			ticks = append(ticks, t)
			widest = max(widest, textWidth(t.text, labelSize))
		}
	}
	c.left, c.right = svgMargin+widest+10, svgWidth-svgMargin
	marks := c.layMarks()
	c.bottom = bottom - xLabelRow - float64(len(marks.key))*markRow
	c.top = top + float64(marks.rows)*markRow + 6

	doc.open("g", "class", "axes", "font-size", num(labelSize), "fill", svgMuted)
	for _, t := range ticks {
		// A tick is a group at its value's height: its grid line and label.
		doc.open("g", "class", "y-tick", "transform", fmt.Sprintf("translate(0 %s)", num(c.py(t.v))))
		doc.leaf("line", "x1", num(c.left), "x2", num(c.right), "stroke", svgGrid)
		doc.text(t.text, "text", "class", "y-label", "x", num(c.left-8), "y", "5", "text-anchor", "end")
		doc.close("g")
	}
	if base < 0 {
		y := c.py(0)
		doc.leaf("line", "class", "zero", "x1", num(c.left), "x2", num(c.right), "y1", num(y), "y2", num(y),
			"stroke", svgMuted, "stroke-dasharray", "6 4")
	}
	end := c.left - 1
	for _, l := range pl.xLabels {
		x, anchor, w := c.px(l.x), "start", textWidth(l.text, labelSize)
		from := x
		if l.center {
			anchor, from = "middle", x-w/2
		}
		if from < end || from+w > svgWidth {
			continue // as on a terminal: a label that would touch the last is left out
		}
		doc.text(l.text, "text", "class", "x-label", "x", num(x), "y", num(c.bottom+20), "text-anchor", anchor)
		end = from + w + 6
	}
	doc.leaf("path", "class", "axis", "d", fmt.Sprintf("M%s %sV%sH%s", num(c.left), num(c.top), num(c.bottom), num(c.right)),
		"fill", "none", "stroke", svgMuted, "stroke-width", "1.5")
	doc.close("g")

	c.drawMarks(doc, marks, top)

	doc.open("g", "class", "ranges")
	for _, r := range pl.ranges {
		colour := svgColor(r.style.GetForeground())
		x := c.px(r.x)
		svgVLine(doc, x, c.py(r.hi), c.py(r.lo), colour, rangeGlyph)
		svgMarker(doc, r.marker, x, c.py(r.hi), colour, true)
		svgMarker(doc, r.marker, x, c.py(r.lo), colour, true)
	}
	doc.close("g")

	for _, s := range pl.series {
		c.drawSeries(doc, s)
	}
	if pl.hasCursor && pl.cursor >= pl.xMin && pl.cursor <= pl.xMax {
		x := c.px(pl.cursor)
		doc.open("g", "class", "cursor")
		doc.leaf("line", "x1", num(x), "x2", num(x), "y1", num(c.top), "y2", num(c.bottom),
			"stroke", svgInk, "stroke-width", "1.5", "stroke-opacity", "0.6")
		for _, s := range pl.series {
			for _, pt := range s.samples {
				if pt.ok && pt.x == pl.cursor {
					doc.open("g", "data-name", c.seriesName(s))
					svgMarker(doc, s.marker, x, c.py(pt.y), svgColor(s.style.GetForeground()), false)
					doc.close("g")
				}
			}
		}
		doc.close("g")
	}
}

// drawSeries draws a series as the terminal does: a line through each run
// of present figures (a missing one, or a change of definition, breaks
// it), a lone figure as its marker, and markers every markStride points.
func (c svgChart) drawSeries(doc *svgDoc, s plotSeries) {
	colour := svgColor(s.style.GetForeground())
	class, line := "series", []string{"fill", "none", "stroke", colour,
		"stroke-width", "2.5", "stroke-linejoin", "round", "stroke-linecap", "round"}
	if s.guide {
		class, line = "guide-series", append(line, "stroke-dasharray", "6 4")
	}
	doc.open("g", "class", class, "data-name", c.seriesName(s), "fill", colour)
	var run []string
	flush := func() {
		if len(run) > 1 {
			doc.leaf("polyline", append([]string{"points", strings.Join(run, " ")}, line...)...)
		}
		run = run[:0]
	}
	for _, pt := range s.samples {
		if !pt.ok {
			flush()
			continue
		}
		run = append(run, num(c.px(pt.x))+","+num(c.py(pt.y)))
	}
	flush()
	for i, pt := range s.samples {
		if !pt.ok {
			continue
		}
		prev := i > 0 && s.samples[i-1].ok
		last := i == len(s.samples)-1 || !s.samples[i+1].ok
		stride := c.pl.markStride > 0 && (last || i%c.pl.markStride == c.pl.markStride-1)
		if stride || (!prev && last) {
			svgMarker(doc, s.marker, c.px(pt.x), c.py(pt.y), colour, false)
		}
	}
	doc.close("g")
}

// svgVLine draws a vertical line in the style of a terminal glyph: dotted
// for an event, dashed for a change of definition or a guidance range.
func svgVLine(doc *svgDoc, x, y1, y2 float64, colour string, glyph rune) {
	dash, width := "2 4", "1.5"
	switch glyph {
	case definitionGlyph:
		dash, width = "7 4", "2"
	case rangeGlyph:
		dash, width = "4 3", "2"
	}
	doc.leaf("line", "x1", num(x), "x2", num(x), "y1", num(y1), "y2", num(y2),
		"stroke", colour, "stroke-width", width, "stroke-dasharray", dash)
}

// svgMarker draws a provider's marker centred on x, y: the shape of its
// terminal glyph, filled, or hollow for a forecast.
func svgMarker(doc *svgDoc, r rune, x, y float64, colour string, hollow bool) {
	svgMarkerScaled(doc, r, x, y, colour, hollow, 1)
}

// svgMarkerScaled is svgMarker drawn scale times its size.
func svgMarkerScaled(doc *svgDoc, r rune, x, y float64, colour string, hollow bool, scale float64) {
	i := slices.Index(providerMarkers, r)
	if j := slices.Index(hollowMarkers, r); j >= 0 {
		i, hollow = j, true
	}
	fill, stroke := colour, "#FFFFFF"
	if hollow {
		fill, stroke = "#FFFFFF", colour
	}
	transform := fmt.Sprintf("translate(%s %s)", num(x), num(y))
	if scale != 1 {
		transform += fmt.Sprintf(" scale(%s)", strconv.FormatFloat(scale, 'f', -1, 64))
	}
	doc.open("g", "class", "marker", "transform", transform,
		"fill", fill, "stroke", stroke, "stroke-width", "1.5")
	switch i {
	case 0:
		doc.leaf("circle", "r", "6")
	case 1:
		doc.leaf("rect", "x", "-5.5", "y", "-5.5", "width", "11", "height", "11")
	case 2:
		doc.leaf("polygon", "points", "0,-7 6.5,5 -6.5,5")
	case 3:
		doc.leaf("polygon", "points", "0,-7 7,0 0,7 -7,0")
	default:
		doc.leaf("polygon", "points", "0,-7.5 2,-2.5 7.5,-2.5 3,1 5,7 0,3.5 -5,7 -3,1 -7.5,-2.5 -2,-2.5")
	}
	doc.close("g")
}

// svgColor is a theme colour as drawn on white: the light-background
// version of an adaptive colour.
func svgColor(c lipgloss.TerminalColor) string {
	switch c := c.(type) {
	case lipgloss.CompleteAdaptiveColor:
		return c.Light.TrueColor
	case lipgloss.CompleteColor:
		return c.TrueColor
	case lipgloss.AdaptiveColor:
		return c.Light
	case lipgloss.Color:
		if strings.HasPrefix(string(c), "#") {
			return string(c)
		}
	}
	return svgInk
}

// num writes a coordinate with at most one decimal.
func num(f float64) string {
	s := strconv.FormatFloat(math.Round(f*10)/10, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

// svgDoc writes an SVG document through encoding/xml, which escapes every
// text and attribute, and keeps the first error.
type svgDoc struct {
	w   io.Writer
	enc *xml.Encoder
	err error
}

// newSVGDoc starts a document on w with the XML declaration.
func newSVGDoc(w io.Writer) *svgDoc {
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	d := &svgDoc{w: w, enc: enc}
	_, d.err = io.WriteString(w, xml.Header)
	return d
}

func (d *svgDoc) token(t xml.Token) {
	if d.err == nil {
		d.err = d.enc.EncodeToken(t)
	}
}

// open starts an element with attributes given as name, value pairs.
func (d *svgDoc) open(name string, attrs ...string) {
	start := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	d.token(start)
}

func (d *svgDoc) close(name string) { d.token(xml.EndElement{Name: xml.Name{Local: name}}) }

// leaf writes an element without content.
func (d *svgDoc) leaf(name string, attrs ...string) {
	d.open(name, attrs...)
	d.close(name)
}

// text writes an element holding body.
func (d *svgDoc) text(body, name string, attrs ...string) {
	d.open(name, attrs...)
	d.token(xml.CharData(body))
	d.close(name)
}

// end finishes the document, with a final newline.
func (d *svgDoc) end() error {
	if d.err == nil {
		d.err = d.enc.Flush()
	}
	if d.err == nil {
		_, d.err = io.WriteString(d.w, "\n")
	}
	return d.err
}
