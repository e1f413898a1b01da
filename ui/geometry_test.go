package ui

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// These tests read a chart as a person would: the y labels say which value
// each labelled row stands for, and a figure belongs on the row whose value
// is nearest. The figures come from package data, never from the chart code.

// picture is a rendered panel, split into cells.
type picture struct {
	cells   [][]rune
	axisRow int // the row of └
	axisCol int // its column
	labels  map[int]float64
}

func renderPanel(t *testing.T, d *data.Dataset, o Options, w, h int) picture {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	o.Theme = "dark"
	out, err := Render(d, o, r, w, h)
	if err != nil {
		t.Fatal(err)
	}
	return parsePicture(t, out)
}

// parsePicture splits a panel's view into cells and reads its y labels.
func parsePicture(t *testing.T, out string) picture {
	t.Helper()
	var p picture
	for _, l := range strings.Split(out, "\n") {
		p.cells = append(p.cells, []rune(l))
	}
	p.axisRow = -1
	for y, row := range p.cells {
		if x := indexRune(row, '└'); x >= 0 {
			p.axisRow, p.axisCol = y, x
			break
		}
	}
	if p.axisRow < 0 {
		t.Fatalf("no chart in:\n%s", out)
	}
	p.labels = map[int]float64{}
	for y := 1; y < p.axisRow; y++ { // under the title
		if s := strings.TrimSpace(string(p.cells[y][:p.axisCol])); s != "" {
			p.labels[y] = parseTick(t, s)
		}
	}
	if len(p.labels) < 2 {
		t.Fatalf("fewer than two y labels:\n%s", out)
	}
	return p
}

func indexRune(row []rune, r rune) int {
	for i, c := range row {
		if c == r {
			return i
		}
	}
	return -1
}

// parseTick reads a y label in the measure's raw terms: $40B is 40000 (USD
// millions), 25% is 0.25, $0.5 is 0.5, 1.5× is 1.5.
func parseTick(t *testing.T, s string) float64 {
	t.Helper()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "$"), "×")
	scale := 1.0
	switch {
	case strings.HasSuffix(s, "B"):
		s, scale = strings.TrimSuffix(s, "B"), 1000
	case strings.HasSuffix(s, "%"):
		s, scale = strings.TrimSuffix(s, "%"), 0.01
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("label %q: %v", s, err)
	}
	if neg {
		v = -v
	}
	return v * scale
}

// rowOf is the row a value belongs on by the labels: the labels are evenly
// spaced, and a row holds the values within half a row of its own.
func (p picture) rowOf(t *testing.T, v float64) int {
	t.Helper()
	top, bottom := math.MaxInt, -1
	for y := range p.labels {
		top, bottom = min(top, y), max(bottom, y)
	}
	perRow := (p.labels[top] - p.labels[bottom]) / float64(bottom-top)
	for y, l := range p.labels {
		if math.Abs(p.labels[top]-float64(y-top)*perRow-l) > 1e-9*math.Max(1, math.Abs(l)) {
			t.Fatalf("labels are not evenly spaced: %v", p.labels)
		}
	}
	offset := (p.labels[top] - v) / perRow
	return top + int(math.Ceil(offset-0.5))
}

// hasCursor reports whether the cursor's │ shows: behind an event's line
// it does not.
func (p picture) hasCursor() bool {
	for y := 0; y < p.axisRow; y++ {
		if indexRune(p.cells[y][min(p.axisCol+1, len(p.cells[y])):], cursorGlyph) >= 0 {
			return true
		}
	}
	return false
}

// cursorCol is the column the cursor's │ is drawn in.
func (p picture) cursorCol(t *testing.T) int {
	t.Helper()
	for y := 0; y < p.axisRow; y++ {
		for x := p.axisCol + 1; x < len(p.cells[y]); x++ {
			if p.cells[y][x] == cursorGlyph {
				return x
			}
		}
	}
	t.Fatal("no cursor")
	return 0
}

func (p picture) at(y, x int) rune {
	if y < 0 || y >= len(p.cells) || x < 0 || x >= len(p.cells[y]) {
		return ' '
	}
	return p.cells[y][x]
}

// span is the text of a row from column x to end, blank past its end.
func (p picture) span(y, x, end int) string {
	var b strings.Builder
	for ; x < end; x++ {
		b.WriteRune(p.at(y, x))
	}
	return b.String()
}

