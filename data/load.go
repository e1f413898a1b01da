package data

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed *.csv
var bundled embed.FS

// LoadBundled loads the figures shipped inside the binary.
func LoadBundled() (*Dataset, error) { return load(bundled, "bundled") }

// LoadDir loads the CSV files in dir, recording dir as the data's origin.
func LoadDir(fsys fs.FS, dir string) (*Dataset, error) { return load(fsys, dir) }

// The files of a dataset. Only the first two must exist.
const (
	providersFile   = "providers.csv"
	quarterlyFile   = "quarterly.csv"
	annualFile      = "annual.csv"
	guidanceFile    = "guidance.csv"
	eventsFile      = "events.csv"
	definitionsFile = "definitions.csv"
)

// load reads and validates a dataset from fsys. Every problem found is
// returned at once as Problems.
func load(fsys fs.FS, origin string) (*Dataset, error) { return loadWith(fsys, origin, nil, "") }

// loadWith loads the dataset in fsys and, when updates is set, adds the
// figures aicapex update stored there (in the directory named dir).
func loadWith(fsys fs.FS, origin string, updates fs.FS, dir string) (*Dataset, error) {
	var probs Problems
	d := &Dataset{
		origin:    origin,
		primary:   map[figureKey]int{},
		alternate: map[figureKey]int{},
		reported:  map[figureKey]bool{},
	}
	d.loadProviders(fsys, &probs)
	known := map[string]Provider{}
	for _, p := range d.providers {
		known[p.ID] = p
	}
	var readable bool
	if d.figures, readable = d.loadQuarterly(fsys, quarterlyFile, known, &probs); readable {
		if updates != nil {
			d.addUpdates(updates, dir, known, &probs)
		}
		d.checkFigures(&probs)
	}
	d.loadAnnual(fsys, known, &probs)
	d.loadGuidance(fsys, known, &probs)
	d.loadEvents(fsys, known, &probs)
	d.loadDefinitions(fsys, known, &probs)
	d.indexFigures() // after the definitions, which set each figure's epoch
	if len(probs) > 0 {
		sortProblems(probs)
		if origin != "" && origin != "bundled" {
			// Name the files as the user typed the directory.
			for i := range probs {
				probs[i].File = path.Join(origin, probs[i].File)
			}
		}
		return nil, probs
	}
	return d, nil
}

// sortProblems orders problems by file, in the order the files were read,
// then by line, with whole-file problems after the lines.
func sortProblems(ps Problems) {
	order := map[string]int{}
	for _, p := range ps {
		if _, ok := order[p.File]; !ok {
			order[p.File] = len(order)
		}
	}
	line := func(p Problem) int {
		if p.Line == 0 {
			return math.MaxInt
		}
		return p.Line
	}
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := order[a.File] - order[b.File]; c != 0 {
			return c
		}
		return cmp.Compare(line(a), line(b))
	})
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

func (d *Dataset) loadProviders(fsys fs.FS, probs *Problems) {
	sink := problemSink{providersFile, probs}
	recs, found, _ := readTable(fsys, providersFile,
		[]string{"id", "name", "cloud_segment", "fiscal_year_end_month"},
		[]string{"ticker", "capex_line_item", "aliases"}, sink)
	if !found {
		sink.add(0, "", "file not found; a dataset needs providers.csv and quarterly.csv")
		return
	}
	seen := map[string]bool{}
	named := map[string]string{} // a name, ticker or alias, lower case: its provider
	for _, r := range recs {
		p := Provider{
			ID: r.get("id"), Name: r.get("name"), Ticker: r.get("ticker"),
			CloudSegment: r.get("cloud_segment"), CapexLineItem: r.get("capex_line_item"),
			Aliases: strings.Fields(strings.ToLower(r.get("aliases"))),
		}
		ok := true
		if !idPattern.MatchString(p.ID) {
			sink.add(r.line, "id", "%q is not an id (lower-case letters, digits, - and _)", p.ID)
			ok = false
		} else if seen[p.ID] {
			sink.add(r.line, "id", "provider %q is listed twice", p.ID)
			ok = false
		}
		if p.Name == "" {
			sink.add(r.line, "name", "is empty")
			ok = false
		}
		m, err := strconv.Atoi(r.get("fiscal_year_end_month"))
		if err != nil || m < 1 || m > 12 || m%3 != 0 {
			sink.add(r.line, "fiscal_year_end_month", "%q must be 3, 6, 9 or 12 (fiscal years end with a calendar quarter)", r.get("fiscal_year_end_month"))
			ok = false
		}
		p.FYEndMonth = m
		for _, name := range p.names() {
			if other, dup := named[name]; dup && other != p.ID {
				// Reported, and the provider still loads: one problem, not
				// one for every row that names it.
				sink.add(r.line, "aliases", "%q already names %s", name, other)
			}
		}
		if ok {
			seen[p.ID] = true
			for _, name := range p.names() {
				if _, dup := named[name]; !dup {
					named[name] = p.ID
				}
			}
			d.providers = append(d.providers, p)
		}
	}
	if len(recs) == 0 && len(*probs) == 0 {
		sink.add(0, "", "lists no providers")
	}
}

