// Package termreply lets the measuring tools play a real terminal: it finds
// the queries a program writes (background colour, cursor position, device
// attributes) in output read in pieces, and gives the replies an xterm
// would. Without replies, Bubble Tea programs that ask wait for a timeout.
package termreply

import (
	"bytes"
	"slices"
)

// The replies of a default, dark xterm.
const (
	BackgroundReply = "\x1b]11;rgb:0000/0000/0000\x1b\\"
	CursorReply     = "\x1b[1;1R"
	// DeviceReply is xterm's primary device attributes (VT220 with ANSI
	// colour). wish's MakeRenderer sends DA1 after OSC 11 and takes its
	// answer as the end of the reply: without it, each session waits 1 s.
	DeviceReply = "\x1b[?62;22c"
)

// Query is something a program asks the terminal, and the answer.
type Query struct{ Ask, Reply string }

// Queries are the ones Bubble Tea, Lip Gloss and wish send.
var Queries = []Query{
	{"\x1b]11;?\x07", BackgroundReply},
	{"\x1b]11;?\x1b\\", BackgroundReply},
	{"\x1b[6n", CursorReply},
	{"\x1b[c", DeviceReply},
	{"\x1b[0c", DeviceReply},
}

// Scanner finds patterns in a stream read in pieces: a pattern split
// across two reads is found once, in the read that completes it.
type Scanner struct {
	pats    []string
	longest int
	tail    []byte // the last longest-1 bytes seen
	buf     []byte // tail + the current read, reused
	hits    []hit  // reused
}

type hit struct{ at, pat int }

// NewScanner looks for pats.
func NewScanner(pats ...string) *Scanner {
	s := &Scanner{pats: pats}
	for _, p := range pats {
		s.longest = max(s.longest, len(p))
	}
	return s
}

// QueryScanner looks for Queries, then for extra patterns (frame markers,
// say), whose indexes follow the queries'.
func QueryScanner(extra ...string) *Scanner {
	pats := make([]string, 0, len(Queries)+len(extra))
	for _, q := range Queries {
		pats = append(pats, q.Ask)
	}
	return NewScanner(append(pats, extra...)...)
}

// Feed returns the indexes of the patterns completed by p, in the order
// they occur, appended to found.
func (s *Scanner) Feed(p []byte, found []int) []int {
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
