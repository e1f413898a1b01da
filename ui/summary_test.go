package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/aicapex/aicapex/data"
)

// The fixture's figures are round, so the sentences can be checked by hand:
// 2025Q4 capex is Amazon 17000, Alphabet 15000, Microsoft 12000, Meta 11000.
func TestSummary(t *testing.T) {
	d, err := data.LoadDir(os.DirFS("../data/testdata/four"), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	q := data.NewQuarter(2025, 4)
	tests := []struct {
		panel string
		want  []string
	}{
		{"capex", []string{
			"In 2025Q4 Amazon spent the most on property and equipment: $17.0B, against $15.0B for Alphabet, $12.0B for Microsoft and $11.0B for Meta.",
			// 62000+42000+54000+38000 against 46000+26000+38000+22000.
			"Over the four quarters to 2025Q4 they spent $196.0B together, +48.5% on the year before.",
			"The biggest step up was Meta's: +57.1% on 2024Q4.",
		}},
		{"margin", []string{
			// 6750 / 23500; capex per revenue is 62000 / 91000.
			"In 2025Q4 Amazon had the widest cloud operating margin, 28.7%",
		}},
		{"margin capex_per_revenue", []string{
			"Over the four quarters to 2025Q4 Amazon's whole-company capex came to $0.68 for every dollar its cloud segment earned, " +
				"the most of all; that sets the whole company's spending against one segment's revenue.",
		}},
		{"escalation", []string{
			"In 2025Q4 Meta raised capex fastest, +57.1% on a year earlier",
			"Amazon accounts for the largest share of their combined capex, 30.9%.",
		}},
	}
	for _, tt := range tests {
		panel, chart, _ := strings.Cut(tt.panel, " ")
		got := Summary(d, Options{Panel: panel, Chart: chart, Quarter: q, Basis: data.Capex})
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s summary:\n  %s\nlacks:\n  %s", tt.panel, got, w)
			}
		}
	}
}
