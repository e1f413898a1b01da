package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"
)

func TestWriteCSVIsTidy(t *testing.T) {
	d := loadFixture(t)
	var buf bytes.Buffer
	if err := d.WriteCSV(&buf, false); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][:4]; got[0] != "provider" || got[1] != "quarter" || got[2] != "metric" || got[3] != "value_usd_m" {
		t.Fatalf("header = %v", rows[0])
	}
	seen := map[[3]string]bool{}
	var gap, recast bool
	for _, r := range rows[1:] {
		k := [3]string{r[0], r[1], r[2]}
		if seen[k] {
			t.Errorf("duplicate %v: tidy output has one value per provider, quarter and metric", k)
		}
		seen[k] = true
		if k == [3]string{"alphabet", "2025Q2", "cloud_operating_income"} {
			gap = r[3] == ""
		}
		if k == [3]string{"microsoft", "2024Q1", "cloud_revenue"} {
			recast = r[3] == "21000" && r[5] == "recast"
		}
	}
	// 4 providers x 8 quarters x 6 metrics, plus Microsoft's finance-lease
	// basis and Amazon's net capex and cash.
	if want := 4*8*6 + 8 + 2*8; len(rows)-1 != want {
		t.Errorf("%d rows, want %d", len(rows)-1, want)
	}
	if !gap || !recast {
		t.Errorf("gap shown empty: %v; recast used for series: %v", gap, recast)
	}
	buf.Reset()
	d.WriteCSV(&buf, true)
	all, _ := csv.NewReader(&buf).ReadAll()
	if len(all) != len(rows)+2 {
		t.Errorf("all bases adds %d rows, want 2", len(all)-len(rows))
	}
}

func TestWriteJSON(t *testing.T) {
	d := loadFixture(t)
	var buf bytes.Buffer
	if err := d.WriteJSON(&buf, false); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r["provider"] == "alphabet" && r["quarter"] == "2025Q2" && r["metric"] == "cloud_operating_income" {
			if r["value_usd_m"] != nil {
				t.Errorf("gap = %v, want null", r["value_usd_m"])
			}
		}
		if r["provider"] == "meta" && r["quarter"] == "2025Q4" && r["metric"] == "capex" && r["value_usd_m"] != 11000.0 {
			t.Errorf("meta capex = %v", r["value_usd_m"])
		}
	}
}
