package serve

import (
	"fmt"
	"sync/atomic"

	"github.com/charmbracelet/ssh"
)

// sessionCount is the number of sessions past the rate limiter.
type sessionCount struct{ n atomic.Int64 }

// limitSessions turns a session away, politely, while MaxSessions run.
func (s *server) limitSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if s.active.n.Add(1) > int64(s.cfg.MaxSessions) {
			s.active.n.Add(-1)
			s.refuse(sess, fmt.Sprintf("server is full (%d sessions); try again soon", s.cfg.MaxSessions))
			return
		}
		defer s.active.n.Add(-1)
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
	s.log.Warn("refused", "remote-addr", sess.RemoteAddr().String(), "user", sess.User(), "why", why)
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
