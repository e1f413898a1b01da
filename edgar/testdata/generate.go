//go:build ignore

// Generate writes the EDGAR fixtures under testdata/edgar and the dataset
// they are read against under testdata/dataset, from the tables below.
// Run it from package edgar's directory: go run testdata/generate.go
//
// Every quarter's figure is in the tables once; the generator writes each
// filing's columns from them as the companies file: three months, year to
// date, Amazon's trailing twelve months, comparatives for the year before,
// balances at the period's end and at the last fiscal year's end. Figures
// after 2026Q1 are made up for the tests.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// quarters are the calendar quarters the tables cover, by their last day.
var quarters = []string{"2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30",
	"2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"}

// A series is a concept's figure per quarter, in millions; for a balance,
// the figure at each quarter's end. Seg marks the cloud segment's figure.
type series struct {
	concept string
	own     bool // in the company's namespace, not us-gaap
	seg     bool
	balance bool
	values  [9]int64
}

type company struct {
	name, ticker, cik string
	fyEnd             time.Month
	ns                string // the company's namespace; its year changes per filing
	segment           string // local name of the cloud member
	other             string // another segment's member
	series            []series
	filings           []filing
	others            []other // forms to skip, in the history
}

type filing struct {
	acc, form, period, filed string
	ytdOnlyCashFlow          bool // cash flows only year to date (Alphabet)
	ttm                      bool // Amazon's trailing-twelve-month cash-flow columns
	asu202307                bool // segment facts also on srt:ConsolidationItemsAxis
	prefixes                 map[string]string
	// restated are comparative figures that differ from the tables: a
	// restatement, keyed by concept (with "/seg" for the segment) and quarter end.
	restated map[string]int64
}

type other struct{ acc, form, period, filed string }

const (
	opCash = "NetCashProvidedByUsedInOperatingActivities"
	rev    = "RevenueFromContractWithCustomerExcludingAssessedTax"
	oi     = "OperatingIncomeLoss"
)

// cashFlow lists the concepts of the cash-flow statement.
var cashFlow = []string{opCash, "PaymentsToAcquireProductiveAssets", "ProceedsFromSaleOfProductiveAssets",
	"PaymentsToAcquirePropertyPlantAndEquipment", "DepreciationDepletionAndAmortization",
	"DepreciationAmortizationAndOther", "Depreciation"}

