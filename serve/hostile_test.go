package serve

import (
	"bytes"
	"context"
	"errors"
	"math"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aicapex/aicapex/internal/attack"
	"github.com/aicapex/aicapex/ui"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// Each test here runs one attack from internal/attack against serve.Run
// and checks that the server lives, holds bounded memory, cuts the
// attacker off, and still gives an ordinary client its first frame.

// heap is the live heap after a collection: what the server (and the
// test's clients, which keep little) hold. It is the least of the readings
// over a second, so that a frame being drawn at one moment (garbage the
// next; a 500x200 frame under -race takes a while) is not counted as held.
func heap() uint64 {
	least := uint64(math.MaxUint64)
	for end := time.Now().Add(time.Second); time.Now().Before(end); {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		least = min(least, m.HeapAlloc)
	}
	return least
}

const mb = 1 << 20

// heldSince is how much more the heap holds than before.
func heldSince(before uint64) uint64 {
	now := heap()
	return now - min(before, now)
}

// cursorMove matches what moves the cursor in a stream of frames: line
// ends and CSI cursor positioning.
var cursorMove = regexp.MustCompile(`\r|\n|\x1b\[[0-9;?]*[A-HJKf]`)

// politeFirstFrame opens the dashboard as an ordinary client and waits for
// its first frame.
func politeFirstFrame(t *testing.T, addr string) {
	t.Helper()
	tm := openTerminal(t, dial(t, addr), nil)
	tm.out.waitFor(t, 0, "Amazon")
	tm.send(t, "q")
	if err := tm.wait(t); err != nil {
		t.Errorf("ordinary session: %v", err)
	}
}

// dialAttacker logs in as target, for the rest of the test.
func dialAttacker(t *testing.T, target attack.Target) *gossh.Client {
	t.Helper()
	c, err := target.Dial(attackFor(t, deadline))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// attackFor gives an attack a context that ends with the test or after d.
func attackFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestHugeTerminalIsRefusedOrClamped(t *testing.T) {
	s := start(t, Config{})
	target := attack.Target{Addr: s.addr}
	before := heap()

	// 65535x65535 and 10001 columns: refused outright.
	for _, size := range [][2]int{{65535, 65535}, {maxPtyCells + 1, 24}} {
		c, err := target.Dial(attackFor(t, deadline))
		if err != nil {
			t.Fatal(err)
		}
		granted, _, _, err := attack.Window(attackFor(t, time.Second), c, size[0], size[1])
		if err != nil || granted {
			t.Errorf("pty-req %dx%d: granted %v, err %v; want refused", size[0], size[1], granted, err)
		}
		_ = c.Close()
	}

	// 2000x1000 is granted and drawn at the clamp; resizing to 65535x65535
	// is refused, to 9000x9000 clamped. Three such sessions at once.
	type result struct {
		resized int
		out     []byte
		err     error
	}
	results := make(chan result, 3)
	for range 3 {
		go func() {
			c, err := target.Dial(attackFor(t, deadline))
			if err != nil {
				results <- result{err: err}
				return
			}
			defer c.Close()
			_, resized, out, err := attack.Window(attackFor(t, 6*time.Second), c, 2000, 1000, [2]int{65535, 65535}, [2]int{9000, 9000})
			results <- result{resized, out, err}
		}()
	}
	politeFirstFrame(t, s.addr)
	held := heldSince(before)
	t.Logf("three dashboards at the clamp: %d MB held", held/mb)
	for range 3 {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		if r.resized != 1 {
			t.Errorf("%d of 2 absurd resizes granted; want only 9000x9000", r.resized)
		}
		if !bytes.Contains(r.out, []byte("Amazon")) {
			t.Errorf("no dashboard drawn at the clamp; got %q", tail(string(r.out), 300))
		}
		// What is written between two moves of the cursor fits on one
		// line of the clamped screen.
		for i, run := range cursorMove.Split(string(r.out), -1) {
			if w := ansi.StringWidth(run); w > ui.MaxWidth {
				t.Errorf("run %d is %d columns wide; the clamp is %d", i, w, ui.MaxWidth)
				break
			}
		}
	}
	if held > 30*mb {
		t.Errorf("server holds %d MB for three dashboards at the clamp", held/mb)
	}
}

func TestEnvFloodIsCutOff(t *testing.T) {
	s := start(t, Config{})
	c := dialAttacker(t, attack.Target{Addr: s.addr})
	before := heap()
	accepted, closed, err := attack.EnvFlood(attackFor(t, deadline), c, 10_000, 30<<10)
	if err != nil {
		t.Fatal(err)
	}
	if accepted != 0 || !closed {
		t.Errorf("30 KB env requests: %d accepted, channel closed %v; want none accepted and the channel closed", accepted, closed)
	}
	accepted, closed, err = attack.EnvFlood(attackFor(t, deadline), c, 10_000, 100)
	if err != nil {
		t.Fatal(err)
	}
	if accepted != maxEnvRequests || !closed {
		t.Errorf("small env requests: %d accepted, channel closed %v; want %d and closed", accepted, closed, maxEnvRequests)
	}
	if held := heldSince(before); held > 20*mb {
		t.Errorf("server holds %d MB after the env flood", held/mb)
	}
	politeFirstFrame(t, s.addr)
}

func TestInputBeforeSessionIsBounded(t *testing.T) {
	s := start(t, Config{})
	c := dialAttacker(t, attack.Target{Addr: s.addr})
	before := heap()
	type result struct{ opened, closed int }
	done := make(chan result, 1)
	go func() {
		opened, closed := attack.HoldInput(attackFor(t, deadline), c, 500, 2<<20)
		done <- result{opened, closed}
	}()
	politeFirstFrame(t, s.addr)
	r := <-done
	if r.opened != maxChannelsPerConn {
		t.Errorf("%d channels opened on one connection; want %d", r.opened, maxChannelsPerConn)
	}
	if r.closed != r.opened {
		t.Errorf("%d of %d channels sending input before a session were cut off", r.closed, r.opened)
	}
	if held := heldSince(before); held > 20*mb {
		t.Errorf("server holds %d MB after the input flood", held/mb)
	}
}

func TestLongCommandIsRefusedBeforeParsing(t *testing.T) {
	s := start(t, Config{})
	c := dialAttacker(t, attack.Target{Addr: s.addr})
	for range 10 {
		if accepted, err := attack.LongCommand(attackFor(t, deadline), c, 200<<10); err != nil || accepted {
			t.Fatalf("200 KB command: accepted %v, err %v; want refused", accepted, err)
		}
	}
	// A command at the limit still runs (and is refused by the command
	// tree as unknown, which parses it).
	if accepted, err := attack.LongCommand(attackFor(t, deadline), c, maxCommandBytes-8); err != nil || !accepted {
		t.Errorf("command under the limit: accepted %v, err %v", accepted, err)
	}
	politeFirstFrame(t, s.addr)
}

// attacker is a second loopback address, so the per-address caps that
// stop it do not stop the ordinary client on 127.0.0.1.
func attacker(t *testing.T, addr string) attack.Target {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Skipf("no second loopback address here: %v", err)
	}
	_ = c.Close()
	return attack.Target{Addr: addr, From: "127.0.0.2"}
}

func TestSilentConnectionsAreCappedAndCutOff(t *testing.T) {
	s := start(t, Config{PerAddress: 20, MaxConnections: 60, LoginGrace: 300 * time.Millisecond})
	target := attacker(t, s.addr)
	ctx := attackFor(t, 3*time.Second)
	type result struct{ connected, closed int }
	done := make(chan result, 2)
	for _, banner := range []bool{false, true} {
		go func() {
			connected, closed := attack.Silent(ctx, target, 100, banner)
			done <- result{connected, closed}
		}()
	}
	// While the attack holds its 20 places, the server holds no more.
	end := time.Now().Add(deadline)
	for {
		total, from := s.server().conns.held("127.0.0.2")
		if from > 20 || total > 60 {
			t.Fatalf("server holds %d connections, %d from the attacker; caps are 60 and 20", total, from)
		}
		if from == 20 || time.Now().After(end) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	politeFirstFrame(t, s.addr)
	for range 2 {
		r := <-done
		if r.closed != r.connected {
			t.Errorf("%d of %d silent connections still open after the login grace", r.connected-r.closed, r.connected)
		}
	}
	// The client sees EOF as the server's Close closes the socket, a
	// moment before that Close gives the place back.
	for end := time.Now().Add(deadline); ; time.Sleep(5 * time.Millisecond) {
		_, from := s.server().conns.held("127.0.0.2")
		if from == 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("%d attacker connections still counted %s after they closed", from, deadline)
		}
	}
}

func TestTrickledHandshakeEndsAtLoginGrace(t *testing.T) {
	s := start(t, Config{LoginGrace: 300 * time.Millisecond, IdleTimeout: time.Minute})
	held, err := attack.Trickle(attackFor(t, deadline), attack.Target{Addr: s.addr}, 20*time.Millisecond)
	if err != nil {
		t.Fatalf("trickling client still connected after %s: %v", held, err)
	}
	politeFirstFrame(t, s.addr)
}

func TestLoggedInConnectionOutlivesLoginGrace(t *testing.T) {
	s := start(t, Config{LoginGrace: 200 * time.Millisecond})
	tm := openTerminal(t, dial(t, s.addr), nil)
	tm.out.waitFor(t, 0, "Amazon")
	time.Sleep(400 * time.Millisecond) // past the grace
	mark := len(tm.out.String())
	tm.send(t, "2")
	tm.out.waitFor(t, mark, "Cloud")
}

func TestUntouchedTalksIdleOut(t *testing.T) {
	s := start(t, Config{IdleTimeout: 500 * time.Millisecond})
	var talks []*terminal
	for range 5 {
		talks = append(talks, startTerminal(t, dial(t, s.addr), nil, "present"))
	}
	for _, tm := range talks {
		var exit *gossh.ExitError
		if err := tm.wait(t); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
			t.Errorf("untouched talk ended with %v; want exit status 1 after the idle timeout", err)
		}
		if out := tm.out.String(); !strings.Contains(out, "without a key pressed") {
			t.Errorf("no reason given: %q", tail(out, 200))
		}
	}
}

