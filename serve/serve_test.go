package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// deadline bounds every wait in these tests; a healthy run takes a fraction.
const deadline = 10 * time.Second

var (
	bundledOnce sync.Once
	bundled     *data.Dataset
	bundledErr  error
)

func dataset(t *testing.T) *data.Dataset {
	t.Helper()
	bundledOnce.Do(func() { bundled, bundledErr = data.LoadBundled() })
	if bundledErr != nil {
		t.Fatal(bundledErr)
	}
	return bundled
}

// lockedBuffer collects output written by one goroutine and read by another.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until the output after byte offset from holds every want,
// and returns that output.
func (b *lockedBuffer) waitFor(t *testing.T, from int, want ...string) string {
	t.Helper()
	end := time.Now().Add(deadline)
	for {
		out := b.String()[from:]
		missing := ""
		for _, w := range want {
			if !strings.Contains(out, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return out
		}
		if time.Now().After(end) {
			t.Fatalf("no %q in output after %s; got %d bytes:\n%q", missing, deadline, len(out), tail(out, 2000))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// freeAddr returns a loopback address with a port that was free just now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

type testServer struct {
	addr    string
	logs    *lockedBuffer
	cancel  context.CancelFunc
	done    chan error
	started chan *server
	srv     *server
}

// server is the running server, once it listens.
func (s *testServer) server() *server {
	if s.srv == nil {
		s.srv = <-s.started
	}
	return s.srv
}

// start runs a server with cfg (filling in address, host key and logger)
// until the test ends, and waits until it accepts connections.
func start(t *testing.T, cfg Config) *testServer {
	t.Helper()
	if cfg.Listen == "" {
		cfg.Listen = freeAddr(t)
	}
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(t.TempDir(), "host_ed25519")
	}
	logs := &lockedBuffer{}
	cfg.Logger = log.New(logs)
	ctx, cancel := context.WithCancel(context.Background())
	s := &testServer{addr: cfg.Listen, logs: logs, cancel: cancel, done: make(chan error, 1), started: make(chan *server, 1)}
	d := dataset(t)
	go func() { s.done <- run(ctx, cfg, d, func(srv *server) { s.started <- srv }) }()
	t.Cleanup(func() {
		if err := s.stop(t); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	end := time.Now().Add(deadline)
	for {
		c, err := net.Dial("tcp", s.addr)
		if err == nil {
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			return s
		}
		select {
		case err := <-s.done:
			t.Fatalf("Run returned before serving: %v", err)
		default:
		}
		if time.Now().After(end) {
			t.Fatalf("server not listening on %s after %s: %v", s.addr, deadline, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stop cancels the server's context and returns what Run returned; calling
// it again returns nil.
func (s *testServer) stop(t *testing.T) error {
	t.Helper()
	s.cancel()
	select {
	case err, ok := <-s.done:
		if ok {
			close(s.done)
		}
		return err
	case <-time.After(deadline):
		t.Fatalf("Run did not return %s after its context ended", deadline)
		return nil
	}
}

func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dialWith(addr string, hostKeys *[]gossh.PublicKey, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "tester",
		Auth: auth,
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			if hostKeys != nil {
				*hostKeys = append(*hostKeys, key)
			}
			return nil
		},
		Timeout: deadline,
	})
}

func dial(t *testing.T, addr string) *gossh.Client {
	t.Helper()
	c, err := dialWith(addr, nil, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() }) // closed already when the server went first
	return c
}

// terminal is a PTY session running the dashboard.
type terminal struct {
	sess  *gossh.Session
	stdin io.WriteCloser
	out   *lockedBuffer
}

func openTerminal(t *testing.T, c *gossh.Client, env map[string]string) *terminal {
	t.Helper()
	return startTerminal(t, c, env, "")
}

// startTerminal runs command on a PTY session, or the default (the
// dashboard) when command is empty.
func startTerminal(t *testing.T, c *gossh.Client, env map[string]string, command string) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("Setenv %s: %v", k, err)
		}
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &lockedBuffer{}
	sess.Stdout = out
	sess.Stderr = out
	start := sess.Shell
	if command != "" {
		start = func() error { return sess.Start(command) }
	}
	if err := start(); err != nil {
		t.Fatal(err)
	}
	return &terminal{sess: sess, stdin: stdin, out: out}
}

func (tm *terminal) send(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(tm.stdin, keys); err != nil {
		t.Fatal(err)
	}
}

// wait returns what the session's Wait returns, failing after deadline.
func (tm *terminal) wait(t *testing.T) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- tm.sess.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(deadline):
		t.Fatalf("session still running after %s", deadline)
		return nil
	}
}

func TestDashboardOverPTY(t *testing.T) {
	s := start(t, Config{})
	tm := openTerminal(t, dial(t, s.addr), nil)
	tm.out.waitFor(t, 0, "Amazon", "Microsoft", "Alphabet")

	mark := len(tm.out.String())
	tm.send(t, "\t")
	tm.out.waitFor(t, mark, "Cloud segment operating margin")

	// A resize repaints the whole frame at the new size.
	mark = len(tm.out.String())
	if err := tm.sess.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	tm.out.waitFor(t, mark, "Cloud segment operating margin")

	tm.send(t, "q")
	if err := tm.wait(t); err != nil {
		t.Fatalf("after q: %v", err)
	}
	logs := s.logs.waitFor(t, 0, "disconnect")
	for _, want := range []string{"connect", "remote-addr=127.0.0.1", "user=tester", "term=xterm-256color", "width=80", "height=24", "duration="} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

// run runs command without a PTY and returns its stdout, stderr and exit status.
func runCommand(t *testing.T, c *gossh.Client, command string) (stdout, stderr string, status int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	if command == "" {
		err = sess.Shell()
		if err == nil {
			err = sess.Wait()
		}
	} else {
		err = sess.Run(command)
	}
	var exit *gossh.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		status = exit.ExitStatus()
	default:
		t.Fatalf("%q: %v", command, err)
	}
	return out.String(), errOut.String(), status
}

func TestCommandsWithoutPTY(t *testing.T) {
	s := start(t, Config{})
	c := dial(t, s.addr)

	out, errOut, status := runCommand(t, c, "data")
	if status != 0 || errOut != "" {
		t.Fatalf("data: status %d, stderr %q", status, errOut)
	}
	if first, _, _ := strings.Cut(out, "\n"); !strings.HasPrefix(first, "provider,quarter,metric,value_usd_m") {
		t.Errorf("data: first line %q", first)
	}
	if strings.Contains(out, "\r\n") {
		t.Error("data without a PTY has \\r\\n line ends")
	}

	out, _, status = runCommand(t, c, "")
	if status != 0 || !strings.Contains(out, "Usage:") || !strings.Contains(out, "data") {
		t.Errorf("no command: status %d, output:\n%s", status, out)
	}

	_, errOut, status = runCommand(t, c, "--panel margin")
	if status == 0 || !strings.Contains(errOut, "aicapex: the dashboard needs a terminal") {
		t.Errorf("dashboard without PTY: status %d, stderr %q", status, errOut)
	}

	_, errOut, status = runCommand(t, c, "data --format xml")
	if status != 2 || !strings.HasPrefix(errOut, "aicapex: ") {
		t.Errorf("bad flag: status %d, stderr %q", status, errOut)
	}

	// No command beyond our own: not a shell, nor legacy scp, nor --data.
	for _, cmd := range []string{"sh -c id", "scp -t /tmp", "data --data /etc"} {
		_, errOut, status = runCommand(t, c, cmd)
		if status == 0 || !strings.HasPrefix(errOut, "aicapex: ") {
			t.Errorf("%q: status %d, stderr %q", cmd, status, errOut)
		}
	}
}

func TestRefusesEverythingButSessions(t *testing.T) {
	s := start(t, Config{})
	c := dial(t, s.addr)

	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("sftp subsystem accepted")
	}
	_ = sess.Close() // the server may have closed it first

	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	x11 := gossh.Marshal(struct {
		Single   bool
		Protocol string
		Cookie   string
		Screen   uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})
	if ok, err := sess.SendRequest("x11-req", true, x11); err != nil || ok {
		t.Errorf("x11-req: ok %v, err %v", ok, err)
	}
	_ = sess.Close()

	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		_ = ln.Close()
		t.Error("remote port forwarding accepted")
	}
	if conn, err := c.Dial("tcp", s.addr); err == nil {
		_ = conn.Close()
		t.Error("local port forwarding accepted")
	}
}

