package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// run executes a command line as the binary would, returning stdout, and
// the error with its exit code.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := New(Env{Stdout: &out, Stderr: &errOut, Dataset: LoadDataset, Local: true})
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

func TestData(t *testing.T) {
	out, err := run(t, "data")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0][:4], ","); got != "provider,quarter,metric,value_usd_m" {
		t.Errorf("header = %s", got)
	}
	found := false
	for _, r := range rows {
		if r[0] == "microsoft" && r[1] == "2025Q3" && r[2] == "capex" {
			found = r[3] == "19394" && r[4] == "FY2026Q1"
		}
	}
	if !found {
		t.Error("Microsoft's 2025Q3 (FY2026Q1) cash capex of 19394 is not in the CSV")
	}
	out, err = run(t, "data", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != len(rows)-1 {
		t.Errorf("json: %v, %d records for %d CSV rows", err, len(recs), len(rows)-1)
	}
}

func TestCheck(t *testing.T) {
	out, err := run(t, "check", "--data", "../data/testdata/four")
	if err != nil || !strings.Contains(out, "for 4 providers") {
		t.Errorf("check fixture: %v\n%s", err, out)
	}
	dir := t.TempDir()
	writeFile(t, dir+"/providers.csv", "id,name,cloud_segment,fiscal_year_end_month\namazon,Amazon,AWS,12\n")
	writeFile(t, dir+"/quarterly.csv", "provider,quarter,metric,value_usd_m,precision_usd_m,basis,source_url\namazon,2024Q1,capex,\"12,3x\",0,reported,https://x\nacme,2024Q1,capex,1,0,reported,https://x\n")
	_, err = run(t, "check", "--data", dir)
	var probs data.Problems
	// The bad number and the unknown provider, and so no row left for amazon.
	if !errors.As(err, &probs) || len(probs) != 3 || ExitCode(err) != 1 {
		t.Fatalf("check bad dir = %v", err)
	}
	if !strings.Contains(err.Error(), dir+`/quarterly.csv:2: column "value_usd_m": capex: "12,3x" is not a number`) {
		t.Errorf("message = %v", err)
	}
	// A column left out is named, not found later as duplicate rows.
	writeFile(t, dir+"/quarterly.csv", "provider,quarter,metric,value_usd_m,precision_usd_m,source_url\namazon,2024Q1,capex,1,0,https://x\n")
	_, err = run(t, "check", "--data", dir)
	if want := dir + `/quarterly.csv:1: column "basis": required column is missing`; err == nil || err.Error() != want {
		t.Errorf("check without basis = %v, want %s", err, want)
	}
}

