package edgar

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
)

// companyConceptVariable names a directory of SEC companyconcept JSON
// documents ({amazon,microsoft,alphabet}_{capex,ocf}.json); see
// testdata/README.md for where to find copies.
const companyConceptVariable = "AICAPEX_COMPANYCONCEPT_DIR"

// companyConcept is data.sec.gov's /api/xbrl/companyconcept document: one
// concept's facts, each with the accession number of its filing.
type companyConcept struct {
	Taxonomy string `json:"taxonomy"`
	Tag      string `json:"tag"`
	Units    map[string][]struct {
		Start string  `json:"start"`
		End   string  `json:"end"`
		Val   float64 `json:"val"`
		Accn  string  `json:"accn"`
		Form  string  `json:"form"`
		Filed string  `json:"filed"`
	} `json:"units"`
}

// documentsFromConcepts rebuilds each 10-Q and 10-K as the facts of the
// given concepts it tagged; its period is the latest end among them.
func documentsFromConcepts(t *testing.T, cik int, paths ...string) []Document {
	t.Helper()
	byAccn := map[string]*Document{}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var cc companyConcept
		if err := json.Unmarshal(b, &cc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, f := range cc.Units["USD"] {
			if f.Form != "10-Q" && f.Form != "10-K" {
				continue
			}
			doc := byAccn[f.Accn]
			if doc == nil {
				filed, err := time.Parse(time.DateOnly, f.Filed)
				if err != nil {
					t.Fatal(err)
				}
				doc = &Document{Filing: Filing{CIK: cik, Accession: f.Accn, Form: f.Form, Filed: filed}, Instance: &Instance{}}
				byAccn[f.Accn] = doc
			}
			start, err1 := time.Parse(time.DateOnly, f.Start)
			end, err2 := time.Parse(time.DateOnly, f.End)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %s %s", path, f.Start, f.End)
			}
			doc.Instance.Facts = append(doc.Instance.Facts, Fact{Concept: QName{usGAAPStem + "2024", cc.Tag},
				Period: Period{Start: start, End: end}, USD: true, Value: f.Val})
			if end.After(doc.Instance.PeriodEnd) {
				doc.Instance.PeriodEnd, doc.Filing.Period = end, end
			}
		}
	}
	var docs []Document
	for _, d := range byAccn {
		docs = append(docs, *d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Instance.PeriodEnd.Before(docs[j].Instance.PeriodEnd) })
	return docs
}

// TestCompanyConceptsReproduceBundledFigures reads every 10-Q and 10-K of
// 2019-2026Q1 as update would, from SEC's companyconcept copies of their
// facts, and sets the quarters against the bundled capex and operating
// cash flow. Where both come from the same filings they must agree to the
// million.
func TestCompanyConceptsReproduceBundledFigures(t *testing.T) {
	dir := os.Getenv(companyConceptVariable)
	if dir == "" {
		t.Skipf("set %s to a directory of companyconcept JSON (see testdata/README.md)", companyConceptVariable)
	}
	d, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	from, to := data.NewQuarter(2019, 1), data.NewQuarter(2026, 1)
	for _, c := range Companies {
		p, _ := d.Provider(c.Provider)
		docs := documentsFromConcepts(t, c.CIK, filepath.Join(dir, c.Provider+"_capex.json"), filepath.Join(dir, c.Provider+"_ocf.json"))
		read := map[data.Quarter]map[data.Metric]data.Figure{}
		for i, doc := range docs {
			var prev *Document
			want := quarterStart(doc.Instance.PeriodEnd).AddDate(0, 0, -1)
			for j := i - 1; j >= 0; j-- {
				if docs[j].Instance.PeriodEnd.Equal(want) {
					prev = &docs[j]
					break
				}
			}
			if FiscalQuarterNumber(doc.Instance.PeriodEnd, p.FYEndMonth) == 1 {
				prev = nil
			}
			r, err := Figures(c, p, doc, prev)
			if err != nil {
				continue
			}
			for _, f := range r.Own {
				if read[f.Quarter] == nil {
					read[f.Quarter] = map[data.Metric]data.Figure{}
				}
				read[f.Quarter][f.Metric] = f // a later filing for the same quarter (an amendment) wins
			}
		}
		var agree, differ, exactOnly int
		for q := from; !to.Before(q); q = q.Next() {
			for _, m := range []data.Metric{data.Capex, data.OperatingCashFlow} {
				b, ok := d.Figure(c.Provider, m, q)
				f, got := read[q][m]
				switch {
				case !got:
					t.Errorf("%s %s %s: not derived from the filings", c.Provider, q, m)
				case !ok || b.Missing:
					t.Logf("%s %s %s: %v from %s; bundled has none", c.Provider, q, m, f.Value, f.Source.Note)
				case b.Value == f.Value:
					agree++
				case b.Precision > 0 && max(b.Value-f.Value, f.Value-b.Value) <= b.Precision:
					exactOnly++
				default:
					differ++
					msg := fmt.Sprintf("%s %s %s: filings give %v (%s), bundled %v (%s, %s)", c.Provider, q, m, f.Value, f.Source.Note,
						b.Value, b.Source.URL, b.Basis)
					if sameFilings(b, f) {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
			}
		}
		t.Logf("%s: %d quarters agree to the million, %d within a bundled $B figure's precision, %d differ", c.Provider, agree, exactOnly, differ)
	}
}

// sameFilings reports whether a bundled figure was read from the SEC's
// facts of the filings the derived one comes from: a copy of those facts,
// or a note naming the accession.
func sameFilings(bundled, derived data.Figure) bool {
	if strings.Contains(bundled.Source.URL, "/raw/edgar/") {
		return true
	}
	for _, w := range strings.Fields(derived.Source.Note) {
		w = strings.Trim(w, "(),")
		if strings.Count(w, "-") == 2 && len(w) == 20 && strings.Contains(bundled.Source.Note, w) {
			return true
		}
	}
	return slices.Contains([]string{"10-Q", "10-K"}, bundled.Source.Kind)
}
