package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/aicapex/aicapex/data"
)

// shared is the state every panel reads: set by the root, copied into the
// panels, never changed by them.
type shared struct {
	d       *data.Dataset
	th      Theme
	cursor  data.Quarter
	basis   data.Metric
	visible []bool // by provider index
	braille bool
	static  bool // drawn once (print, a slide): no keys to point at
}

// aiEraEvent is in the title of the event that opens the AI era on charts.
const aiEraEvent = "ChatGPT"

func (s shared) providers() []data.Provider { return s.d.Providers() }

// aiEra returns the event that opens the AI era: marked on the charts, and
// where cumulative spending counts from.
func (s shared) aiEra() (data.Event, bool) {
	for _, e := range s.d.Events() {
		if strings.Contains(e.Title, aiEraEvent) {
			return e, true
		}
	}
	return data.Event{}, false
}

// x places a quarter on a chart's x axis.
func (s shared) x(q data.Quarter) float64 { return float64(q.Index() - s.d.First().Index()) }

func (s shared) basisLabel() string {
	if s.basis == data.CapexInclFinanceLeases {
		return "capex incl. finance leases"
	}
	return "cash capex"
}

// quarterLabel labels the x axis with years, short when space is tight.
func (s shared) quarterLabel(colsPerYear float64) func(float64) string {
	first := s.d.First()
	return func(x float64) string {
		q := first.Add(int(x + 0.5))
		if colsPerYear < 6 {
			return fmt.Sprintf("'%02d", q.Year%100)
		}
		return fmt.Sprint(q.Year)
	}
}

// quarterPlot builds a chart over every quarter, one series per visible
// provider, with values from f.
func (s shared) quarterPlot(w int, f func(id string, q data.Quarter) (float64, bool), yLabel func(float64) string) plot {
	qs := s.d.Quarters()
	p := plot{xMin: 0, xMax: float64(len(qs) - 1), yLabel: yLabel, cursor: s.x(s.cursor), hasCursor: true,
		braille: s.braille}
	if s.th.Mono {
		p.markStride = 4 // without colour, markers every year tell the lines apart
	}
	lo, hi := 0.0, 0.0
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		ps := plotSeries{style: s.th.Provider(i), marker: Marker(i)}
		for _, q := range qs {
			v, ok := f(pr.ID, q)
			ps.samples = append(ps.samples, sample{x: s.x(q), y: v, ok: ok})
			if ok {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		p.series = append(p.series, ps)
	}
	p.yMin, p.yMax = lo, hi
	p.xLabel = s.quarterLabel(float64(w) * 4 / float64(len(qs)))
	if e, ok := s.aiEra(); ok {
		p.marks = append(p.marks, vmark{x: s.x(data.QuarterOf(e.Date)), label: e.Title, style: s.th.Muted})
	}
	return p
}

// definitionMarks marks the quarters where a metric's definition changed
// for a visible provider, so a break in a series is never hidden.
func (s shared) definitionMarks(metrics ...data.Metric) []vmark {
	var marks []vmark
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		for _, def := range s.d.Definitions() {
			if def.Provider != pr.ID {
				continue
			}
			for _, m := range metrics {
				if def.Affects(m) {
					marks = append(marks, vmark{x: s.x(def.Quarter) - 0.5, style: s.th.Provider(i)})
					break
				}
			}
		}
	}
	return marks
}

// providerCell is a provider's name with its marker, in its colour.
func (s shared) providerCell(i int, name string) cell {
	return cell{text: string(Marker(i)) + " " + name, style: s.th.Provider(i)}
}

// notes lists what a reader must know about the figures at the cursor:
// definition changes, recasts, imprecise or missing figures.
func (s shared) notes(metrics ...data.Metric) []string {
	var out []string
	q := s.cursor
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		for _, m := range metrics {
			for _, def := range s.d.DefinitionsAt(pr.ID, m, q) {
				out = appendOnce(out, fmt.Sprintf("%s from %s: %s", pr.Name, q, def.Title))
			}
			f, ok := s.d.Figure(pr.ID, m, q)
			switch {
			case !ok && !s.d.Reports(pr.ID, m):
				out = appendOnce(out, fmt.Sprintf("%s does not state %s", pr.Name, m))
			case !ok:
			case f.Missing:
				out = appendOnce(out, fmt.Sprintf("%s %s %s: missing (%s)", pr.Name, q, m, orDefault(f.Source.Note, "no source found")))
			case f.Uncertainty() > 0:
				out = appendOnce(out, fmt.Sprintf("%s %s %s: read in $B, exact to ±$%vM", pr.Name, q, m, f.Uncertainty()))
			}
			if alt, ok := s.d.Alternate(pr.ID, m, q); ok && !alt.Missing {
				out = appendOnce(out, fmt.Sprintf("%s %s %s: %s basis; %s %s", pr.Name, q, m, f.Basis, alt.Basis, data.FormatUSD(alt.Value, true)))
			}
		}
	}
	return out
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// sideMinChart is the narrowest chart worth drawing beside the readout;
// below it the readout goes under the chart.
const sideMinChart = 90

// split lays a panel out: the chart, and the readout (drawn by readout at
// the width it may take) beside it when both fit, with the panel's summary
// under it when there is room, or else under the chart. The chart comes
// exactly chartW x chartH from ntcharts, so only the text is measured.
func (s shared) split(w, h int, panel PanelID, readout func(width int) string) (chartW, chartH int, join func(chart string) string) {
	natural := readout(w)
	sideW := min(lipgloss.Width(natural), w*45/100)
	if w-sideW-2 >= sideMinChart {
		side := readout(sideW)
		if summary := ansi.Wrap(Summary(s.d, panel, s.cursor, s.basis), sideW, " "); lipgloss.Height(side)+1+lipgloss.Height(summary) <= h {
			side += "\n\n" + s.th.Muted.Render(summary)
		}
		chartW, chartH = w-sideW-2, h
		return chartW, chartH, func(chart string) string {
			chartLines := strings.Split(fitChart(chart, chartW, h), "\n")
			sideLines := strings.Split(fit(side, sideW, h), "\n")
			for i := range chartLines {
				chartLines[i] += "  " + sideLines[i]
			}
			return strings.Join(chartLines, "\n")
		}
	}
	chartH = max(0, h-lipgloss.Height(natural))
	return w, chartH, func(chart string) string {
		return fitChart(chart, w, chartH) + "\n" + fit(natural, w, h-chartH)
	}
}

// noteLines writes the notes under a readout, wrapped to width: the first
// two, and how many more the sources view (s) has.
func (s shared) noteLines(notes []string, width int) string {
	if len(notes) > 2 {
		more := fmt.Sprintf("+%d more: press s", len(notes)-2)
		if s.static {
			more = fmt.Sprintf("+%d more notes: aicapex data lists each figure's source", len(notes)-2)
		}
		notes = append(notes[:2:2], more)
	}
	var b strings.Builder
	for _, n := range notes {
		b.WriteString("\n" + s.th.Warn.Render("! ") + s.th.Muted.Render(ansi.Wrap(n, max(1, width-2), " ")))
	}
	return b.String()
}

// fitChart pads an empty chart (a box too small to draw in) to its size.
func fitChart(chart string, w, h int) string {
	if chart == "" {
		return fit("", w, h)
	}
	return chart
}