var companies = []company{
	{
		name: "AMAZON COM INC", ticker: "AMZN", cik: "1018724", fyEnd: time.December,
		ns: "http://www.amazon.com/", segment: "AmazonWebServicesSegmentMember", other: "NorthAmericaSegmentMember",
		series: []series{
			{concept: "PaymentsToAcquireProductiveAssets", values: [9]int64{22620, 27834, 25019, 32183, 35095, 39522, 44203, 47120, 49950}},
			{concept: "ProceedsFromSaleOfProductiveAssets", values: [9]int64{1072, 1241, 1102, 1260, 1330, 1415, 1380, 1402, 1511}},
			{concept: rev, values: [9]int64{158877, 187792, 155667, 167702, 180169, 213386, 181519, 193004, 206337}},
			{concept: oi, values: [9]int64{17411, 21203, 18405, 19171, 17400, 25000, 23912, 24680, 27015}},
			{concept: rev, seg: true, values: [9]int64{27452, 28786, 29267, 30873, 33006, 35579, 37587, 40020, 42910}},
			{concept: oi, seg: true, values: [9]int64{10447, 10632, 11547, 10160, 11434, 12465, 14203, 15110, 16032}},
			{concept: opCash, values: [9]int64{25971, 45636, 17015, 32515, 35525, 54459, 26032, 36410, 38820}},
			{concept: "DepreciationDepletionAndAmortization", values: [9]int64{11360, 12420, 13212, 15227, 16796, 19471, 19880, 20610, 21340}},
			{concept: "CashAndCashEquivalentsAtCarryingValue", balance: true, values: [9]int64{75091, 78779, 66207, 57741, 66922, 86810, 70120, 72230, 75310}},
			{concept: "MarketableSecuritiesCurrent", balance: true, values: [9]int64{12960, 22423, 28145, 35446, 27210, 19400, 21530, 22110, 23080}},
		},
		filings: []filing{
			{acc: "0001018724-26-000012", form: "10-Q", period: "2026-03-31", filed: "2026-04-30", ttm: true},
			{acc: "0001018724-26-000024", form: "10-Q", period: "2026-06-30", filed: "2026-07-31", ttm: true},
			{acc: "0001018724-26-000036", form: "10-Q", period: "2026-09-30", filed: "2026-10-30", ttm: true, asu202307: true,
				restated: map[string]int64{oi + "/seg 2025-09-30": 11502}},
		},
		others: []other{
			{"0001018724-26-000031", "8-K", "2026-10-30", "2026-10-30"},
			{"0001127602-26-021554", "4", "2026-08-15", "2026-08-17"},
			{"0001018724-26-000027", "10-Q/A", "2026-06-30", "2026-08-20"},
		},
	},
	{
		name: "MICROSOFT CORP", ticker: "MSFT", cik: "789019", fyEnd: time.June,
		ns: "http://www.microsoft.com/", segment: "IntelligentCloudMember", other: "ProductivityAndBusinessProcessesMember",
		series: []series{
			{concept: "PaymentsToAcquirePropertyPlantAndEquipment", values: [9]int64{14923, 15804, 16745, 17079, 19394, 29876, 30876, 31904, 33215}},
			{concept: rev, values: [9]int64{65585, 69632, 70066, 76441, 77673, 81273, 82886, 86102, 88740}},
			{concept: oi, values: [9]int64{30552, 31653, 32000, 34323, 37961, 38275, 38398, 40120, 41530}},
			{concept: rev, seg: true, values: [9]int64{24092, 25544, 26751, 29878, 30897, 32907, 34681, 36970, 38215}},
			{concept: oi, seg: true, values: [9]int64{10503, 10868, 11100, 12140, 13391, 13873, 13753, 14620, 15008}},
			{concept: opCash, values: [9]int64{34180, 22291, 37044, 42647, 45057, 35758, 46703, 48810, 50120}},
			{concept: "DepreciationAmortizationAndOther", own: true, values: [9]int64{8520, 8944, 9563, 11203, 13064, 14290, 15180, 16020, 16840}},
			{concept: "CashCashEquivalentsAndShortTermInvestments", balance: true, values: [9]int64{78429, 71555, 79625, 94565, 102009, 89415, 91840, 97310, 101050}},
		},
		filings: []filing{
			{acc: "0000950170-26-000048", form: "10-Q", period: "2026-03-31", filed: "2026-04-29"},
			{acc: "0000950170-26-000095", form: "10-K", period: "2026-06-30", filed: "2026-07-30"},
			{acc: "0001193125-26-000117", form: "10-Q", period: "2026-09-30", filed: "2026-10-28",
				restated: map[string]int64{rev + "/seg 2025-09-30": 31822}},
		},
		others: []other{
			{"0001193125-26-000101", "8-K", "2026-10-28", "2026-10-28"},
			{"0001193125-26-000086", "S-8", "", "2026-07-02"},
		},
	},
	{
		name: "Alphabet Inc.", ticker: "GOOGL", cik: "1652044", fyEnd: time.December,
		ns: "http://www.google.com/", segment: "GoogleCloudMember", other: "GoogleServicesMember",
		series: []series{
			{concept: "PaymentsToAcquirePropertyPlantAndEquipment", values: [9]int64{13061, 14276, 17197, 22446, 23953, 27850, 35670, 38240, 41010}},
			{concept: rev, values: [9]int64{88268, 96469, 90234, 96428, 102346, 113828, 109896, 116510, 121940}},
			{concept: oi, values: [9]int64{28521, 30972, 30606, 31271, 31228, 35934, 39650, 41012, 43105}},
			{concept: rev, seg: true, values: [9]int64{11353, 11955, 12260, 13624, 15157, 17664, 19998, 22430, 24815}},
			{concept: oi, seg: true, values: [9]int64{1947, 2093, 2177, 2826, 3594, 5313, 6598, 7420, 8160}},
			{concept: opCash, values: [9]int64{30698, 39113, 36150, 27747, 48414, 52402, 45792, 47180, 51330}},
			{concept: "Depreciation", values: [9]int64{3767, 4217, 4490, 4998, 5604, 6115, 6730, 7260, 7810}},
			{concept: "CashCashEquivalentsAndShortTermInvestments", balance: true, values: [9]int64{93230, 95657, 95328, 95148, 98499, 126843, 120450, 118960, 123400}},
		},
		filings: []filing{
			{acc: "0001652044-26-000043", form: "10-Q", period: "2026-03-31", filed: "2026-04-24", ytdOnlyCashFlow: true},
			// Prefixes are the filer's choice: this one renames them all.
			{acc: "0001652044-26-000071", form: "10-Q", period: "2026-06-30", filed: "2026-07-24", ytdOnlyCashFlow: true,
				prefixes: map[string]string{"us-gaap": "gaap", "dei": "d", "xbrldi": "dim", "xbrli": "x", "company": "alpha", "iso4217": "cur"}},
			{acc: "0001652044-26-000095", form: "10-Q", period: "2026-09-30", filed: "2026-10-30", ytdOnlyCashFlow: true},
		},
		others: []other{
			{"0001652044-26-000090", "8-K", "2026-10-29", "2026-10-29"},
			{"0001652044-26-000060", "DEF 14A", "", "2026-04-25"},
		},
	},
}

