package edgar

import (
	"strings"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
)

var (
	amazon    = data.Provider{ID: "amazon", Name: "Amazon", FYEndMonth: 12}
	microsoft = data.Provider{ID: "microsoft", Name: "Microsoft", FYEndMonth: 6}
	alphabet  = data.Provider{ID: "alphabet", Name: "Alphabet", FYEndMonth: 12}
)

// doc loads a fixture filing.
func doc(t *testing.T, cik int, acc, form, period string) Document {
	t.Helper()
	f := Filing{CIK: cik, Accession: acc, Form: form}
	var err error
	if f.Period, err = time.Parse(time.DateOnly, period); err != nil {
		t.Fatal(err)
	}
	name := map[int]string{1018724: "amzn", 789019: "msft", 1652044: "goog"}[cik]
	path := "testdata/edgar" + f.Folder() + "/" + name + "-" + strings.ReplaceAll(period, "-", "") + "_htm.xml"
	return Document{Filing: f, Instance: parseFile(t, path)}
}

func company(t *testing.T, id string) Company {
	t.Helper()
	c, ok := CompanyFor(id)
	if !ok {
		t.Fatalf("no company %s", id)
	}
	return c
}

// figureOf finds a metric's figure for a quarter.
func figureOf(figs []data.Figure, m data.Metric, q string) (data.Figure, bool) {
	for _, f := range figs {
		if f.Metric == m && f.Quarter.String() == q {
			return f, true
		}
	}
	return data.Figure{}, false
}

func TestFigures(t *testing.T) {
	amzn := func(acc, period string) Document { return doc(t, 1018724, acc, "10-Q", period) }
	msft := func(acc, form, period string) Document { return doc(t, 789019, acc, form, period) }
	goog := func(acc, period string) Document { return doc(t, 1652044, acc, "10-Q", period) }
	amznQ1, amznQ2, amznQ3 := amzn("0001018724-26-000012", "2026-03-31"), amzn("0001018724-26-000024", "2026-06-30"), amzn("0001018724-26-000036", "2026-09-30")
	msftQ3, msftFY, msftQ1 := msft("0000950170-26-000048", "10-Q", "2026-03-31"), msft("0000950170-26-000095", "10-K", "2026-06-30"), msft("0001193125-26-000117", "10-Q", "2026-09-30")
	googQ1, googQ2, googQ3 := goog("0001652044-26-000043", "2026-03-31"), goog("0001652044-26-000071", "2026-06-30"), goog("0001652044-26-000095", "2026-09-30")

	tests := []struct {
		name       string
		provider   data.Provider
		doc        Document
		prev       *Document
		metric     data.Metric
		quarter    string
		want       data.USDMillions
		label      string
		noteSays   string
		comparison bool // a comparative column, not the filing's own quarter
	}{
		{"three months, tagged", amazon, amznQ2, &amznQ1, data.Capex, "2026Q2", 47120, "FY2026Q2", "three months to 2026-06-30 as tagged in 10-Q 0001018724-26-000024", false},
		{"net of proceeds", amazon, amznQ2, &amznQ1, data.CapexNet, "2026Q2", 45718, "FY2026Q2",
			"PaymentsToAcquireProductiveAssets 47120 minus ProceedsFromSaleOfProductiveAssets 1402", false},
		{"cash and marketable securities", amazon, amznQ2, &amznQ1, data.CashAndSecurities, "2026Q2", 94340, "FY2026Q2",
			"at 2026-06-30 in 10-Q 0001018724-26-000024: CashAndCashEquivalentsAtCarryingValue 72230 plus MarketableSecuritiesCurrent 22110", false},
		{"segment, not its product split or another segment", amazon, amznQ2, &amznQ1, data.CloudRevenue, "2026Q2", 40020, "FY2026Q2", "", false},
		{"segment on the consolidation-items axis too", amazon, amznQ3, &amznQ2, data.CloudOperatingIncome, "2026Q3", 16032, "FY2026Q3", "", false},
		{"a restated comparative", amazon, amznQ3, &amznQ2, data.CloudOperatingIncome, "2025Q3", 11502, "FY2025Q3", "a comparative column", true},
		{"cash flows only year to date: six months minus three", alphabet, googQ2, &googQ1, data.Capex, "2026Q2", 38240, "FY2026Q2",
			"derived: six months to 2026-06-30 (73910, 10-Q 0001652044-26-000071), minus three months to 2026-03-31 (35670, 10-Q 0001652044-26-000043)", false},
		{"nine months minus six", alphabet, googQ3, &googQ2, data.OperatingCashFlow, "2026Q3", 51330, "FY2026Q3",
			"derived: nine months to 2026-09-30 (144302, 10-Q 0001652044-26-000095), minus six months to 2026-06-30 (92972, 10-Q 0001652044-26-000071)", false},
		{"renamed prefixes", alphabet, googQ2, &googQ1, data.CloudRevenue, "2026Q2", 22430, "FY2026Q2", "three months", false},
		{"first quarter: the year to date is the quarter", alphabet, googQ1, nil, data.OperatingCashFlow, "2026Q1", 45792, "FY2026Q1", "three months to 2026-03-31", false},
		{"June year end: the 10-K's fourth quarter is calendar Q2", microsoft, msftFY, &msftQ3, data.Capex, "2026Q2", 31904, "FY2026Q4",
			"derived: twelve months to 2026-06-30 (112050, 10-K 0000950170-26-000095), minus nine months to 2026-03-31 (80146, 10-Q 0000950170-26-000048)", false},
		{"10-K segment", microsoft, msftFY, &msftQ3, data.CloudRevenue, "2026Q2", 36970, "FY2026Q4", "derived:", false},
		{"10-K balance", microsoft, msftFY, &msftQ3, data.CashAndSecurities, "2026Q2", 97310, "FY2026Q4", "at 2026-06-30 as tagged in 10-K", false},
		{"fiscal Q1 is calendar Q3", microsoft, msftQ1, nil, data.Revenue, "2026Q3", 88740, "FY2027Q1", "", false},
		{"segment recast in a comparative", microsoft, msftQ1, nil, data.CloudRevenue, "2025Q3", 31822, "FY2026Q1", "", true},
		{"balance at the last year end", microsoft, msftQ3, nil, data.CashAndSecurities, "2025Q2", 94565, "FY2025Q4", "at 2025-06-30", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Figures(company(t, tt.provider.ID), tt.provider, tt.doc, tt.prev)
			if err != nil {
				t.Fatal(err)
			}
			figs := r.Own
			if tt.comparison {
				figs = r.Comparatives
			}
			f, ok := figureOf(figs, tt.metric, tt.quarter)
			if !ok {
				t.Fatalf("no %s for %s; skipped: %v", tt.metric, tt.quarter, r.Skipped)
			}
			if f.Value != tt.want || f.FiscalLabel != tt.label || f.Basis != data.Reported {
				t.Errorf("%s %s = %v %s %s, want %v %s reported", tt.metric, tt.quarter, f.Value, f.FiscalLabel, f.Basis, tt.want, tt.label)
			}
			if !strings.Contains(f.Source.Note, tt.noteSays) {
				t.Errorf("note %q does not say %q", f.Source.Note, tt.noteSays)
			}
			if want := "https://www.sec.gov" + tt.doc.Filing.Folder() + "/" + tt.doc.Filing.Accession + "-index.htm"; f.Source.URL != want || f.Source.Kind != "xbrl" {
				t.Errorf("source %s %s, want %s xbrl", f.Source.URL, f.Source.Kind, want)
			}
		})
	}
}

