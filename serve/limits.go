package serve

import (
	"fmt"
	"sync"

	"github.com/charmbracelet/ssh"
)

// sessionCount is the number of sessions past the rate limiter, in all and
// from each address.
type sessionCount struct {
	mu     sync.Mutex
	n      int
	byAddr map[string]int
}

// take counts a session from addr, or says why it may not start.
func (c *sessionCount) take(addr string, max, perAddr int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.n >= max:
		return fmt.Sprintf("server is full (%d sessions); try again soon", max)
	case c.byAddr[addr] >= perAddr:
		return fmt.Sprintf("%d sessions from your address already; try again soon", perAddr)
	}
	c.n++
	c.byAddr[addr]++
	return ""
}

func (c *sessionCount) give(addr string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n--
	if c.byAddr[addr]--; c.byAddr[addr] <= 0 {
		delete(c.byAddr, addr)
	}
}

// limitSessions turns a session away, politely, while MaxSessions run, or
// PerAddress from its address.
func (s *server) limitSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		addr := hostOf(sess.RemoteAddr())
		if why := s.active.take(addr, s.cfg.MaxSessions, s.cfg.PerAddress); why != "" {
			s.refuse(sess, why)
			return
		}
		defer s.active.give(addr)
		next(sess)
	}
}

// rateLimit turns a session away when its IP address opens them faster than
// RatePerSecond, beyond Burst.
func (s *server) rateLimit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if err := s.limiter.Allow(sess); err != nil {
			s.refuse(sess, "too many sessions from your address; try again soon")
			return
		}
		next(sess)
	}
}

// refuse tells the client why in one line on stderr and exits 1.
func (s *server) refuse(sess ssh.Session, why string) {
	addr := hostOf(sess.RemoteAddr())
	s.warn.warn(addr, "refused", "remote-addr", sess.RemoteAddr().String(),
		"user", clientString(sess.User(), maxLoggedString), "why", why)
	// Over a PTY, session.Stderr turns the \n into \r\n.
	if _, err := fmt.Fprintf(sess.Stderr(), "aicapex: %s\n", why); err != nil {
		s.log.Debug("writing refusal", "err", err)
	}
	s.exit(sess, 1)
}

// exit sends the exit status and closes the session.
func (s *server) exit(sess ssh.Session, code int) {
	if err := sess.Exit(code); err != nil {
		s.log.Debug("exit", "remote-addr", sess.RemoteAddr().String(), "code", code, "err", err)
	}
}
