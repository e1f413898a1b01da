package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Bounds on each step of a session; a step that overruns is an error.
const (
	handshakeTimeout = 30 * time.Second
	frameTimeout     = 60 * time.Second
	keyTimeout       = 10 * time.Second
	exitTimeout      = 10 * time.Second
	// quiet is how long output must pause for a frame to count as drawn.
	quiet = 20 * time.Millisecond
)

// The keys a session presses, alternately: left first, as both apps open on
// their last point, where right changes nothing.
var keys = [2]string{"\x1b[D", "\x1b[C"}

// session is one SSH client on a PTY that acts as an 80x24 xterm. Its
// reader goroutine is the only one that reads output; the driver (one
// goroutine at a time) calls the other methods.
type session struct {
	conn   *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	stdout io.Reader
	term   *terminal
	stderr limitedBuffer

	wmu sync.Mutex // stdin: the reader answers queries while the driver types

	notify     chan struct{} // a token after output arrives
	readerDone chan struct{} // nil until the shell starts the reader

	mu       sync.Mutex
	started  time.Time // the shell request
	received int64     // output bytes
	last     time.Time // of the latest output
	firstNew time.Time // of the first output since arm
	markerAt time.Time // of the output that held the marker
	ended    bool      // output is over
	readErr  error
}

// dial opens a connection and a PTY session, not yet a shell.
func dial(ctx context.Context, addr string, hostKey gossh.PublicKey, key gossh.Signer, marker string) (*session, error) {
	ctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	// Closing the connection ends a handshake or request that hangs.
	stop := context.AfterFunc(ctx, func() { _ = nc.Close() })
	defer stop()
	cc, chans, reqs, err := gossh.NewClientConn(nc, addr, &gossh.ClientConfig{
		User:            "loadtest",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(hostKey),
	})
	if err != nil {
		_ = nc.Close()
		return nil, fmt.Errorf("handshake: %w", err)
	}
	s := &session{
		conn:   gossh.NewClient(cc, chans, reqs),
		term:   newTerminal(marker),
		notify: make(chan struct{}, 1),
	}
	if err := s.open(); err != nil {
		_ = s.conn.Close()
		return nil, err
	}
	return s, nil
}

func (s *session) open() (err error) {
	if s.sess, err = s.conn.NewSession(); err != nil {
		return fmt.Errorf("new session: %w", err)
	}
	if err := s.sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		return fmt.Errorf("pty: %w", err)
	}
	if s.stdin, err = s.sess.StdinPipe(); err != nil {
		return err
	}
	if s.stdout, err = s.sess.StdoutPipe(); err != nil {
		return err
	}
	s.sess.Stderr = &s.stderr
	return nil
}

// shell starts the shell and the reader, and returns the time to the
// first output that held the marker.
func (s *session) shell(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	err := s.within(ctx, handshakeTimeout, s.sess.Shell)
	if err != nil {
		return 0, fmt.Errorf("shell: %w", err)
	}
	s.mu.Lock()
	s.started = start
	s.mu.Unlock()
	s.readerDone = make(chan struct{})
	go s.read()
	err = s.await(ctx, frameTimeout, func(time.Time) (bool, time.Duration) { return !s.markerAt.IsZero(), -1 })
	if err != nil {
		return 0, fmt.Errorf("first frame: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.markerAt.Sub(s.started), nil
}

func (s *session) read() {
	defer close(s.readerDone)
	buf := make([]byte, 4096)
	for {
		n, err := s.stdout.Read(buf)
		now := time.Now()
		if n > 0 {
			reply, marker := s.term.read(buf[:n])
			if len(reply) > 0 {
				// A write error shows up as the session failing.
				_ = s.write(reply)
			}
			s.mu.Lock()
			s.received += int64(n)
			s.last = now
			if s.firstNew.IsZero() {
				s.firstNew = now
			}
			if marker && s.markerAt.IsZero() {
				s.markerAt = now
			}
			s.mu.Unlock()
		}
		if err != nil {
			s.mu.Lock()
			s.ended = true
			if !errors.Is(err, io.EOF) {
				s.readErr = err
			}
			s.mu.Unlock()
		}
		select {
		case s.notify <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

func (s *session) write(b []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.stdin.Write(b)
	return err
}

// errEnded is output ending before what was awaited.
var errEnded = errors.New("output ended")

// await waits up to limit for done, which is called with s.mu held and
// returns whether the wait is over or else, if not negative, how soon to
// ask again even if no output comes.
func (s *session) await(ctx context.Context, limit time.Duration, done func(now time.Time) (bool, time.Duration)) error {
	end := time.Now().Add(limit)
	timer := time.NewTimer(limit)
	defer timer.Stop()
	for {
		now := time.Now()
		s.mu.Lock()
		ok, again := done(now)
		ended, readErr := s.ended, s.readErr
		s.mu.Unlock()
		if ok {
			return nil
		}
		if ended {
			if readErr != nil {
				return fmt.Errorf("%w: %v", errEnded, readErr)
			}
			if msg := s.stderr.String(); msg != "" {
				return fmt.Errorf("%w; stderr %q", errEnded, msg)
			}
			return errEnded
		}
		wait := end.Sub(now)
		if wait <= 0 {
			return fmt.Errorf("nothing after %s", limit)
		}
		if again >= 0 {
			wait = min(wait, again)
		}
		timer.Reset(wait)
		select {
		case <-s.notify:
		case <-timer.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// settle waits until the output has paused for quiet.
func (s *session) settle(ctx context.Context) error {
	return s.await(ctx, keyTimeout, func(now time.Time) (bool, time.Duration) {
		since := now.Sub(s.last)
		return since >= quiet, quiet - since
	})
}

// press types key and returns the time to the first output after it and
// how many bytes came until the output paused.
func (s *session) press(ctx context.Context, key string) (time.Duration, int64, error) {
	s.mu.Lock()
	s.firstNew = time.Time{}
	before := s.received
	s.mu.Unlock()
	start := time.Now()
	if err := s.write([]byte(key)); err != nil {
		return 0, 0, fmt.Errorf("key: %w", err)
	}
	err := s.await(ctx, keyTimeout, func(time.Time) (bool, time.Duration) { return !s.firstNew.IsZero(), -1 })
	if err != nil {
		return 0, 0, fmt.Errorf("key: %w", err)
	}
	if err := s.settle(ctx); err != nil {
		return 0, 0, fmt.Errorf("after key: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.firstNew.Sub(start), s.received - before, nil
}

// quit types q and waits for the session to end with status 0.
func (s *session) quit(ctx context.Context) error {
	if err := s.write([]byte("q")); err != nil {
		return fmt.Errorf("q: %w", err)
	}
	err := s.within(ctx, exitTimeout, s.sess.Wait)
	if err != nil {
		return fmt.Errorf("exit: %w", err)
	}
	return nil
}

// within runs f, closing the connection should it take longer than limit
// or ctx end, which makes f return.
func (s *session) within(ctx context.Context, limit time.Duration, f func() error) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { _ = s.conn.Close() })
	err := f()
	if !stop() {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}

// close ends the connection and waits for the reader.
func (s *session) close() {
	_ = s.conn.Close() // closed already, after quit
	if s.readerDone != nil {
		<-s.readerDone
	}
}

// limitedBuffer keeps the first 512 bytes written to it.
type limitedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p[:min(len(p), 512-len(b.buf))]...)
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
