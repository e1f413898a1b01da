package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aicapex/aicapex/tools/internal/termreply"
)

// TestMain lets the test binary be the servers' child process too.
func TestMain(m *testing.M) {
	if kind := os.Getenv(serverEnv); kind != "" {
		os.Exit(serveChild(kind))
	}
	os.Exit(m.Run())
}

func TestTerminalAnswers(t *testing.T) {
	term := newTerminal("Amazon")
	reply, marker := term.read([]byte("\x1b]11;?\x1b\\\x1b["))
	if string(reply) != termreply.BackgroundReply || marker {
		t.Errorf("OSC 11: reply %q, marker %v", reply, marker)
	}
	reply, marker = term.read([]byte("c\x1b]11;?\x07Ama"))
	if want := termreply.DeviceReply + termreply.BackgroundReply; string(reply) != want || marker {
		t.Errorf("DA1 split, OSC 11 with BEL: reply %q, want %q; marker %v", reply, want, marker)
	}
	reply, marker = term.read([]byte("zon\x1b[6n"))
	if string(reply) != termreply.CursorReply || !marker {
		t.Errorf("split marker, CPR: reply %q, marker %v", reply, marker)
	}
}

// TestRun runs the whole benchmark, small.
func TestRun(t *testing.T) {
	results, err := run(context.Background(), config{
		counts:   []int{3},
		keys:     2,
		deadline: time.Now().Add(30 * time.Second),
		limit:    time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, r := range results {
		kinds = append(kinds, r.kind)
		if r.ok != 3 || r.errors() != 0 {
			t.Errorf("%s: %d of 3 sessions ok, %d errors: %v", r.kind, r.ok, r.errors(), r.errs.first)
		}
		if len(r.ttff) != 3 || len(r.keyLat) != 6 {
			t.Errorf("%s: %d first frames, %d key latencies; want 3, 6", r.kind, len(r.ttff), len(r.keyLat))
		}
		for _, d := range append(r.ttff, r.keyLat...) {
			if d <= 0 {
				t.Errorf("%s: a time of %s", r.kind, d)
			}
		}
		if r.idle.HeapInuse == 0 || r.clientIdle == 0 {
			t.Errorf("%s: no memory figures", r.kind)
		}
		if r.leaked != 0 {
			t.Errorf("%s: %d client goroutines left", r.kind, r.leaked)
		}
	}
	if !slices.Equal(kinds, []string{kindAicapex, kindFloor}) {
		t.Fatalf("results for %v", kinds)
	}
	var out strings.Builder
	if err := report(&out, results, 2); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"N=3 sessions", "key latency p99 (ms)", "aicapex/floor ratio"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
