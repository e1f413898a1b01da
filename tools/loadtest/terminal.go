package main

import (
	"bytes"
	"slices"
)

// The replies a terminal gives to the queries a Bubble Tea server may send.
// Dark background: what a default xterm says.
const (
	backgroundReply = "\x1b]11;rgb:0000/0000/0000\x1b\\"
	cursorReply     = "\x1b[1;1R"
	// deviceReply is xterm's primary device attributes (VT220 with ANSI
	// colour). wish's MakeRenderer sends DA1 after OSC 11 and waits for it
	// as the end of the answer: without it, every session waits 1 s.
	deviceReply = "\x1b[?62;22c"
)

// queries are what the client answers, as a real terminal does.
var queries = []struct{ ask, reply string }{
	{"\x1b]11;?\x07", backgroundReply},
	{"\x1b]11;?\x1b\\", backgroundReply},
	{"\x1b[6n", cursorReply},
	{"\x1b[c", deviceReply},
	{"\x1b[0c", deviceReply},
}

// scanner finds patterns in a stream read in pieces: a pattern split
// across two reads is found once, in the read that completes it.
type scanner struct {
	pats    []string
	longest int
	tail    []byte // the last longest-1 bytes seen
	buf     []byte // tail + the current read, reused
	hits    []hit  // reused
}

type hit struct{ at, pat int }

func newScanner(pats ...string) *scanner {
	s := &scanner{pats: pats}
	for _, p := range pats {
		s.longest = max(s.longest, len(p))
	}
	return s
}

// feed returns the indexes in s.pats of the patterns completed by p, in
// the order they occur, appended to found.
func (s *scanner) feed(p []byte, found []int) []int {
	s.buf = append(append(s.buf[:0], s.tail...), p...)
	s.hits = s.hits[:0]
	for i, pat := range s.pats {
		// Only matches that end in p: the rest were found last time.
		from := max(0, len(s.tail)-len(pat)+1)
		for {
			j := bytes.Index(s.buf[from:], []byte(pat))
			if j < 0 {
				break
			}
			s.hits = append(s.hits, hit{from + j, i})
			from += j + len(pat)
		}
	}
	slices.SortFunc(s.hits, func(a, b hit) int { return a.at - b.at })
	for _, h := range s.hits {
		found = append(found, h.pat)
	}
	keep := min(len(s.buf), s.longest-1)
	s.tail = append(s.tail[:0], s.buf[len(s.buf)-keep:]...)
	return found
}

// terminal is what a session's client sees: it answers queries and
// notices the marker of a full frame.
type terminal struct {
	scan    *scanner
	found   []int
	replies []byte
}

func newTerminal(marker string) *terminal {
	pats := make([]string, 0, len(queries)+1)
	for _, q := range queries {
		pats = append(pats, q.ask)
	}
	return &terminal{scan: newScanner(append(pats, marker)...)}
}

// read takes output and returns what the terminal writes back (valid until
// the next call) and whether the output held the marker.
func (t *terminal) read(p []byte) (reply []byte, marker bool) {
	t.found = t.scan.feed(p, t.found[:0])
	t.replies = t.replies[:0]
	for _, i := range t.found {
		if i == len(queries) {
			marker = true
			continue
		}
		t.replies = append(t.replies, queries[i].reply...)
	}
	return t.replies, marker
}
