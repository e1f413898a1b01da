// Package attack holds hostile SSH clients: each does one thing a
// malicious client of aicapex serve could do, and reports what the server
// let it do. The serve tests run them against serve.Run; tools/hostile
// runs them against a built binary to measure its memory and CPU.
//
// Every attack is bounded in count and by its context, and targets the
// address it is given; tools/hostile only allows loopback addresses.
package attack

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Target is a server to attack, from a local address.
type Target struct {
	Addr string // host:port of the server
	// From is the local IP to connect from ("127.0.0.2" for a second
	// loopback client); empty lets the system choose.
	From string
	User string // user name to log in as; empty: "attacker"
}

func (t Target) dialer() *net.Dialer {
	d := &net.Dialer{Timeout: 10 * time.Second}
	if t.From != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(t.From)}
	}
	return d
}

// Dial logs in with a key made for the call, as an anonymous client does.
func (t Target) Dial(ctx context.Context) (*gossh.Client, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, err
	}
	nc, err := t.dialer().DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		return nil, err
	}
	user := t.User
	if user == "" {
		user = "attacker"
	}
	stop := context.AfterFunc(ctx, func() { _ = nc.Close() })
	defer stop()
	conn, chans, reqs, err := gossh.NewClientConn(nc, t.Addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		_ = nc.Close()
		return nil, err
	}
	return gossh.NewClient(conn, chans, reqs), nil
}

// ptyPayload is a pty-req for a term of w x h cells (RFC 4254 6.2).
func ptyPayload(term string, w, h int) []byte {
	return gossh.Marshal(struct {
		Term                  string
		Columns, Rows, PW, PH uint32
		Modes                 string
	}{term, uint32(w), uint32(h), 0, 0, ""})
}

// Window asks for a PTY of w x h, starts the dashboard if that was
// granted, then asks to resize it to each of resizes in turn, reading
// output until ctx ends. It returns whether the PTY was granted, how many
// resizes were, and the output.
func Window(ctx context.Context, c *gossh.Client, w, h int, resizes ...[2]int) (granted bool, resized int, out []byte, err error) {
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		return false, 0, nil, err
	}
	defer ch.Close()
	go gossh.DiscardRequests(reqs)
	if granted, err = ch.SendRequest("pty-req", true, ptyPayload("xterm-256color", w, h)); err != nil || !granted {
		return granted, 0, nil, err
	}
	if ok, err := ch.SendRequest("shell", true, nil); err != nil || !ok {
		return true, 0, nil, fmt.Errorf("shell refused: %v", err)
	}
	var buf lockedBuffer
	go func() { _, _ = io.Copy(&buf, ch) }()
	for _, r := range resizes {
		ok, err := ch.SendRequest("window-change", true, gossh.Marshal(struct{ W, H, PW, PH uint32 }{uint32(r[0]), uint32(r[1]), 0, 0}))
		if err != nil {
			return true, resized, buf.bytes(), err
		}
		if ok {
			resized++
		}
	}
	<-ctx.Done()
	return true, resized, buf.bytes(), nil
}

// EnvFlood sends up to n env requests of size bytes each on one session
// channel and never asks for a shell. It returns how many the server
// accepted, and whether it closed the channel.
func EnvFlood(ctx context.Context, c *gossh.Client, n, size int) (accepted int, closed bool, err error) {
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		return 0, false, err
	}
	defer ch.Close()
	go gossh.DiscardRequests(reqs)
	value := strings.Repeat("x", size)
	for i := 0; i < n && ctx.Err() == nil; i++ {
		ok, err := ch.SendRequest("env", true, gossh.Marshal(struct{ Key, Value string }{fmt.Sprintf("V%d", i), value}))
		if err != nil {
			return accepted, true, nil // the channel is gone
		}
		if ok {
			accepted++
		}
	}
	return accepted, false, nil
}

