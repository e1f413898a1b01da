package ui

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/x/exp/golden"
)

// svgNode is any element of an SVG document, for tests to walk.
type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []svgNode  `xml:",any"`
}

func parseSVG(t *testing.T, b []byte) svgNode {
	t.Helper()
	var root svgNode
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element %v", root.XMLName)
	}
	return root
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns every element under n, n too, for which keep is true.
func (n svgNode) all(keep func(svgNode) bool) []svgNode {
	var out []svgNode
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(keep)...)
	}
	return out
}

func classed(class string) func(svgNode) bool {
	return func(n svgNode) bool { return n.attr("class") == class }
}

// texts are the words of the elements of a class.
func (n svgNode) texts(class string) []string {
	var out []string
	for _, e := range n.all(classed(class)) {
		out = append(out, strings.TrimSpace(e.Text))
	}
	return out
}

var translate = regexp.MustCompile(`^translate\(([-\d.]+) ([-\d.]+)\)`)

// at is where a group is moved to.
func (n svgNode) at(t *testing.T) (x, y float64) {
	t.Helper()
	m := translate.FindStringSubmatch(n.attr("transform"))
	if m == nil {
		t.Fatalf("%s has no translate: %q", n.XMLName.Local, n.attr("transform"))
	}
	x, _ = strconv.ParseFloat(m[1], 64)
	y, _ = strconv.ParseFloat(m[2], 64)
	return x, y
}

