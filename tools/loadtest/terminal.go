package main

import "github.com/aicapex/aicapex/tools/internal/termreply"

// terminal is what a session's client sees: it answers queries and
// notices the marker of a full frame.
type terminal struct {
	scan    *termreply.Scanner
	found   []int
	replies []byte
}

func newTerminal(marker string) *terminal {
	return &terminal{scan: termreply.QueryScanner(marker)}
}

// read takes output and returns what the terminal writes back (valid until
// the next call) and whether the output held the marker.
func (t *terminal) read(p []byte) (reply []byte, marker bool) {
	t.found = t.scan.Feed(p, t.found[:0])
	t.replies = t.replies[:0]
	for _, i := range t.found {
		if i == len(termreply.Queries) {
			marker = true
			continue
		}
		t.replies = append(t.replies, termreply.Queries[i].Reply...)
	}
	return t.replies, marker
}
