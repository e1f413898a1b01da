package ui

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
)

//go:embed stories/default.story
var defaultStory string

// Slide is one step of a talk: a panel and its chart, how it is set, and
// what to say.
type Slide struct {
	Options  Options
	Title    string   // what the speaker's notes call it; the panel and chart if the story names none
	Headline string   // resolved: the large number
	Caption  []string // resolved: one or two lines
	Notes    []string // resolved: for the speaker's eyes only, a paragraph a line
	texts    []template
	latest   bool // quarter: latest
}

// template is a headline, caption or notes line before its placeholders
// resolve.
type template struct {
	text string
	line int
	kind string // headline, caption, notes
}

// Story is a talk: its slides, with every placeholder already resolved.
type Story struct {
	Name   string
	ID     string // a digest of the story's text, so a notes view knows it reads the talk's own
	Slides []Slide
}

// DefaultStory is the bundled talk.
func DefaultStory(d *data.Dataset) (Story, error) {
	return ParseStory("default.story", strings.NewReader(defaultStory), d)
}

var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)

// ParseStory reads a story and resolves its placeholders against d. Every
// problem is reported, each as file:line.
func ParseStory(name string, r io.Reader, d *data.Dataset) (Story, error) {
	st := Story{Name: name}
	var probs data.Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, data.Problem{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	digest := sha256.New()
	sc := bufio.NewScanner(io.TeeReader(r, digest))
	sc.Buffer(make([]byte, 64*1024), 64*1024)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		k, v, ok := strings.Cut(text, ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok {
			add(n, "%q is not a \"key: value\" line", text)
			continue
		}
		if k == "slide" {
			if panelIndex(v) < 0 {
				add(n, "unknown panel %q; choose one of %s", v, strings.Join(PanelNames(), ", "))
			}
			st.Slides = append(st.Slides, Slide{Options: Options{Panel: v}, latest: true})
			continue
		}
		if len(st.Slides) == 0 {
			add(n, "%q comes before the first \"slide:\" line", k)
			continue
		}
		s := &st.Slides[len(st.Slides)-1]
		switch k {
		case "chart", "mode": // mode: is the old name of chart:
			if charts, ok := ChartNames(s.Options.Panel); ok && !slices.Contains(charts, v) {
				add(n, "the %s panel has no chart %q; choose one of %s", s.Options.Panel, v, strings.Join(charts, ", "))
			}
			s.Options.Chart = v
		case "quarter":
			s.latest = v == "latest"
			if s.latest {
				break
			}
			q, err := d.QuarterNamed(v)
			if err != nil {
				add(n, "%v", err)
			}
			s.Options.Quarter = q
		case "providers":
			ids, err := d.ProviderIDsNamed(strings.Split(v, ","))
			if err != nil {
				add(n, "%v", err)
			}
			s.Options.Providers = ids
		case "basis":
			switch v {
			case "cash":
				s.Options.Basis = data.Capex
			case "leases":
				s.Options.Basis = data.CapexInclFinanceLeases
			default:
				add(n, "unknown basis %q; choose cash or leases", v)
			}
		case "title":
			s.Title = v
		case "headline":
			s.texts = append(s.texts, template{text: v, line: n, kind: k})
		case "caption":
			if captions(s.texts) == 2 {
				add(n, "a slide has at most two caption lines")
				continue
			}
			s.texts = append(s.texts, template{text: v, line: n, kind: k})
		case "notes":
			s.texts = append(s.texts, template{text: v, line: n, kind: k})
		default:
			add(n, "unknown key %q; a slide has slide, title, chart, quarter, providers, basis, headline, caption, notes", k)
		}
	}
	if err := sc.Err(); err != nil {
		add(n+1, "%v", err)
	}
	for i := range st.Slides {
		st.Slides[i].resolve(d, add)
		if st.Slides[i].Title == "" {
			st.Slides[i].Title = defaultTitle(st.Slides[i].Options)
		}
	}
	st.ID = hex.EncodeToString(digest.Sum(nil)[:8])
	if len(st.Slides) == 0 && len(probs) == 0 {
		add(0, "no slides; a slide starts with \"slide: capex\"")
	}
	if len(probs) > 0 {
		return Story{}, probs
	}
	return st, nil
}

func captions(ts []template) int {
	n := 0
	for _, t := range ts {
		if t.kind == "caption" {
			n++
		}
	}
	return n
}

// defaultTitle names a slide by its panel and chart.
func defaultTitle(o Options) string {
	title := panelKinds[max(0, panelIndex(o.Panel))].title
	if o.Chart == "" {
		return title
	}
	return title + " · " + strings.ReplaceAll(o.Chart, "_", " ")
}

// latestLookback is how far back "quarter: latest" looks for a quarter
// where every figure of the slide is known.
const latestLookback = 8

// resolve fills the slide's headline and captions. For "quarter: latest"
// it takes the latest quarter at which every placeholder has a figure, so
// a story stays true, and whole, as quarters are added to the data.
func (s *Slide) resolve(d *data.Dataset, add func(int, string, ...any)) {
	if s.latest {
		for q := d.Last(); !q.Before(d.Last().Add(-latestLookback)); q = q.Prev() {
			if s.fill(d, q, func(int, string, ...any) {}) {
				s.Options.Quarter = q
				return
			}
		}
		q, ok := d.LatestWith(data.Capex)
		if !ok {
			q = d.Last()
		}
		s.Options.Quarter = q
	}
	s.fill(d, s.Options.Quarter, add)
}

// fill resolves every template at q, reporting what does not resolve.
func (s *Slide) fill(d *data.Dataset, q data.Quarter, add func(int, string, ...any)) bool {
	ok := true
	s.Headline, s.Caption, s.Notes = "", nil, nil
	for _, t := range s.texts {
		text := placeholder.ReplaceAllStringFunc(t.text, func(m string) string {
			v, err := figure(strings.Fields(m[1:len(m)-1]), d, q)
			if err != nil {
				add(t.line, "%s: %v", m, err)
				ok = false
				return m
			}
			return v
		})
		switch t.kind {
		case "headline":
			s.Headline = text
		case "caption":
			s.Caption = append(s.Caption, text)
		default:
			s.Notes = append(s.Notes, text)
		}
	}
	return ok
}

// figure gives a placeholder's value at q. The forms: {quarter},
// {MEASURE PROVIDER}, {ttm METRIC PROVIDER}, {cy METRIC PROVIDER YEAR},
// {combined ttm METRIC}, {yoy combined ttm METRIC}, {leader MEASURE},
// {guide PROVIDER YEAR}, {implied PROVIDER YEAR} (the quarterly run-rate
// the guidance leaves for the rest of the year, on the basis the company
// guides on). A placeholder without a figure is an error, so a talk never
// shows a hole.
func figure(f []string, d *data.Dataset, q data.Quarter) (string, error) {
	// A provider goes by its id, name, ticker or alias, in any case: the
	// placeholder's field is replaced by the id.
	provider := func(i int) error {
		p, err := d.LookupProvider(f[i])
		f[i] = p.ID
		return err
	}
	metric := func(name string) (data.Metric, error) {
		m, ok := data.ParseMetric(name)
		if !ok {
			return "", fmt.Errorf("unknown metric %q", name)
		}
		return m, nil
	}
	none := fmt.Errorf("no figure for %s in the data", q)
	switch {
	case len(f) == 1 && f[0] == "quarter":
		return q.String(), nil
	case len(f) == 3 && f[0] == "ttm":
		m, err := metric(f[1])
		if err != nil {
			return "", err
		}
		if err := provider(2); err != nil {
			return "", err
		}
		v, ok := d.TTM(f[2], m, q)
		if !ok {
			return "", none
		}
		return data.FormatUSD(v, true), nil
	case len(f) == 4 && f[0] == "cy":
		m, err := metric(f[1])
		if err != nil {
			return "", err
		}
		if err := provider(2); err != nil {
			return "", err
		}
		var y int
		if _, err := fmt.Sscan(f[3], &y); err != nil {
			return "", fmt.Errorf("%q is not a year", f[3])
		}
		v, n := d.CalendarYear(f[2], m, y)
		if n != 4 {
			return "", fmt.Errorf("%d has %d of 4 quarters in the data", y, n)
		}
		return data.FormatUSD(v, true), nil
	case len(f) == 3 && f[0] == "combined" && f[1] == "ttm":
		m, err := metric(f[2])
		if err != nil {
			return "", err
		}
		v, ok := d.CombinedTTM(m, q)
		if !ok {
			return "", none
		}
		return data.FormatUSD(v, true), nil
	case len(f) == 4 && f[0] == "yoy" && f[1] == "combined" && f[2] == "ttm":
		m, err := metric(f[3])
		if err != nil {
			return "", err
		}
		now, ok1 := d.CombinedTTM(m, q)
		then, ok2 := d.CombinedTTM(m, q.Add(-4))
		c, ok3 := data.Change(now, then)
		if !ok1 || !ok2 || !ok3 {
			return "", none
		}
		return data.FormatChange(c, true), nil
	case len(f) == 2 && f[0] == "leader":
		ms, err := data.MeasureNamed(f[1])
		if err != nil {
			return "", err
		}
		have, _ := rank(d, q, func(id string, q data.Quarter) (float64, bool) { return ms.At(d, id, q) }, nil)
		if len(have) == 0 {
			return "", none
		}
		return have[0].name, nil
	case len(f) == 3 && f[0] == "implied":
		if err := provider(1); err != nil {
			return "", err
		}
		var y int
		if _, err := fmt.Sscan(f[2], &y); err != nil {
			return "", fmt.Errorf("%q is not a year", f[2])
		}
		im, why := d.ImpliedFor(f[1], y, q)
		switch {
		case why != "":
			return "", errors.New(why)
		case len(im.Left) == 0:
			return "", fmt.Errorf("%s is over by %s: nothing is left to imply", im.Year, q)
		}
		return data.FormatImpliedRate(im), nil
	case len(f) == 3 && f[0] == "guide":
		if err := provider(1); err != nil {
			return "", err
		}
		var y int
		if _, err := fmt.Sscan(f[2], &y); err != nil {
			return "", fmt.Errorf("%q is not a year", f[2])
		}
		p, _ := d.Provider(f[1])
		g, ok := d.LatestGuidance(p.ID, y)
		if !ok {
			return "", fmt.Errorf("%s has no guidance with a figure for %d", p.Name, y)
		}
		return data.FormatGuidance(g, p), nil
	case len(f) == 2:
		ms, err := data.MeasureNamed(f[0])
		if err != nil {
			return "", err
		}
		if err := provider(1); err != nil {
			return "", err
		}
		v, ok := ms.At(d, f[1], q)
		if !ok {
			return "", none
		}
		return ms.Format(v, true), nil
	}
	return "", fmt.Errorf("not a placeholder; write {quarter}, {MEASURE PROVIDER}, {ttm METRIC PROVIDER}, {cy METRIC PROVIDER YEAR}, {combined ttm METRIC}, {yoy combined ttm METRIC}, {leader MEASURE}, {guide PROVIDER YEAR} or {implied PROVIDER YEAR}")
}
