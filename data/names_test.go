package data

import (
	"strings"
	"testing"
)

func TestProviderNamed(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]string{"aws": "amazon", "AMZN": "amazon", "Amazon": "amazon", "msft": "microsoft",
		"Azure": "microsoft", "google": "alphabet", "GOOG": "alphabet", "googl": "alphabet", " alphabet ": "alphabet"} {
		if p, ok := d.ProviderNamed(name); !ok || p.ID != id {
			t.Errorf("%q names %q, %v; want %s", name, p.ID, ok, id)
		}
	}
	_, err = d.LookupProvider("meta")
	if err == nil || !strings.Contains(err.Error(), "amazon (amzn, aws)") || !strings.Contains(err.Error(), "alphabet (googl, google, goog)") {
		t.Errorf("unknown provider error = %v", err)
	}
	ids, err := d.ProviderIDsNamed([]string{"AWS", "amazon", "goog"})
	if err != nil || strings.Join(ids, ",") != "amazon,alphabet" {
		t.Errorf("ids = %v, %v", ids, err)
	}
}

func TestAliasNamingTwoProviders(t *testing.T) {
	fsys := fixtureWith(t, "providers.csv", "id,name,ticker,cloud_segment,fiscal_year_end_month,aliases\n"+
		"amazon,Amazon,AMZN,AWS,12,cloud\nmicrosoft,Microsoft,MSFT,Intelligent Cloud,6,cloud\n"+
		"alphabet,Alphabet,GOOGL,Google Cloud,12,\nmeta,Meta,META,Reality Labs,12,\n")
	_, err := Load(fsys)
	if err == nil || err.Error() != `providers.csv:3: column "aliases": "cloud" already names amazon` {
		t.Errorf("error = %v", err)
	}
}

func TestQuarterNamed(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	latest, _ := d.LatestWith(Capex)
	good := map[string]Quarter{"2023Q1": NewQuarter(2023, 1), "2023q1": NewQuarter(2023, 1), "FY2024Q2": NewQuarter(2023, 4),
		"fy2026q1": NewQuarter(2025, 3), "2023": NewQuarter(2023, 1), "latest": latest, "LATEST": latest, " 2024Q3 ": NewQuarter(2024, 3)}
	for s, want := range good {
		if q, err := d.QuarterNamed(s); err != nil || q != want {
			t.Errorf("%q = %v, %v; want %v", s, q, err, want)
		}
	}
	bad := map[string]string{
		"2023Q5":   "quarter must be Q1 to Q4",
		"2030Q1":   "2030Q1 is outside the data, which runs from 2019Q1 to 2026Q1",
		"2030":     "2030 is outside the data",
		"FY2019Q1": "FY2019Q1 is outside the data", // calendar 2018Q3
		"Q3":       `"Q3" is not a quarter: try 2023Q1, FY2024Q2 (Microsoft's), 2023 or latest`,
		"FY24Q2":   `"FY24Q2" is not a quarter`,
		"":         `"" is not a quarter`,
	}
	for s, want := range bad {
		if _, err := d.QuarterNamed(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", s, err, want)
		}
	}
}
