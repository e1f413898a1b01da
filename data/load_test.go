package data

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func loadFixture(t testing.TB) *Dataset {
	t.Helper()
	d, err := LoadDir(os.DirFS("testdata/four"), "testdata/four")
	if err != nil {
		t.Fatalf("loading fixture: %v", err)
	}
	return d
}

// A fourth provider added only by rows shows up everywhere the providers do.
func TestFourthProviderByRows(t *testing.T) {
	d := loadFixture(t)
	ids := d.ProviderIDs()
	if want := []string{"amazon", "microsoft", "alphabet", "meta"}; strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Fatalf("providers = %v, want %v", ids, want)
	}
	v, ok := d.Value("meta", Capex, NewQuarter(2025, 4))
	if !ok || v != 11000 {
		t.Errorf("meta 2025Q4 capex = %v, %v; want 11000", v, ok)
	}
	// 2024Q1 capex: 10000 + 5000 + 8000 + 4000.
	if s, ok := d.Share("meta", Capex, NewQuarter(2024, 1)); !ok || s != 4000.0/27000 {
		t.Errorf("meta share = %v, %v", s, ok)
	}
	if d.Origin() != "testdata/four" || d.First() != NewQuarter(2024, 1) || d.Last() != NewQuarter(2025, 4) {
		t.Errorf("origin %q, range %v..%v", d.Origin(), d.First(), d.Last())
	}
}

func TestRecastWinsAndReportedIsKept(t *testing.T) {
	d := loadFixture(t)
	q := NewQuarter(2024, 1)
	f, ok := d.Figure("microsoft", CloudRevenue, q)
	if !ok || f.Basis != Recast || f.Value != 21000 {
		t.Errorf("series figure = %+v", f)
	}
	alt, ok := d.Alternate("microsoft", CloudRevenue, q)
	if !ok || alt.Basis != Reported || alt.Value != 20000 {
		t.Errorf("alternate = %+v", alt)
	}
	if _, ok := d.Alternate("amazon", CloudRevenue, q); ok {
		t.Error("amazon has no alternate basis")
	}
}

func TestGapIsMissing(t *testing.T) {
	d := loadFixture(t)
	q := NewQuarter(2025, 2)
	f, ok := d.Figure("alphabet", CloudOperatingIncome, q)
	if !ok || !f.Missing || f.Source.Note != "fixture gap" {
		t.Errorf("gap row = %+v, %v", f, ok)
	}
	if _, ok := d.Value("alphabet", CloudOperatingIncome, q); ok {
		t.Error("a gap must have no value")
	}
	if _, ok := d.CloudMargin("alphabet", q); ok {
		t.Error("margin over a gap must be missing")
	}
}

func TestReports(t *testing.T) {
	d := loadFixture(t)
	if !d.Reports("microsoft", CapexInclFinanceLeases) || d.Reports("amazon", CapexInclFinanceLeases) {
		t.Error("only Microsoft states capex including finance leases in the fixture")
	}
}

func TestFiscalLabelsComputedForMicrosoft(t *testing.T) {
	d := loadFixture(t)
	f, _ := d.Figure("microsoft", Capex, NewQuarter(2025, 3))
	if f.FiscalLabel != "FY2026Q1" {
		t.Errorf("fiscal label = %q", f.FiscalLabel)
	}
}

func TestLatestGuidance(t *testing.T) {
	d := loadFixture(t)
	g, ok := d.LatestGuidance("amazon", 2026)
	if !ok || g.Low != 65000 || g.High != 75000 {
		t.Errorf("latest guidance = %+v, %v", g, ok)
	}
	if _, ok := d.LatestGuidance("meta", 2026); ok {
		t.Error("a statement with no dollar figure is not a range")
	}
}

