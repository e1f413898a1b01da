package ui

import (
	"fmt"
	"slices"
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

// quarterAt maps a column of a quarterly chart to its quarter; a table
// has no columns of quarters.
func (b *board) quarterAt(col int) (data.Quarter, bool) {
	if b.sh.table {
		return data.Quarter{}, false
	}
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
	// legend says what the table's columns are, the same at every quarter
	// of a view: the layout keeps room for it, so it is never cut short.
	legend string
	notes  []string // marked with !, each a sentence
	nas    []naNote // why cells read n/a: notes too, first
}

// naNote is why a cell of a provider's row reads n/a.
type naNote struct{ who, column, why string }

// na records why provider who's cell in column reads n/a; why is called
// only when ok is false, as working out a reason costs a second look-up.
func (r *readout) na(ok bool, who, column string, why func() string) {
	if !ok {
		r.nas = append(r.nas, naNote{who, column, why()})
	}
}

// notesOf is everything a readout says under its table, as the sources
// overlay lists it: lead lines, why cells read n/a, then the notes.
func (b *board) notesOf(r readout) []string {
	var legend []string
	if r.legend != "" {
		legend = []string{r.legend}
	}
	return slices.Concat(legend, r.lead, naLines(r.nas), r.notes)
}

// naLines says why cells read n/a, a line per provider and reason, the
// columns it explains named: "Microsoft D&A, capex/D&A n/a: no
// depreciation & amortization figure for 2025Q3".
func naLines(nas []naNote) []string {
	type key struct{ who, why string }
	var order []key
	cols := map[key][]string{}
	for _, n := range nas {
		k := key{n.who, n.why}
		if _, seen := cols[k]; !seen {
			order = append(order, k)
		}
		if !slices.Contains(cols[k], n.column) {
			cols[k] = append(cols[k], n.column)
		}
	}
	lines := make([]string, len(order))
	for i, k := range order {
		lines[i] = fmt.Sprintf("%s %s n/a: %s", k.who, strings.Join(cols[k], ", "), k.why)
	}
	return lines
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

// layout measures the readout at every quarter, once per view and size,
// and the comparison with the marked quarter where there is one: its
// widest table decides whether it goes beside the chart, and its rows how
// tall the chart is.
func (b *board) layout(key string, d drawing) layout {
	key = fmt.Sprintf("%s|%dx%d", key, b.w, b.h)
	if b.lay.key == key {
		return b.lay
	}
	widest, rows, legend := 0, 0, ""
	for _, q := range b.sh.d.Quarters() {
		r := d.readout(q)
		widest, rows, legend = max(widest, tableWidth(r.header, r.rows)), len(r.rows), r.legend
		if !b.sh.compare.IsZero() {
			c := b.compareReadout(d, q)
			widest = max(widest, tableWidth(c.header, c.rows))
		}
	}
	h := b.h - 1 // the title
	l := layout{key: key, budget: noteBudget(b.h)}
	legendRows := len(legendLines(legend, b.w))
	if b.sh.slide {
		// A slide shows its figures, not notes or a legend on them: its
		// caption says what they are.
		l.budget, legendRows = 0, 0
	}
	if sideW := min(widest, b.w*45/100); b.w-sideW-2 >= sideMinChart {
		l.side, l.sideW, l.chartW, l.chartH = true, sideW, b.w-sideW-2, h
	} else {
		l.chartW, l.chartH = b.w, max(0, h-1-rows-legendRows-l.budget)
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
	// measure names what the chart draws, in a word or two ("capex/OCF"),
	// and value and why give it per provider and quarter, in unit: for
	// comparing two quarters.
	measure string
	unit    data.Unit
	value   func(id string, q data.Quarter) (float64, bool)
	why     func(id string, q data.Quarter) string
	// period names the stretch a value at q covers, where it is not q
	// itself: a calendar-year chart says "2025".
	period func(q data.Quarter) string
}

// periodOf names the stretch of the chart's value at q.
func (d drawing) periodOf(q data.Quarter) string {
	if d.period != nil {
		return d.period(q)
	}
	return q.String()
}

// compareReadout sets each visible provider's value at the marked quarter
// beside its value at q, with the change, one line per provider naming
// both quarters.
func (b *board) compareReadout(d drawing, q data.Quarter) readout {
	sh := b.sh
	then, now := d.periodOf(sh.compare), d.periodOf(q)
	r := readout{header: []string{d.measure, "compared", "then", "now", "change"}}
	for i, pr := range sh.providers() {
		if !sh.visible[i] {
			continue
		}
		a, okA := d.value(pr.ID, sh.compare)
		c, okC := d.value(pr.ID, q)
		r.na(okA, pr.Name, then, func() string { return d.why(pr.ID, sh.compare) })
		r.na(okC, pr.Name, now, func() string { return d.why(pr.ID, q) })
		change := cell{text: "n/a", style: sh.th.Muted}
		if okA && okC {
			change = cell{text: d.unit.FormatBetween(a, c), style: sh.th.Muted}
			if c > a {
				change.style = sh.th.Up
			} else if c < a {
				change.style = sh.th.Down
			}
		}
		r.rows = append(r.rows, []cell{sh.providerCell(i, pr.Name), {text: then + " → " + now, style: sh.th.Muted},
			{text: d.unit.Format(a, okA), style: sh.th.Title}, {text: d.unit.Format(c, okC), style: sh.th.Title}, change})
	}
	return r
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
	l := b.layout(d.key, d)
	pl := d.plot(l.chartW)
	var chart string
	if sh.table {
		chart = b.tableView(pl, l.chartW, l.chartH)
	} else {
		chart = b.chart.render(d.key, pl, l.chartW, l.chartH, sh.th)
		if sh.mouse && sh.zones != nil && chart != "" {
			chart = sh.zones.Mark(b.id, chart)
		}
	}
	if chart == "" {
		// Too small to draw in. A drawn chart is exactly its box already:
		// measuring its lines again would cost more than drawing them.
		chart = fit("", l.chartW, l.chartH)
	}
	r := d.readout(sh.cursor)
	switch {
	case sh.comparing():
		r = b.compareReadout(d, sh.cursor)
		if !sh.static {
			r.lead = []string{fmt.Sprintf("%s against the marked %s; space clears", d.periodOf(sh.cursor), d.periodOf(sh.compare))}
		}
	case !sh.compare.IsZero() && !sh.static:
		r.lead = append([]string{fmt.Sprintf("%s marked: move the cursor to compare; space clears", d.periodOf(sh.compare))}, r.lead...)
	}
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

// legendLines are a readout's legend wrapped to width: none for none.
func legendLines(legend string, width int) []string {
	if legend == "" {
		return nil
	}
	return wrap(legend, width)
}

// readoutView is the table, its legend, then exactly budget lines of lead
// and notes:
// as many as fit whole, and a last line counting the rest.
func (b *board) readoutView(r readout, width, budget int) string {
	th := b.sh.th
	type entry struct {
		lines []string
		note  bool
	}
	if budget == 0 { // a slide: the table alone
		return renderTable(th, max(width, 20), r.header, r.rows)
	}
	var entries []entry
	for _, l := range r.lead {
		entries = append(entries, entry{lines: wrap(l, width)})
	}
	for _, n := range slices.Concat(naLines(r.nas), r.notes) {
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
	table := renderTable(th, max(width, 20), r.header, r.rows)
	for _, l := range legendLines(r.legend, width) {
		table += "\n" + th.Muted.Render(l)
	}
	return table + "\n" + strings.Join(out[:budget], "\n")
}

// tableView draws a chart's figures as a table in a w x h box: a row per
// quarter (per year on a calendar-year chart), a column per provider, the
// cursor's row marked and kept in view.
func (b *board) tableView(p plot, w, h int) string {
	th := b.sh.th
	if len(p.series) == 0 || p.rowName == nil || w <= 0 || h <= 0 {
		return ""
	}
	xs := p.series[0].samples
	header := []string{""}
	widths := []int{0}
	for _, s := range p.series {
		header = append(header, string(s.marker)+" "+s.name)
		widths = append(widths, lipgloss.Width(header[len(header)-1]))
	}
	rows := make([][]string, len(xs))
	cur := 0
	for i, x := range xs {
		row := []string{p.rowName(x.x)}
		for _, s := range p.series {
			row = append(row, p.unit.Format(s.samples[i].y, s.samples[i].ok))
		}
		for j, c := range row {
			widths[j] = max(widths[j], lipgloss.Width(c))
		}
		rows[i] = row
		if x.x == p.cursor {
			cur = i
		}
	}
	line := func(cells []string, style func(j int) lipgloss.Style, lead string) string {
		var sb strings.Builder
		sb.WriteString(lead)
		for j, c := range cells {
			gap := strings.Repeat(" ", widths[j]-lipgloss.Width(c))
			if j == 0 {
				sb.WriteString(style(j).Render(c + gap))
				continue
			}
			sb.WriteString("  " + style(j).Render(gap+c))
		}
		return sb.String()
	}
	out := []string{line(header, func(j int) lipgloss.Style {
		if j == 0 {
			return th.Muted
		}
		return p.series[j-1].style
	}, "  ")}
	room := h - 1
	start := max(0, min(cur-room/2, len(rows)-room))
	for i := start; i < len(rows) && i < start+room; i++ {
		if i == cur {
			out = append(out, line(rows[i], func(int) lipgloss.Style { return th.Cursor }, th.Cursor.Render(string(tableCursor)+" ")))
			continue
		}
		out = append(out, line(rows[i], func(j int) lipgloss.Style {
			if j == 0 {
				return th.Muted
			}
			return th.Title
		}, "  "))
	}
	return fit(strings.Join(out, "\n"), w, h)
}