func (p picture) String() string {
	var b strings.Builder
	for _, row := range p.cells {
		b.WriteString(string(row) + "\n")
	}
	return b.String()
}

// chartValues are each chart's figures, straight from package data.
func chartValues(d *data.Dataset) map[string]func(id string, q data.Quarter) (float64, bool) {
	usd := func(v data.USDMillions, ok bool) (float64, bool) { return float64(v), ok }
	chatGPT := data.NewQuarter(2022, 4) // events.csv: OpenAI launches ChatGPT, 2022-11-30
	return map[string]func(string, data.Quarter) (float64, bool){
		"quarterly":         func(id string, q data.Quarter) (float64, bool) { return usd(d.Value(id, data.Capex, q)) },
		"ttm":               func(id string, q data.Quarter) (float64, bool) { return usd(d.TTM(id, data.Capex, q)) },
		"margin":            d.CloudMargin,
		"capex_per_revenue": func(id string, q data.Quarter) (float64, bool) { return d.CapexPerCloudRevenue(id, data.Capex, q) },
		"growth":            func(id string, q data.Quarter) (float64, bool) { return d.YoY(id, data.Capex, q) },
		"share":             func(id string, q data.Quarter) (float64, bool) { return d.Share(id, data.Capex, q) },
		"cumulative":        func(id string, q data.Quarter) (float64, bool) { return usd(d.Cumulative(id, data.Capex, chatGPT, q)) },
		"cashflow":          func(id string, q data.Quarter) (float64, bool) { return d.CapexToOperatingCashFlow(id, data.Capex, q) },
		"capex_intensity":   func(id string, q data.Quarter) (float64, bool) { return d.CapexIntensity(id, data.Capex, q) },
		"depreciation":      func(id string, q data.Quarter) (float64, bool) { return d.CapexToDepreciation(id, data.Capex, q) },
		"fcf":               func(id string, q data.Quarter) (float64, bool) { return usd(d.FreeCashFlowTTM(id, data.Capex, q)) },
		"cash":              func(id string, q data.Quarter) (float64, bool) { return usd(d.Value(id, data.CashAndSecurities, q)) },
	}
}

// The marker each provider gets at the cursor sits on the row the y labels
// give its value, in every quarterly chart, at several cursors and sizes.
func TestCursorMarkersOnTheirRows(t *testing.T) {
	d := bundled(t)
	values := chartValues(d)
	quarters := []data.Quarter{data.NewQuarter(2019, 4), data.NewQuarter(2021, 2), data.NewQuarter(2023, 3), data.NewQuarter(2025, 3), data.NewQuarter(2026, 1)}
	// Panel boxes of an 80x24, 120x40 and 200x60 terminal, and print's default.
	sizes := [][2]int{{80, 21}, {120, 37}, {200, 57}, {80, 24}}
	for _, panel := range PanelNames() {
		charts, _ := ChartNames(panel)
		for _, chart := range charts {
			f, ok := values[chart]
			if !ok {
				continue // calendar years: TestAnnualPointsUnderTheirLabels
			}
			for _, size := range sizes {
				for _, q := range quarters {
					t.Run(fmt.Sprintf("%s/%dx%d/%s", chart, size[0], size[1], q), func(t *testing.T) {
						p := renderPanel(t, d, Options{Panel: panel, Chart: chart, Quarter: q}, size[0], size[1])
						col := p.cursorCol(t)
						want := map[int][]rune{} // row: the markers that may be there
						for i, pr := range d.Providers() {
							if v, ok := f(pr.ID, q); ok {
								row := p.rowOf(t, v)
								want[row] = append(want[row], marker(i))
							}
						}
						for row, markers := range want {
							if got := p.at(row, col); !strings.ContainsRune(string(markers), got) {
								t.Errorf("row %d (%v), column %d: %q, want one of %q\n%s", row, p.labels, col, got, string(markers), p)
							}
						}
					})
				}
			}
		}
	}
}

