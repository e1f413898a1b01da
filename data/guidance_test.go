package data

import (
	"testing"
	"time"
)

// Guidance as of a date is the latest statement made before it.
func TestGuidanceAsOf(t *testing.T) {
	d, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	date := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	if _, ok := d.GuidanceAsOf("alphabet", 2026, date("2026-02-04")); ok {
		t.Error("Alphabet's 2026 guidance came on 2026-02-04, not before")
	}
	if g, ok := d.GuidanceAsOf("alphabet", 2026, date("2026-04-01")); !ok || g.Low != 175_000 {
		t.Errorf("Alphabet 2026 as of April 2026 = %v, %v; want the February $175-185B", g, ok)
	}
	if g, ok := d.GuidanceAsOf("alphabet", 2026, date("2026-07-01")); !ok || g.Low != 180_000 {
		t.Errorf("Alphabet 2026 as of July 2026 = %v, %v; want the April $180-190B", g, ok)
	}
}
