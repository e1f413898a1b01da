package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
	zone "github.com/lrstanley/bubblezone"
)

// shared is what every panel of a program reads: the data, the theme, the
// one zone manager, and the view the root model (or the presenter) sets.
// Panels never change it.
type shared struct {
	d       *data.Dataset
	th      Theme
	zones   *zone.Manager // made when the mouse is first turned on
	mouse   bool
	cursor  data.Quarter
	basis   data.Metric
	visible []bool // by provider index
	braille bool
	static  bool         // drawn once (print, a slide): no keys to point at
	compare data.Quarter // marked to compare the cursor's with; zero for none
	table   bool         // charts drawn as tables
	slide   bool         // a talk's slide: the chart and its figures, no notes for analysts
}

// newShared sets up the view o asks for, with defaults for what it leaves
// out.
func newShared(d *data.Dataset, th Theme, o Options) *shared {
	sh := &shared{d: d, th: th, cursor: o.Quarter, basis: o.Basis, braille: o.Glyphs != "lines",
		compare: o.Compare, table: o.Table}
	if sh.basis == "" {
		sh.basis = data.Capex
	}
	if sh.cursor.IsZero() {
		// Open where every provider has reported, not on a half-empty quarter.
		sh.cursor = d.Last()
		if q, ok := d.LatestWith(data.Capex); ok {
			sh.cursor = q
		}
	}
	sh.visible = make([]bool, len(d.Providers()))
	for i, p := range d.Providers() {
		sh.visible[i] = len(o.Providers) == 0 || slices.Contains(o.Providers, p.ID)
	}
	return sh
}

func (s *shared) providers() []data.Provider { return s.d.Providers() }

// shown counts the visible providers: the rows of every readout.
func (s *shared) shown() int {
	n := 0
	for _, v := range s.visible {
		if v {
			n++
		}
	}
	return n
}

// viewKey names what every chart depends on besides its own choice.
func (s *shared) viewKey() string {
	return fmt.Sprint(s.basis, s.visible, s.braille, s.compare.IsZero())
}

// comparing reports whether a quarter other than the cursor's is marked:
// then readouts set the two side by side.
func (s *shared) comparing() bool { return !s.compare.IsZero() && s.compare != s.cursor }

// aiEraEvent is in the title of the event that opens the AI era on charts.
const aiEraEvent = "ChatGPT"

// aiEra returns the event that opens the AI era: marked on the charts, and
// where cumulative spending counts from.
func (s *shared) aiEra() (data.Event, bool) {
	for _, e := range s.d.Events() {
		if strings.Contains(e.Title, aiEraEvent) {
			return e, true
		}
	}
	return data.Event{}, false
}

// x places a quarter on a chart's x axis.
func (s *shared) x(q data.Quarter) float64 { return float64(q.Index() - s.d.First().Index()) }

// basisLabel names the capex series showing, as the filings do.
func (s *shared) basisLabel() string { return s.basis.Label() }

// metricName names a provider's metric in the words of its filings: its
// cloud segment by name ("AWS revenue"), the rest as data labels them.
func metricName(p data.Provider, m data.Metric) string {
	switch m {
	case data.CloudRevenue:
		return p.CloudSegment + " revenue"
	case data.CloudOperatingIncome:
		return p.CloudSegment + " operating income"
	}
	return m.Label()
}