func panelSVG(t *testing.T, d *data.Dataset, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := PanelSVG(&b, d, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// yScale reads the y axis: the height of each labelled value, from which
// any value's height follows.
type yScale struct{ v0, y0, perUnit float64 }

func (s yScale) y(v float64) float64 { return s.y0 - (v-s.v0)*s.perUnit }

// readYAxis parses every y label with parse, checks they are evenly spaced
// and rise up the page, and returns the scale they set.
func readYAxis(t *testing.T, root svgNode, parse func(string) (float64, bool)) yScale {
	t.Helper()
	ticks := root.all(classed("y-tick"))
	if len(ticks) < 3 {
		t.Fatalf("%d y labels", len(ticks))
	}
	var vs, ys []float64
	for _, tick := range ticks {
		label := tick.texts("y-label")
		v, ok := parse(label[0])
		if !ok {
			t.Fatalf("y label %q is not in the chart's unit", label[0])
		}
		_, y := tick.at(t)
		vs, ys = append(vs, v), append(ys, y)
	}
	last := len(vs) - 1
	s := yScale{v0: vs[0], y0: ys[0], perUnit: (ys[0] - ys[last]) / (vs[last] - vs[0])}
	for i := range vs {
		if i > 0 && (vs[i] <= vs[i-1] || math.Abs(vs[i]-vs[i-1]-(vs[1]-vs[0])) > 1e-9) {
			t.Errorf("y labels not evenly rising: %v", vs)
		}
		if math.Abs(s.y(vs[i])-ys[i]) > 0.15 {
			t.Errorf("y label %v at %v, not on the scale (%v)", vs[i], ys[i], s.y(vs[i]))
		}
	}
	return s
}

var usdLabel = regexp.MustCompile(`^(-?)\$(\d+(\.\d+)?)B$`)

// parseUSD reads a label such as $40B or -$2.5B, in USD millions.
func parseUSD(s string) (float64, bool) {
	m := usdLabel.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	v, _ := strconv.ParseFloat(m[2], 64)
	if m[1] == "-" {
		v = -v
	}
	return v * 1000, true
}

// parsePercent reads a label such as 40% or -15%, as a fraction.
func parsePercent(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	return v / 100, err == nil && strings.HasSuffix(s, "%")
}

// Every chart of every panel is an SVG with the three providers' series,
// named in its legend with their values at the cursor, axis labels in the
// chart's unit, the years under the x axis, and its events and changes of
// definition marked.
func TestPanelSVGs(t *testing.T) {
	d := bundled(t)
	q := data.NewQuarter(2025, 3)
	for _, panel := range PanelNames() {
		charts, _ := ChartNames(panel)
		for _, chart := range charts {
			t.Run(panel+"_"+chart, func(t *testing.T) {
				root := parseSVG(t, panelSVG(t, d, Options{Panel: panel, Chart: chart, Quarter: q}))
				if root.attr("viewBox") != "0 0 1280 720" {
					t.Errorf("viewBox %q", root.attr("viewBox"))
				}
				var names []string
				for _, s := range root.all(classed("series")) {
					names = append(names, s.attr("data-name"))
					if len(s.all(func(n svgNode) bool { return n.XMLName.Local == "polyline" })) == 0 {
						t.Errorf("%s has no line", s.attr("data-name"))
					}
				}
				if strings.Join(names, ",") != "Amazon,Microsoft,Alphabet" {
					t.Errorf("series %v", names)
				}
				parse := parsePercent
				switch chart {
				case "quarterly", "ttm", "annual", "cumulative", "fcf", "cash":
					parse = parseUSD
				case "capex_per_revenue":
					parse = func(s string) (float64, bool) {
						v, err := strconv.ParseFloat(strings.TrimPrefix(s, "$"), 64)
						return v, err == nil && strings.HasPrefix(s, "$")
					}
				case "depreciation":
					parse = func(s string) (float64, bool) {
						v, err := strconv.ParseFloat(strings.TrimSuffix(s, "×"), 64)
						return v, err == nil && strings.HasSuffix(s, "×")
					}
				}
				readYAxis(t, root, parse)
				years := root.texts("x-label")
				if len(years) < 6 || years[0] != "2019" {
					t.Errorf("x labels %v", years)
				}
				legend := strings.Join(root.texts("legend"), " ") + " " + strings.Join(legendTexts(root), " ")
				for _, n := range names {
					if !strings.Contains(legend, n) {
						t.Errorf("legend lacks %s: %s", n, legend)
					}
				}
				marks := strings.Join(append(root.texts("mark-label"), root.texts("mark-key")...), " · ")
				if chart != "annual" && !strings.Contains(marks, "ChatGPT") {
					t.Errorf("no ChatGPT event: %s", marks)
				}
				// The definition changes of what the chart draws.
				want := map[string]string{"margin": "MSFT FY2025 segment recast", "capex_per_revenue": "MSFT FY2025 segment recast",
					"depreciation": "AMZN depreciation line re-presented"}[chart]
				if want != "" && !strings.Contains(marks, want) {
					t.Errorf("no %q among the marks: %s", want, marks)
				}
				if title := root.Nodes[0]; title.XMLName.Local != "title" || strings.ContainsAny(title.Text, "╏┴○□△") {
					t.Errorf("title %q", title.Text)
				}
				if src := root.texts("source"); len(src) != 1 || !strings.Contains(src[0], "Source: Amazon, Microsoft and Alphabet filings") {
					t.Errorf("source line %q", src)
				}
			})
		}
	}
}

func legendTexts(root svgNode) []string {
	var out []string
	for _, l := range root.all(classed("legend")) {
		for _, n := range l.all(func(n svgNode) bool { return n.XMLName.Local == "text" }) {
			out = append(out, n.Text)
		}
	}
	return out
}

// Markers sit where their values are on the chart's own axes: each
// provider's at the cursor, and each year's Q4 on its line.
func TestSVGMarkersAtTheirValues(t *testing.T) {
	d := bundled(t)
	q := data.NewQuarter(2025, 3)
	root := parseSVG(t, panelSVG(t, d, Options{Panel: "capex", Quarter: q}))
	ys := readYAxis(t, root, parseUSD)

	// The x axis from its year labels, which start at each year's Q1.
	var yearX []float64
	for _, l := range root.all(classed("x-label")) {
		x, _ := strconv.ParseFloat(l.attr("x"), 64)
		yearX = append(yearX, x)
	}
	perQuarter := (yearX[len(yearX)-1] - yearX[0]) / float64(4*(len(yearX)-1))
	xOf := func(q data.Quarter) float64 { return yearX[0] + float64(q.Index()-d.First().Index())*perQuarter }

	cursor := root.all(classed("cursor"))
	if len(cursor) != 1 {
		t.Fatalf("%d cursors", len(cursor))
	}
	var line svgNode
	for _, n := range cursor[0].Nodes {
		if n.XMLName.Local == "line" {
			line = n
		}
	}
	if x, _ := strconv.ParseFloat(line.attr("x1"), 64); math.Abs(x-xOf(q)) > 0.2 {
		t.Errorf("cursor at x %v, want %v", x, xOf(q))
	}
	for _, g := range cursor[0].all(func(n svgNode) bool { return n.attr("data-name") != "" }) {
		p := providerNamed(t, d, g.attr("data-name"))
		v, _ := d.Value(p.ID, data.Capex, q)
		x, y := g.all(classed("marker"))[0].at(t)
		if math.Abs(x-xOf(q)) > 0.2 || math.Abs(y-ys.y(float64(v))) > 0.2 {
			t.Errorf("%s at the cursor: marker at (%v, %v), want (%v, %v) for %s", p.Name, x, y, xOf(q), ys.y(float64(v)), data.FormatUSD(v, true))
		}
	}

	for _, s := range root.all(classed("series")) {
		p := providerNamed(t, d, s.attr("data-name"))
		markers := s.all(classed("marker"))
		if len(markers) < 6 {
			t.Errorf("%s: %d markers; one a year tells the lines apart in grey", p.Name, len(markers))
		}
		for _, m := range markers {
			x, y := m.at(t)
			mq := d.First().Add(int(math.Round((x - yearX[0]) / perQuarter)))
			v, ok := d.Value(p.ID, data.Capex, mq)
			if !ok || math.Abs(y-ys.y(float64(v))) > 0.2 {
				t.Errorf("%s marker at (%v, %v): %s is %s, at y %v", p.Name, x, y, mq, data.FormatUSD(v, ok), ys.y(float64(v)))
			}
			if mq.Q != 4 && mq != d.Last() {
				t.Errorf("%s marker on %s; they go on each year's Q4 and the last quarter", p.Name, mq)
			}
		}
	}
}

func providerNamed(t *testing.T, d *data.Dataset, name string) data.Provider {
	t.Helper()
	i := slices.IndexFunc(d.Providers(), func(p data.Provider) bool { return p.Name == name })
	if i < 0 {
		t.Fatalf("no provider %q", name)
	}
	return d.Providers()[i]
}

// Text reads on white: every colour text is drawn in has a contrast of at
// least 4.5:1 against the page.
func TestSVGReadableOnWhite(t *testing.T) {
	d := bundled(t)
	st, err := DefaultStory(d)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := SlideSVG(&b, d, st, 0); err != nil {
		t.Fatal(err)
	}
	docs := [][]byte{b.Bytes(), panelSVG(t, d, Options{Panel: "capex", Chart: "annual"})}
	for _, doc := range docs {
		root := parseSVG(t, doc)
		if bg := root.all(func(n svgNode) bool { return n.XMLName.Local == "rect" })[0]; bg.attr("fill") != "#FFFFFF" {
			t.Errorf("page is %s", bg.attr("fill"))
		}
		var walk func(n svgNode, fill string)
		walk = func(n svgNode, fill string) {
			if f := n.attr("fill"); f != "" {
				fill = f
			}
			if n.XMLName.Local == "text" {
				if c := contrast(fill, "#FFFFFF"); c < 4.5 {
					t.Errorf("%q in %s: contrast %.1f on white", n.Text, fill, c)
				}
			}
			for _, c := range n.Nodes {
				walk(c, fill)
			}
		}
		walk(root, "#000000")
	}
}

// contrast is the WCAG contrast ratio of two colours written #RRGGBB.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		c, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		v := float64(c) / 255
		if v <= 0.03928 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		l += w * v
	}
	return l
}