func TestMissingDataDir(t *testing.T) {
	_, err := run(t, "data", "--data", "/nonexistent/dir")
	if err == nil || err.Error() != "--data /nonexistent/dir: no such file or directory" {
		t.Errorf("got %v", err)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"print", "pie"}, "unknown panel \"pie\"; choose one of capex, margin, escalation"},
		{[]string{"summary", "pie"}, "unknown panel \"pie\"; choose one of capex, margin, escalation"},
		{[]string{"table", "--metric", "capexx"}, "unknown metric \"capexx\"; choose one of capex,"},
		{[]string{"table", "--provider", "oracle"}, "unknown provider \"oracle\"; choose from amazon (amzn, aws), microsoft (msft, azure), alphabet (googl, google, goog)"},
		{[]string{"--providers", "aws,oracle"}, "unknown provider \"oracle\""},
		{[]string{"table", "--to", "2031Q1"}, "--to: 2031Q1 is outside the data"},
		{[]string{"--quarter", "Q3"}, "--quarter: \"Q3\" is not a quarter: try 2023Q1, FY2024Q2 (Microsoft's), 2023 or latest"},
		{[]string{"--compare", "2040"}, "--compare: 2040 is outside the data"},
		{[]string{"table", "--metric", "capex_to_da", "--ttm"}, "capex_to_da is a ratio"},
		{[]string{"table", "--metric", "cash_and_securities", "--ttm"}, "cash_and_securities is a balance"},
		{[]string{"table", "--metric", "fcf", "--annual"}, "fcf is not one that adds up"},
		{[]string{"summary", "--basis", "gross"}, "unknown basis \"gross\""},
		{[]string{"summary", "capex", "--chart", "share"}, "unknown chart \"share\" for the capex panel"},
		{[]string{"table", "--metric", "cloud_margin", "--ttm"}, "cloud_margin is a ratio"},
		{[]string{"summary", "--quarter", "2025Q9"}, "quarter must be Q1 to Q4"},
		{[]string{"data", "--format", "xml"}, "unknown format \"xml\""},
		{[]string{"--panel", "pie"}, "unknown panel"},
		{[]string{"--bogus"}, "unknown flag: --bogus"},
		{[]string{"print", "capex", "--width", "5000"}, "--width must be at most 500"},
		{[]string{"print", "capex", "--width", "40", "--height", "12"}, "the capex panel needs at least 60x15 to draw its chart; asked for 40x12"},
		{[]string{"print", "capex", "--chart", "share"}, `unknown chart "share" for the capex panel; choose one of quarterly, ttm, annual`},
		{[]string{"--chart", "pie"}, `unknown chart "pie" for the capex panel; choose one of quarterly, ttm, annual`},
		{[]string{"--panel", "margin", "--chart", "ttm"}, `unknown chart "ttm" for the margin panel; choose one of margin, capex_per_revenue`},
		{[]string{"--mode", "ttm", "--chart", "annual"}, "--mode is another name for --chart"},
		{[]string{"--color", "sometimes"}, "unknown --color \"sometimes\""},
		{[]string{"present", "--color", "sometimes"}, "unknown --color \"sometimes\""},
		{[]string{"print", "capex", "--format", "pdf"}, `unknown format "pdf"; choose text or svg`},
		{[]string{"present", "--notes", "--loop"}, "--notes shows a talk's notes"},
	}
	for _, tt := range tests {
		_, err := run(t, tt.args...)
		if err == nil || ExitCode(err) != 2 || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: exit %d, %v; want exit 2 and %q", tt.args, ExitCode(err), err, tt.want)
		}
	}
}

