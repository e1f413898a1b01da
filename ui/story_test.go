package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/x/ansi"
)

// Every placeholder of the bundled talk resolves against the bundled data.
func TestDefaultStoryResolves(t *testing.T) {
	st, err := DefaultStory(bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Slides) < 5 {
		t.Fatalf("%d slides", len(st.Slides))
	}
	for i, s := range st.Slides {
		for _, l := range append([]string{s.Headline}, s.Caption...) {
			if strings.ContainsAny(l, "{}") {
				t.Errorf("slide %d: unresolved %q", i+1, l)
			}
		}
		if s.Headline == "" || len(s.Caption) == 0 {
			t.Errorf("slide %d has no headline or caption", i+1)
		}
	}
}

func TestStoryPlaceholders(t *testing.T) {
	d, err := data.LoadDir(os.DirFS("../data/testdata/four"), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	story := `slide: capex
quarter: 2025Q4
headline: {ttm capex amazon}
caption: {quarter} {capex meta} {capex_yoy meta} {combined ttm capex} {yoy combined ttm capex}
caption: {leader capex} {cy capex microsoft 2025} {guide amazon 2026}
`
	st, err := ParseStory("t.story", strings.NewReader(story), d)
	if err != nil {
		t.Fatal(err)
	}
	s := st.Slides[0]
	// Amazon 14+15+16+17; Meta 2025Q4 11000, +57.1% on 7000; combined as in
	// the summary test; Microsoft 9+10+11+12.
	if s.Headline != "$62.0B" {
		t.Errorf("headline = %q", s.Headline)
	}
	if want := "2025Q4 $11.0B +57.1% $196.0B +48.5%"; s.Caption[0] != want {
		t.Errorf("caption 1 = %q, want %q", s.Caption[0], want)
	}
	if want := "Amazon $42.0B $65-75B"; s.Caption[1] != want {
		t.Errorf("caption 2 = %q, want %q", s.Caption[1], want)
	}
}

func TestStoryErrors(t *testing.T) {
	story := `caption: too early
slide: pie
slide: escalation
chart: margin
quarter: 2031Q1
providers: amazon, oracle
colour: red
caption: {capex amazon} {ttm capex} {capexx amazon} {guide meta 2026}
caption: two
caption: three
`
	_, err := ParseStory("talk.story", strings.NewReader(story), bundled(t))
	if err == nil {
		t.Fatal("want errors")
	}
	want := []string{
		`talk.story:1: "caption" comes before the first "slide:" line`,
		`talk.story:2: unknown panel "pie"`,
		`talk.story:4: the escalation panel has no chart "margin"; choose one of growth, share, cumulative, cashflow`,
		`talk.story:5: 2031Q1 is outside the data`,
		`talk.story:6: unknown provider "oracle"`,
		`talk.story:7: unknown key "colour"`,
		`talk.story:8: {ttm capex}: unknown metric "ttm"`,
		`talk.story:8: {capexx amazon}: unknown metric "capexx"`,
		`talk.story:8: {guide meta 2026}: unknown provider "meta"`,
		`talk.story:10: a slide has at most two caption lines`,
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in:\n%v", w, err)
		}
	}
}

