package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// cell is one table cell: text and the style to draw it in.
type cell struct {
	text  string
	style lipgloss.Style
}

// columnWidths sizes each column to its widest cell.
func columnWidths(header []string, rows [][]cell) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = lipgloss.Width(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], lipgloss.Width(c.text))
		}
	}
	return widths
}

// tableWidth is how wide renderTable draws a table given all the room it
// wants.
func tableWidth(header []string, rows [][]cell) int {
	w := -1
	for _, c := range columnWidths(header, rows) {
		w += 1 + c
	}
	return max(w, 0)
}

// renderTable lays out a small table with columns sized to their widest
// cell; the first column is left-aligned, numbers right-aligned. Columns
// that do not fit in width are dropped from the right.
func renderTable(th Theme, width int, header []string, rows [][]cell) string {
	widths := columnWidths(header, rows)
	cols, used := 0, -1 // no separator before the first column
	for i, w := range widths {
		if used+1+w > width && i > 0 {
			break
		}
		used += 1 + w
		cols++
	}
	pad := func(s string, i int) string {
		gap := strings.Repeat(" ", max(0, widths[i]-lipgloss.Width(s)))
		if i == 0 {
			return s + gap
		}
		return gap + s
	}
	var b strings.Builder
	for i := 0; i < cols; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(th.Muted.Render(pad(header[i], i)))
	}
	for _, r := range rows {
		b.WriteByte('\n')
		for i := 0; i < cols; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(r[i].style.Render(pad(r[i].text, i)))
		}
	}
	return b.String()
}

// fit cuts or pads a block to exactly w x h cells, so a panel never spills
// out of its box however the terminal is sized.
func fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lw := lipgloss.Width(l)
		if lw > w {
			l, lw = ansi.Truncate(l, w, ""), w
		}
		lines[i] = l + strings.Repeat(" ", w-lw)
	}
	return strings.Join(lines, "\n")
}

// truncate cuts plain text to width cells, marking the cut with an ellipsis.
func truncate(s string, width int) string { return ansi.Truncate(s, max(width, 0), "…") }

// trimRight drops each line's trailing blanks, keeping its styles.
func trimRight(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		plain := strings.TrimRight(ansi.Strip(l), " ")
		if n := ansi.StringWidth(plain); n < ansi.StringWidth(l) {
			lines[i] = ansi.Truncate(l, n, "")
		}
	}
	return strings.Join(lines, "\n")
}