// print renders exactly the asked size, with no blanks at the ends of
// lines; the golden files are what a slide or a chat message gets.
// Regenerate with: go test ./cli -update
func TestPrintGolden(t *testing.T) {
	for _, size := range []string{"60x15", "100x30"} {
		for _, panel := range ui.PanelNames() {
			t.Run(panel+"_"+size, func(t *testing.T) {
				w, h, _ := strings.Cut(size, "x")
				out, err := run(t, "print", panel, "--width", w, "--height", h, "--color", "never", "--quarter", "2025Q3")
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
				if want := atoi(h); len(lines) != want {
					t.Errorf("%d lines, want %d", len(lines), want)
				}
				for i, l := range lines {
					if lipgloss.Width(l) > atoi(w) {
						t.Errorf("line %d is %d wide", i, lipgloss.Width(l))
					}
					if strings.HasSuffix(l, " ") {
						t.Errorf("line %d ends in a blank: %q", i, l)
					}
				}
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}

// The charts of depreciation, free cash flow and cash, as print draws
// them. Regenerate with: go test ./cli -update
func TestPrintGoldenNewCharts(t *testing.T) {
	for _, size := range []string{"80x24", "160x48"} {
		for _, chart := range []string{"depreciation", "fcf", "cash"} {
			t.Run(chart+"_"+size, func(t *testing.T) {
				w, h, _ := strings.Cut(size, "x")
				panel, _ := ui.PanelOf(chart)
				out, err := run(t, "print", panel, "--chart", chart, "--width", w, "--height", h, "--color", "never", "--quarter", "2025Q2")
				if err != nil {
					t.Fatal(err)
				}
				if lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); len(lines) != atoi(h) {
					t.Errorf("%d lines, want %s", len(lines), h)
				}
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}

// --chart shows every chart of every panel, by the same names as m and
// stories; without --panel it opens the panel that has the chart; --mode
// is another name for it.
func TestChartFlag(t *testing.T) {
	titles := map[string]string{
		"quarterly": "CapEx · quarterly", "ttm": "CapEx · trailing twelve months", "annual": "CapEx · calendar years",
		"margin": "Cloud segment operating margin", "capex_per_revenue": "Company capex per $1 of cloud revenue, TTM",
		"capex_intensity": "Capex intensity (capex / revenue), TTM", "depreciation": "Capex / D&A, TTM",
		"growth": "YoY capex growth", "share": "Share of combined capex", "cumulative": "Cumulative capex since ChatGPT",
		"cashflow": "Capex as % of operating cash flow, TTM", "fcf": "Free cash flow after capex, TTM",
		"cash": "Cash & marketable securities at quarter end",
	}
	seen := 0
	for _, panel := range ui.PanelNames() {
		charts, _ := ui.ChartNames(panel)
		for _, chart := range charts {
			seen++
			out, err := run(t, "print", panel, "--chart", chart, "--color", "never")
			if title, _, _ := strings.Cut(out, "\n"); err != nil || !strings.Contains(title, titles[chart]) {
				t.Errorf("print %s --chart %s: %v\n%s", panel, chart, err, out)
			}
			var got ui.Options
			root := New(Env{Stdout: io.Discard, Stderr: io.Discard, Dataset: LoadDataset,
				Dashboard: func(_ *data.Dataset, o ui.Options) error { got = o; return nil }})
			root.SetArgs([]string{"--chart", chart})
			if err := root.Execute(); err != nil || got.Panel != panel || got.Chart != chart {
				t.Errorf("--chart %s opens %q %q (%v); want the %s panel", chart, got.Panel, got.Chart, err, panel)
			}
		}
	}
	if seen != len(titles) {
		t.Errorf("%d charts, %d titles", seen, len(titles))
	}
	out, err := run(t, "print", "capex", "--mode", "ttm", "--color", "never")
	if err != nil || !strings.HasPrefix(out, titles["ttm"]) {
		t.Errorf("--mode ttm: %v\n%s", err, out)
	}
}

func TestPrintColor(t *testing.T) {
	plain, _ := run(t, "print", "capex", "--color", "never")
	colour, _ := run(t, "print", "capex", "--color", "always")
	if strings.Contains(plain, "\x1b[") || !strings.Contains(colour, "\x1b[38;5;") {
		t.Error("--color never must be plain and --color always 256-colour")
	}
}

func TestTable(t *testing.T) {
	out, err := run(t, "table", "--metric", "capex", "--provider", "amazon,microsoft", "--from", "2025Q1", "--to", "2025Q3", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var recs []struct {
		Provider, Period, Unit string
		Value                  *float64
	}
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 {
		t.Fatalf("%d records, want 3 quarters x 2 providers", len(recs))
	}
	if r := recs[5]; r.Provider != "microsoft" || r.Period != "2025Q3" || r.Value == nil || *r.Value != 19394 || r.Unit != "usd_m" {
		t.Errorf("last record = %+v", r)
	}
	out, _ = run(t, "table", "--metric", "capex", "--provider", "amazon", "--annual", "--from", "2024Q1", "--to", "2025Q4")
	if f := strings.Join(strings.Fields(out), " "); !strings.Contains(f, "2024 $83.0B 2025 $131.8B") {
		t.Errorf("annual table:\n%s", out)
	}
	out, _ = run(t, "table", "--metric", "cloud_margin", "--format", "markdown", "--from", "2025Q1", "--to", "2025Q1")
	if !strings.Contains(out, "| period | Amazon | Microsoft | Alphabet |\n| --- | ---: | ---: | ---: |\n| 2025Q1 | 39.5% |") {
		t.Errorf("markdown:\n%s", out)
	}
	out, _ = run(t, "table")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if lipgloss.Width(l) > 80 {
			t.Errorf("table line wider than 80: %q", l)
		}
	}
}

// Providers answer to their tickers and aliases, in any case, wherever a
// command names them; --quarter takes latest and fiscal labels; table says
// --providers like every other command and still takes --provider.
func TestNamesPeopleType(t *testing.T) {
	d, err := LoadDataset("")
	if err != nil {
		t.Fatal(err)
	}
	got, err := dashboardOptions("--providers", "AWS,Googl", "--quarter", "latest")
	latest, _ := d.LatestWith(data.Capex)
	if err != nil || strings.Join(got.Providers, ",") != "amazon,alphabet" || got.Quarter != latest {
		t.Errorf("--providers AWS,Googl --quarter latest: %v, %+v", err, got)
	}
	got, err = dashboardOptions("--providers", "azure", "--quarter", "FY2026Q1", "--compare", "2024", "--table")
	if err != nil || strings.Join(got.Providers, ",") != "microsoft" || got.Quarter != data.NewQuarter(2025, 3) ||
		got.Compare != data.NewQuarter(2024, 1) || !got.Table {
		t.Errorf("--providers azure --quarter FY2026Q1: %v, %+v", err, got)
	}
	for _, flag := range []string{"--providers", "--provider"} {
		out, err := run(t, "table", flag, "msft,GOOG", "--from", "2025Q1", "--to", "2025Q1", "--format", "csv")
		if err != nil || !strings.Contains(out, "microsoft,2025Q1,capex,") || !strings.Contains(out, "alphabet,2025Q1,capex,") || strings.Contains(out, "amazon") {
			t.Errorf("table %s msft,GOOG: %v\n%s", flag, err, out)
		}
	}
	out, err := run(t, "print", "escalation", "--providers", "amzn", "--color", "never")
	if err != nil || strings.Contains(out, "Microsoft") || !strings.Contains(out, "Amazon") {
		t.Errorf("print --providers amzn: %v\n%s", err, out)
	}
}

// dashboardOptions runs the dashboard's command line and returns the view
// it would open.
func dashboardOptions(args ...string) (ui.Options, error) {
	var got ui.Options
	root := New(Env{Stdout: io.Discard, Stderr: io.Discard, Dataset: LoadDataset,
		Dashboard: func(_ *data.Dataset, o ui.Options) error { got = o; return nil }})
	root.SetArgs(args)
	err := root.Execute()
	return got, err
}

// Every n/a in a table says why: under the text table, numbered; in the
// note of CSV and JSON.
func TestTableReasons(t *testing.T) {
	out, err := run(t, "table", "--metric", "capex_to_da", "--from", "2025Q2", "--to", "2025Q3")
	if err != nil {
		t.Fatal(err)
	}
	want := "capex_to_da, times\nperiod  Amazon  Microsoft  Alphabet\n2025Q2    1.8×       1.9×      3.8×\n" +
		"2025Q3    1.9×     n/a[1]      4.0×\n[1] no depreciation & amortization figure for 2025Q3\n"
	if out != want {
		t.Errorf("text table:\n%s\nwant:\n%s", out, want)
	}
	out, _ = run(t, "table", "--metric", "capex_incl_finance_leases", "--from", "2025Q3", "--to", "2025Q3", "--format", "csv")
	if !strings.Contains(out, "amazon,2025Q3,capex_incl_finance_leases,,usd_m,Amazon does not state capex incl. finance leases") {
		t.Errorf("csv:\n%s", out)
	}
	out, _ = run(t, "table", "--metric", "capex", "--annual", "--from", "2026Q1", "--format", "markdown")
	if !strings.Contains(out, "(1/4 qtrs)[1]") || !strings.Contains(out, "1. no purchases of property & equipment figure for 2026Q2") {
		t.Errorf("markdown:\n%s", out)
	}
}

func TestSummaryCommand(t *testing.T) {
	out, err := run(t, "summary", "capex", "--quarter", "2025Q3")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "In 2025Q3 Amazon spent the most on property and equipment: $35.1B") {
		t.Errorf("summary = %s", out)
	}
}

func TestDashboardNeedsATerminal(t *testing.T) {
	var out bytes.Buffer
	root := New(Env{Stdout: &out, Stderr: &out, Dataset: LoadDataset})
	root.SetArgs(nil)
	if err := root.Execute(); err == nil || ExitCode(err) != 2 || !strings.Contains(err.Error(), "needs a terminal") {
		t.Errorf("got %v", err)
	}
}

type recordClipboard struct{ text *string }

func (c recordClipboard) Copy(s string) { *c.text = s }

// The command line y copies opens the same view: every key that changes
// what is shown has a flag, and the copied line sets it.
func TestCopiedCommandLineReproducesTheView(t *testing.T) {
	d, err := LoadDataset("")
	if err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	th := ui.NewTheme(r, "dark", "")
	size := tea.WindowSizeMsg{Width: 100, Height: 30}
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	left := tea.KeyMsg{Type: tea.KeyLeft}
	for _, keys := range [][]tea.KeyMsg{
		{runes("3"), runes("m"), runes("m"), runes("m"), runes("m"), left, left, runes("p"), runes("2")},
		{runes("2"), runes("m"), runes("m"), runes("m"), runes(" "), left, left, left, left, runes("b"), runes("L")},
		{runes("1"), runes("m"), runes("m"), runes("t"), left, left, left, left, left},
	} {
		var copied string
		var m tea.Model = ui.New(d, ui.Options{}, th, recordClipboard{&copied})
		m, _ = m.Update(size)
		for _, k := range keys {
			m, _ = m.Update(k)
		}
		m, cmd := m.Update(runes("y"))
		if cmd == nil {
			t.Fatal("y copies nothing")
		}
		cmd()
		fields := strings.Fields(copied)
		if len(fields) < 2 || fields[0] != "aicapex" {
			t.Fatalf("copied %q", copied)
		}
		o, err := dashboardOptions(fields[1:]...)
		if err != nil {
			t.Fatalf("%s: %v", copied, err)
		}
		var again tea.Model = ui.New(d, o, th, recordClipboard{new(string)})
		again, _ = again.Update(size)
		// The status and help lines say what was just done; the rest is the view.
		want := strings.Split(m.View(), "\n")
		got := strings.Split(again.View(), "\n")
		if strings.Join(got[:len(got)-2], "\n") != strings.Join(want[:len(want)-2], "\n") {
			t.Errorf("%s opens:\n%s\nwant:\n%s", copied, again.View(), m.View())
		}
	}
}

// print --format svg writes a whole SVG document of the panel's chart.
func TestPrintSVG(t *testing.T) {
	out, err := run(t, "print", "margin", "--format", "svg", "--quarter", "2025Q3")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Title   string `xml:"title"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil || doc.XMLName.Local != "svg" || doc.Title != "Cloud segment operating margin" {
		t.Errorf("not the margin chart's SVG: %v %+v\n%.300s", err, doc, out)
	}
	if !strings.Contains(out, "at 2025Q3:") || !strings.Contains(out, "Amazon 34.6%") {
		t.Error("--quarter does not set the SVG's cursor")
	}
}

// present --export writes each slide as an SVG file, and runs no talk;
// over SSH it writes nothing on the server.
func TestPresentExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "handout")
	var out bytes.Buffer
	root := New(Env{Stdout: &out, Stderr: io.Discard, Dataset: LoadDataset, Local: true,
		Present: func(*data.Dataset, ui.PresentOptions, string) error { t.Error("--export ran the talk"); return nil }})
	root.SetArgs([]string{"present", "--export", dir})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "slide-*.svg"))
	if err != nil || len(files) != 6 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	if got := strings.Fields(out.String()); len(got) != 6 || got[0] != filepath.Join(dir, "slide-01.svg") {
		t.Errorf("listed %q", got)
	}
	b, err := os.ReadFile(files[0])
	if err != nil || !bytes.Contains(b, []byte(`class="headline"`)) {
		t.Errorf("slide-01.svg: %v\n%.300s", err, b)
	}

	remote := New(Env{Stdout: io.Discard, Stderr: io.Discard, Dataset: LoadDataset, Local: false})
	remote.SetArgs([]string{"present", "--export", t.TempDir()})
	if err := remote.Execute(); ExitCode(err) != 2 || !strings.Contains(err.Error(), "--export writes files") {
		t.Errorf("--export over SSH: %v", err)
	}
}

// --loop is autoplay, every 20s unless --autoplay says; --notes asks for
// the notes view.
func TestPresentFlags(t *testing.T) {
	var got ui.PresentOptions
	for _, tt := range []struct {
		args []string
		want func(o ui.PresentOptions) bool
	}{
		{[]string{"present", "--loop"}, func(o ui.PresentOptions) bool { return o.Loop && o.Autoplay == 20*time.Second }},
		{[]string{"present", "--loop", "--autoplay", "8s"}, func(o ui.PresentOptions) bool { return o.Loop && o.Autoplay == 8*time.Second }},
		{[]string{"present", "--notes"}, func(o ui.PresentOptions) bool { return o.Notes && !o.Loop && len(o.Story.Slides) == 6 }},
	} {
		root := New(Env{Stdout: io.Discard, Stderr: io.Discard, Dataset: LoadDataset, Local: true,
			Present: func(_ *data.Dataset, o ui.PresentOptions, _ string) error { got = o; return nil }})
		root.SetArgs(tt.args)
		if err := root.Execute(); err != nil || !tt.want(got) {
			t.Errorf("%v: %v, %+v", tt.args, err, got)
		}
	}
}
