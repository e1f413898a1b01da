package serve

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
)

// conns admits TCP connections before anything is parsed from them: at most
// MaxConnections in all and PerAddress from one address, each given
// LoginGrace to start a session. A client that never logs in (silent, or
// trickling the handshake a byte at a time, which resets any idle timer)
// is cut off when its grace ends, so it cannot hold a file descriptor.
type conns struct {
	*places
	grace    time.Duration
	refusals *throttledLog
}

func newConns(cfg Config, refusals *throttledLog) *conns {
	return &conns{places: newPlaces("connections", cfg.MaxConnections, cfg.PerAddress), grace: cfg.LoginGrace, refusals: refusals}
}

// connKey is where a connection's guard is kept in its ssh.Context.
type connKey struct{}

// admit is the server's ConnCallback: it returns nil, which closes the
// connection, when a cap is reached.
func (c *conns) admit(ctx ssh.Context, nc net.Conn) net.Conn {
	addr := hostOf(nc.RemoteAddr())
	if why := c.take(addr); why != "" {
		c.refusals.warn(addr, "connection refused", "remote-addr", addr, "why", why)
		// Lines before the version string are allowed (RFC 4253 4.2); some
		// clients show them. The write must not wait on a client that reads nothing.
		_ = nc.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		_, _ = fmt.Fprintf(nc, "aicapex: %s; try again soon\r\n", why)
		return nil
	}
	g := &guardedConn{Conn: nc, release: func() { c.give(addr) }}
	g.timer = time.AfterFunc(c.grace, func() {
		if !g.loggedIn.Load() {
			c.refusals.warn(addr, "login grace over; closing", "remote-addr", addr, "grace", c.grace)
			_ = g.Close()
		}
	})
	ctx.SetValue(connKey{}, g)
	return g
}

// guardedConn is an admitted connection: it gives its place back once
// closed, and is closed at the end of the login grace unless a session
// started on it by then.
type guardedConn struct {
	net.Conn
	timer    *time.Timer
	loggedIn atomic.Bool
	channels atomic.Int32 // open session channels
	once     sync.Once
	release  func()
}

func (g *guardedConn) Close() error {
	err := g.Conn.Close()
	g.once.Do(func() {
		g.timer.Stop()
		g.release()
	})
	return err
}

// startedSession ends the login grace of the connection behind ctx.
func startedSession(ctx ssh.Context) {
	if g, ok := ctx.Value(connKey{}).(*guardedConn); ok {
		g.loggedIn.Store(true)
	}
}

// hostOf is the IP address of addr, the unit that per-address limits count.
func hostOf(addr net.Addr) string {
	if t, ok := addr.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}
