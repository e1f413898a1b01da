package edgar

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
	"golang.org/x/time/rate"
)

func fixtureDataset(t *testing.T) *data.Dataset {
	t.Helper()
	d, err := data.LoadDir(os.DirFS("testdata/dataset"), "testdata/dataset")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const (
	amazonQ2Folder = "/Archives/edgar/data/1018724/000101872426000024"
	amazonQ3Folder = "/Archives/edgar/data/1018724/000101872426000036"
	googQ2Folder   = "/Archives/edgar/data/1652044/000165204426000071"
	msftHistory    = "/submissions/CIK0000789019.json"
)

func has(figs []data.Figure, provider string, m data.Metric, q string, basis data.Basis) (data.Figure, bool) {
	for _, f := range figs {
		if f.Provider == provider && f.Metric == m && f.Quarter.String() == q && f.Basis == basis {
			return f, true
		}
	}
	return data.Figure{}, false
}

func TestUpdate(t *testing.T) {
	srv := newFakeEDGAR(t)
	cl, _ := testClient(t, srv, t.TempDir())
	var progress strings.Builder
	res := Update(context.Background(), cl, fixtureDataset(t), Options{Progress: &progress})
	if len(res.Errors) > 0 || res.Failed() {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Read) != 9 {
		t.Errorf("read %d filings, want the 9 10-Qs and 10-Ks", len(res.Read))
	}
	if len(res.Skipped) > 0 {
		t.Errorf("skipped: %q", res.Skipped)
	}
	if !strings.Contains(progress.String(), "microsoft: 10-K 0000950170-26-000095 for 2026Q2 (5 of 9)") {
		t.Errorf("progress:\n%s", progress.String())
	}
	for _, r := range srv.log() {
		if r.userAgent != "Test Suite test@example.com" {
			t.Errorf("%s sent with User-Agent %q", r.path, r.userAgent)
		}
		for _, skip := range []string{"000101872426000031", "000112760226021554", "000101872426000027", "000119312526000101"} {
			if strings.Contains(r.path, skip) {
				t.Errorf("read %s, which is not a 10-Q or 10-K", r.path)
			}
		}
	}
	added := []struct {
		provider string
		metric   data.Metric
		quarter  string
		basis    data.Basis
		value    data.USDMillions
	}{
		{"amazon", data.Capex, "2026Q2", data.Reported, 47120},
		{"amazon", data.Capex, "2026Q3", data.Reported, 49950},
		{"amazon", data.CapexNet, "2026Q3", data.Reported, 48439},
		{"amazon", data.DepreciationAmortization, "2026Q1", data.Reported, 19880}, // a gap the filing fills
		{"amazon", data.CloudOperatingIncome, "2025Q3", data.Recast, 11502},
		{"microsoft", data.Capex, "2026Q2", data.Reported, 31904},
		{"microsoft", data.OperatingCashFlow, "2026Q3", data.Reported, 50120},
		{"microsoft", data.CloudRevenue, "2025Q3", data.Recast, 31822},
		{"alphabet", data.Capex, "2026Q2", data.Reported, 38240},
		{"alphabet", data.Capex, "2026Q3", data.Reported, 41010},
		{"alphabet", data.CashAndSecurities, "2026Q3", data.Reported, 123400},
	}
	for _, a := range added {
		f, ok := has(res.Added, a.provider, a.metric, a.quarter, a.basis)
		if !ok || f.Value != a.value {
			t.Errorf("%s %s %s %s: got %v (found %v), want %v", a.provider, a.quarter, a.metric, a.basis, f.Value, ok, a.value)
		}
	}
	f, _ := has(res.Added, "amazon", data.CloudOperatingIncome, "2025Q3", data.Recast)
	if !strings.HasPrefix(f.Source.Note, "restated: three months to 2025-09-30") || !strings.Contains(f.Source.Note, "previously 11434") {
		t.Errorf("recast note %q", f.Source.Note)
	}
	if _, ok := has(res.Added, "alphabet", data.OperatingIncome, "2026Q1", data.Reported); ok {
		t.Error("a stored figure was replaced")
	}
	for _, f := range res.Added {
		if f.Quarter.Before(data.NewQuarter(2026, 1)) && f.Basis != data.Recast {
			t.Errorf("a comparative column added %s %s %s as first reported", f.Provider, f.Quarter, f.Metric)
		}
	}
	var diffs []string
	for _, d := range res.Differences {
		diffs = append(diffs, regexp.MustCompile(`:\d+ has`).ReplaceAllString(d.String(), ":LINE has"))
	}
	want := []string{
		"amazon 2025Q3 cloud_operating_income: filed 11502, quarterly.csv:LINE has 11434 (reported); the filing restates it: added as recast",
		"microsoft 2025Q3 cloud_revenue: filed 31822, quarterly.csv:LINE has 30897 (reported); the filing restates it: added as recast",
		"alphabet 2026Q1 operating_income: filed 39650, quarterly.csv:LINE has 39700 (reported); kept",
	}
	slices.Sort(diffs)
	slices.Sort(want)
	if !slices.Equal(diffs, want) {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(diffs, "\n"), strings.Join(want, "\n"))
	}
}

