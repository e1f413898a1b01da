package serve

import (
	"encoding/binary"
	"io"
	"sync"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Limits on what a session channel may hold before its session starts.
// charmbracelet/ssh keeps every env request and x/crypto buffers up to
// 2 MB of unread input per channel, none of it counted by MaxSessions or
// the rate limit, because no handler runs yet. These are far above what
// real clients send (OpenSSH sends a handful of env requests and a TERM
// of a few bytes) and far below what would hurt.
const (
	maxChannelsPerConn = 10      // OpenSSH's MaxSessions default
	maxEnvRequests     = 64      // per channel
	maxEnvBytes        = 4 << 10 // per env request's payload
	maxCommandBytes    = 4 << 10 // an exec's command line, before it is shell-split
	maxTermBytes       = 256     // TERM in a pty-req
	maxPtyCells        = 10_000  // a pty-req or window-change wider or taller than this is refused outright
	maxPendingInput    = 64 << 10
)

// sessionChannel is the handler of "session" channels: charmbracelet/ssh's
// own, behind a guard that caps channels per connection, refuses absurd
// requests before they are parsed or stored, and bounds unread input.
func (s *server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	g, ok := ctx.Value(connKey{}).(*guardedConn)
	if !ok { // every connection is admitted by conns.admit
		_ = nc.Reject(gossh.ResourceShortage, "connection not admitted")
		return
	}
	if g.channels.Add(1) > maxChannelsPerConn {
		g.channels.Add(-1)
		_ = nc.Reject(gossh.ResourceShortage, "too many sessions on one connection")
		return
	}
	defer g.channels.Add(-1)
	ssh.DefaultSessionHandler(srv, conn, guardedNewChannel{nc, ctx}, ctx)
}

// guardedNewChannel hands charmbracelet/ssh a guarded channel and its
// requests through requestFilter.
type guardedNewChannel struct {
	gossh.NewChannel
	ctx ssh.Context
}

func (n guardedNewChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := n.NewChannel.Accept()
	if err != nil {
		return nil, nil, err
	}
	gc := &guardedChannel{Channel: ch, in: newInput(maxPendingInput), settled: make(chan struct{})}
	go gc.in.pump(ch, func() { _ = ch.Close() })
	// Input on the stderr stream has no use and shares the channel's window.
	go func() { _, _ = io.Copy(io.Discard, ch.Stderr()) }()
	out := make(chan *gossh.Request)
	go filterRequests(n.ctx, reqs, out, gc.settled, func() { _ = gc.Close() })
	return gc, out, nil
}

// filterRequests passes a session's requests on to charmbracelet/ssh, less
// those over the limits above; a channel that floods env requests or
// sends an oversized command is closed. It marks the connection logged in
// once a shell or exec request gets through.
//
// Window changes wait until settled is closed: charmbracelet/ssh writes a
// window change into the session's Pty without a lock, so one handled
// while the session's handler reads its Pty is a data race. The handler
// reads it once (settleSession) and then lets them through; of those that
// arrive before, only the latest is kept.
func filterRequests(ctx ssh.Context, in <-chan *gossh.Request, out chan<- *gossh.Request, settled <-chan struct{}, closeChannel func()) {
	defer close(out)
	envs := 0
	var held *gossh.Request // the latest window change while unsettled
	for {
		var req *gossh.Request
		select {
		case r, ok := <-in:
			if !ok {
				return
			}
			req = r
		case <-settled:
			settled = nil // a nil channel: this case never fires again
			if held == nil {
				continue
			}
			req, held = held, nil
			out <- req
			continue
		}
		switch req.Type {
		case "env":
			envs++
			if envs > maxEnvRequests || len(req.Payload) > maxEnvBytes {
				_ = req.Reply(false, nil)
				closeChannel()
				continue
			}
		case "exec":
			if len(req.Payload) > maxCommandBytes {
				_ = req.Reply(false, nil)
				closeChannel()
				continue
			}
			startedSession(ctx)
		case "shell":
			startedSession(ctx)
		case "pty-req":
			if !ptyRequestOK(req.Payload) {
				_ = req.Reply(false, nil)
				continue
			}
		case "window-change":
			if w, h, ok := windowSize(req.Payload); !ok || w > maxPtyCells || h > maxPtyCells {
				_ = req.Reply(false, nil)
				continue
			}
			if settled != nil {
				if held != nil {
					_ = held.Reply(true, nil) // overtaken by req
				}
				held = req
				continue
			}
		}
		out <- req
	}
}

// ptyRequestOK checks a pty-req's TERM and size (RFC 4254 6.2: string
// TERM, uint32 columns, rows, pixel width, pixel height, string modes).
func ptyRequestOK(p []byte) bool {
	if len(p) < 4 {
		return false
	}
	n := binary.BigEndian.Uint32(p)
	if n > maxTermBytes || uint64(len(p)) < 4+uint64(n)+8 {
		return false
	}
	w, h, ok := windowSize(p[4+n:])
	return ok && w <= maxPtyCells && h <= maxPtyCells
}

// windowSize reads the columns and rows at the start of p.
func windowSize(p []byte) (w, h uint32, ok bool) {
	if len(p) < 8 {
		return 0, 0, false
	}
	return binary.BigEndian.Uint32(p), binary.BigEndian.Uint32(p[4:]), true
}

// guardedChannel is a session channel whose input is read through input.
type guardedChannel struct {
	gossh.Channel
	in      *input
	settled chan struct{} // closed once the session's handler has read its Pty
	once    sync.Once
}

func (c *guardedChannel) Read(p []byte) (int, error) { return c.in.Read(p) }

// settledRequest is not an SSH request: settleSession sends it to its own
// channel, through the session, to say the Pty has been read.
const settledRequest = "settled@aicapex"

func (c *guardedChannel) SendRequest(name string, wantReply bool, payload []byte) (bool, error) {
	if name == settledRequest {
		c.once.Do(func() { close(c.settled) })
		return true, nil
	}
	return c.Channel.SendRequest(name, wantReply, payload)
}

// settleSession reads the session's Pty once, before any window change is
// handled, and hands the rest of the chain a session that answers Pty from
// that reading; window sizes then come only through its channel.
func settleSession(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		pty, winch, ok := sess.Pty()
		if _, err := sess.SendRequest(settledRequest, false, nil); err != nil {
			return
		}
		next(settledSession{Session: sess, pty: pty, winch: winch, isPty: ok})
	}
}

