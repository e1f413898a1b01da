package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// markRow is the height of a row of mark labels, above the plot or in
// its key.
const markRow = 18

// maxMarkRows is how many rows of labels a chart's marks may take above
// the plot; a chart with more marks than that labels them with numbers
// and names them in a key under the plot.
const maxMarkRows = 3

// markLabel is a label above the plot for the marks at one place.
type markLabel struct {
	marks    []vmark
	text     string
	row      int
	x        float64 // where the text is anchored
	anchor   string
	from, to float64 // what the text covers
}

// markKeyEntry is one mark named in the key under the plot.
type markKeyEntry struct {
	text, colour string
}

// markLayout is where a chart's mark labels go.
type markLayout struct {
	labels []markLabel
	rows   int              // rows of labels above the plot
	key    [][]markKeyEntry // lines of the key under the plot
}

// layMarks labels each mark with its longest label beside its line where
// they fit in maxMarkRows rows; else it numbers the marks, left to right,
// and names them in a key.
func (c svgChart) layMarks() markLayout {
	marks := slices.Clone(c.pl.marks)
	slices.SortStableFunc(marks, func(a, b vmark) int { return cmp.Compare(a.x, b.x) })
	var labels []markLabel
	for _, m := range marks {
		if len(m.labels) > 0 {
			labels = append(labels, markLabel{marks: []vmark{m}, text: m.labels[0]})
		}
	}
	if l := c.placeLabels(labels); l.rows <= maxMarkRows {
		return l
	}
	labels = labels[:0]
	var entries []markKeyEntry
	n := 0
	for _, m := range marks {
		if len(m.labels) == 0 {
			continue
		}
		n++
		entries = append(entries, markKeyEntry{fmt.Sprintf("%d %s", n, m.labels[0]), svgColor(m.style.GetForeground())})
		// Marks on one line share a label: "3,4".
		if k := len(labels) - 1; k >= 0 && c.px(labels[k].marks[0].x) == c.px(m.x) {
			labels[k].marks = append(labels[k].marks, m)
			labels[k].text += fmt.Sprintf(",%d", n)
			continue
		}
		labels = append(labels, markLabel{marks: []vmark{m}, text: fmt.Sprint(n)})
	}
	l := c.placeLabels(labels)
	l.key = c.keyLines(entries)
	return l
}

// placeLabels puts each label beside its line, right of it or, at the
// right edge, left of it, on the first row where it touches no other
// label and no line crosses it: a line runs from its label's row down to
// the plot, through the rows below.
func (c svgChart) placeLabels(labels []markLabel) markLayout {
	const gap = 8
	var out markLayout
	fits := func(p markLabel) bool {
		line := c.px(p.marks[0].x)
		for _, q := range out.labels {
			lineQ := c.px(q.marks[0].x)
			switch {
			case q.row == p.row && p.from < q.to+gap && q.from < p.to+gap:
				return false // the labels touch
			case q.row > p.row && line >= q.from-2 && line <= q.to+2:
				return false // this line would cross that label
			case q.row < p.row && lineQ >= p.from-2 && lineQ <= p.to+2:
				return false // that line would cross this label
			}
		}
		return true
	}
	for _, p := range labels {
		x, w := c.px(p.marks[0].x), textWidth(p.text, 13)
		p.x, p.anchor, p.from, p.to = x+4, "start", x+4, x+4+w
		if p.to > svgWidth-svgMargin {
			p.x, p.anchor, p.from, p.to = x-4, "end", x-4-w, x-4
		}
		for p.row = 0; p.row < out.rows; p.row++ {
			if fits(p) {
				break
			}
		}
		out.labels = append(out.labels, p)
		out.rows = max(out.rows, p.row+1)
	}
	return out
}

// keyLines lays the key's entries out in lines across the page.
func (c svgChart) keyLines(entries []markKeyEntry) [][]markKeyEntry {
	const sep = 24
	var lines [][]markKeyEntry
	x := float64(svgWidth) // start a line with the first entry
	for _, e := range entries {
		w := textWidth(e.text, 13)
		if x+w > svgWidth-svgMargin {
			lines, x = append(lines, nil), c.left
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], e)
		x += w + sep
	}
	return lines
}

// drawMarks draws each mark's line from its label down to the plot, the
// labels over the lines, and the key under the x axis.
func (c svgChart) drawMarks(doc *svgDoc, l markLayout, top float64) {
	doc.open("g", "class", "marks", "font-size", "13")
	rowY := func(row int) float64 { return top + float64(row)*markRow + 13 }
	for _, p := range l.labels {
		for _, m := range p.marks {
			svgVLine(doc, c.px(m.x), rowY(p.row)-11, c.bottom, svgColor(m.style.GetForeground()), m.glyph)
		}
	}
	for _, p := range l.labels {
		// Over the lines, with a white halo where one passes close by.
		doc.text(p.text, "text", "class", "mark-label", "x", num(p.x), "y", num(rowY(p.row)), "text-anchor", p.anchor,
			"fill", svgColor(p.marks[0].style.GetForeground()), "stroke", "#FFFFFF", "stroke-width", "4", "paint-order", "stroke")
	}
	for i, line := range l.key {
		x, y := c.left, c.bottom+26+float64(i+1)*markRow
		for _, e := range line {
			n, _, _ := strings.Cut(e.text, " ")
			doc.text(e.text, "text", "class", "mark-key", "data-mark", n, "x", num(x), "y", num(y), "fill", e.colour)
			x += textWidth(e.text, 13) + 24
		}
	}
	doc.close("g")
}