func TestPlan(t *testing.T) {
	body, err := os.ReadFile("testdata/edgar/submissions/CIK0000789019.json")
	if err != nil {
		t.Fatal(err)
	}
	filings, err := ParseSubmissions(789019, body)
	if err != nil {
		t.Fatal(err)
	}
	c := company(t, "microsoft")
	names := func(ts []target) (out []string) {
		for _, t := range ts {
			s := t.filing.Form
			if !t.fresh {
				s += " (year to date)"
			}
			out = append(out, s)
		}
		return out
	}
	tests := []struct {
		latest data.Quarter
		want   []string
	}{
		{data.NewQuarter(2025, 4), []string{"10-Q", "10-K", "10-Q"}},
		{data.NewQuarter(2026, 1), []string{"10-Q (year to date)", "10-K", "10-Q"}},
		{data.NewQuarter(2026, 2), []string{"10-Q"}},
		{data.NewQuarter(2026, 3), nil},
	}
	for _, tt := range tests {
		if got := names(plan(c, microsoft, filings, tt.latest)); !slices.Equal(got, tt.want) {
			t.Errorf("after %s: %q, want %q", tt.latest, got, tt.want)
		}
	}
}

func TestUpdateErrors(t *testing.T) {
	tests := []struct {
		name      string
		faults    map[string][]http.HandlerFunc
		wantErrs  []string
		failed    bool
		waits     []time.Duration
		notAdded  []string // provider quarter
		stillRead string   // a figure still added: provider quarter
	}{
		{name: "404 for a filing: its quarter and later ones wait for the next run",
			faults:   map[string][]http.HandlerFunc{amazonQ2Folder + "/index.json": {status(404, "")}},
			wantErrs: []string{"amazon 10-Q 0001018724-26-000024: " + "URL" + amazonQ2Folder + "/index.json: HTTP 404 Not Found"},
			notAdded: []string{"amazon 2026Q2", "amazon 2026Q3"}, stillRead: "microsoft 2026Q3"},
		{name: "the filing before a year-to-date one is missing: both wait for the next run",
			faults: map[string][]http.HandlerFunc{"/Archives/edgar/data/1652044/000165204426000043/index.json": {status(404, "")}},
			wantErrs: []string{"alphabet 10-Q 0001652044-26-000043: URL/Archives/edgar/data/1652044/000165204426000043/index.json: HTTP 404 Not Found",
				"alphabet 10-Q 0001652044-26-000071: not read, as 10-Q 0001652044-26-000043 for the quarter before could not be read"},
			notAdded: []string{"alphabet 2026Q2", "alphabet 2026Q3"}, stillRead: "amazon 2026Q3"},
		{name: "429 with Retry-After, then served",
			faults: map[string][]http.HandlerFunc{msftHistory: {status(429, "2")}},
			waits:  []time.Duration{2 * time.Second}, stillRead: "microsoft 2026Q3"},
		{name: "429 asking for too long a wait",
			faults:   map[string][]http.HandlerFunc{msftHistory: {status(429, "600")}},
			wantErrs: []string{"microsoft: filing history: URL" + msftHistory + ": HTTP 429 Too Many Requests: SEC asks to wait 10m0s before trying again"},
			notAdded: []string{"microsoft 2026Q2"}, stillRead: "alphabet 2026Q3"},
		{name: "5xx, retried, then given up",
			faults:   map[string][]http.HandlerFunc{amazonQ3Folder + "/index.json": {status(503, ""), status(502, ""), status(503, "")}},
			wantErrs: []string{"amazon 10-Q 0001018724-26-000036: URL" + amazonQ3Folder + "/index.json: HTTP 503 Service Unavailable from the server, 3 tries"},
			waits:    []time.Duration{time.Second, 2 * time.Second}, notAdded: []string{"amazon 2026Q3"}, stillRead: "amazon 2026Q2"},
		{name: "5xx once, then served",
			faults: map[string][]http.HandlerFunc{amazonQ3Folder + "/index.json": {status(500, "")}},
			waits:  []time.Duration{time.Second}, stillRead: "amazon 2026Q3"},
		{name: "403",
			faults:   map[string][]http.HandlerFunc{msftHistory: {status(403, "")}},
			wantErrs: []string{"microsoft: filing history: URL" + msftHistory + ": HTTP 403 Forbidden: SEC refuses a User-Agent without a name and e-mail address"},
			notAdded: []string{"microsoft 2026Q2"}},
		{name: "truncated JSON",
			faults:   map[string][]http.HandlerFunc{msftHistory: {truncated(`{"cik":"789019","filings":{"recent":{"accessionNumber":["0000950170-26-000095"`)}},
			wantErrs: []string{"microsoft: filing history: URL" + msftHistory + ": response cut short after 78 bytes: unexpected EOF"}},
		{name: "malformed JSON",
			faults:   map[string][]http.HandlerFunc{googQ2Folder + "/index.json": {body(`{"directory":{"item":[{"name":"goog-20260630_htm.xml"`)}},
			wantErrs: []string{"alphabet 10-Q 0001652044-26-000071: URL" + googQ2Folder + "/index.json: malformed JSON: unexpected end of JSON input"},
			notAdded: []string{"alphabet 2026Q2", "alphabet 2026Q3"}},
		{name: "malformed XML",
			faults:   map[string][]http.HandlerFunc{googQ2Folder + "/goog-20260630_htm.xml": {body(`<?xml version="1.0"?><xbrl xmlns="http://www.xbrl.org/2003/instance"><context id="c-1">`)}},
			wantErrs: []string{"alphabet 10-Q 0001652044-26-000071: URL" + googQ2Folder + "/goog-20260630_htm.xml: malformed XML: XML syntax error on line 1: unexpected EOF"},
			notAdded: []string{"alphabet 2026Q2"}},
		{name: "a folder without an instance",
			faults:   map[string][]http.HandlerFunc{googQ2Folder + "/index.json": {body(`{"directory":{"item":[{"name":"goog-20260630.htm"}]}}`)}},
			wantErrs: []string{"alphabet 10-Q 0001652044-26-000071: URL" + googQ2Folder + "/index.json: the folder holds no XBRL instance (*_htm.xml)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFakeEDGAR(t)
			for path, hs := range tt.faults {
				srv.fault(path, hs...)
			}
			cl, waits := testClient(t, srv, t.TempDir())
			res := Update(context.Background(), cl, fixtureDataset(t), Options{})
			var errs []string
			for _, e := range res.Errors {
				errs = append(errs, strings.ReplaceAll(e.Error(), srv.URL, "URL"))
			}
			for _, w := range tt.wantErrs {
				if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, w) }) {
					t.Errorf("errors %q\nlack %q", errs, w)
				}
			}
			if len(errs) != len(tt.wantErrs) {
				t.Errorf("%d errors, want %d: %q", len(errs), len(tt.wantErrs), errs)
			}
			if res.Failed() != tt.failed {
				t.Errorf("Failed() = %v", res.Failed())
			}
			if !slices.Equal(*waits, tt.waits) {
				t.Errorf("waited %v, want %v", *waits, tt.waits)
			}
			for _, pq := range tt.notAdded {
				p, q, _ := strings.Cut(pq, " ")
				if _, ok := has(res.Added, p, data.Revenue, q, data.Reported); ok {
					t.Errorf("%s was added", pq)
				}
			}
			if tt.stillRead != "" {
				p, q, _ := strings.Cut(tt.stillRead, " ")
				if _, ok := has(res.Added, p, data.Revenue, q, data.Reported); !ok {
					t.Errorf("%s was not added", tt.stillRead)
				}
			}
		})
	}
}

