package data

import "time"

// GuidanceAsOf returns the latest statement with a dollar range for a
// provider's year made before t: what a reader knew then.
func (d *Dataset) GuidanceAsOf(provider string, year int, t time.Time) (Guidance, bool) {
	var best Guidance
	found := false
	for _, g := range d.guidance {
		if g.Provider == provider && g.Year == year && g.HasRange && g.Announced.Before(t) && (!found || !g.Announced.Before(best.Announced)) {
			best, found = g, true
		}
	}
	return best, found
}
