package edgar

import (
	"strings"

	"github.com/aicapex/aicapex/data"
)

// Company is how one provider files with the SEC: which us-gaap concepts
// carry each aicapex metric, and which member of the business-segments
// axis is its cloud segment.
type Company struct {
	Provider string // the id in providers.csv
	CIK      int
	// Prefix is the filer's usual namespace prefix, used only to write
	// line items readably; facts are matched by namespace URI.
	Prefix string
	// Segment is the local name of the cloud segment's member on
	// us-gaap:StatementBusinessSegmentsAxis, in the company's namespace.
	Segment  string
	Measures []Measure
}

// Measure is how a metric is read: the signed sum of concepts (one, for
// most), on the company as a whole or on its cloud segment.
type Measure struct {
	Metric  data.Metric
	Terms   []Term
	Segment bool // on the cloud segment's member, else without dimensions
	Instant bool // a balance at the period's end, else a flow over it
}

// Term is one concept of a measure, added or subtracted.
type Term struct {
	Concept string // local name in the us-gaap taxonomy, or with Own in the company's
	Own     bool   // the company's own extension concept, where us-gaap has none for the line
	Minus   bool
}

// Name is the term's concept as a filing's line item names it.
func (t Term) Name(c Company) string {
	if t.Own {
		return c.Prefix + ":" + t.Concept
	}
	return "us-gaap:" + t.Concept
}

func plus(concept string) []Term { return []Term{{Concept: concept}} }

// LineItem names the measure's concepts as the figure's line_item.
func (m Measure) LineItem(c Company) string {
	var b strings.Builder
	for i, t := range m.Terms {
		if i > 0 {
			if t.Minus {
				b.WriteString(" - ")
			} else {
				b.WriteString(" + ")
			}
		}
		b.WriteString(t.Name(c))
	}
	if m.Segment {
		b.WriteString(" [us-gaap:StatementBusinessSegmentsAxis=" + c.Prefix + ":" + c.Segment + "]")
	}
	return b.String()
}

// measures are the metrics every company tags alike, given its capex and
// depreciation concepts.
func measures(capex string, depreciation Term) []Measure {
	return []Measure{
		{Metric: data.Capex, Terms: plus(capex)},
		{Metric: data.CloudRevenue, Terms: plus("RevenueFromContractWithCustomerExcludingAssessedTax"), Segment: true},
		{Metric: data.CloudOperatingIncome, Terms: plus("OperatingIncomeLoss"), Segment: true},
		{Metric: data.Revenue, Terms: plus("RevenueFromContractWithCustomerExcludingAssessedTax")},
		{Metric: data.OperatingIncome, Terms: plus("OperatingIncomeLoss")},
		{Metric: data.OperatingCashFlow, Terms: plus("NetCashProvidedByUsedInOperatingActivities")},
		{Metric: data.DepreciationAmortization, Terms: []Term{depreciation}},
	}
}

// Companies are the three providers aicapex updates from EDGAR.
var Companies = []Company{
	{
		Provider: "amazon", CIK: 1018724, Prefix: "amzn", Segment: "AmazonWebServicesSegmentMember",
		Measures: append(measures("PaymentsToAcquireProductiveAssets", Term{Concept: "DepreciationDepletionAndAmortization"}),
			// Amazon's commentary and guidance speak of capex net of the
			// proceeds from selling property and equipment, and incentives.
			Measure{Metric: data.CapexNet, Terms: []Term{{Concept: "PaymentsToAcquireProductiveAssets"},
				{Concept: "ProceedsFromSaleOfProductiveAssets", Minus: true}}},
			// Amazon's balance sheet has no total of the two.
			Measure{Metric: data.CashAndSecurities, Instant: true, Terms: []Term{{Concept: "CashAndCashEquivalentsAtCarryingValue"},
				{Concept: "MarketableSecuritiesCurrent"}}}),
	},
	{
		Provider: "microsoft", CIK: 789019, Prefix: "msft", Segment: "IntelligentCloudMember",
		// "Depreciation, amortization, and other" is Microsoft's own concept.
		Measures: append(measures("PaymentsToAcquirePropertyPlantAndEquipment", Term{Concept: "DepreciationAmortizationAndOther", Own: true}),
			Measure{Metric: data.CashAndSecurities, Instant: true, Terms: plus("CashCashEquivalentsAndShortTermInvestments")}),
	},
	{
		Provider: "alphabet", CIK: 1652044, Prefix: "goog", Segment: "GoogleCloudMember",
		Measures: append(measures("PaymentsToAcquirePropertyPlantAndEquipment", Term{Concept: "Depreciation"}),
			Measure{Metric: data.CashAndSecurities, Instant: true, Terms: plus("CashCashEquivalentsAndShortTermInvestments")}),
	},
}

// CompanyFor returns the filing profile of a provider.
func CompanyFor(provider string) (Company, bool) {
	for _, c := range Companies {
		if c.Provider == provider {
			return c, true
		}
	}
	return Company{}, false
}
