package ui

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/aicapex/aicapex/data"
)

// rowsByHand reads the reported figures of quarterly.csv with no help from
// package data: the numbers the new charts are checked against. A key is
// "provider quarter metric".
func rowsByHand(t *testing.T) map[string]float64 {
	t.Helper()
	f, err := os.Open("../data/quarterly.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	out := map[string]float64{}
	for _, rec := range recs[1:] {
		if rec[col["basis"]] != "reported" || rec[col["value_usd_m"]] == "" {
			continue
		}
		v, err := strconv.ParseFloat(rec[col["value_usd_m"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[rec[col["provider"]]+" "+rec[col["quarter"]]+" "+rec[col["metric"]]] = v
	}
	return out
}

// sumByHand adds a metric over the four quarters to q, from the CSV rows.
func sumByHand(t *testing.T, rows map[string]float64, id, metric string, q data.Quarter) float64 {
	t.Helper()
	s := 0.0
	for i := -3; i <= 0; i++ {
		k := fmt.Sprintf("%s %s %s", id, q.Add(i), metric)
		v, ok := rows[k]
		if !ok {
			t.Fatalf("no reported %s in quarterly.csv", k)
		}
		s += v
	}
	return s
}

// Each new chart draws, and its readout prints, the figures the CSV rows
// give by hand: the marker at the cursor on the row its value belongs on,
// and the value in the provider's line of the readout.
func TestNewChartsByHand(t *testing.T) {
	d := bundled(t)
	rows := rowsByHand(t)
	ids := []string{"amazon", "microsoft", "alphabet"}
	type want struct {
		value float64 // in the chart's raw unit
		text  string  // as the readout prints it
	}
	tests := []struct {
		panel, chart string
		q            data.Quarter
		by           func(id string, q data.Quarter) want
	}{
		{"escalation", "fcf", data.NewQuarter(2025, 3), func(id string, q data.Quarter) want {
			v := sumByHand(t, rows, id, "operating_cash_flow", q) - sumByHand(t, rows, id, "capex", q)
			return want{v, data.FormatUSD(data.USDMillions(v), true)}
		}},
		{"margin", "depreciation", data.NewQuarter(2025, 2), func(id string, q data.Quarter) want {
			v := sumByHand(t, rows, id, "capex", q) / sumByHand(t, rows, id, "depreciation_amortization", q)
			return want{v, data.FormatMultiple(v, true)}
		}},
		{"escalation", "cash", data.NewQuarter(2025, 2), func(id string, q data.Quarter) want {
			cash := rows[fmt.Sprintf("%s %s cash_and_securities", id, q)]
			runway := cash / rows[fmt.Sprintf("%s %s capex", id, q)]
			return want{cash, data.FormatUSD(data.USDMillions(cash), true) + " " + data.FormatQuarters(runway, true)}
		}},
		{"margin", "capex_intensity", data.NewQuarter(2025, 2), func(id string, q data.Quarter) want {
			v := sumByHand(t, rows, id, "capex", q) / sumByHand(t, rows, id, "revenue", q)
			return want{v, data.FormatPercent(v, true)}
		}},
	}
	for _, tt := range tests {
		for _, size := range [][2]int{{80, 21}, {120, 37}, {200, 57}} {
			p := renderPanel(t, d, Options{Panel: tt.panel, Chart: tt.chart, Quarter: tt.q}, size[0], size[1])
			col := p.cursorCol(t)
			text := p.String()
			onRow := map[int][]rune{} // row: the markers that belong there; one of them shows
			for i, id := range ids {
				row := p.rowOf(t, tt.by(id, tt.q).value)
				onRow[row] = append(onRow[row], marker(i))
			}
			for row, markers := range onRow {
				if got := p.at(row, col); !strings.ContainsRune(string(markers), got) {
					t.Errorf("%s %v: row %d, column %d should have one of %q; found %q\n%s", tt.chart, size, row, col, string(markers), got, p)
				}
			}
			for i, id := range ids {
				w := tt.by(id, tt.q)
				pr, _ := d.Provider(id)
				line := readoutLine(text, string(marker(i))+" "+pr.Name)
				for _, piece := range strings.Fields(w.text) {
					if !strings.Contains(line, piece) {
						t.Errorf("%s %v: %s's readout line %q lacks %s", tt.chart, size, id, line, piece)
					}
				}
			}
		}
	}
}

// readoutLine is the readout's line for a provider, from its marker and
// name ("● Amazon") on.
func readoutLine(view, who string) string {
	for _, l := range strings.Split(view, "\n") {
		if j := strings.Index(l, who); j >= 0 {
			return l[j:]
		}
	}
	return ""
}

// The free cash flow readout says when a provider's trailing free cash
// flow turned negative: Amazon's, by hand, in 2026Q1.
func TestFreeCashFlowTurnsNegative(t *testing.T) {
	d := bundled(t)
	rows := rowsByHand(t)
	fcf := func(q data.Quarter) float64 {
		return sumByHand(t, rows, "amazon", "operating_cash_flow", q) - sumByHand(t, rows, "amazon", "capex", q)
	}
	q := data.NewQuarter(2026, 1)
	if fcf(q) >= 0 || fcf(q.Prev()) < 0 {
		t.Fatalf("by hand Amazon's TTM free cash flow is %v at %s and %v before: the test needs it to turn negative there", fcf(q), q, fcf(q.Prev()))
	}
	out := renderPanel(t, d, Options{Panel: "escalation", Chart: "fcf", Quarter: q}, 100, 30).String()
	if !strings.Contains(out, "Amazon's TTM free cash flow turned negative in 2026Q1") {
		t.Errorf("readout does not say when Amazon's free cash flow turned negative:\n%s", out)
	}
	if s := Summary(d, Options{Panel: "escalation", Chart: "fcf", Quarter: q}); !strings.Contains(s, "Amazon's has been negative since 2026Q1.") {
		t.Errorf("summary: %s", s)
	}
}