// HoldInput opens up to n session channels on one connection, then
// writes size bytes of input to each without starting a session. It
// returns how many channels opened, and how many of those the server
// closed before ctx ended; it holds the rest until then.
func HoldInput(ctx context.Context, c *gossh.Client, n, size int) (opened, closedByServer int) {
	var chans []gossh.Channel
	for range n {
		ch, reqs, err := c.OpenChannel("session", nil)
		if err != nil {
			break
		}
		go gossh.DiscardRequests(reqs)
		chans = append(chans, ch)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	chunk := make([]byte, 32<<10)
	for _, ch := range chans {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer ch.Close()
			go func() {
				for sent := 0; sent < size; sent += len(chunk) {
					if _, err := ch.Write(chunk[:min(len(chunk), size-sent)]); err != nil {
						return
					}
				}
			}()
			stop := context.AfterFunc(ctx, func() { _ = ch.Close() })
			defer stop()
			// The server sends nothing on a session that never starts, so
			// a read ends when it closes the channel, or when ctx does.
			_, _ = io.Copy(io.Discard, ch)
			if ctx.Err() == nil {
				mu.Lock()
				closedByServer++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return len(chans), closedByServer
}

// LongCommand asks to exec a command of one token of n bytes, and reports
// whether the server accepted it.
func LongCommand(ctx context.Context, c *gossh.Client, n int) (accepted bool, err error) {
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		return false, err
	}
	defer ch.Close()
	go gossh.DiscardRequests(reqs)
	ok, err := ch.SendRequest("exec", true, gossh.Marshal(struct{ Command string }{strings.Repeat("a", n)}))
	if err != nil {
		return false, nil
	}
	if ok {
		_, _ = io.Copy(io.Discard, ch) // until the command ends
	}
	return ok, nil
}

// Silent opens up to n TCP connections that send nothing (or, with
// banner, only an SSH version line) and holds them until ctx ends. It
// returns how many connected and how many of those the server closed
// before ctx ended.
func Silent(ctx context.Context, t Target, n int, banner bool) (connected, closedByServer int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range n {
		nc, err := t.dialer().DialContext(ctx, "tcp", t.Addr)
		if err != nil {
			break
		}
		connected++
		if banner {
			_, _ = io.WriteString(nc, "SSH-2.0-attack\r\n")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			stop := context.AfterFunc(ctx, func() { _ = nc.Close() })
			defer stop()
			// The server's bytes (its version, a key exchange offer) are
			// read and dropped; EOF or a reset means it hung up.
			_, err := io.Copy(io.Discard, nc)
			if ctx.Err() == nil && (err == nil || !errors.Is(err, net.ErrClosed)) {
				mu.Lock()
				closedByServer++
				mu.Unlock()
			}
			_ = nc.Close()
		}()
	}
	wg.Wait()
	return connected, closedByServer
}

// Trickle sends an SSH version line, then one byte every interval of a
// packet it never finishes, resetting any idle timer as it goes. It
// returns how long the server kept the connection, or ctx's error if the
// server still held it when ctx ended.
func Trickle(ctx context.Context, t Target, interval time.Duration) (time.Duration, error) {
	nc, err := t.dialer().DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		return 0, err
	}
	defer nc.Close()
	began := time.Now()
	if _, err := io.WriteString(nc, "SSH-2.0-attack\r\n"); err != nil {
		return time.Since(began), nil
	}
	gone := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, nc)
		close(gone)
	}()
	// A packet length of 32 KB, then its bytes one at a time.
	packet := append([]byte{0, 0, 0x80, 0}, make([]byte, 1<<15)...)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i := 0; ; i = (i + 1) % len(packet) {
		select {
		case <-gone:
			return time.Since(began), nil
		case <-ctx.Done():
			return time.Since(began), ctx.Err()
		case <-tick.C:
			if _, err := nc.Write(packet[i : i+1]); err != nil {
				return time.Since(began), nil
			}
		}
	}
}

// lockedBuffer collects output written by one goroutine and read by another.
type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *lockedBuffer) bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]byte(nil), b.buf...)
}