// quarterPlot builds a chart over every quarter, one series per visible
// provider, with values from f in unit's raw terms.
func (s *shared) quarterPlot(w int, unit data.Unit, f func(id string, q data.Quarter) (float64, bool)) plot {
	qs := s.d.Quarters()
	p := plot{unit: unit, xMin: 0, xMax: float64(len(qs) - 1), cursor: s.x(s.cursor), hasCursor: true, braille: s.braille,
		cursorLabel: s.cursor.String(), compare: s.x(s.compare), hasCompare: s.comparing(),
		rowName: func(x float64) string { return s.d.First().Add(int(x)).String() }}
	if s.th.Mono {
		p.markStride = 4 // without colour, markers every year tell the lines apart
	}
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		ps := plotSeries{name: pr.Name, style: s.th.Provider(i), marker: marker(i)}
		for _, q := range qs {
			v, ok := f(pr.ID, q)
			ps.samples = append(ps.samples, sample{x: s.x(q), y: v, ok: ok})
			if ok {
				p.lo, p.hi = min(p.lo, v), max(p.hi, v)
			}
		}
		p.series = append(p.series, ps)
	}
	short := float64(w)*4/float64(len(qs)) < 6 // columns per year
	for i, q := range qs {
		if i == 0 || q.Q == 1 {
			text := fmt.Sprint(q.Year)
			if short {
				text = fmt.Sprintf("'%02d", q.Year%100)
			}
			p.xLabels = append(p.xLabels, xLabel{x: s.x(q), text: text})
		}
	}
	if e, ok := s.aiEra(); ok {
		p.marks = append(p.marks, vmark{x: s.x(data.QuarterOf(e.Date)), glyph: eventGlyph, labels: []string{e.Title, aiEraEvent}, style: s.th.Muted})
	}
	return p
}

// definitionMarks marks the quarters where a visible provider's metric
// changed, in the provider's colour. A change of definition (a segment
// recast) breaks the series: a line across the chart between the last
// quarter on the old definition and the first on the new, labelled with
// the ticker and, where there is room, the change. A change of estimate
// (server useful lives) moves the figures but not what they cover: a
// tick on the x axis, which the readout names.
func (s *shared) definitionMarks(metrics ...data.Metric) ([]vmark, []tick) {
	var marks []vmark
	var ticks []tick
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		who := pr.Ticker
		if who == "" {
			who = pr.Name
		}
		for _, def := range s.d.Definitions() {
			if def.Provider != pr.ID || !slices.ContainsFunc(metrics, def.Affects) {
				continue
			}
			x := s.x(def.Quarter) - 0.5
			if def.Kind == data.KindEstimate {
				ticks = append(ticks, tick{x: x, style: s.th.Provider(i)})
				continue
			}
			marks = append(marks, vmark{x: x, glyph: definitionGlyph,
				labels: []string{who + " " + def.Title, who}, style: s.th.Provider(i)})
		}
	}
	return marks, ticks
}

// markLegend names in a title the kinds of change a chart marks.
func markLegend(marks []vmark, ticks []tick) string {
	s := ""
	if len(marks) > 0 {
		s += fmt.Sprintf(" · %c definition", definitionGlyph)
	}
	if len(ticks) > 0 {
		s += fmt.Sprintf(" · %c estimate", tickGlyph)
	}
	return s
}

// landmark is a quarter where something happened: an event, or a change
// in what a figure means.
type landmark struct {
	q    data.Quarter
	what string
}