func TestFiguresSayWhatIsMissing(t *testing.T) {
	q2 := doc(t, 1652044, "0001652044-26-000071", "10-Q", "2026-06-30")
	r, err := Figures(company(t, "alphabet"), alphabet, q2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := figureOf(r.Own, data.Capex, "2026Q2"); ok {
		t.Error("a six-month figure was taken for a quarter without the first quarter's")
	}
	if _, ok := figureOf(r.Own, data.Revenue, "2026Q2"); !ok {
		t.Error("three-month figures need no earlier filing")
	}
	want := "capex: stated only for six months, and the filing for the quarter before was not read"
	if !strings.Contains(strings.Join(r.Skipped, "\n"), want) {
		t.Errorf("skipped %q, want %q", r.Skipped, want)
	}
	if _, ok := figureOf(r.Own, data.CapexNet, "2026Q2"); ok {
		t.Error("Alphabet has no capex_net measure")
	}
}

func TestLineItemNamesConcepts(t *testing.T) {
	c := company(t, "amazon")
	for _, m := range c.Measures {
		got := m.LineItem(c)
		switch m.Metric {
		case data.CloudRevenue:
			if got != "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax [us-gaap:StatementBusinessSegmentsAxis=amzn:AmazonWebServicesSegmentMember]" {
				t.Errorf("cloud revenue line item %q", got)
			}
		case data.CapexNet:
			if got != "us-gaap:PaymentsToAcquireProductiveAssets - us-gaap:ProceedsFromSaleOfProductiveAssets" {
				t.Errorf("capex_net line item %q", got)
			}
		}
	}
}

func TestFiscalQuarterNumber(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	tests := []struct {
		end   string
		fyEnd int
		want  int
	}{
		{"2026-03-31", 12, 1}, {"2026-12-31", 12, 4}, {"2026-09-30", 6, 1}, {"2026-06-30", 6, 4}, {"2026-03-31", 6, 3}, {"2026-12-31", 9, 1},
	}
	for _, tt := range tests {
		if got := FiscalQuarterNumber(d(tt.end), tt.fyEnd); got != tt.want {
			t.Errorf("FiscalQuarterNumber(%s, %d) = %d, want %d", tt.end, tt.fyEnd, got, tt.want)
		}
	}
}
