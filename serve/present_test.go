package serve

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// presenterServer starts a server whose one presenter key it returns.
func presenterServer(t *testing.T, cfg Config) (*testServer, gossh.Signer) {
	t.Helper()
	presenter := newKey(t)
	cfg.PresenterKeys = filepath.Join(t.TempDir(), "presenters")
	if err := os.WriteFile(cfg.PresenterKeys, gossh.MarshalAuthorizedKey(presenter.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	return start(t, cfg), presenter
}

// dialAs connects with key, closing the connection when the test ends.
func dialAs(t *testing.T, addr string, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := dialWith(addr, nil, gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() }) // closed already when the test closed it
	return c
}

// A presenter drives the talk; followers, even late ones, show its slide.
func TestPresentFollow(t *testing.T) {
	s, presenter := presenterServer(t, Config{})
	lead := startTerminal(t, dialAs(t, s.addr, presenter), nil, "present")
	f1 := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	f2 := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	for _, tm := range []*terminal{lead, f1, f2} {
		tm.out.waitFor(t, 0, "1/6")
	}
	lead.out.waitFor(t, 0, "presenting to 2 following")
	f1.out.waitFor(t, 0, "following the speaker")

	marks := []int{len(f1.out.String()), len(f2.out.String())}
	lead.send(t, " ")
	f1.out.waitFor(t, marks[0], "2/6")
	f2.out.waitFor(t, marks[1], "2/6")

	late := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	late.out.waitFor(t, 0, "2/6")

	// A follower may wander off and come back to the speaker's slide.
	mark := len(f1.out.String())
	f1.send(t, "e ")
	f1.out.waitFor(t, mark, "3/6", "exploring")
	mark = len(f1.out.String())
	f1.send(t, "f")
	f1.out.waitFor(t, mark, "2/6", "following the speaker")

	for _, tm := range []*terminal{lead, f1, f2, late} {
		tm.send(t, "q")
		if err := tm.wait(t); err != nil {
			t.Errorf("after q: %v", err)
		}
	}
}

func TestFollowWithoutPresenter(t *testing.T) {
	s := start(t, Config{})
	tm := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	err := tm.wait(t)
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 2 {
		t.Errorf("exit = %v", err)
	}
	if out := tm.out.String(); !strings.Contains(out, "no presenter") {
		t.Errorf("output = %q", out)
	}
}

// Followers see that the presenter left, however the presenter's session
// ended, and explore meanwhile; when a presenter returns, they follow
// again, and the presenter takes the talk up where it was.
func TestPresenterLeavesAndReturns(t *testing.T) {
	s, presenter := presenterServer(t, Config{})
	pc := dialAs(t, s.addr, presenter)
	lead := startTerminal(t, pc, nil, "present")
	f := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	f.out.waitFor(t, 0, "following the speaker")
	lead.out.waitFor(t, 0, "presenting to 1 following")

	mark := len(f.out.String())
	lead.send(t, "  ")
	f.out.waitFor(t, mark, "3/6")

	// The presenter's connection drops without a word.
	mark = len(f.out.String())
	if err := pc.Close(); err != nil {
		t.Fatal(err)
	}
	f.out.waitFor(t, mark, "presenter left")
	mark = len(f.out.String())
	f.send(t, "\x1b[6~") // PageDown: the follower explores on their own
	f.out.waitFor(t, mark, "4/6", "presenter left")

	// A presenter returns, at the talk's slide, and the follower with them.
	mark = len(f.out.String())
	lead = startTerminal(t, dialAs(t, s.addr, presenter), nil, "present")
	lead.out.waitFor(t, 0, "3/6", "presenting")
	f.out.waitFor(t, mark, "3/6", "following the speaker")

	// Quitting is leaving too.
	mark = len(f.out.String())
	lead.send(t, "q")
	if err := lead.wait(t); err != nil {
		t.Errorf("presenter after q: %v", err)
	}
	f.out.waitFor(t, mark, "presenter left")

	// Before any presenter, a follower is told there is none yet.
	s2, _ := presenterServer(t, Config{})
	early := startTerminal(t, dial(t, s2.addr), nil, "present --follow")
	early.out.waitFor(t, 0, "no presenter yet")

	for _, tm := range []*terminal{f, early} {
		tm.send(t, "q")
		if err := tm.wait(t); err != nil {
			t.Errorf("after q: %v", err)
		}
	}
}

// The presenter's key may open the speaker's notes beside the talk: they
// follow it with the slide's notes, the next slide's title, the counter and
// the clock. Nobody else sees them.
func TestNotesOverSSH(t *testing.T) {
	s, presenter := presenterServer(t, Config{})
	notes := startTerminal(t, dialAs(t, s.addr, presenter), nil, "present --notes")
	notes.out.waitFor(t, 0, "waiting for the talk to start", "1/6", "Next, 2/6: Four quarters of capex")

	mark := len(notes.out.String())
	lead := startTerminal(t, dialAs(t, s.addr, presenter), nil, "present")
	lead.out.waitFor(t, 0, "1/6")
	notes.out.waitFor(t, mark, "following the talk", "00:0")

	mark = len(notes.out.String())
	lead.send(t, " ")
	notes.out.waitFor(t, mark, "2/6", "Four quarters of capex", "Together the three spent", "Next, 3/6")
	if out := lead.out.String(); strings.Contains(out, "Together the three spent") {
		t.Error("the notes showed on the talk's own screen")
	}

	mark = len(notes.out.String())
	lead.send(t, "q")
	if err := lead.wait(t); err != nil {
		t.Errorf("presenter after q: %v", err)
	}
	notes.out.waitFor(t, mark, "the presenter left")

	other := startTerminal(t, dial(t, s.addr), nil, "present --notes")
	err := other.wait(t)
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 2 || !strings.Contains(other.out.String(), "presenter's key") {
		t.Errorf("notes for another key: %v, %q", err, other.out.String())
	}

	notes.send(t, "q")
	if err := notes.wait(t); err != nil {
		t.Errorf("notes after q: %v", err)
	}
}