// landmarks are the events and the visible providers' changes to metrics,
// in quarter order: where ] and [ go.
func (s *shared) landmarks(metrics []data.Metric) []landmark {
	var out []landmark
	for _, e := range s.d.Events() {
		if q := data.QuarterOf(e.Date); !q.Before(s.d.First()) && !s.d.Last().Before(q) {
			out = append(out, landmark{q, e.Title})
		}
	}
	for i, pr := range s.providers() {
		for _, def := range s.d.Definitions() {
			if s.visible[i] && def.Provider == pr.ID && slices.ContainsFunc(metrics, def.Affects) {
				out = append(out, landmark{def.Quarter, pr.Name + "'s " + def.Title})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b landmark) int { return a.q.Index() - b.q.Index() })
	return out
}

// providerCell is a provider's name with its marker, in its colour.
func (s *shared) providerCell(i int, name string) cell {
	return cell{text: string(marker(i)) + " " + name, style: s.th.Provider(i)}
}

// notes lists, in plain words, what a reader must know about the figures
// behind a panel's numbers at q that the n/a reasons do not say: a
// definition changing at q, figures published only in billions, and
// figures a company recast.
func (s *shared) notes(q data.Quarter, metrics ...data.Metric) []string {
	var out []string
	add := func(format string, args ...any) {
		if n := fmt.Sprintf(format, args...); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		for _, m := range metrics {
			name := metricName(pr, m)
			for _, def := range s.d.DefinitionsAt(pr.ID, m, q) {
				add("%s from %s: %s", pr.Name, q, def.Title)
			}
			f, ok := s.d.Figure(pr.ID, m, q)
			if !ok || f.Missing {
				continue
			}
			if u := f.Uncertainty(); u > 0 {
				add("%s %s %s: published in billions, so ±$%vM", pr.Name, q, name, u)
			}
			if alt, ok := s.d.Alternate(pr.ID, m, q); ok && !alt.Missing {
				add("%s %s %s: %s; %s, %s", pr.Name, q, name, basisWords(f.Basis), basisWords(alt.Basis), data.FormatUSD(alt.Value, true))
			}
		}
	}
	return out
}

// estimatesNear names the changes of accounting estimate (server useful
// lives) for the visible providers' metric m within window quarters of
// q, which move its figures there: "Amazon server lives 6→5 years from
// 2025Q1 (moves depreciation & amortization)".
func (s *shared) estimatesNear(q data.Quarter, window int, m data.Metric) []string {
	var out []string
	for i, pr := range s.providers() {
		for _, def := range s.d.Definitions() {
			if !s.visible[i] || def.Provider != pr.ID || def.Kind != data.KindEstimate || !def.Affects(m) {
				continue
			}
			if d := def.Quarter.Index() - q.Index(); d >= -window && d <= window {
				out = append(out, fmt.Sprintf("%s %s from %s (moves %s)", pr.Name, def.Title, def.Quarter, m.Label()))
			}
		}
	}
	return out
}

// basisWords says which version of a figure it is.
func basisWords(b data.Basis) string {
	if b == data.Recast {
		return "as recast"
	}
	return "as first reported"
}

// quarterList writes quarters as runs: 2021Q1-2021Q4, 2022Q3.
func quarterList(qs []data.Quarter) string {
	var parts []string
	for i := 0; i < len(qs); {
		j := i
		for j+1 < len(qs) && qs[j+1] == qs[j].Next() {
			j++
		}
		if j == i {
			parts = append(parts, qs[i].String())
		} else {
			parts = append(parts, qs[i].String()+"-"+qs[j].String())
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// guidanceAt is a provider's guidance for a year as a reader knew it at q:
// the latest statement made by the time q's results were out, which is
// within the next quarter.
func (s *shared) guidanceAt(pr data.Provider, year int, q data.Quarter) (data.Guidance, bool) {
	return s.d.GuidanceAsOf(pr.ID, year, q.Add(2).Start())
}

// guidanceYears are the years, from the year from and the one after, for
// which a visible provider had given guidance at q.
func (s *shared) guidanceYears(q data.Quarter, from int) []int {
	var years []int
	for y := from; y <= from+1; y++ {
		for i, pr := range s.providers() {
			if _, ok := s.guidanceAt(pr, y, q); ok && s.visible[i] {
				years = append(years, y)
				break
			}
		}
	}
	return years
}

// guidanceCell is a provider's guidance for a year at q, or none.
func (s *shared) guidanceCell(pr data.Provider, year int, q data.Quarter) cell {
	g, ok := s.guidanceAt(pr, year, q)
	if !ok {
		return cell{text: "none", style: s.th.Muted}
	}
	return cell{text: data.FormatGuidance(g, pr), style: s.th.Guidance}
}

// basisWord names a guidance basis in a few words, after the company's
// name: "net of proceeds & incentives", "incl. finance leases",
// "purchases".
func basisWord(b data.GuidanceBasis) string {
	return strings.TrimSuffix(strings.TrimPrefix(b.Label(), "capex "), " of property & equipment")
}

// guideBases says which capex each visible provider with guidance guides
// on, for a readout that sets guidance against actuals.
func (s *shared) guideBases() string {
	var parts []string
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		var basis data.GuidanceBasis
		for _, g := range s.d.Guides() {
			if g.Provider == pr.ID {
				basis = g.Basis
			}
		}
		if basis != "" {
			who := pr.Ticker
			if who == "" {
				who = pr.Name
			}
			parts = append(parts, who+" "+basisWord(basis))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Each on its guidance basis: " + strings.Join(parts, ", ")
}