// Where a chart goes below zero, the zero line is on the row labelled 0%,
// and only there.
func TestZeroLineOnTheZeroRow(t *testing.T) {
	d := bundled(t)
	for _, c := range [][2]string{{"escalation", "growth"}, {"margin", "margin"}, {"escalation", "fcf"}} {
		for _, size := range [][2]int{{80, 21}, {120, 37}, {200, 57}} {
			p := renderPanel(t, d, Options{Panel: c[0], Chart: c[1]}, size[0], size[1])
			zero := -1
			for y, v := range p.labels {
				if v == 0 {
					zero = y
				}
			}
			if zero < 0 {
				t.Fatalf("%s %v: no 0%% label\n%s", c[1], size, p)
			}
			for y := 0; y < p.axisRow; y++ {
				if has := strings.ContainsRune(string(p.cells[y]), zeroGlyph); has != (y == zero) {
					t.Errorf("%s %v: row %d has the zero line: %v; the 0%% label is on row %d\n%s", c[1], size, y, has, zero, p)
				}
			}
		}
	}
}

// In the calendar-year chart each year's points sit under its label, on
// the rows their totals belong on.
func TestAnnualPointsUnderTheirLabels(t *testing.T) {
	d := bundled(t)
	for _, size := range [][2]int{{80, 21}, {120, 37}, {200, 57}} {
		p := renderPanel(t, d, Options{Panel: "capex", Chart: "annual", Quarter: data.NewQuarter(2024, 2)}, size[0], size[1])
		labels := p.cells[p.axisRow+1]
		found := 0
		for x := 0; x < len(labels); x++ {
			if labels[x] == ' ' || (x > 0 && labels[x-1] != ' ') {
				continue
			}
			end := x
			for end < len(labels) && labels[end] != ' ' {
				end++
			}
			year, err := strconv.Atoi(string(labels[x:end]))
			if err != nil {
				t.Fatalf("x label %q", string(labels[x:end]))
			}
			want := map[int][]rune{} // row: the markers that may be there
			for i, pr := range d.Providers() {
				if v, n := d.CalendarYear(pr.ID, data.Capex, year); n == 4 {
					row := p.rowOf(t, float64(v))
					want[row] = append(want[row], marker(i))
				}
			}
			for row, markers := range want {
				found++
				if !strings.ContainsAny(p.span(row, x, end), string(markers)) {
					t.Errorf("%v: %d: none of %q on row %d under its label, columns %d-%d\n%s", size, year, string(markers), row, x, end-1, p)
				}
			}
		}
		if found < 10 {
			t.Errorf("%v: only %d points under labels\n%s", size, found, p)
		}
	}
}

// The y axis and the chart's size depend on the view, never on the
// cursor, even where the notes under the readout come and go.
func TestAxisHoldsStillAsTheCursorMoves(t *testing.T) {
	d := bundled(t)
	for _, size := range [][2]int{{80, 21}, {120, 37}, {200, 57}} {
		for i, k := range panelKinds {
			charts, _ := ChartNames(k.name)
			for _, chart := range charts {
				sh := newShared(d, asciiTheme(), Options{})
				p := panelKinds[i].new(sh)
				p.SetChart(chart)
				p.SetSize(size[0], size[1])
				var first string
				yearAt := map[string]int{} // an x label: its column
				for _, q := range d.Quarters() {
					sh.cursor = q
					pic := parsePicture(t, trimRight(p.View()))
					var axis strings.Builder
					for y := 0; y <= pic.axisRow; y++ {
						axis.WriteString(string(pic.cells[y][:pic.axisCol+1]) + "\n")
					}
					if first == "" {
						first = axis.String()
					} else if axis.String() != first {
						t.Fatalf("%s %v: the axis at %s differs from the first quarter's:\n%s\nwas:\n%s", chart, size, q, axis.String(), first)
					}
					// The x labels hold still too, but for those the cursor's
					// own label covers; that one is under the cursor.
					labels := pic.cells[pic.axisRow+1]
					for x := 0; x < len(labels); x++ {
						if labels[x] == ' ' || (x > 0 && labels[x-1] != ' ') {
							continue
						}
						end := x
						for end < len(labels) && labels[end] != ' ' {
							end++
						}
						text := string(labels[x:end])
						switch col, seen := yearAt[text]; {
						case chart == "annual" || text != q.String():
							if seen && col != x {
								t.Fatalf("%s %v: at %s the label %q is at column %d, before at %d", chart, size, q, text, x, col)
							}
							yearAt[text] = x
						case pic.hasCursor() && (pic.cursorCol(t) < x || pic.cursorCol(t) >= end):
							t.Fatalf("%s %v: the cursor's label %q is at columns %d-%d, the cursor at %d\n%s", chart, size, text, x, end-1, pic.cursorCol(t), pic)
						}
					}
				}
			}
		}
	}
}
