package ui

import (
	"fmt"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// board is what every panel is built on: the shared context, the panel's
// box, its chart and the layout it last drew. A panel embeds one.
type board struct {
	sh    *shared
	id    string // the chart's mouse zone
	w, h  int
	chart chartCache
	lay   layout
	last  drawing // what View drew last
}

func newBoard(sh *shared, id string) board { return board{sh: sh, id: "chart-" + id} }

// SetSize sets the box the panel draws in.
func (b *board) SetSize(w, h int) { b.w, b.h = w, h }

// quarterAt maps a column of a quarterly chart to its quarter.
func (b *board) quarterAt(col int) (data.Quarter, bool) {
	x, ok := b.chart.xAt(col)
	if !ok {
		return data.Quarter{}, false
	}
	first := b.sh.d.First()
	q := first.Add(int(x + 0.5))
	if q.Before(first) || b.sh.d.Last().Before(q) {
		return data.Quarter{}, false
	}
	return q, true
}

// readout is the table of exact figures at a quarter, with what a reader
// must know about them: lead lines first, then notes.
type readout struct {
	header []string
	rows   [][]cell
	lead   []string // plain lines, such as who leads
	notes  []string // marked with !, each a sentence
}

// layout is where a panel's parts go. It depends on the view and the box,
// never on the cursor, so the chart and its axis hold still as the cursor
// moves.
type layout struct {
	key            string
	side           bool // the readout beside the chart, not under it
	chartW, chartH int
	sideW          int
	budget         int // lines for the readout's lead and notes
}

// sideMinChart is the narrowest chart worth drawing beside the readout;
// below it the readout goes under the chart.
const sideMinChart = 90

// noteBudget is how many lines a readout has for its notes in a box h
// rows tall: one, more on a tall screen.
func noteBudget(h int) int { return max(1, h/8) }

// minBox is the least box a panel with rows readout rows is drawn in,
// chart and all.
func minBox(rows int) (w, h int) {
	return 60, boxHeight(minChartRows, rows, noteBudget(0))
}

// boxHeight is how tall a panel is with its chart chartRows tall and the
// readout under it: the title, the chart, the readout's header and rows,
// and budget lines of notes.
func boxHeight(chartRows, readoutRows, budget int) int {
	return 1 + chartRows + 1 + readoutRows + budget
}

// layout measures the readout at every quarter, once per view and size:
// its widest table decides whether it goes beside the chart, and its rows
// how tall the chart is.
func (b *board) layout(key string, ro func(q data.Quarter) readout) layout {
	key = fmt.Sprintf("%s|%dx%d", key, b.w, b.h)
	if b.lay.key == key {
		return b.lay
	}
	widest, rows := 0, 0
	for _, q := range b.sh.d.Quarters() {
		r := ro(q)
		widest, rows = max(widest, tableWidth(r.header, r.rows)), len(r.rows)
	}
	h := b.h - 1 // the title
	l := layout{key: key, budget: noteBudget(b.h)}
	if b.sh.slide {
		l.budget = 0 // a slide shows its figures, not notes on them
	}
	if sideW := min(widest, b.w*45/100); b.w-sideW-2 >= sideMinChart {
		l.side, l.sideW, l.chartW, l.chartH = true, sideW, b.w-sideW-2, h
	} else {
		l.chartW, l.chartH = b.w, max(0, h-1-rows-l.budget)
	}
	b.lay = l
	return l
}

// drawn is what the panel drew last: its title, its plot and its readout.
func (b *board) drawn() drawing { return b.last }

// drawing is what a panel shows, for its board to lay out.
type drawing struct {
	title   string
	key     string // everything the chart depends on but the cursor
	plot    func(chartW int) plot
	readout func(q data.Quarter) readout
	summary func(q data.Quarter) []string
}

// draw lays a panel out: its title, its chart, and its readout at the
// cursor beside the chart when both fit, else under it; beside it, with
// the summary under the readout where there is room.
func (b *board) draw(d drawing) string {
	if b.w <= 0 || b.h <= 0 {
		return ""
	}
	sh := b.sh
	b.last = d
	l := b.layout(d.key, d.readout)
	chart := b.chart.render(d.key, d.plot(l.chartW), l.chartW, l.chartH, sh.th)
	if sh.mouse && sh.zones != nil && chart != "" {
		chart = sh.zones.Mark(b.id, chart)
	}
	if chart == "" {
		// Too small to draw in. A drawn chart is exactly its box already:
		// measuring its lines again would cost more than drawing them.
		chart = fit("", l.chartW, l.chartH)
	}
	r := d.readout(sh.cursor)
	head := fit(sh.th.Title.Render(truncate(d.title, b.w)), b.w, 1)
	if !l.side {
		body := fit(b.readoutView(r, b.w, l.budget), b.w, b.h-1-l.chartH)
		if l.chartH > 0 {
			body = chart + "\n" + body
		}
		return head + "\n" + body
	}
	side := b.readoutView(r, l.sideW, l.budget)
	if !sh.slide { // a slide's caption says what a summary would
		summary := strings.Join(wrap(strings.Join(d.summary(sh.cursor), " "), l.sideW), "\n")
		if lipgloss.Height(side)+1+lipgloss.Height(summary) <= l.chartH {
			side += "\n\n" + sh.th.Muted.Render(summary)
		}
	}
	chartLines := strings.Split(chart, "\n")
	sideLines := strings.Split(fit(side, l.sideW, l.chartH), "\n")
	for i := range chartLines {
		chartLines[i] += "  " + sideLines[i]
	}
	return head + "\n" + strings.Join(chartLines, "\n")
}

// readoutView is the table, then exactly budget lines of lead and notes:
// as many as fit whole, and a last line counting the rest.
func (b *board) readoutView(r readout, width, budget int) string {
	th := b.sh.th
	type entry struct {
		lines []string
		note  bool
	}
	if budget == 0 {
		return renderTable(th, max(width, 20), r.header, r.rows)
	}
	var entries []entry
	for _, l := range r.lead {
		entries = append(entries, entry{lines: wrap(l, width)})
	}
	for _, n := range r.notes {
		lines := wrap(n, width-2)
		for i := range lines {
			lines[i] = "  " + lines[i]
		}
		entries = append(entries, entry{lines: lines, note: true})
	}
	var out []string
	for i, e := range entries {
		room := budget - len(out)
		if i < len(entries)-1 {
			room-- // keep a line to say what is left out
		}
		if len(e.lines) > room && len(out) == 0 && room > 0 {
			// Not even the first note fits whole: show what does.
			e.lines = append(e.lines[:room-1:room-1], ansi.Truncate(e.lines[room-1], width-1, "")+"…")
		}
		if len(e.lines) > room {
			more := fmt.Sprintf("+%d more notes", len(entries)-i)
			if len(entries)-i == 1 {
				more = "+1 more note"
			}
			text := more + ": press s"
			if b.sh.static {
				text = more + ": aicapex data lists each figure's source"
			}
			out = append(out, th.Muted.Render(truncate(text, width)))
			break
		}
		for j, l := range e.lines {
			switch {
			case !e.note:
				out = append(out, th.Muted.Render(l))
			case j == 0:
				out = append(out, th.Warn.Render("!")+th.Muted.Render(l[1:]))
			default:
				out = append(out, th.Muted.Render(l))
			}
		}
	}
	for len(out) < budget {
		out = append(out, "")
	}
	return renderTable(th, max(width, 20), r.header, r.rows) + "\n" + strings.Join(out[:budget], "\n")
}