type settledSession struct {
	ssh.Session
	pty   ssh.Pty
	winch <-chan ssh.Window
	isPty bool
}

func (s settledSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) { return s.pty, s.winch, s.isPty }

func (c *guardedChannel) Close() error {
	c.in.close()
	return c.Channel.Close()
}

// input reads a channel's data ahead into a buffer of at most limit bytes.
// Until the session first reads, overflowing it means a client sent more
// than any session asks for before it starts: the channel is cut off.
// Afterwards a full buffer waits for the session to read, as the channel
// itself would.
type input struct {
	mu      sync.Mutex
	changed sync.Cond
	buf     []byte
	limit   int
	err     error // from the channel, returned once buf is drained
	started bool  // the session has read
	closed  bool
}

func newInput(limit int) *input {
	in := &input{limit: limit}
	in.changed.L = &in.mu
	return in
}

// pump copies the channel's data into the buffer until it fails or the
// channel is closed; cutOff closes the channel.
func (in *input) pump(ch io.Reader, cutOff func()) {
	p := make([]byte, 32<<10)
	for {
		n, err := ch.Read(p)
		in.mu.Lock()
		for in.started && !in.closed && len(in.buf)+n > in.limit {
			in.changed.Wait()
		}
		if !in.started && len(in.buf)+n > in.limit {
			in.err, in.buf = io.ErrUnexpectedEOF, nil
			in.changed.Broadcast()
			in.mu.Unlock()
			cutOff()
			return
		}
		in.buf = append(in.buf, p[:n]...)
		if err != nil {
			in.err = err
		}
		stop := err != nil || in.closed
		in.changed.Broadcast()
		in.mu.Unlock()
		if stop {
			return
		}
	}
}

func (in *input) Read(p []byte) (int, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.started = true
	for len(in.buf) == 0 && in.err == nil && !in.closed {
		in.changed.Wait()
	}
	if len(in.buf) == 0 {
		if in.err == nil {
			return 0, io.EOF
		}
		return 0, in.err
	}
	n := copy(p, in.buf)
	in.buf = in.buf[n:]
	in.changed.Broadcast()
	return n, nil
}

func (in *input) close() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.closed = true
	in.changed.Broadcast()
}