// A follower presses nothing while the presenter talks: the presenter's
// moves keep it connected, and it idles out once they stop.
func TestFollowerLivesWhileThePresenterMoves(t *testing.T) {
	presenter := newKey(t)
	keys := filepath.Join(t.TempDir(), "presenters")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(presenter.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, Config{PresenterKeys: keys, IdleTimeout: 600 * time.Millisecond})
	pc, err := dialWith(s.addr, nil, gossh.PublicKeys(presenter))
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	lead := startTerminal(t, pc, nil, "present")
	follower := startTerminal(t, dial(t, s.addr), nil, "present --follow")
	follower.out.waitFor(t, 0, "following the speaker")
	ended := make(chan error, 1)
	go func() { ended <- follower.sess.Wait() }()
	for i := range 8 { // 8 moves 200 ms apart: longer than the timeout
		select {
		case err := <-ended:
			t.Fatalf("follower ended after %d moves of the presenter: %v", i, err)
		case <-time.After(200 * time.Millisecond):
		}
		key := " "
		if i%2 == 1 {
			key = "\x1b[D" // back, so the talk never reaches its end
		}
		lead.send(t, key)
	}
	select {
	case err := <-ended:
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
			t.Errorf("follower ended with %v; want the idle timeout's exit status 1", err)
		}
	case <-time.After(deadline):
		t.Error("follower still connected after the presenter stopped moving")
	}
}

