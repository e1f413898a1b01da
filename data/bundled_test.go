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