func TestUpdateOffline(t *testing.T) {
	srv := newFakeEDGAR(t)
	cl, _ := testClient(t, srv, t.TempDir())
	srv.Close()
	res := Update(context.Background(), cl, fixtureDataset(t), Options{})
	if !res.Failed() || len(res.Errors) != 3 {
		t.Fatalf("failed %v, errors %q", res.Failed(), res.Errors)
	}
	for _, e := range res.Errors {
		if !strings.Contains(e.Error(), "cannot connect (offline?)") {
			t.Errorf("error %q does not say the server cannot be reached", e)
		}
	}
}

func TestUpdateCache(t *testing.T) {
	srv := newFakeEDGAR(t)
	cache := t.TempDir()
	// A malformed instance is not cached: the next run fetches it again.
	srv.fault(googQ2Folder+"/goog-20260630_htm.xml", body("<xbrl"))
	cl, _ := testClient(t, srv, cache)
	first := Update(context.Background(), cl, fixtureDataset(t), Options{})
	if len(first.Errors) != 1 {
		t.Fatalf("errors %v", first.Errors)
	}
	n := len(srv.log())

	cl, _ = testClient(t, srv, cache)
	second := Update(context.Background(), cl, fixtureDataset(t), Options{})
	if len(second.Errors) > 0 {
		t.Fatal(second.Errors)
	}
	var paths []string
	for _, r := range srv.log()[n:] {
		paths = append(paths, r.path)
		if strings.HasPrefix(r.path, "/submissions/") && (r.ifNoneMatch == "" || r.status != http.StatusNotModified) {
			t.Errorf("%s: If-None-Match %q, status %d; want a conditional request answered 304", r.path, r.ifNoneMatch, r.status)
		}
	}
	want := []string{"/submissions/CIK0001018724.json", "/submissions/CIK0000789019.json", "/submissions/CIK0001652044.json",
		googQ2Folder + "/goog-20260630_htm.xml"}
	if !slices.Equal(paths, want) {
		t.Errorf("second run requested\n%s\nwant only the filing histories and the instance not cached:\n%s",
			strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	if cl.Requests != 4 {
		t.Errorf("Requests = %d", cl.Requests)
	}
	if len(second.Added) <= len(first.Added) {
		t.Errorf("second run added %d figures, first %d", len(second.Added), len(first.Added))
	}
}

func TestNewClientNeedsAUserAgent(t *testing.T) {
	if _, err := NewClient(Config{}); err != ErrNoUserAgent {
		t.Errorf("no User-Agent: %v", err)
	}
	if _, err := NewClient(Config{UserAgent: "  "}); err != ErrNoUserAgent {
		t.Errorf("blank User-Agent: %v", err)
	}
	if _, err := NewClient(Config{UserAgent: "Jane Doe"}); err == nil || !strings.Contains(err.Error(), "e-mail") {
		t.Errorf("User-Agent without e-mail: %v", err)
	}
	if _, err := NewClient(Config{UserAgent: "Jane Doe jane@example.com", BaseURL: "ftp://mirror"}); err == nil {
		t.Error("a non-http base URL was accepted")
	}
}

func TestRateLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("takes over a second")
	}
	srv := newFakeEDGAR(t)
	cl, _ := testClient(t, srv, "")
	cl.limiter = rate.NewLimiter(MaxRequestsPerSecond, 1) // the real limit
	res := Update(context.Background(), cl, fixtureDataset(t), Options{})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	log := srv.log()
	if len(log) < 12 {
		t.Fatalf("only %d requests", len(log))
	}
	for i := 0; i+MaxRequestsPerSecond < len(log); i++ {
		// Eleven requests span at least a second; allow for the clock.
		if span := log[i+MaxRequestsPerSecond].at.Sub(log[i].at); span < 950*time.Millisecond {
			t.Errorf("requests %d to %d within %v: more than %d a second", i, i+MaxRequestsPerSecond, span, MaxRequestsPerSecond)
		}
	}
}
