package serve

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/log"
)

// New figures reach the sessions that start after them; a session that
// was running keeps going.
func TestReloadReachesNewSessions(t *testing.T) {
	four, err := data.LoadDir(os.DirFS("../data/testdata/four"), "four")
	if err != nil {
		t.Fatal(err)
	}
	reload := make(chan *data.Dataset)
	s := start(t, Config{Reload: reload})
	c := dial(t, s.addr)
	if out, _, _ := runCommand(t, c, "data"); strings.Contains(out, "meta,") {
		t.Fatal("the fixture's provider is in the bundled data")
	}
	tm := openTerminal(t, c, nil)
	tm.out.waitFor(t, 0, "Amazon")

	reload <- four
	s.logs.waitFor(t, 0, "reloaded the figures")
	if out, _, status := runCommand(t, c, "data"); status != 0 || !strings.Contains(out, "meta,") {
		t.Errorf("a session after the reload: status %d, no Meta rows in %q", status, tail(out, 200))
	}
	mark := len(tm.out.String())
	tm.send(t, "2")
	tm.out.waitFor(t, mark, "Cloud")
	tm.send(t, "q")
	if err := tm.wait(t); err != nil {
		t.Errorf("the session running through the reload: %v", err)
	}
}

// SIGHUP loads the figures again; a failed load is reported and skipped.
func TestReloadOnHangup(t *testing.T) {
	d := dataset(t)
	var calls atomic.Int32
	load := func() (*data.Dataset, error) {
		if calls.Add(1) == 1 {
			return nil, errors.New("quarterly.csv:3: broken")
		}
		return d, nil
	}
	var logs bytes.Buffer
	l := log.New(&logs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := reloadOnHangup(ctx, load, l)
	for i := range int32(2) {
		if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		// One signal at a time: a second one pending would merge with it.
		for end := time.Now().Add(deadline); calls.Load() <= i; time.Sleep(time.Millisecond) {
			if time.Now().After(end) {
				t.Fatalf("SIGHUP %d did not load the figures", i+1)
			}
		}
	}
	select {
	case next := <-got:
		if next != d {
			t.Error("reload sent another dataset than the one loaded")
		}
	case <-time.After(deadline):
		t.Fatalf("no dataset after two SIGHUPs; %d loads", calls.Load())
	}
	if !strings.Contains(logs.String(), "reload failed") || !strings.Contains(logs.String(), "broken") {
		t.Errorf("failed load not reported: %q", logs.String())
	}
}
