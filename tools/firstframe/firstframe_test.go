package main

import (
	"bytes"
	"context"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aicapex/aicapex/tools/internal/termreply"
)

// TestFirstFrameSilentTerminal builds aicapex and the floor and checks that
// each draws its first frame in a pty that answers nothing, and that
// aicapex asks that terminal nothing (a question it would wait on). Speed
// is reported, not asserted: a frame only has to come within 10 s. (The
// floor, plain Bubble Tea v1, waits 5 s for a background answer; the two
// binaries run side by side to stay well under 30 s.)
func TestFirstFrameSilentTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two binaries and runs them in a pty")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go toolchain to build the binaries:", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bins, err := buildBoth(ctx, t.TempDir())
	if err != nil {
		if ctx.Err() != nil {
			t.Skip("building took too long:", err)
		}
		t.Fatal(err)
	}

	var cases []benchCase
	for _, c := range allCases() {
		if c.Terminal == "silent" && len(c.Args) == 0 {
			cases = append(cases, c)
		}
	}
	if len(cases) != 2 {
		t.Fatalf("want the silent case of aicapex and of the floor, got %d cases", len(cases))
	}

	results := make([]caseResult, len(cases))
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = measure(config{
				N: 2, FrameTimeout: 10 * time.Second, ExitTimeout: 3 * time.Second,
				Bins: bins, Cases: []benchCase{c},
			})[0]
		}()
	}
	wg.Wait()

	for _, cr := range results {
		for i, r := range cr.Runs {
			t.Logf("%s run %d: %s", cr.Case.Name, i+1, describe(r))
			if r.Err != nil || !r.Framed {
				t.Errorf("%s run %d: no first frame within 10 s: %s", cr.Case.Name, i+1, describe(r))
			}
			if strings.HasPrefix(cr.Case.Name, "aicapex") && len(r.Queries) > 0 {
				t.Errorf("%s run %d asked a silent terminal %q", cr.Case.Name, i+1, r.Queries)
			}
		}
	}
	var b bytes.Buffer
	report(&b, config{}, results)
	t.Logf("\n%s", b.String())
}

// TestQueriesSplitAcrossReads checks that a query cut between two reads is
// answered once, in order, and that markers are found through escapes.
func TestQueriesSplitAcrossReads(t *testing.T) {
	var replies bytes.Buffer
	r := newReader(&fakeTTY{w: &replies}, []string{"Amazon", "Alphabet"}, true)
	chunks := []string{
		"\x1b]11;?\x1b", "\\\x1b[", "6n\x1b[c",
		"\x1b[1mAma", "\x1b[0mzon \x1b[38;5;39mAlph\x1b[0mabet",
	}
	framed := false
	for _, c := range chunks {
		r.out = append(r.out, c...)
		r.scanQueries([]byte(c))
		framed = framed || r.hasMarkers()
	}
	if !framed {
		t.Error("markers split by escapes were not found")
	}
	want := []string{"\x1b]11;?\x1b\\", "\x1b[6n", "\x1b[c"}
	if !slices.Equal(r.seen, want) {
		t.Errorf("queries seen %q, want %q", r.seen, want)
	}
	if got, wantReply := replies.String(), termreply.BackgroundReply+termreply.CursorReply+termreply.DeviceReply; got != wantReply {
		t.Errorf("replies %q, want %q", got, wantReply)
	}

	silent := newReader(&fakeTTY{w: &replies}, nil, false)
	replies.Reset()
	silent.out = append(silent.out, strings.Join(chunks, "")...)
	silent.scanQueries(silent.out)
	if replies.Len() != 0 || len(silent.seen) != 3 {
		t.Errorf("silent terminal replied %q, saw %q", replies.String(), silent.seen)
	}
}

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var ds []time.Duration
		for _, n := range ns {
			ds = append(ds, time.Duration(n)*time.Millisecond)
		}
		return ds
	}
	runs := []runResult{}
	for _, d := range ms(50, 10, 40, 30, 20, 60, 70, 80, 90, 100) {
		runs = append(runs, runResult{Frame: d, Framed: true})
	}
	runs = append(runs, runResult{Frame: time.Hour}) // no frame: not counted
	s := summarize(runs)
	if s.N != 11 || s.Framed != 10 || s.P50 != 50*time.Millisecond || s.P90 != 90*time.Millisecond || s.Max != 100*time.Millisecond {
		t.Errorf("summarize = %+v", s)
	}
	if p := percentile(ms(7), 90); p != 7*time.Millisecond {
		t.Errorf("percentile of one = %v", p)
	}
}

type fakeTTY struct{ w *bytes.Buffer }

func (f *fakeTTY) Read([]byte) (int, error)    { return 0, nil }
func (f *fakeTTY) Write(p []byte) (int, error) { return f.w.Write(p) }