func TestSessionCap(t *testing.T) {
	s := start(t, Config{MaxSessions: 1})
	tm := openTerminal(t, dial(t, s.addr), nil)
	tm.out.waitFor(t, 0, "Amazon")

	_, errOut, status := runCommand(t, dial(t, s.addr), "data")
	if want := "aicapex: server is full (1 sessions); try again soon\n"; errOut != want || status != 1 {
		t.Errorf("past the cap: status %d, stderr %q; want 1, %q", status, errOut, want)
	}

	tm.send(t, "q")
	if err := tm.wait(t); err != nil {
		t.Fatal(err)
	}
	// The slot frees once the first session's handler has returned.
	c := dial(t, s.addr)
	end := time.Now().Add(deadline)
	for {
		_, errOut, status = runCommand(t, c, "data")
		if status == 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("slot not freed: status %d, stderr %q", status, errOut)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRateLimit(t *testing.T) {
	s := start(t, Config{RatePerSecond: 0.001, Burst: 1})
	c := dial(t, s.addr)
	if _, errOut, status := runCommand(t, c, "data"); status != 0 {
		t.Fatalf("first session: status %d, stderr %q", status, errOut)
	}
	_, errOut, status := runCommand(t, c, "data")
	if status != 1 || errOut != "aicapex: too many sessions from your address; try again soon\n" {
		t.Errorf("second session: status %d, stderr %q", status, errOut)
	}
}

func TestAuthorizedKeys(t *testing.T) {
	allowed, other := newKey(t), newKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	content := "# the one key\n\n" + string(gossh.MarshalAuthorizedKey(allowed.PublicKey()))
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, Config{AuthorizedKeys: path})

	if c, err := dialWith(s.addr, nil, gossh.PublicKeys(other)); err == nil {
		_ = c.Close()
		t.Error("a key not in authorized_keys was let in")
	}
	noQuestions := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	if c, err := dialWith(s.addr, nil, noQuestions); err == nil {
		_ = c.Close()
		t.Error("keyboard-interactive was let in despite authorized_keys")
	}
	c, err := dialWith(s.addr, nil, gossh.PublicKeys(allowed))
	if err != nil {
		t.Fatalf("the authorized key: %v", err)
	}
	defer func() { _ = c.Close() }()
	if _, errOut, status := runCommand(t, c, "data"); status != 0 {
		t.Errorf("data: status %d, stderr %q", status, errOut)
	}
}

func TestOpenWithoutAuthorizedKeys(t *testing.T) {
	s := start(t, Config{})
	noQuestions := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	c, err := dialWith(s.addr, nil, noQuestions)
	if err != nil {
		t.Fatalf("keyboard-interactive: %v", err)
	}
	_ = c.Close()
}

func TestBadAuthorizedKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "authorized_keys")
	good := string(gossh.MarshalAuthorizedKey(newKey(t).PublicKey()))
	if err := os.WriteFile(path, []byte(good+"ssh-ed25519 garbage\n"+good+"not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Run(context.Background(), Config{Listen: freeAddr(t), HostKeyPath: filepath.Join(t.TempDir(), "k"), AuthorizedKeys: path, Logger: log.New(io.Discard)}, dataset(t))
	if err == nil || !strings.Contains(err.Error(), path+":2:") || !strings.Contains(err.Error(), path+":4:") {
		t.Errorf("Run: %v; want lines 2 and 4 of %s", err, path)
	}
}

func TestNoColor(t *testing.T) {
	s := start(t, Config{})
	colour := openTerminal(t, dial(t, s.addr), nil)
	plain := openTerminal(t, dial(t, s.addr), map[string]string{"NO_COLOR": "1"})
	never := startTerminal(t, dial(t, s.addr), nil, "--color never")
	colourOut := colour.out.waitFor(t, 0, "Amazon", "Microsoft", "Alphabet")
	if !strings.Contains(colourOut, "\x1b[38;5;") {
		t.Errorf("xterm-256color session has no 256-colour sequences:\n%q", tail(colourOut, 500))
	}
	for _, tm := range []*terminal{plain, never} {
		if out := tm.out.waitFor(t, 0, "Amazon", "Microsoft", "Alphabet"); strings.Contains(out, "\x1b[38;") {
			t.Errorf("NO_COLOR or --color never session has colour sequences:\n%q", tail(out, 500))
		}
	}
	for _, tm := range []*terminal{colour, plain, never} {
		tm.send(t, "q")
		if err := tm.wait(t); err != nil {
			t.Fatal(err)
		}
	}
}

func TestIdleTimeout(t *testing.T) {
	s := start(t, Config{IdleTimeout: 300 * time.Millisecond})
	tm := openTerminal(t, dial(t, s.addr), nil)
	tm.out.waitFor(t, 0, "Amazon")
	began := time.Now()
	// The dashboard quits by itself just before the server would cut the
	// connection, so the client gets its screen back and a reason.
	var exit *gossh.ExitError
	if err := tm.wait(t); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("idle session ended with %v; want exit status 1", err)
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("idle session closed after %s", d)
	}
	out := tm.out.String()
	if !strings.Contains(out, "\x1b[?1049l") || !strings.Contains(out, "closed after 300ms without a key") {
		t.Errorf("screen not restored or no reason given:\n%q", tail(out, 300))
	}
}

