package data

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// storedFS is a user data directory holding the given quarterly rows.
func storedFS(rows ...string) fstest.MapFS {
	q := strings.Join(QuarterlyColumns, ",") + "\n" + strings.Join(rows, "\n") + "\n"
	f := strings.Join(FilingColumns, ",") + "\n" +
		"amazon,10-Q,0001018724-26-000024,2026-06-30,2026-07-31,2026-11-28,https://www.sec.gov/Archives/edgar/data/1018724/000101872426000024/0001018724-26-000024-index.htm\n" +
		"amazon,10-Q,0001018724-26-000036,2026-09-30,2026-10-30,2026-11-29,https://www.sec.gov/Archives/edgar/data/1018724/000101872426000036/0001018724-26-000036-index.htm\n"
	return fstest.MapFS{UpdatesFile: {Data: []byte(q)}, FilingsFile: {Data: []byte(f)}}
}

const filed = "https://www.sec.gov/Archives/edgar/data/1018724/000101872426000036/0001018724-26-000036-index.htm"

func row(provider, quarter, metric, value, basis string) string {
	return strings.Join([]string{provider, quarter, "", metric, value, "0", basis, filed, "xbrl", "us-gaap:X", "stored"}, ",")
}

func TestLoadUpdated(t *testing.T) {
	bundled, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	last := bundled.Last()
	// A bundled gap, which a stored figure may fill.
	var gap Figure
	for _, f := range bundled.Figures() {
		if f.Missing && f.Basis == Reported {
			gap = f
			break
		}
	}
	if gap.Provider == "" {
		t.Skip("the bundled data has no gap left")
	}
	bundledCapex, _ := bundled.Figure("amazon", Capex, last)
	next, after := last.Next().String(), last.Next().Next().String()
	fsys := storedFS(
		row("amazon", next, "capex", "47120", "reported"),
		row("amazon", after, "capex", "49950", "reported"),
		row("microsoft", next, "capex", "31904", "reported"),
		row("alphabet", next, "capex", "38240", "reported"),
		row(gap.Provider, gap.Quarter.String(), string(gap.Metric), "1234", "reported"),
		row("amazon", last.String(), "capex", "1", string(bundledCapex.Basis)),
		row("amazon", "2025Q3", "cloud_revenue", "33100", "recast"),
	)
	d, err := LoadUpdated(fsys, "/home/u/.local/share/aicapex")
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := d.Value("amazon", Capex, last.Next().Next()); !ok || v != 49950 {
		t.Errorf("stored quarter: %v %v", v, ok)
	}
	if v, _ := d.Value("amazon", Capex, last); v != bundledCapex.Value {
		t.Errorf("a stored figure replaced the bundled %v with %v", bundledCapex.Value, v)
	}
	if v, ok := d.Value(gap.Provider, gap.Metric, gap.Quarter); !ok || v != 1234 {
		t.Errorf("bundled gap %s %s %s not filled: %v %v", gap.Provider, gap.Quarter, gap.Metric, v, ok)
	}
	f, _ := d.Figure("amazon", CloudRevenue, NewQuarter(2025, 3))
	alt, _ := d.Alternate("amazon", CloudRevenue, NewQuarter(2025, 3))
	if f.Value != 33100 || f.Basis != Recast || alt.Basis != Reported || f.Source.File != "/home/u/.local/share/aicapex/quarterly.csv" {
		t.Errorf("stored recast: %+v, alternate %+v", f, alt)
	}
	if n := len(d.Updated()); n != 6 {
		t.Errorf("%d stored figures in effect, want 6 (one is bundled since)", n)
	}
	want := "bundled to " + last.String() + " · SEC filings to " + after + ", updated 2026-11-29"
	if got := d.Status(); got != want {
		t.Errorf("Status() = %q, want %q", got, want)
	}
	if got, want := bundled.Status(), "bundled to "+last.String(); got != want {
		t.Errorf("bundled Status() = %q, want %q", got, want)
	}
	if d.Last() != last.Next().Next() || d.Origin() != "bundled" {
		t.Errorf("last %s, origin %s", d.Last(), d.Origin())
	}
}

func TestLoadUpdatedWithNothingStored(t *testing.T) {
	d, err := LoadUpdated(fstest.MapFS{}, "/nowhere")
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if d.Count() != b.Count() || d.Status() != b.Status() || len(d.Updated()) != 0 {
		t.Errorf("%d figures, status %q; want the bundled %d, %q", d.Count(), d.Status(), b.Count(), b.Status())
	}
}

func TestLoadUpdatedNamesTheStoredFile(t *testing.T) {
	last, _ := LoadBundled()
	skip := last.Last().Next().Next().String()
	_, err := LoadUpdated(storedFS(
		row("amazon", skip, "capex", "49950", "reported"),
		row("amazon", "2026Q9", "capex", "1", "reported"),
	), "/home/u/.local/share/aicapex")
	if err == nil {
		t.Fatal("loaded a stored file with a bad quarter and a hole")
	}
	for _, want := range []string{
		`/home/u/.local/share/aicapex/quarterly.csv:3: column "quarter": "2026Q9": quarter must be Q1 to Q4`,
		"amazon has no rows for " + last.Last().Next().String(),
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error\n%v\nlacks %q", err, want)
		}
	}
}

func TestWriteQuarterlyRoundTrips(t *testing.T) {
	b, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	figs := b.Figures()[:40]
	var buf bytes.Buffer
	if err := WriteQuarterly(&buf, figs); err != nil {
		t.Fatal(err)
	}
	d, err := LoadUpdated(fstest.MapFS{UpdatesFile: {Data: buf.Bytes()}}, "dir")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Updated()) != 0 {
		t.Errorf("figures identical to bundled ones were taken as new: %d", len(d.Updated()))
	}
	filings := []Filing{{Provider: "amazon", Form: "10-Q", Accession: "0001018724-26-000024", PeriodEnd: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Filed: time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC), Read: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), URL: filed}}
	buf.Reset()
	if err := WriteFilings(&buf, filings); err != nil {
		t.Fatal(err)
	}
	want := "provider,form,accession,period_end,filed,read,source_url\namazon,10-Q,0001018724-26-000024,2026-06-30,2026-07-31,2026-11-29," + filed + "\n"
	if buf.String() != want {
		t.Errorf("filings.csv:\n%s\nwant\n%s", buf.String(), want)
	}
}