func TestClientStringsAreShortenedEscapedAndThrottled(t *testing.T) {
	s := start(t, Config{RatePerSecond: 0.001, Burst: 1})
	user := strings.Repeat("u", 100<<10) + "\nlevel=INFO msg=forged"
	c := dialAttacker(t, attack.Target{Addr: s.addr, User: user})
	for range 200 { // the first is let in, the rest refused
		ch, reqs, err := c.OpenChannel("session", nil)
		if err != nil {
			t.Fatal(err)
		}
		go gossh.DiscardRequests(reqs)
		if _, err := ch.SendRequest("exec", true, gossh.Marshal(struct{ Command string }{"data\nforged line"})); err != nil {
			t.Fatal(err)
		}
		_, _ = ch.Read(make([]byte, 1))
		_ = ch.Close()
	}
	logs := s.logs.String()
	if strings.Contains(logs, "\nlevel=INFO msg=forged") || strings.Contains(logs, "\nforged line") {
		t.Error("a newline in a client string forged a log line")
	}
	if n := len(logs); n > 20<<10 {
		t.Errorf("log grew by %d bytes for 200 sessions with a 100 KB user name", n)
	}
	if n := strings.Count(logs, "refused"); n < 1 || n > 2 {
		t.Errorf("%d refusal lines for 199 refusals within the throttle interval; want one", n)
	}
	if !strings.Contains(logs, "suppressed") && strings.Count(logs, "refused") > 1 {
		t.Error("refusals after the first are neither logged nor counted")
	}
}

func TestFailedLoginsAreLogged(t *testing.T) {
	allowed := newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, gossh.MarshalAuthorizedKey(allowed.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, Config{AuthorizedKeys: path})
	if _, err := (attack.Target{Addr: s.addr, User: "mallory\r\nx"}).Dial(attackFor(t, deadline)); err == nil {
		t.Fatal("an unknown key was let in")
	}
	logs := s.logs.waitFor(t, 0, "login failed")
	for _, want := range []string{"method=publickey", `user=mallory\r\nx`, "remote-addr=127.0.0.1:"} {
		if !strings.Contains(logs, want) {
			t.Errorf("failed login logged without %s:\n%s", want, logs)
		}
	}
}