// Guidance is compared with actuals on its own basis, over the year it
// speaks of: fiscal, or calendar where the company said so.
func TestGuidanceActual(t *testing.T) {
	d, err := Load(fixtureWith(t, "guidance.csv", `provider,year,year_basis,announced,low_usd_m,high_usd_m,basis,source_url
amazon,2025,fiscal,2025-02-01,50000,60000,net,https://example.com/x
microsoft,2025,fiscal,2024-08-01,40000,50000,incl_finance_leases,https://example.com/x
microsoft,2025,calendar,2025-01-30,50000,60000,incl_finance_leases,https://example.com/x
alphabet,2025,fiscal,2025-02-01,40000,40000,purchases,https://example.com/x
amazon,2026,fiscal,2026-02-01,70000,70000,net,https://example.com/x
`))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		metric Metric
		actual USDMillions
		n      int
		why    string
	}
	type key struct {
		provider string
		calendar bool
		year     int
	}
	tests := map[key]want{
		{"amazon", false, 2025}: {CapexNet, 13000 + 14000 + 15000 + 16000, 4, ""},
		// Microsoft's fiscal 2025 runs from calendar 2024Q3 to 2025Q2.
		{"microsoft", false, 2025}: {CapexInclFinanceLeases, 10000 + 11000 + 12000 + 13000, 4, ""},
		{"microsoft", true, 2025}:  {CapexInclFinanceLeases, 12000 + 13000 + 14000 + 15000, 4, ""},
		{"alphabet", false, 2025}:  {Capex, 12000 + 13000 + 14000 + 15000, 4, ""},
		{"amazon", false, 2026}:    {CapexNet, 0, 0, "no capex net of proceeds & incentives figure for 2026Q1"},
	}
	for _, g := range d.guidance {
		tt, ok := tests[key{g.Provider, g.Calendar, g.Year}]
		if !ok {
			t.Fatalf("no test for %+v", g)
		}
		if g.Basis.Actuals() != tt.metric {
			t.Errorf("%s %d guidance on %s is compared with %s, want %s", g.Provider, g.Year, g.Basis, g.Basis.Actuals(), tt.metric)
		}
		if v, n := d.GuidanceActual(g); v != tt.actual || n != tt.n {
			t.Errorf("%s %d actual = %v over %d quarters, want %v over %d", g.Provider, g.Year, v, n, tt.actual, tt.n)
		}
		if why := d.GuidanceActualReason(g); why != tt.why {
			t.Errorf("%s %d reason = %q, want %q", g.Provider, g.Year, why, tt.why)
		}
	}
	if GuidanceNet.Label() != "capex net of proceeds & incentives" || GuidancePurchases.Label() != "purchases of property & equipment" {
		t.Errorf("labels: %q, %q", GuidanceNet.Label(), GuidancePurchases.Label())
	}
}

func TestReconcile(t *testing.T) {
	d := loadFixture(t)
	probs, checked, unchecked := d.Reconcile()
	if len(probs) != 0 || checked != 4 || unchecked != 0 {
		t.Fatalf("fixture: %v, checked %d, unchecked %d", probs, checked, unchecked)
	}
	fsys := fixtureWith(t, "annual.csv", `provider,fiscal_year,metric,value_usd_m,precision_usd_m,source_url
amazon,2024,capex,46100,0,https://example.com/x
microsoft,2026,capex,1,0,https://example.com/x
amazon,2024,cash_and_securities,95003,0,https://example.com/x
amazon,2024,capex_net,42003,0,https://example.com/x
amazon,2024,operating_income,80100,50,https://example.com/x
amazon,2024,revenue,400040,0,https://example.com/x
`)
	// Amazon's 2024Q1 revenue as if read in $B to one decimal.
	quarterly := string(fsys["quarterly.csv"].Data)
	fsys["quarterly.csv"].Data = []byte(strings.Replace(quarterly, "amazon,2024Q1,FY2024Q1,revenue,100000,0,", "amazon,2024Q1,FY2024Q1,revenue,100000,50,", 1))
	d, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	probs, checked, unchecked = d.Reconcile()
	if len(probs) != 4 || checked != 5 || unchecked != 1 {
		t.Fatalf("got %v, checked %d, unchecked %d", probs, checked, unchecked)
	}
	// Figures stated to the million add up within their rounding (±0.5
	// each, so ±2.5 for four quarters and a total): net capex, 3 off, is
	// not; where one was read in $B the sum may be off by its precision
	// too: revenue, 40 off with one quarter exact to ±50, is fine;
	// operating income, 100 off with the total exact to ±50, is not.
	want := `annual.csv:2: column "value_usd_m": amazon FY2024 capex (reported): 10-K says 46100, the four quarters sum to 46000 (off by -100; more than their precision and rounding allow: ±2.5)
annual.csv:4: column "value_usd_m": amazon FY2024 cash_and_securities (reported): 10-K says 95003, the fourth quarter says 95000 (off by -3; the same line of the same balance sheet, so they must agree)
annual.csv:5: column "value_usd_m": amazon FY2024 capex_net (reported): 10-K says 42003, the four quarters sum to 42000 (off by -3; more than their precision and rounding allow: ±2.5)
annual.csv:6: column "value_usd_m": amazon FY2024 operating_income (reported): 10-K says 80100, the four quarters sum to 80000 (off by -100; more than their precision and rounding allow: ±52)`
	if probs.Error() != want {
		t.Errorf("got:\n%s\nwant:\n%s", probs.Error(), want)
	}
}

