package edgar

import (
	"os"
	"strings"
	"testing"
	"time"
)

func parseFile(t *testing.T, path string) *Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := ParseInstance(f)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

const (
	alphabetQ2 = "testdata/edgar/Archives/edgar/data/1652044/000165204426000071/goog-20260630_htm.xml"
	msftFY26   = "testdata/edgar/Archives/edgar/data/789019/000095017026000095/msft-20260630_htm.xml"
)

func TestParseInstanceResolvesNamespacesNotPrefixes(t *testing.T) {
	// This filing names us-gaap "gaap", its own namespace "alpha", the
	// instance namespace "x" and xbrldi "dim".
	inst := parseFile(t, alphabetQ2)
	if want := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC); !inst.PeriodEnd.Equal(want) || inst.DocumentType != "10-Q" {
		t.Fatalf("period %v, type %q", inst.PeriodEnd, inst.DocumentType)
	}
	var seg, eps, typed int
	for _, f := range inst.Facts {
		if !isUSGAAP(f.Concept) {
			t.Errorf("fact %s: only us-gaap facts are numeric here", f.Concept)
		}
		if f.Concept.Local == "EarningsPerShareDiluted" {
			eps++
			if f.USD {
				t.Error("USD per share is not USD")
			}
		}
		if f.Typed {
			typed++
		}
		for axis, member := range f.Dims {
			if axis == (QName{"http://fasb.org/us-gaap/2025", "StatementBusinessSegmentsAxis"}) &&
				member == (QName{"http://www.google.com/20260630", "GoogleCloudMember"}) {
				seg++
			}
		}
		if f.Concept.Local == "IncomeTaxesPaidNet" {
			t.Error("a nil fact was read")
		}
	}
	if seg == 0 || eps != 1 || typed != 1 {
		t.Errorf("segment facts %d, EPS facts %d, typed %d", seg, eps, typed)
	}
}

func TestParseInstanceErrors(t *testing.T) {
	whole, err := os.ReadFile(msftFY26)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, doc, want string }{
		{"truncated", string(whole[:len(whole)/2]), "malformed XML"},
		{"empty", "", "malformed XML: no document element"},
		{"HTML error page", "<html><body>Not Found</body></html>", "not an XBRL instance"},
		{"no period", `<xbrl xmlns="http://www.xbrl.org/2003/instance"></xbrl>`, "no dei:DocumentPeriodEndDate"},
		{"bad date", `<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:dei="http://xbrl.sec.gov/dei/2025">` +
			`<context id="c"><entity/><period><instant>2026-06-30</instant></period></context>` +
			`<dei:DocumentPeriodEndDate contextRef="c">June 30, 2026</dei:DocumentPeriodEndDate></xbrl>`, "is not a date"},
		{"undefined context", `<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:g="http://fasb.org/us-gaap/2025">` +
			`<g:Revenues contextRef="nowhere" unitRef="usd">1</g:Revenues></xbrl>`, "context \"nowhere\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseInstance(strings.NewReader(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
