package serve

import (
	"strconv"
	"sync"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
)

// Client strings (user name, TERM, command, client version) are logged
// shortened and escaped: whole, a 100 KB user name on every refused
// session floods the log, and a newline in one forges log lines.
const (
	maxLoggedString  = 64
	maxLoggedCommand = 200
)

// clientString is s as it may appear in a log: at most n bytes of it, with
// every control character and non-ASCII rune escaped as Go would quote it.
func clientString(s string, n int) string {
	cut := ""
	if len(s) > n {
		cut = "…(" + strconv.Itoa(len(s)) + " bytes)"
		s = s[:n]
	}
	q := strconv.QuoteToASCII(s)
	return q[1:len(q)-1] + cut
}

// logSessions logs each session's start and end, with every client string
// through clientString. It replaces wish's logging middleware, which logs
// them whole and shell-splits the command before any limit applies.
func (s *server) logSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		began := time.Now()
		pty, _, _ := sess.Pty()
		s.log.Info("connect",
			"user", clientString(sess.User(), maxLoggedString),
			"remote-addr", sess.RemoteAddr().String(),
			"public-key", sess.PublicKey() != nil,
			"command", clientString(sess.RawCommand(), maxLoggedCommand),
			"term", clientString(pty.Term, maxLoggedString),
			"width", pty.Window.Width,
			"height", pty.Window.Height,
			"client-version", clientString(sess.Context().ClientVersion(), maxLoggedString),
		)
		next(sess)
		s.log.Info("disconnect",
			"user", clientString(sess.User(), maxLoggedString),
			"remote-addr", sess.RemoteAddr().String(),
			"duration", time.Since(began).Round(time.Millisecond),
		)
	}
}

// throttledLog writes warnings about an address (refusals, failed logins)
// at most once per interval for each address, counting the rest, so a
// client that is refused a thousand times a second costs one line.
type throttledLog struct {
	log      *log.Logger
	interval time.Duration
	mu       sync.Mutex
	seen     map[string]*throttled
}

type throttled struct {
	last       time.Time
	suppressed int
}

// throttledAddrs bounds the addresses remembered; past it, the record is
// cleared, which at worst lets one more line through per address.
const throttledAddrs = 10_000

func newThrottledLog(l *log.Logger, interval time.Duration) *throttledLog {
	return &throttledLog{log: l, interval: interval, seen: map[string]*throttled{}}
}

// warn logs msg with keyvals unless addr was logged within the interval.
func (t *throttledLog) warn(addr, msg string, keyvals ...any) {
	now := time.Now()
	t.mu.Lock()
	r := t.seen[addr]
	if r == nil {
		if len(t.seen) >= throttledAddrs {
			clear(t.seen)
		}
		r = &throttled{}
		t.seen[addr] = r
	}
	if !r.last.IsZero() && now.Sub(r.last) < t.interval {
		r.suppressed++
		t.mu.Unlock()
		return
	}
	suppressed := r.suppressed
	r.last, r.suppressed = now, 0
	t.mu.Unlock()
	if suppressed > 0 {
		keyvals = append(keyvals, "suppressed", suppressed)
	}
	t.log.Warn(msg, keyvals...)
}