var numberPattern = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// parseMillions parses a plain decimal number. Thousands separators are
// rejected rather than guessed at: "12,345" may be a typo for 12.345.
func parseMillions(s string) (USDMillions, error) {
	if !numberPattern.MatchString(s) {
		return 0, fmt.Errorf("%q is not a number (write millions as plain digits, e.g. 27834)", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return USDMillions(v), nil
}

// precisions are the allowed values of precision_usd_m: exact to the
// million, or read in $B with two, one or no decimals.
var precisions = []USDMillions{0, 5, 50, 500}

// parsePrecision parses precision_usd_m for a figure of value v. A figure
// read in $B must be a whole number of the unit it was read in: 20350 can
// be $20.35B, 20364 cannot.
func parsePrecision(s string, v USDMillions, missing bool) (USDMillions, error) {
	if s == "" {
		if missing {
			return 0, nil
		}
		return 0, errors.New("is empty; write 0 for a figure stated to the million, 5 or 50 for one found only in $B with two or one decimals")
	}
	p, err := parseMillions(s)
	if err != nil || !slices.Contains(precisions, p) {
		return 0, fmt.Errorf("%q must be 0 (exact to the million), 5 ($B, two decimals), 50 ($B, one decimal) or 500 (whole $B)", s)
	}
	if p > 0 && !missing && math.Mod(float64(v), float64(2*p)) != 0 {
		return 0, fmt.Errorf("%s: value %v is not a whole number of $%gB; a figure stated to the million has precision 0", s, v, float64(2*p)/1000)
	}
	return p, nil
}

func parseBasis(s string) (Basis, bool) {
	switch Basis(s) {
	case "", Reported:
		return Reported, true
	case Recast:
		return Recast, true
	}
	return "", false
}

func validURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// checkURL reports a row whose source is not an http(s) URL.
func checkURL(sink problemSink, r record, url string) bool {
	if validURL(url) {
		return true
	}
	sink.add(r.line, "source_url", "every row needs the http(s) URL it was read from; got %q", url)
	return false
}

// loadQuarterly reads the quarterly.csv of fsys, naming it file in
// problems and sources, and returns its valid rows; readable is false when
// the file is missing or its header unusable.
func (d *Dataset) loadQuarterly(fsys fs.FS, file string, known map[string]Provider, probs *Problems) (figures []Figure, readable bool) {
	sink := problemSink{file, probs}
	recs, found, readable := readTable(fsys, quarterlyFile,
		[]string{"provider", "quarter", "metric", "value_usd_m", "precision_usd_m", "basis", "source_url"},
		[]string{"fiscal_label", "source_kind", "line_item", "note"}, sink)
	if !found {
		sink.add(0, "", "file not found; a dataset needs providers.csv and quarterly.csv")
		return nil, false
	}
	if !readable {
		return nil, false
	}
	type baseKey struct {
		figureKey
		basis Basis
	}
	seen := map[baseKey]int{}
	for _, r := range recs {
		f := Figure{Provider: r.get("provider"), FiscalLabel: r.get("fiscal_label"),
			Source: Source{URL: r.get("source_url"), Kind: r.get("source_kind"), LineItem: r.get("line_item"),
				Note: r.get("note"), File: file, Line: r.line}}
		ok := true
		p, isKnown := known[f.Provider]
		if !isKnown {
			sink.add(r.line, "provider", "unknown provider %q; providers.csv lists %s", f.Provider, strings.Join(d.ProviderIDs(), ", "))
			ok = false
		}
		q, err := ParseQuarter(r.get("quarter"))
		if err != nil {
			sink.add(r.line, "quarter", "%v", err)
			ok = false
		}
		f.Quarter = q
		m, isMetric := ParseMetric(r.get("metric"))
		if !isMetric {
			sink.add(r.line, "metric", "unknown metric %q; known metrics are %s", r.get("metric"), metricList())
			ok = false
		}
		f.Metric = m
		b, isBasis := parseBasis(r.get("basis"))
		if !isBasis {
			sink.add(r.line, "basis", "%q must be reported or recast", r.get("basis"))
			ok = false
		}
		f.Basis = b
		if s := r.get("value_usd_m"); s == "" {
			f.Missing = true
		} else if v, err := parseMillions(s); err != nil {
			sink.add(r.line, "value_usd_m", "%s: %v", m, err)
			ok = false
		} else {
			f.Value = v
			if v < 0 && isMetric && !m.mayBeNegative() {
				sink.add(r.line, "value_usd_m", "%s cannot be negative: %s", m, s)
				ok = false
			}
			ok = checkURL(sink, r, f.Source.URL) && ok
		}
		if p, err := parsePrecision(r.get("precision_usd_m"), f.Value, f.Missing); err != nil {
			sink.add(r.line, "precision_usd_m", "%v", err)
			ok = false
		} else {
			f.Precision = p
		}
		if ok && f.FiscalLabel != "" && f.FiscalLabel != p.FiscalLabel(q) {
			sink.add(r.line, "fiscal_label", "%s is %s for %s (fiscal year ends in month %d), not %s",
				q, p.FiscalLabel(q), p.ID, p.FYEndMonth, f.FiscalLabel)
			ok = false
		}
		if !ok {
			continue
		}
		if f.FiscalLabel == "" {
			f.FiscalLabel = p.FiscalLabel(q)
		}
		k := baseKey{figureKey{f.Provider, f.Metric, f.Quarter}, f.Basis}
		if prev, dup := seen[k]; dup {
			sink.add(r.line, "", "duplicate of line %d (%s %s %s, basis %s)", prev, f.Provider, f.Quarter, f.Metric, f.Basis)
			continue
		}
		seen[k] = r.line
		figures = append(figures, f)
	}
	return figures, true
}

func metricList() string {
	names := make([]string, len(Metrics))
	for i, m := range Metrics {
		names[i] = string(m)
	}
	return strings.Join(names, ", ")
}

// checkFigures checks rows against each other: income never exceeds the
// revenue it was earned on, net capex never exceeds the purchases it is net
// of (beyond what their precision allows), and each provider's quarters run
// without a hole.
func (d *Dataset) checkFigures(probs *Problems) {
	sink := problemSink{quarterlyFile, probs}
	type baseKey struct {
		figureKey
		basis Basis
	}
	byKey := make(map[baseKey]Figure, len(d.figures))
	for _, f := range d.figures {
		if !f.Missing {
			byKey[baseKey{figureKey{f.Provider, f.Metric, f.Quarter}, f.Basis}] = f
		}
	}
	pairs := map[Metric]Metric{OperatingIncome: Revenue, CloudOperatingIncome: CloudRevenue, CapexNet: Capex}
	for _, f := range d.figures {
		bound, isPart := pairs[f.Metric]
		if !isPart || f.Missing {
			continue
		}
		g, ok := byKey[baseKey{figureKey{f.Provider, bound, f.Quarter}, f.Basis}]
		if ok && f.Value-f.Precision > g.Value+g.Precision {
			problemSink{f.Source.File, probs}.add(f.Source.Line, "value_usd_m", "%s %s %s %v exceeds %s %v (line %d)",
				f.Provider, f.Quarter, f.Metric, f.Value, g.Metric, g.Value, g.Source.Line)
		}
	}
	for _, p := range d.providers {
		var qs []Quarter
		for _, f := range d.figures {
			if f.Provider == p.ID && !slices.Contains(qs, f.Quarter) {
				qs = append(qs, f.Quarter)
			}
		}
		if len(qs) == 0 {
			sink.add(0, "", "provider %q has no rows", p.ID)
			continue
		}
		slices.SortFunc(qs, func(a, b Quarter) int { return a.Index() - b.Index() })
		for i := 1; i < len(qs); i++ {
			for q := qs[i-1].Next(); q.Before(qs[i]); q = q.Next() {
				sink.add(0, "", "%s has no rows for %s, between %s and %s; record a gap as rows with an empty value_usd_m",
					p.ID, q, qs[i-1], qs[i])
			}
		}
	}
}

func (d *Dataset) loadAnnual(fsys fs.FS, known map[string]Provider, probs *Problems) {
	sink := problemSink{annualFile, probs}
	recs, _, _ := readTable(fsys, annualFile,
		[]string{"provider", "fiscal_year", "metric", "value_usd_m", "source_url"},
		[]string{"period_end", "precision_usd_m", "basis", "source_kind", "line_item", "note"}, sink)
	for _, r := range recs {
		a := Annual{Provider: r.get("provider"), Source: Source{URL: r.get("source_url"), Kind: r.get("source_kind"),
			LineItem: r.get("line_item"), Note: r.get("note"), File: annualFile, Line: r.line}}
		ok := checkProvider(sink, r, known, a.Provider)
		fy, err := strconv.Atoi(r.get("fiscal_year"))
		if err != nil || fy < 1900 || fy > 2200 {
			sink.add(r.line, "fiscal_year", "%q is not a year", r.get("fiscal_year"))
			ok = false
		}
		a.FiscalYear = fy
		m, isMetric := ParseMetric(r.get("metric"))
		if !isMetric {
			sink.add(r.line, "metric", "unknown metric %q; known metrics are %s", r.get("metric"), metricList())
			ok = false
		}
		a.Metric = m
		if b, isBasis := parseBasis(r.get("basis")); isBasis {
			a.Basis = b
		} else {
			sink.add(r.line, "basis", "%q must be reported or recast", r.get("basis"))
			ok = false
		}
		if v, err := parseMillions(r.get("value_usd_m")); err != nil {
			sink.add(r.line, "value_usd_m", "%s: %v", m, err)
			ok = false
		} else {
			a.Value = v
			if _, has := r.fields["precision_usd_m"]; has {
				p, err := parsePrecision(r.get("precision_usd_m"), v, false)
				if err != nil {
					sink.add(r.line, "precision_usd_m", "%v", err)
					ok = false
				}
				a.Precision = p
			}
		}
		if s := r.get("period_end"); s != "" {
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				sink.add(r.line, "period_end", "%q is not a date like 2025-06-30", s)
				ok = false
			}
			a.PeriodEnd = t
		}
		ok = checkURL(sink, r, a.Source.URL) && ok
		if ok {
			d.annual = append(d.annual, a)
		}
	}
}

func checkProvider(sink problemSink, r record, known map[string]Provider, id string) bool {
	if _, ok := known[id]; !ok {
		names := make([]string, 0, len(known))
		for k := range known {
			names = append(names, k)
		}
		slices.Sort(names)
		sink.add(r.line, "provider", "unknown provider %q; providers.csv lists %s", id, strings.Join(names, ", "))
		return false
	}
	return true
}

func (d *Dataset) loadGuidance(fsys fs.FS, known map[string]Provider, probs *Problems) {
	sink := problemSink{guidanceFile, probs}
	recs, _, _ := readTable(fsys, guidanceFile,
		[]string{"provider", "year", "announced", "low_usd_m", "high_usd_m", "basis", "source_url"},
		[]string{"year_basis", "statement", "note"}, sink)
	for _, r := range recs {
		g := Guidance{Provider: r.get("provider"), Basis: GuidanceBasis(r.get("basis")), Statement: r.get("statement"),
			Source: Source{URL: r.get("source_url"), Note: r.get("note"), File: guidanceFile, Line: r.line}}
		ok := checkProvider(sink, r, known, g.Provider)
		if !slices.Contains(GuidanceBases, g.Basis) {
			sink.add(r.line, "basis", "%q must be purchases (gross purchases of property and equipment), net (net of proceeds and incentives) or incl_finance_leases", g.Basis)
			ok = false
		}
		y, err := strconv.Atoi(r.get("year"))
		if err != nil || y < 1900 || y > 2200 {
			sink.add(r.line, "year", "%q is not a year", r.get("year"))
			ok = false
		}
		g.Year = y
		switch r.get("year_basis") {
		case "", "fiscal":
		case "calendar":
			g.Calendar = true
		default:
			sink.add(r.line, "year_basis", "%q must be fiscal or calendar", r.get("year_basis"))
			ok = false
		}
		t, err := time.Parse(time.DateOnly, r.get("announced"))
		if err != nil {
			sink.add(r.line, "announced", "%q is not a date like 2025-02-06", r.get("announced"))
			ok = false
		}
		g.Announced = t
		lo, hi := r.get("low_usd_m"), r.get("high_usd_m")
		if lo != "" || hi != "" {
			l, errL := parseMillions(lo)
			h, errH := parseMillions(hi)
			switch {
			case errL != nil:
				sink.add(r.line, "low_usd_m", "%v", errL)
				ok = false
			case errH != nil:
				sink.add(r.line, "high_usd_m", "%v", errH)
				ok = false
			case l < 0 || h < l:
				sink.add(r.line, "high_usd_m", "range %s to %s is not a range", lo, hi)
				ok = false
			}
			g.Low, g.High, g.HasRange = l, h, true
		}
		ok = checkURL(sink, r, g.Source.URL) && ok
		if ok {
			d.guidance = append(d.guidance, g)
		}
	}
	slices.SortStableFunc(d.guidance, func(a, b Guidance) int { return a.Announced.Compare(b.Announced) })
}

func (d *Dataset) loadEvents(fsys fs.FS, known map[string]Provider, probs *Problems) {
	sink := problemSink{eventsFile, probs}
	recs, _, _ := readTable(fsys, eventsFile, []string{"date", "title", "source_url"}, []string{"provider"}, sink)
	for _, r := range recs {
		e := Event{Provider: r.get("provider"), Title: r.get("title"),
			Source: Source{URL: r.get("source_url"), File: eventsFile, Line: r.line}}
		ok := e.Provider == "" || checkProvider(sink, r, known, e.Provider)
		t, err := time.Parse(time.DateOnly, r.get("date"))
		if err != nil {
			sink.add(r.line, "date", "%q is not a date like 2022-11-30", r.get("date"))
			ok = false
		}
		e.Date = t
		if e.Title == "" {
			sink.add(r.line, "title", "is empty")
			ok = false
		}
		ok = checkURL(sink, r, e.Source.URL) && ok
		if ok {
			d.events = append(d.events, e)
		}
	}
	slices.SortStableFunc(d.events, func(a, b Event) int { return a.Date.Compare(b.Date) })
}

func (d *Dataset) loadDefinitions(fsys fs.FS, known map[string]Provider, probs *Problems) {
	sink := problemSink{definitionsFile, probs}
	recs, _, _ := readTable(fsys, definitionsFile, []string{"provider", "quarter", "kind", "title", "source_url"},
		[]string{"metrics", "detail"}, sink)
	for _, r := range recs {
		def := Definition{Provider: r.get("provider"), Kind: DefinitionKind(r.get("kind")), Title: r.get("title"),
			Detail: r.get("detail"), Source: Source{URL: r.get("source_url"), File: definitionsFile, Line: r.line}}
		ok := checkProvider(sink, r, known, def.Provider)
		if def.Kind != KindDefinition && def.Kind != KindEstimate {
			sink.add(r.line, "kind", "%q must be definition (what the metric covers changes: a segment recast) or estimate (an accounting estimate such as server useful lives)", def.Kind)
			ok = false
		}
		q, err := ParseQuarter(r.get("quarter"))
		if err != nil {
			sink.add(r.line, "quarter", "%v", err)
			ok = false
		}
		def.Quarter = q
		for _, name := range strings.Fields(r.get("metrics")) {
			m, isMetric := ParseMetric(name)
			if !isMetric {
				sink.add(r.line, "metrics", "unknown metric %q; known metrics are %s", name, metricList())
				ok = false
			}
			def.Metrics = append(def.Metrics, m)
		}
		if def.Title == "" {
			sink.add(r.line, "title", "is empty")
			ok = false
		}
		ok = checkURL(sink, r, def.Source.URL) && ok
		if ok {
			d.definitions = append(d.definitions, def)
		}
	}
	slices.SortStableFunc(d.definitions, func(a, b Definition) int { return a.Quarter.Index() - b.Quarter.Index() })
}