// "quarter: latest" takes the latest quarter where every figure of the
// slide is known; a fixed quarter with a gap is an error.
func TestLatestSkipsGaps(t *testing.T) {
	d := bundled(t)
	st, err := ParseStory("t.story", strings.NewReader("slide: margin\nquarter: latest\ncaption: {cloud_margin alphabet}\n"), d)
	if err != nil {
		t.Fatal(err)
	}
	q := st.Slides[0].Options.Quarter
	if _, ok := d.CloudMargin("alphabet", q); !ok {
		t.Errorf("latest = %v, which has no Alphabet margin", q)
	}
	for later := q.Next(); !d.Last().Before(later); later = later.Next() {
		if _, ok := d.CloudMargin("alphabet", later); ok {
			t.Errorf("latest = %v, but %v has the margin too", q, later)
		}
	}
	fixture, err := data.LoadDir(os.DirFS("../data/testdata/four"), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseStory("t.story", strings.NewReader("slide: margin\nquarter: 2025Q2\ncaption: {cloud_margin alphabet}\n"), fixture)
	if err == nil || !strings.Contains(err.Error(), "t.story:3: {cloud_margin alphabet}: no figure for 2025Q2") {
		t.Errorf("a fixed quarter with a gap must be an error: %v", err)
	}
}

// A slide's chart: line takes the names --chart does, every chart of the
// panel; mode: is its old name.
func TestStoryCharts(t *testing.T) {
	d := bundled(t)
	for _, panel := range PanelNames() {
		charts, _ := ChartNames(panel)
		for _, chart := range charts {
			for _, key := range []string{"chart", "mode"} {
				story := "slide: " + panel + "\n" + key + ": " + chart + "\nquarter: 2025Q3\nheadline: {quarter}\ncaption: x\n"
				st, err := ParseStory("t.story", strings.NewReader(story), d)
				if err != nil {
					t.Fatalf("%s %s: %v", panel, chart, err)
				}
				if got := st.Slides[0].Options.Chart; got != chart {
					t.Errorf("%s: %s: %s gives chart %q", panel, key, chart, got)
				}
			}
		}
	}
}

// A slide's title names it in the speaker's notes; notes: lines are its
// notes, a paragraph each, with placeholders resolved like a caption's.
func TestStoryTitleAndNotes(t *testing.T) {
	d := bundled(t)
	story := `slide: capex
title: Spending
quarter: 2025Q3
headline: {capex amazon}
caption: one
notes: First {capex amazon} in {quarter}.
notes: Second.

slide: escalation
chart: share
quarter: 2025Q3
headline: {quarter}
caption: two
`
	st, err := ParseStory("t.story", strings.NewReader(story), d)
	if err != nil {
		t.Fatal(err)
	}
	a, b := st.Slides[0], st.Slides[1]
	if a.Title != "Spending" || len(a.Notes) != 2 || a.Notes[0] != "First $35.1B in 2025Q3." || a.Notes[1] != "Second." {
		t.Errorf("slide 1: title %q, notes %q", a.Title, a.Notes)
	}
	if b.Title != "Escalation · share" || len(b.Notes) != 0 {
		t.Errorf("slide 2: title %q, notes %q; an untitled slide is named by its panel and chart", b.Title, b.Notes)
	}
	again, _ := ParseStory("t.story", strings.NewReader(story), d)
	other, _ := ParseStory("t.story", strings.NewReader(story+"notes: Third.\n"), d)
	if st.ID == "" || st.ID != again.ID || st.ID == other.ID {
		t.Errorf("IDs %q, %q, %q: the same text must give the same ID, another text another", st.ID, again.ID, other.ID)
	}
	_, err = ParseStory("t.story", strings.NewReader("slide: capex\nnotes: {capexx amazon}\n"), d)
	if err == nil || !strings.Contains(err.Error(), `t.story:2: {capexx amazon}: unknown metric "capexx"`) {
		t.Errorf("a notes placeholder is checked like a caption's: %v", err)
	}
}

// Each headline figure of the bundled talk is on its slide's chart or
// readout, as the room sees the slide, at the least size and on a
// projector.
func TestDefaultStoryHeadlinesOnTheirCharts(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		p := newPresenterSized(t, PresentOptions{}, size[0], size[1])
		for i, s := range p.opts.Story.Slides {
			p = pSend(t, p, "home")
			for range i {
				p = pSend(t, p, "space")
			}
			p.View()
			if panel := ansi.Strip(p.panels[p.active].View()); !strings.Contains(panel, s.Headline) {
				t.Errorf("%dx%d slide %d: the headline %s is not on its chart or readout:\n%s", size[0], size[1], i+1, s.Headline, panel)
			}
		}
	}
}

// The bundled talk names what its charts compare: company-wide capex
// against one segment's revenue, Microsoft's finance leases where capex
// totals compare, and segment recasts where margins do. No caption claims
// one company's spending causes another's.
func TestDefaultStoryNamesItsDefinitions(t *testing.T) {
	st, err := DefaultStory(bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range st.Slides {
		caption := strings.Join(s.Caption, " ")
		var want []string
		switch s.Options.Chart {
		case "capex_per_revenue":
			want = []string{"company-wide"}
		case "ttm", "quarterly", "annual", "share", "cumulative":
			want = []string{"finance leases"}
		case "", "margin":
			want = []string{"recast"}
		}
		for _, w := range want {
			if !strings.Contains(caption, w) {
				t.Errorf("slide %d (%s) does not say %q: %s", i+1, s.Options.Chart, w, caption)
			}
		}
		for _, cause := range []string{"forces", "because", "in response", "to stay in the race"} {
			if strings.Contains(strings.ToLower(caption), cause) {
				t.Errorf("slide %d claims a cause (%q): %s", i+1, cause, caption)
			}
		}
	}
}

// Placeholders name providers as people do, and {implied PROVIDER YEAR}
// is the run-rate a year's guidance leaves, on the basis it was given on.
func TestStoryImpliedAndAliases(t *testing.T) {
	d := bundled(t)
	story := "slide: escalation\nquarter: 2026Q1\nproviders: AWS, Google\n" +
		"caption: {capex_yoy AMZN} and {capex_yoy goog}; Amazon's guide leaves {implied aws 2026}, Alphabet's {implied GOOGL 2026}.\n"
	st, err := ParseStory("t.story", strings.NewReader(story), d)
	if err != nil {
		t.Fatal(err)
	}
	s := st.Slides[0]
	// 200000 less Q1's 43234 net, over three quarters; (180000-35674)/3 to (190000-35674)/3.
	want := "+76.7% and +107.4%; Amazon's guide leaves $52.3B a quarter for Q2–Q4, Alphabet's $48.1-51.4B a quarter for Q2–Q4."
	if s.Caption[0] != want || strings.Join(s.Options.Providers, ",") != "amazon,alphabet" {
		t.Errorf("caption %q, providers %v; want %q", s.Caption[0], s.Options.Providers, want)
	}
	// Microsoft's calendar-2026 guide includes finance leases: (190000 - 31900) / 3.
	st, err = ParseStory("t.story", strings.NewReader("slide: escalation\nquarter: 2026Q1\ncaption: {implied msft 2026}\n"), d)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Slides[0].Caption[0]; got != "$52.7B a quarter for Q2–Q4" {
		t.Errorf("Microsoft's 2026 guide leaves %q", got)
	}
}
