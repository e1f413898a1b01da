package serve

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// A presenter drives the talk; followers, even late ones, show its slide.
func TestPresentFollow(t *testing.T) {
	presenter := newKey(t)
	keys := filepath.Join(t.TempDir(), "presenters")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(presenter.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, Config{PresenterKeys: keys})
	pc, err := dialWith(s.addr, nil, gossh.PublicKeys(presenter))
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()

	lead := startTerminal(t, pc, nil, "present")
	f1 := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	f2 := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	for _, tm := range []*terminal{lead, f1, f2} {
		tm.out.waitFor(t, 0, "1/6")
	}
	lead.out.waitFor(t, 0, "presenting to followers")
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
