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
	static  bool // drawn once (print, a slide): no keys to point at
	slide   bool // a talk's slide: the chart and its figures, no notes for analysts
}

// newShared sets up the view o asks for, with defaults for what it leaves
// out.
func newShared(d *data.Dataset, th Theme, o Options) *shared {
	sh := &shared{d: d, th: th, cursor: o.Quarter, basis: o.Basis, braille: o.Glyphs != "lines"}
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
func (s *shared) viewKey() string { return fmt.Sprint(s.basis, s.visible, s.braille) }

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
func (s *shared) basisLabel() string {
	if s.basis == data.CapexInclFinanceLeases {
		return "capex incl. finance leases"
	}
	return "purchases of property & equipment"
}

// metricName names a provider's metric in the words of its filings.
func metricName(p data.Provider, m data.Metric) string {
	switch m {
	case data.Capex:
		return "purchases of property & equipment"
	case data.CapexInclFinanceLeases:
		return "capex incl. finance leases"
	case data.CloudRevenue:
		return p.CloudSegment + " revenue"
	case data.CloudOperatingIncome:
		return p.CloudSegment + " operating income"
	case data.DepreciationAmortization:
		return "depreciation & amortization"
	}
	return strings.ReplaceAll(string(m), "_", " ")
}

// quarterPlot builds a chart over every quarter, one series per visible
// provider, with values from f in unit's raw terms.
func (s *shared) quarterPlot(w int, unit data.Unit, f func(id string, q data.Quarter) (float64, bool)) plot {
	qs := s.d.Quarters()
	p := plot{unit: unit, xMin: 0, xMax: float64(len(qs) - 1), cursor: s.x(s.cursor), hasCursor: true, braille: s.braille}
	if s.th.Mono {
		p.markStride = 4 // without colour, markers every year tell the lines apart
	}
	for i, pr := range s.providers() {
		if !s.visible[i] {
			continue
		}
		ps := plotSeries{style: s.th.Provider(i), marker: marker(i)}
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

// definitionMarks marks the quarters where a metric's definition changed
// for a visible provider, so a break in a series is never hidden: in the
// provider's colour, between the last quarter on the old definition and
// the first on the new, labelled with its ticker and the kind of change.
func (s *shared) definitionMarks(metrics ...data.Metric) []vmark {
	var marks []vmark
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
			long, short := definitionKind(def)
			marks = append(marks, vmark{x: s.x(def.Quarter) - 0.5, glyph: definitionGlyph,
				labels: []string{who + " " + long, who + " " + short, who}, style: s.th.Provider(i)})
		}
	}
	return marks
}

// definitionKind names a definition change in a word or two, for a label
// on a chart.
func definitionKind(def data.Definition) (long, short string) {
	t := strings.ToLower(def.Title)
	switch {
	case strings.Contains(t, "recast"):
		return "segment recast", "recast"
	case strings.Contains(t, "useful life"):
		return "server lives", "servers"
	}
	return t, t
}

// providerCell is a provider's name with its marker, in its colour.
func (s *shared) providerCell(i int, name string) cell {
	return cell{text: string(marker(i)) + " " + name, style: s.th.Provider(i)}
}

// notes lists, in plain words, what a reader must know about the figures
// behind a panel's numbers at q: definition changes, figures a provider
// does not report, gaps in the last lookback quarters (which make growth
// and trailing sums n/a), figures published only in billions, and figures
// a company recast.
func (s *shared) notes(q data.Quarter, lookback int, metrics ...data.Metric) []string {
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
			if !s.d.Reports(pr.ID, m) {
				add("%s does not report %s", pr.Name, name)
				continue
			}
			var gaps []data.Quarter
			for g := q.Add(-lookback); !q.Before(g); g = g.Next() {
				if _, ok := s.d.Value(pr.ID, m, g); ok || g.Before(s.d.First()) {
					continue
				}
				gaps = append(gaps, g)
			}
			if len(gaps) > 0 {
				what := "growth and sums across it read n/a"
				if gaps[len(gaps)-1] == q {
					what = "the line has a gap"
				}
				add("%s %s %s: no figure found in a filing yet, so %s", pr.Name, quarterList(gaps), name, what)
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