func TestCopyAndFramesShareOneWriter(t *testing.T) {
	// Under -race, the OSC 52 copy of a citation (s) and the frames drawn
	// meanwhile must not write the channel from two goroutines.
	s := start(t, Config{})
	tm := openTerminal(t, dial(t, s.addr), nil)
	tm.out.waitFor(t, 0, "Amazon")
	for range 10 {
		tm.send(t, "s")
		tm.send(t, "\x1b")
		tm.send(t, "\x1b[D")
	}
	tm.out.waitFor(t, 0, "\x1b]52;c;")
	tm.send(t, "q")
	if err := tm.wait(t); err != nil {
		t.Fatal(err)
	}
}

func TestHostKeyFilesThatAreNotKeys(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	open := filepath.Join(dir, "open_key")
	if err := os.WriteFile(open, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o777); err != nil { // past the umask
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo:                             "not a regular file",
		"/dev/zero":                      "not a regular file",
		open:                             "open to others (mode 0644)",
		filepath.Join(shared, "hostkey"): "writable by anyone",
	} {
		done := make(chan error, 1)
		go func() {
			done <- Run(context.Background(), Config{Listen: freeAddr(t), HostKeyPath: path, Logger: log.New(new(bytes.Buffer))}, dataset(t))
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("host key %s: %v; want an error saying %q", path, err, want)
			}
		case <-time.After(deadline):
			t.Fatalf("host key %s: Run still starting after %s", path, deadline)
		}
	}
	if _, err := os.Stat(filepath.Join(shared, "hostkey")); err == nil {
		t.Error("a key was generated in a world-writable directory")
	}
}

func TestStoppedWhileStarting(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	addr := freeAddr(t)
	err := Run(ctx, Config{Listen: addr, HostKeyPath: filepath.Join(t.TempDir(), "k"), Logger: log.New(new(bytes.Buffer))}, dataset(t))
	if err != nil {
		t.Errorf("Run stopped while starting: %v; want nil", err)
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		_ = c.Close()
		t.Error("listening after being stopped while starting")
	}
}

// A room of 200 behind one NAT address gets in at once with the defaults.
func TestRoomBehindOneAddress(t *testing.T) {
	if testing.Short() {
		t.Skip("200 sessions")
	}
	s := start(t, Config{})
	const room = 200
	errs := make(chan error, room)
	opened := make(chan *terminal, room)
	for range room {
		go func() {
			c, err := dialWith(s.addr, nil, gossh.PublicKeys(newKey(t)))
			if err != nil {
				errs <- err
				return
			}
			t.Cleanup(func() { _ = c.Close() })
			sess, err := c.NewSession()
			if err != nil {
				errs <- err
				return
			}
			tm := &terminal{sess: sess, out: &lockedBuffer{}}
			sess.Stdout, sess.Stderr = tm.out, tm.out
			if tm.stdin, err = sess.StdinPipe(); err != nil {
				errs <- err
				return
			}
			if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
				errs <- err
				return
			}
			if err := sess.Shell(); err != nil {
				errs <- err
				return
			}
			opened <- tm
		}()
	}
	var tms []*terminal
	for range room {
		select {
		case err := <-errs:
			t.Fatalf("%d of %d got in; then: %v", len(tms), room, err)
		case tm := <-opened:
			tms = append(tms, tm)
		}
	}
	for _, tm := range tms {
		out := tm.out.waitFor(t, 0, "Amazon")
		if strings.Contains(out, "try again soon") {
			t.Fatalf("refused: %q", tail(out, 200))
		}
	}
	for _, tm := range tms {
		tm.send(t, "q")
	}
	for _, tm := range tms {
		if err := tm.wait(t); err != nil {
			t.Error(err)
		}
	}
}

// One address past --per-address is refused politely; others still get in.
func TestPerAddressCap(t *testing.T) {
	s := start(t, Config{PerAddress: 3})
	var tms []*terminal
	for range 3 {
		tm := openTerminal(t, dial(t, s.addr), nil)
		tm.out.waitFor(t, 0, "Amazon")
		tms = append(tms, tm)
	}
	// The fourth connection from 127.0.0.1 is turned away before the handshake.
	if c, err := dialWith(s.addr, nil, gossh.PublicKeys(newKey(t))); err == nil {
		_ = c.Close()
		t.Error("a fourth connection from one address was let in")
	}
	target := attacker(t, s.addr)
	c, err := target.Dial(attackFor(t, deadline))
	if err != nil {
		t.Fatalf("another address: %v", err)
	}
	_ = c.Close()
	for _, tm := range tms {
		tm.send(t, "q")
		if err := tm.wait(t); err != nil {
			t.Error(err)
		}
	}
}
