package data

import (
	"strings"
	"testing"
)

// The bundled figures are checked the way a reviewer would: they load
// cleanly, each one names its source, and the quarters add up to the 10-K.
func TestBundledData(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatalf("bundled data does not load:\n%v", err)
	}
	if got := strings.Join(d.ProviderIDs(), ","); got != "amazon,microsoft,alphabet" {
		t.Errorf("providers = %s", got)
	}
	if d.First() != NewQuarter(2019, 1) {
		t.Errorf("data starts at %v, want 2019Q1", d.First())
	}
	probs, checked, _ := d.Reconcile()
	for _, p := range probs {
		t.Error(p)
	}
	if checked < 10 {
		t.Errorf("only %d annual totals could be checked against their quarters", checked)
	}
	for _, f := range d.Figures() {
		if !f.Missing && !strings.HasPrefix(f.Source.URL, "http") {
			t.Errorf("%s:%d: %s %s %s has no source", f.Source.File, f.Source.Line, f.Provider, f.Quarter, f.Metric)
		}
	}
	// Every provider's capex is known for the quarter the dashboard opens on.
	if q, ok := d.LatestWith(Capex); !ok || q.Before(NewQuarter(2025, 1)) {
		t.Errorf("latest quarter with capex for all = %v, %v", q, ok)
	}
}

// No growth or trailing sum of the bundled figures compares figures on
// either side of a definition change: where one is given, figures on a
// single definition epoch account for it.
func TestBundledComparisonsOnOneBasis(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	both := func(p string, m Metric, q Quarter) []Figure {
		var fs []Figure
		for _, get := range []func(string, Metric, Quarter) (Figure, bool){d.Figure, d.Alternate} {
			if f, ok := get(p, m, q); ok && !f.Missing {
				fs = append(fs, f)
			}
		}
		return fs
	}
	for _, p := range d.ProviderIDs() {
		for _, m := range Metrics {
			for _, q := range d.Quarters() {
				for _, lag := range []int{1, 4} {
					g, ok := d.Growth(p, m, q, lag)
					if !ok {
						continue
					}
					found := false
					for _, a := range both(p, m, q.Add(-lag)) {
						for _, b := range both(p, m, q) {
							found = found || (a.Epoch == b.Epoch && near(float64(b.Value)/float64(a.Value)-1, g))
						}
					}
					if !found {
						t.Errorf("%s %s %s growth on %d quarters before, %v, is not on one definition", p, m, q, lag, g)
					}
				}
				v, ok := d.TTM(p, m, q)
				if !ok {
					continue
				}
				epochs := map[int]USDMillions{}
				counts := map[int]int{}
				for _, r := range quarterRange(q.Add(-3), q) {
					for _, f := range both(p, m, r) {
						epochs[f.Epoch] += f.Value
						counts[f.Epoch]++
					}
				}
				found := false
				for e, sum := range epochs {
					found = found || (counts[e] == 4 && sum == v)
				}
				if !found {
					t.Errorf("%s %s TTM to %s, %v, is not on one definition", p, m, q, v)
				}
			}
		}
	}
}
