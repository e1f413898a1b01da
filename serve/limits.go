package serve

import (
	"fmt"

	"github.com/charmbracelet/ssh"
)

// limitSessions turns a session away, politely, while MaxSessions run, or
// PerAddress from its address.
func (s *server) limitSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		addr := hostOf(sess.RemoteAddr())
		if why := s.sessions.take(addr); why != "" {
			s.refuse(sess, why+"; try again soon")
			return
		}
		defer s.sessions.give(addr)
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