func main() {
	for _, c := range companies {
		for _, f := range c.filings {
			must(writeInstance(c, f))
		}
		must(writeSubmissions(c))
	}
	must(writeDataset())
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	must(err)
	return t
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// value returns a series' figure for the quarter ending at end.
func (s series) value(end time.Time) (int64, bool) {
	i := slices.Index(quarters, day(end))
	if i < 0 {
		return 0, false
	}
	return s.values[i], true
}

// sum adds the quarters from start to end; false when one is not tabled.
func (s series) sum(start, end time.Time) (int64, bool) {
	var total int64
	for q := end; !q.Before(start); q = quarterStart(q).AddDate(0, 0, -1) {
		v, ok := s.value(q)
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, true
}

func quarterStart(end time.Time) time.Time {
	return time.Date(end.Year(), end.Month()-2, 1, 0, 0, 0, 0, time.UTC)
}

func fiscalStart(end time.Time, fyEnd time.Month) time.Time {
	s := time.Date(end.Year(), fyEnd%12+1, 1, 0, 0, 0, 0, time.UTC)
	if s.After(end) {
		s = s.AddDate(-1, 0, 0)
	}
	return s
}

type context struct {
	id         string
	start, end time.Time // start zero for an instant
	dims       [][2]string
}

type instance struct {
	c        company
	f        filing
	p        map[string]string
	contexts []context
	facts    []string
	nextFact int
}

func (in *instance) prefix(name string) string {
	if p, ok := in.p[name]; ok {
		return p
	}
	if name == "company" {
		return strings.ToLower(in.c.ticker[:4])
	}
	return name
}

func (in *instance) context(start, end time.Time, dims ...[2]string) string {
	for _, c := range in.contexts {
		if c.start.Equal(start) && c.end.Equal(end) && slices.Equal(c.dims, dims) {
			return c.id
		}
	}
	id := fmt.Sprintf("c-%d", len(in.contexts)+1)
	in.contexts = append(in.contexts, context{id: id, start: start, end: end, dims: dims})
	return id
}

func (in *instance) fact(concept, ctx, unit, decimals, value string) {
	in.nextFact++
	attrs := fmt.Sprintf(`contextRef="%s"`, ctx)
	if decimals != "" {
		attrs += fmt.Sprintf(` decimals="%s"`, decimals)
	}
	attrs += fmt.Sprintf(` id="f-%d"`, in.nextFact)
	if unit != "" {
		attrs += fmt.Sprintf(` unitRef="%s"`, unit)
	}
	in.facts = append(in.facts, fmt.Sprintf("  <%s %s>%s</%s>", concept, attrs, value, concept))
}

func (in *instance) money(s series, start, end time.Time, value int64) {
	concept := in.prefix("us-gaap") + ":" + s.concept
	if s.own {
		concept = in.prefix("company") + ":" + s.concept
	}
	var dims [][2]string
	if s.seg {
		dims = append(dims, [2]string{in.prefix("us-gaap") + ":StatementBusinessSegmentsAxis", in.prefix("company") + ":" + in.c.segment})
		if in.f.asu202307 {
			dims = append(dims, [2]string{"srt:ConsolidationItemsAxis", in.prefix("us-gaap") + ":OperatingSegmentsMember"})
		}
	}
	in.fact(concept, in.context(start, end, dims...), "usd", "-6", fmt.Sprintf("%d000000", value))
}

func writeInstance(c company, f filing) error {
	in := &instance{c: c, f: f, p: f.prefixes}
	end := date(f.period)
	fyStart := fiscalStart(end, c.fyEnd)
	yearAgo := end.AddDate(-1, 0, 0)
	if yearAgo.AddDate(0, 0, 1).Day() != 1 {
		yearAgo = time.Date(yearAgo.Year(), yearAgo.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	dei := in.prefix("dei")
	docCtx := in.context(fyStart, end)
	in.fact(dei+":AmendmentFlag", docCtx, "", "", "false")
	in.fact(dei+":DocumentType", docCtx, "", "", f.form)
	in.fact(dei+":DocumentPeriodEndDate", docCtx, "", "", day(end))
	fp := fmt.Sprintf("Q%d", (monthsBetween(fyStart, end.AddDate(0, 0, 1)))/3)
	if f.form == "10-K" {
		fp = "FY"
	}
	in.fact(dei+":DocumentFiscalPeriodFocus", docCtx, "", "", fp)
	in.fact(dei+":EntityCentralIndexKey", docCtx, "", "", fmt.Sprintf("%010s", c.cik))
	// Shares outstanding are stated at a date after the period: an instant
	// that is no quarter's end.
	filed := date(f.filed)
	in.fact(dei+":EntityCommonStockSharesOutstanding", in.context(time.Time{}, filed.AddDate(0, 0, -10)), "shares", "INF", "10650000000")

	annual := f.form == "10-K"
	for _, s := range c.series {
		cash := slices.Contains(cashFlow, s.concept)
		restate := func(key string, end time.Time, v int64) int64 {
			if r, ok := f.restated[key+" "+day(end)]; ok {
				return r
			}
			return v
		}
		key := s.concept
		if s.seg {
			key += "/seg"
		}
		if s.balance {
			for _, at := range []time.Time{end, fyStart.AddDate(0, 0, -1)} {
				if v, ok := s.value(at); ok {
					in.money(s, time.Time{}, at, restate(key, at, v))
				}
			}
			continue
		}
		type column struct{ start, end time.Time }
		var cols []column
		if !annual && !(cash && f.ytdOnlyCashFlow) {
			cols = append(cols, column{quarterStart(end), end}, column{quarterStart(yearAgo), yearAgo})
		}
		if !fyStart.Equal(quarterStart(end)) {
			cols = append(cols, column{fyStart, end}, column{fyStart.AddDate(-1, 0, 0), yearAgo})
		} else if cash && f.ytdOnlyCashFlow {
			cols = append(cols, column{fyStart, end}, column{fyStart.AddDate(-1, 0, 0), yearAgo})
		}
		if cash && f.ttm && !annual {
			cols = append(cols, column{yearAgo.AddDate(0, 0, 1), end})
		}
		for _, col := range cols {
			v, ok := s.sum(col.start, col.end)
			if !ok {
				continue
			}
			if col.start.Equal(quarterStart(col.end)) {
				v = restate(key, col.end, v)
			}
			in.money(s, col.start, col.end, v)
		}
		if s.seg && !annual {
			// The same figure split by product, and another segment's: neither
			// is the segment's total.
			v, _ := s.value(end)
			us := in.prefix("us-gaap")
			in.fact(us+":"+s.concept, in.context(quarterStart(end), end,
				[2]string{us + ":StatementBusinessSegmentsAxis", in.prefix("company") + ":" + c.segment},
				[2]string{"srt:ProductOrServiceAxis", in.prefix("company") + ":SubscriptionMember"}), "usd", "-6", fmt.Sprintf("%d000000", v/3))
			in.fact(us+":"+s.concept, in.context(quarterStart(end), end,
				[2]string{us + ":StatementBusinessSegmentsAxis", in.prefix("company") + ":" + c.other}), "usd", "-6", fmt.Sprintf("%d000000", v*3))
		}
	}
	// Earnings per share, in a divided unit, and a nil fact.
	in.fact(in.prefix("us-gaap")+":EarningsPerShareDiluted", in.context(quarterStart(end), end), "usdPerShare", "2", "1.95")
	in.facts = append(in.facts, fmt.Sprintf(`  <%s:IncomeTaxesPaidNet contextRef="%s" id="f-nil" unitRef="usd" xsi:nil="true"/>`,
		in.prefix("us-gaap"), docCtx))

	var b strings.Builder
	x := in.p["xbrli"]
	el := func(name string) string {
		if x == "" {
			return name
		}
		return x + ":" + name
	}
	year := end.Format("20060102")
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString("<!-- Fixture written by testdata/generate.go in the shape of the instances EDGAR extracts from inline XBRL filings. -->\n")
	fmt.Fprintf(&b, "<%s xml:lang=\"en-US\"", el("xbrl"))
	shares := "xbrli"
	if x == "" {
		b.WriteString("\n  xmlns=\"http://www.xbrl.org/2003/instance\"\n  xmlns:xbrli=\"http://www.xbrl.org/2003/instance\"")
	} else {
		shares = x
		fmt.Fprintf(&b, "\n  xmlns:%s=\"http://www.xbrl.org/2003/instance\"", x)
	}
	for _, ns := range [][2]string{
		{in.prefix("company"), c.ns + year},
		{in.prefix("dei"), "http://xbrl.sec.gov/dei/2025"},
		{in.prefix("iso4217"), "http://www.xbrl.org/2003/iso4217"},
		{"link", "http://www.xbrl.org/2003/linkbase"},
		{"srt", "http://fasb.org/srt/2025"},
		{in.prefix("us-gaap"), "http://fasb.org/us-gaap/2025"},
		{in.prefix("xbrldi"), "http://xbrl.org/2006/xbrldi"},
		{"xlink", "http://www.w3.org/1999/xlink"},
		{"xsi", "http://www.w3.org/2001/XMLSchema-instance"},
	} {
		fmt.Fprintf(&b, "\n  xmlns:%s=\"%s\"", ns[0], ns[1])
	}
	b.WriteString(">\n")
	fmt.Fprintf(&b, "  <link:schemaRef xlink:href=\"%s-%s.xsd\" xlink:type=\"simple\"/>\n", strings.ToLower(c.ticker[:4]), year)
	for _, ctx := range in.contexts {
		fmt.Fprintf(&b, "  <%s id=\"%s\">\n    <%s>\n      <%s scheme=\"http://www.sec.gov/CIK\">%010s</%s>\n",
			el("context"), ctx.id, el("entity"), el("identifier"), c.cik, el("identifier"))
		if len(ctx.dims) > 0 {
			fmt.Fprintf(&b, "      <%s>\n", el("segment"))
			for _, d := range ctx.dims {
				fmt.Fprintf(&b, "        <%s:explicitMember dimension=\"%s\">%s</%s:explicitMember>\n", in.prefix("xbrldi"), d[0], d[1], in.prefix("xbrldi"))
			}
			fmt.Fprintf(&b, "      </%s>\n", el("segment"))
		}
		fmt.Fprintf(&b, "    </%s>\n    <%s>\n", el("entity"), el("period"))
		if ctx.start.IsZero() {
			fmt.Fprintf(&b, "      <%s>%s</%s>\n", el("instant"), day(ctx.end), el("instant"))
		} else {
			fmt.Fprintf(&b, "      <%s>%s</%s>\n      <%s>%s</%s>\n", el("startDate"), day(ctx.start), el("startDate"), el("endDate"), day(ctx.end), el("endDate"))
		}
		fmt.Fprintf(&b, "    </%s>\n  </%s>\n", el("period"), el("context"))
	}
	// A context with a typed dimension, which no figure is read from.
	fmt.Fprintf(&b, "  <%s id=\"c-typed\">\n    <%s>\n      <%s scheme=\"http://www.sec.gov/CIK\">%010s</%s>\n      <%s>\n        <%s:typedMember dimension=\"srt:RangeAxis\"><srt:Range>5</srt:Range></%s:typedMember>\n      </%s>\n    </%s>\n    <%s>\n      <%s>%s</%s>\n    </%s>\n  </%s>\n",
		el("context"), el("entity"), el("identifier"), c.cik, el("identifier"), el("segment"), in.prefix("xbrldi"), in.prefix("xbrldi"),
		el("segment"), el("entity"), el("period"), el("instant"), day(end), el("instant"), el("period"), el("context"))
	cur := in.prefix("iso4217")
	fmt.Fprintf(&b, "  <%s id=\"usd\">\n    <%s>%s:USD</%s>\n  </%s>\n", el("unit"), el("measure"), cur, el("measure"), el("unit"))
	fmt.Fprintf(&b, "  <%s id=\"shares\">\n    <%s>%s:shares</%s>\n  </%s>\n", el("unit"), el("measure"), shares, el("measure"), el("unit"))
	fmt.Fprintf(&b, "  <%s id=\"usdPerShare\">\n    <%s>\n      <%s>\n        <%s>%s:USD</%s>\n      </%s>\n      <%s>\n        <%s>%s:shares</%s>\n      </%s>\n    </%s>\n  </%s>\n",
		el("unit"), el("divide"), el("unitNumerator"), el("measure"), cur, el("measure"), el("unitNumerator"),
		el("unitDenominator"), el("measure"), shares, el("measure"), el("unitDenominator"), el("divide"), el("unit"))
	// A cash-flow figure with a typed dimension: never a total.
	fmt.Fprintf(&b, "  <%s:%s contextRef=\"c-typed\" decimals=\"-6\" id=\"f-typed\" unitRef=\"usd\">1000000</%s:%s>\n",
		in.prefix("us-gaap"), opCash, in.prefix("us-gaap"), opCash)
	for _, f := range in.facts {
		b.WriteString(f + "\n")
	}
	fmt.Fprintf(&b, "</%s>\n", el("xbrl"))

	nodash := strings.ReplaceAll(f.acc, "-", "")
	dir := filepath.Join("testdata", "edgar", "Archives", "edgar", "data", c.cik, nodash)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	name := strings.ToLower(c.ticker[:4]) + "-" + year + "_htm.xml"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
		return err
	}
	return writeIndex(dir, c, f, name, year)
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// writeIndex writes the folder's index.json as EDGAR lists it.
func writeIndex(dir string, c company, f filing, instance, year string) error {
	nodash := strings.ReplaceAll(f.acc, "-", "")
	stem := strings.ToLower(c.ticker[:4]) + "-" + year
	type item struct {
		LastModified string `json:"last-modified"`
		Name         string `json:"name"`
		Type         string `json:"type"`
		Size         string `json:"size"`
	}
	stamp := f.filed + " 16:05:12"
	items := []item{
		{stamp, f.acc + "-index-headers.html", "text.gif", ""},
		{stamp, f.acc + "-index.html", "text.gif", ""},
		{stamp, f.acc + ".txt", "text.gif", ""},
		{stamp, "Financial_Report.xlsx", "text.gif", "120431"},
		{stamp, "FilingSummary.xml", "text.gif", "64120"},
		{stamp, "MetaLinks.json", "text.gif", "480113"},
		{stamp, "R1.htm", "text.gif", "9120"},
		{stamp, stem + ".htm", "text.gif", "1931022"},
		{stamp, stem + ".xsd", "text.gif", "71230"},
		{stamp, stem + "_cal.xml", "text.gif", "60112"},
		{stamp, stem + "_def.xml", "text.gif", "240771"},
		{stamp, stem + "_lab.xml", "text.gif", "812000"},
		{stamp, stem + "_pre.xml", "text.gif", "410223"},
		{stamp, instance, "text.gif", "1630211"},
		{stamp, "report.css", "text.gif", "2017"},
	}
	doc := map[string]any{"directory": map[string]any{
		"item": items, "name": "/Archives/edgar/data/" + c.cik + "/" + nodash, "parent-dir": "/Archives/edgar/data/" + c.cik,
	}}
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.json"), b, 0o644)
}

// writeSubmissions writes the company's filing history as data.sec.gov
// serves it: column arrays, newest first.
func writeSubmissions(c company) error {
	type entry struct{ acc, form, period, filed, primary string }
	var es []entry
	for _, f := range c.filings {
		es = append(es, entry{f.acc, f.form, f.period, f.filed, strings.ToLower(c.ticker[:4]) + "-" + strings.ReplaceAll(f.period, "-", "") + ".htm"})
	}
	for _, o := range c.others {
		es = append(es, entry{o.acc, o.form, o.period, o.filed, "doc.htm"})
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(b.filed, a.filed) })
	cols := map[string][]any{}
	for _, e := range es {
		inline := 0
		if strings.HasPrefix(e.form, "10-") {
			inline = 1
		}
		for k, v := range map[string]any{
			"accessionNumber": e.acc, "filingDate": e.filed, "reportDate": e.period,
			"acceptanceDateTime": e.filed + "T16:05:12.000Z", "act": "34", "form": e.form, "fileNumber": "000-22513",
			"filmNumber": "261234567", "items": "", "core_type": e.form, "size": 9123456, "isXBRL": inline,
			"isInlineXBRL": inline, "primaryDocument": e.primary, "primaryDocDescription": e.form,
		} {
			cols[k] = append(cols[k], v)
		}
	}
	doc := map[string]any{
		"cik": c.cik, "entityType": "operating", "sic": "7370", "name": c.name, "tickers": []string{c.ticker},
		"exchanges": []string{"Nasdaq"}, "fiscalYearEnd": fmt.Sprintf("%02d%02d", int(c.fyEnd), time.Date(2026, c.fyEnd+1, 0, 0, 0, 0, 0, time.UTC).Day()),
		"filings": map[string]any{"recent": cols, "files": []any{}},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	dir := filepath.Join("testdata", "edgar", "submissions")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, fmt.Sprintf("CIK%010s.json", c.cik)), b, 0o644)
}

// The dataset the fixtures are read against: 2025Q1 to 2026Q1 as the
// bundled data has them, with two deliberate gaps and one figure that
// disagrees with its filing.
func writeDataset() error {
	metrics := map[string][2]string{ // concept (and /seg) per provider → metric
		"PaymentsToAcquireProductiveAssets":          {"amazon", "capex"},
		"PaymentsToAcquirePropertyPlantAndEquipment": {"", "capex"},
		rev:                                    {"", "revenue"},
		rev + "/seg":                           {"", "cloud_revenue"},
		oi:                                     {"", "operating_income"},
		oi + "/seg":                            {"", "cloud_operating_income"},
		opCash:                                 {"", "operating_cash_flow"},
		"DepreciationDepletionAndAmortization": {"amazon", "depreciation_amortization"},
		"DepreciationAmortizationAndOther":     {"microsoft", "depreciation_amortization"},
		"Depreciation":                         {"alphabet", "depreciation_amortization"},
	}
	ids := map[string]string{"AMZN": "amazon", "MSFT": "microsoft", "GOOG": "alphabet"}
	var b strings.Builder
	b.WriteString("provider,quarter,fiscal_label,metric,value_usd_m,precision_usd_m,basis,source_url,source_kind,line_item,note\n")
	for _, c := range companies {
		id := ids[c.ticker[:4]]
		for i := 2; i <= 6; i++ { // 2025Q1 to 2026Q1
			end := date(quarters[i])
			q := fmt.Sprintf("%dQ%d", end.Year(), (int(end.Month())+2)/3)
			fy := fiscalStart(end, c.fyEnd).AddDate(1, 0, 0).Year()
			if c.fyEnd == time.December {
				fy = end.Year()
			}
			label := fmt.Sprintf("FY%dQ%d", fy, monthsBetween(fiscalStart(end, c.fyEnd), end.AddDate(0, 0, 1))/3)
			for _, s := range c.series {
				key := s.concept
				if s.seg {
					key += "/seg"
				}
				m, ok := metrics[key]
				if !ok || (m[0] != "" && m[0] != id) {
					continue
				}
				value := fmt.Sprint(s.values[i])
				switch {
				case id == "amazon" && m[1] == "depreciation_amortization" && q == "2026Q1":
					value = "" // a gap the filing fills
				case id == "alphabet" && m[1] == "operating_income" && q == "2026Q1":
					value = "39700" // disagrees with the filing's 39650
				}
				precision := "0"
				if value == "" {
					precision = ""
				}
				fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,reported,https://example.com/%s/%s,release,%s,fixture\n", id, q, label, m[1], value, precision, id, q, s.concept)
			}
		}
	}
	dir := filepath.Join("testdata", "dataset")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	providers := "id,name,ticker,cloud_segment,fiscal_year_end_month,capex_line_item\n" +
		"amazon,Amazon,AMZN,AWS,12,Purchases of property and equipment\n" +
		"microsoft,Microsoft,MSFT,Intelligent Cloud,6,Additions to property and equipment\n" +
		"alphabet,Alphabet,GOOGL,Google Cloud,12,Purchases of property and equipment\n"
	if err := os.WriteFile(filepath.Join(dir, "providers.csv"), []byte(providers), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "quarterly.csv"), []byte(b.String()), 0o644)
}