func TestNetCapexNeverExceedsPurchases(t *testing.T) {
	b, err := os.ReadFile("testdata/four/quarterly.csv")
	if err != nil {
		t.Fatal(err)
	}
	quarterly := strings.Replace(string(b), "amazon,2024Q2,FY2024Q2,capex_net,10000,0,", "amazon,2024Q2,FY2024Q2,capex_net,11100,50,", 1)
	_, err = Load(fixtureWith(t, "quarterly.csv", quarterly))
	if want := "amazon 2024Q2 capex_net 11100 exceeds capex 11000"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
	// Within the precision of a figure read in $B, it may.
	quarterly = strings.Replace(string(b), "amazon,2024Q2,FY2024Q2,capex_net,10000,0,", "amazon,2024Q2,FY2024Q2,capex_net,11000,50,", 1)
	if _, err := Load(fixtureWith(t, "quarterly.csv", quarterly)); err != nil {
		t.Error(err)
	}
}

// fixtureWith returns the fixture directory with one file replaced.
func fixtureWith(t *testing.T, name, content string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range []string{"providers.csv", "quarterly.csv", "annual.csv", "guidance.csv", "events.csv", "definitions.csv"} {
		b, err := os.ReadFile("testdata/four/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	fsys[name] = &fstest.MapFile{Data: []byte(content)}
	return fsys
}

func TestLoadReportsEveryProblem(t *testing.T) {
	quarterly := `provider,quarter,fiscal_label,metric,value_usd_m,precision_usd_m,basis,source_url
amazon,2024Q1,FY2024Q1,capex,"12,3x",0,reported,https://example.com/x
oracle,2024Q1,,capex,1,0,reported,https://example.com/x
amazon,2024Q5,,capex,1,0,reported,https://example.com/x
amazon,2024Q2,,capex,-5,0,reported,https://example.com/x
amazon,2024Q2,,capex,5,0,reported,https://example.com/x
amazon,2024Q2,,capex,6,0,reported,https://example.com/x
amazon,2024Q3,,capexx,1,0,reported,https://example.com/x
amazon,2024Q3,,capex,1,0,restated,https://example.com/x
amazon,2024Q4,,capex,1,0,reported,
microsoft,2024Q4,FY2024Q4,capex,1,0,reported,https://example.com/x
amazon,2024Q4,,operating_income,9,0,reported,https://example.com/x
amazon,2024Q4,,revenue,8,0,reported,https://example.com/x
amazon,2025Q2,,capex,1,0,reported,https://example.com/x
too,few
amazon,2025Q2,,revenue,20364,50,reported,https://example.com/x
amazon,2025Q2,,operating_income,2000,,reported,https://example.com/x
amazon,2025Q2,,cloud_revenue,2000,7,reported,https://example.com/x
amazon,2025Q2,,cloud_operating_income,,,reported,https://example.com/x
`
	_, err := Load(fixtureWith(t, "quarterly.csv", quarterly))
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want Problems, got %v", err)
	}
	want := `quarterly.csv:2: column "value_usd_m": capex: "12,3x" is not a number (write millions as plain digits, e.g. 27834)
quarterly.csv:3: column "provider": unknown provider "oracle"; providers.csv lists amazon, microsoft, alphabet, meta
quarterly.csv:4: column "quarter": "2024Q5": quarter must be Q1 to Q4
quarterly.csv:5: column "value_usd_m": capex cannot be negative: -5
quarterly.csv:7: duplicate of line 6 (amazon 2024Q2 capex, basis reported)
quarterly.csv:8: column "metric": unknown metric "capexx"; known metrics are capex, capex_incl_finance_leases, cloud_revenue, cloud_operating_income, revenue, operating_income, operating_cash_flow, depreciation_amortization, capex_net, cash_and_securities
quarterly.csv:9: column "basis": "restated" must be reported or recast
quarterly.csv:10: column "source_url": every row needs the http(s) URL it was read from; got ""
quarterly.csv:11: column "fiscal_label": 2024Q4 is FY2025Q2 for microsoft (fiscal year ends in month 6), not FY2024Q4
quarterly.csv:12: column "value_usd_m": amazon 2024Q4 operating_income 9 exceeds revenue 8 (line 13)
quarterly.csv:15: has 2 fields, header has 8
quarterly.csv:16: column "precision_usd_m": 50: value 20364 is not a whole number of $0.1B; a figure stated to the million has precision 0
quarterly.csv:17: column "precision_usd_m": is empty; write 0 for a figure stated to the million, 5 or 50 for one found only in $B with two or one decimals
quarterly.csv:18: column "precision_usd_m": "7" must be 0 (exact to the million), 5 ($B, two decimals), 50 ($B, one decimal) or 500 (whole $B)
quarterly.csv: amazon has no rows for 2024Q3, between 2024Q2 and 2024Q4; record a gap as rows with an empty value_usd_m
quarterly.csv: amazon has no rows for 2025Q1, between 2024Q4 and 2025Q2; record a gap as rows with an empty value_usd_m
quarterly.csv: provider "microsoft" has no rows
quarterly.csv: provider "alphabet" has no rows
quarterly.csv: provider "meta" has no rows`
	if got := probs.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
func TestLoadStructuralProblems(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"missing column", "quarterly.csv", "provider,quarter,metric,source_url\n", `quarterly.csv:1: column "value_usd_m": required column is missing`},
		{"misspelt optional column", "annual.csv", "provider,fiscal_year,metric,value_usd_m,source_url,precison_usd_m\n",
			`annual.csv:1: column "precison_usd_m": unknown column (did you mean "precision_usd_m"?)`},
		{"annual precision", "annual.csv", "provider,fiscal_year,metric,value_usd_m,precision_usd_m,source_url\namazon,2024,capex,46000,,https://x\n",
			`annual.csv:2: column "precision_usd_m": is empty`},
		{"empty file", "providers.csv", "", `providers.csv:1: file is empty`},
		{"bad quote", "quarterly.csv", "provider,quarter,metric,value_usd_m,precision_usd_m,basis,source_url\namazon,2024Q1,capex,1\"2,0,reported,x\n", `quarterly.csv:2: bare " in non-quoted-field`},
		{"bad fiscal month", "providers.csv", "id,name,cloud_segment,fiscal_year_end_month\nx,X,Y,5\n", `providers.csv:2: column "fiscal_year_end_month": "5" must be 3, 6, 9 or 12`},
		{"bad event date", "events.csv", "date,title,source_url\n2024-13-01,X,https://example.com\n", `events.csv:2: column "date": "2024-13-01" is not a date`},
		{"guidance range", "guidance.csv", "provider,year,announced,low_usd_m,high_usd_m,basis,source_url\namazon,2026,2026-01-01,9,8,net,https://example.com\n", `guidance.csv:2: column "high_usd_m": range 9 to 8 is not a range`},
		{"guidance basis", "guidance.csv", "provider,year,announced,low_usd_m,high_usd_m,basis,source_url\namazon,2026,2026-01-01,8,9,cash capex,https://example.com\n",
			`guidance.csv:2: column "basis": "cash capex" must be purchases (gross purchases of property and equipment), net (net of proceeds and incentives) or incl_finance_leases`},
		{"unknown column", "events.csv", "date,title,source_url,colour\n", `events.csv:1: column "colour": unknown column`},
		{"definition kind", "definitions.csv", "provider,quarter,kind,title,source_url\namazon,2024Q1,recast,X,https://example.com\n",
			`definitions.csv:2: column "kind": "recast" must be definition (what the metric covers changes: a segment recast) or estimate`},
		{"definition without kind", "definitions.csv", "provider,quarter,title,source_url\n", `definitions.csv:1: column "kind": required column is missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fixtureWith(t, tt.file, tt.content))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}

// A broken header of quarterly.csv is reported by name, and only it: not a
// cascade of problems from the rows it kept from being read.
func TestLoadNamesBrokenHeader(t *testing.T) {
	tests := []struct{ name, header, want string }{
		// Without basis, the reported and recast figures of a quarter would
		// read as duplicates.
		{"missing", "provider,quarter,metric,value_usd_m,precision_usd_m,source_url",
			`quarterly.csv:1: column "basis": required column is missing`},
		{"misspelt", "provider,quarter,metric,value_usd_m,precision_usd_m,basys,source_url",
			`quarterly.csv:1: column "basys": unknown column (did you mean "basis"?); known columns are provider,quarter,metric,value_usd_m,precision_usd_m,basis,source_url,fiscal_label,source_kind,line_item,note
quarterly.csv:1: column "basis": required column is missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fixtureWith(t, "quarterly.csv", tt.header+"\namazon,2024Q1,capex,1,0,https://x\n"))
			if err == nil || err.Error() != tt.want {
				t.Errorf("got:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestLoadMissingRequiredFile(t *testing.T) {
	_, err := Load(fstest.MapFS{})
	if err == nil || !strings.Contains(err.Error(), "providers.csv: file not found") {
		t.Errorf("got %v", err)
	}
}