func TestShutdownEndsLiveSessionsAfterGrace(t *testing.T) {
	s := start(t, Config{Grace: 100 * time.Millisecond})
	tm := openTerminal(t, dial(t, s.addr), nil)
	tm.out.waitFor(t, 0, "Amazon")
	mark := len(tm.out.String())
	began := time.Now()
	if err := s.stop(t); err != nil {
		t.Fatalf("Run after shutdown: %v", err)
	}
	if d := time.Since(began); d > quitWait+time.Second {
		t.Errorf("shutdown took %s with a grace of 100ms", d)
	}
	var exit *gossh.ExitError
	if err := tm.wait(t); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("live session ended with %v; want exit status 1", err)
	}
	// The dashboard quit before the hang-up, so the client's screen is back.
	tm.out.waitFor(t, mark, "\x1b[?1049l", "aicapex: the server is shutting down")
	if _, err := net.Dial("tcp", s.addr); err == nil {
		t.Error("still accepting connections after shutdown")
	}
}

func TestHostKeyGeneratedOnceAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host_ed25519")
	var seen []gossh.PublicKey
	for range 2 {
		s := start(t, Config{HostKeyPath: path})
		c, err := dialWith(s.addr, &seen, gossh.PublicKeys(newKey(t)))
		if err != nil {
			t.Fatal(err)
		}
		_ = c.Close()
		if err := s.stop(t); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("host key mode %v; want 0600", st.Mode().Perm())
		}
	}
	if len(seen) != 2 || !bytes.Equal(seen[0].Marshal(), seen[1].Marshal()) {
		t.Errorf("host key changed across restarts")
	}
}

func TestMalformedHostKeyIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "host_ed25519")
	garbage := []byte("this is not a private key\n")
	if err := os.WriteFile(path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	err := Run(context.Background(), Config{Listen: freeAddr(t), HostKeyPath: path, Logger: log.New(io.Discard)}, dataset(t))
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Run: %v; want an error naming %s", err, path)
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, garbage) {
		t.Errorf("host key file changed: %q, %v", got, err)
	}
}

func TestEnvironGetenv(t *testing.T) {
	e := environ{"TERM=vt100", "NO_COLOR=", "COLORFGBG=0;15", "TERM=xterm-256color"}
	for key, want := range map[string]string{"TERM": "xterm-256color", "COLORFGBG": "0;15", "NO_COLOR": "", "HOME": ""} {
		if got := e.Getenv(key); got != want {
			t.Errorf("Getenv(%q) = %q; want %q", key, got, want)
		}
	}
}

func TestCommandOverPTY(t *testing.T) {
	s := start(t, Config{})
	sess, err := dial(t, s.addr).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.Output("data")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("provider,quarter,metric,value_usd_m")) || !bytes.Contains(out, []byte("\r\n")) {
		t.Errorf("data over a PTY: want CSV with \\r\\n line ends; got %q", tail(string(out), 300))
	}
}

func TestListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	err = Run(context.Background(), Config{Listen: ln.Addr().String(), HostKeyPath: filepath.Join(t.TempDir(), "k"), Logger: log.New(io.Discard)}, dataset(t))
	if err == nil {
		t.Error("Run on a busy address returned nil")
	}
}

func TestWindowIsReadWithoutAProgram(t *testing.T) {
	winch := make(chan ssh.Window, 1) // as charmbracelet/ssh makes it
	winch <- ssh.Window{Width: 80, Height: 24}
	w := watchWindow(winch)
	for i := 1; i <= 3; i++ {
		select {
		case winch <- ssh.Window{Width: 80 + i, Height: 24 + i}:
		case <-time.After(deadline):
			t.Fatalf("window change %d not read", i)
		}
	}
	close(winch)
	end := time.Now().Add(deadline)
	for {
		w.mu.Lock()
		size := w.size
		w.mu.Unlock()
		if size == (tea.WindowSizeMsg{Width: 83, Height: 27}) {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("size %v; want 83x27", size)
		}
		time.Sleep(time.Millisecond)
	}
}