// A slide's SVG has its headline, its caption, wrapped, and its chart.
func TestSlideSVG(t *testing.T) {
	d := bundled(t)
	st, err := DefaultStory(d)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range st.Slides {
		var b bytes.Buffer
		if err := SlideSVG(&b, d, st, i); err != nil {
			t.Fatal(err)
		}
		root := parseSVG(t, b.Bytes())
		if h := root.texts("headline"); len(h) != 1 || h[0] != s.Headline {
			t.Errorf("slide %d: headline %q, want %q", i+1, h, s.Headline)
		}
		if got, want := strings.Join(root.texts("caption"), " "), strings.Join(s.Caption, " "); got != want {
			t.Errorf("slide %d: caption %q, want %q", i+1, got, want)
		}
		if n := len(root.all(classed("series"))); n != 3 {
			t.Errorf("slide %d: %d series", i+1, n)
		}
	}
	if err := SlideSVG(&bytes.Buffer{}, d, st, len(st.Slides)); err == nil {
		t.Error("a slide past the last must be an error")
	}
}

// The SVG text, as a reader of the diff sees it. Regenerate with
// go test ./ui -update, then read the files (and look at them drawn).
func TestSVGGolden(t *testing.T) {
	d := bundled(t)
	q := data.NewQuarter(2025, 3)
	for _, o := range []Options{{Panel: "capex"}, {Panel: "capex", Chart: "annual"}, {Panel: "margin"}, {Panel: "escalation", Chart: "share"}} {
		o.Quarter = q
		name := o.Panel
		if o.Chart != "" {
			name += "_" + o.Chart
		}
		t.Run(name, func(t *testing.T) { golden.RequireEqual(t, panelSVG(t, d, o)) })
	}
	st, err := DefaultStory(d)
	if err != nil {
		t.Fatal(err)
	}
	for i := range st.Slides {
		t.Run(fmt.Sprintf("slide%d", i+1), func(t *testing.T) {
			var b bytes.Buffer
			if err := SlideSVG(&b, d, st, i); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, b.Bytes())
		})
	}
}
