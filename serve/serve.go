// Package serve runs the aicapex dashboard as an SSH server with wish. Each
// session gets the same command tree as the local binary (package cli), so
// `ssh -t host` opens the dashboard and `ssh host data` prints the CSV.
// Every session shares one immutable dataset; everything else, from the
// renderer to the Bubble Tea program, is made per session in commands.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/ratelimiter"
	"github.com/charmbracelet/wish/recover"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"
)

// Config is how the server listens, whom it lets in and how much it takes.
// Zero values take the defaults listed beside each field.
type Config struct {
	Listen         string        // host:port; default "127.0.0.1:23234"
	HostKeyPath    string        // required; an ed25519 key is generated there on first start
	AuthorizedKeys string        // OpenSSH authorized_keys file; empty lets anyone in
	PresenterKeys  string        // authorized_keys file of the keys that drive `present`; empty: no shared talk
	MaxSessions    int           // concurrent sessions; default 300
	MaxConnections int           // concurrent TCP connections, logged in or not; default 600
	PerAddress     int           // concurrent connections, and sessions, from one IP address; default 250
	LoginGrace     time.Duration // a connection must start a session within this; default 30s
	IdleTimeout    time.Duration // a session without input for this long is closed; default 10m
	RatePerSecond  float64       // new sessions per second from one IP address; default 10
	Burst          int           // sessions one IP address may open at once above the rate; default 250
	Grace          time.Duration // how long live sessions may go on once ctx ends; default 10s
	Logger         *log.Logger   // default log.Default()
	// Reload, if set, brings new figures (aicapex update's, say): sessions
	// that start after one arrives use it; running sessions keep theirs.
	Reload <-chan *data.Dataset
}

// Defaults for the zero values of Config. A room of 200 behind one NAT
// address gets in at once (PerAddress, Burst); one client still cannot
// hold more than PerAddress connections or sessions, nor open more than
// RatePerSecond once its burst is spent; and MaxSessions dashboards at
// the largest screen drawn (ui.MaxWidth x ui.MaxHeight) fit in memory.
const (
	DefaultListen         = "127.0.0.1:23234"
	DefaultMaxSessions    = 300
	DefaultMaxConnections = 600
	DefaultPerAddress     = 250
	DefaultLoginGrace     = 30 * time.Second // OpenSSH's LoginGraceTime is 120s; we ask for no password
	DefaultIdleTimeout    = 10 * time.Minute
	DefaultRatePerSecond  = 10
	DefaultBurst          = 250
	DefaultGrace          = 10 * time.Second
)

const (
	// maxAuthTries bounds the authentication attempts on one connection,
	// as OpenSSH's MaxAuthTries does.
	maxAuthTries = 6
	// rateLimitedAddrs is how many client addresses the rate limiter
	// remembers; the least recently seen is forgotten first.
	rateLimitedAddrs = 10_000
	// warnEvery is how often one address's refusals and failed logins are
	// logged; those in between are counted in the next line.
	warnEvery = 10 * time.Second
)

func (c Config) withDefaults() Config {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.MaxConnections <= 0 {
		c.MaxConnections = DefaultMaxConnections
	}
	if c.PerAddress <= 0 {
		c.PerAddress = DefaultPerAddress
	}
	if c.LoginGrace <= 0 {
		c.LoginGrace = DefaultLoginGrace
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.RatePerSecond <= 0 {
		c.RatePerSecond = DefaultRatePerSecond
	}
	if c.Burst <= 0 {
		c.Burst = DefaultBurst
	}
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.Logger == nil {
		c.Logger = log.Default()
	}
	return c
}

// server is what the middleware shares across sessions.
type server struct {
	cfg      Config
	d        atomic.Pointer[data.Dataset] // swapped whole on reload, never changed
	log      *log.Logger
	limiter  ratelimiter.RateLimiter
	sessions *places
	conns    *conns
	// warn logs refusals and failed logins, throttled per address.
	warn *throttledLog
	// presenters drive stage, the talk that `present --follow` shows; both
	// are nil without --presenter-keys.
	presenters []gossh.PublicKey
	stage      *stage
	// closing is closed when the grace period is over: dashboards then
	// quit, which restores their clients' screens before we hang up.
	closing chan struct{}
}

// Run serves d over SSH until ctx ends, then stops accepting connections,
// gives live sessions cfg.Grace to finish and closes the rest. It returns
// nil after such a shutdown, and an error if the server cannot start.
func Run(ctx context.Context, cfg Config, d *data.Dataset) error {
	return run(ctx, cfg, d, func(*server) {})
}

// run is Run, handing the server to started once it listens (tests look
// at what it holds).
func run(ctx context.Context, cfg Config, d *data.Dataset, started func(*server)) error {
	cfg = cfg.withDefaults()
	if cfg.HostKeyPath == "" {
		return errors.New("no host key path")
	}
	hostKey, created, err := ensureHostKey(cfg.HostKeyPath)
	if err != nil {
		return err
	}
	var keys []gossh.PublicKey
	if cfg.AuthorizedKeys != "" {
		if keys, err = readAuthorizedKeys(cfg.AuthorizedKeys); err != nil {
			return err
		}
	}
	var presenters []gossh.PublicKey
	if cfg.PresenterKeys != "" {
		if presenters, err = readAuthorizedKeys(cfg.PresenterKeys); err != nil {
			return err
		}
	}
	s := &server{
		cfg:      cfg,
		log:      cfg.Logger,
		limiter:  ratelimiter.NewRateLimiter(rate.Limit(cfg.RatePerSecond), cfg.Burst, rateLimitedAddrs),
		sessions: newPlaces("sessions", cfg.MaxSessions, cfg.PerAddress),
		warn:     newThrottledLog(cfg.Logger, warnEvery),
		closing:  make(chan struct{}),
	}
	s.d.Store(d)
	s.conns = newConns(cfg, s.warn)
	if presenters != nil {
		s.presenters, s.stage = presenters, newStage()
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		// The key is in place by now (ensureHostKey), so wish only reads it.
		wish.WithHostKeyPath(cfg.HostKeyPath),
		// A backstop for connections without a session: a session's own
		// idle timeout (quitWhenIdle) counts only the client's input.
		wish.WithIdleTimeout(cfg.IdleTimeout),
		s.lockDown,
		authentication(keys),
		wish.WithMiddleware(
			recover.MiddlewareWithLogger(s.log,
				// wish composes middleware so that the last one listed runs
				// first: a session's Pty is read once (settleSession), then
				// it is rate limited, logged, counted against the caps, and
				// only then given the command tree.
				s.commands,
				s.limitSessions,
				s.logSessions,
				s.rateLimit,
				settleSession,
			),
		),
	)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil // stopped while starting
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	s.log.Info("serving", "addr", ln.Addr().String(), "host-key", cfg.HostKeyPath, "generated", created,
		"fingerprint", gossh.FingerprintSHA256(hostKey.PublicKey()), "authorized-keys", len(keys),
		"max-sessions", cfg.MaxSessions, "max-connections", cfg.MaxConnections, "per-address", cfg.PerAddress,
		"login-grace", cfg.LoginGrace, "idle-timeout", cfg.IdleTimeout)
	started(s)

	if cfg.Reload != nil {
		go s.reloads(ctx)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	return s.shutdown(srv, ln, served)
}

// reloads takes each new dataset from cfg.Reload until ctx ends.
func (s *server) reloads(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case d := <-s.cfg.Reload:
			s.d.Store(d)
			s.log.Info("reloaded the figures; new sessions use them", "origin", d.Origin())
		}
	}
}

// quitWait is how long dashboards get to restore their clients' screens
// once told to quit, before the server hangs up on them.
const quitWait = time.Second

// shutdown stops accepting, waits up to Grace for the sessions to end, has
// the dashboards still running quit, then closes whatever is left.
func (s *server) shutdown(srv *ssh.Server, ln net.Listener, served <-chan error) error {
	s.log.Info("shutting down", "grace", s.cfg.Grace)
	err := shutdownWithin(srv, s.cfg.Grace)
	if errors.Is(err, context.DeadlineExceeded) {
		s.log.Info("grace period over; ending the remaining sessions")
		close(s.closing)
		if err = shutdownWithin(srv, quitWait); errors.Is(err, context.DeadlineExceeded) {
			err = srv.Close()
		}
	}
	// Serve may not have registered the listener yet if ctx ended at once;
	// closing it ourselves makes sure Serve returns.
	if cerr := ln.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) && err == nil {
		err = cerr
	}
	if serr := <-served; serr != nil && !errors.Is(serr, ssh.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// shutdownWithin waits up to d for every connection to close.
func shutdownWithin(srv *ssh.Server, d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return srv.Shutdown(ctx)
}

// lockDown allows sessions that run our command tree and nothing else. Only
// "session" channels are accepted (through sessionChannel's guard), so no
// direct-tcpip (local forwarding); no global request is, so no
// tcpip-forward (remote forwarding); sessions take only shell and exec, so
// no subsystem (SFTP, and scp, which uses it; legacy `scp -t` is an exec the
// command tree does not know). charmbracelet/ssh refuses x11-req itself. It
// says yes to auth-agent-req but opens no agent channel unless asked to
// (ssh.ForwardAgentConnections), which we never do. Connections are
// admitted by conns before the handshake, and failed logins are logged.
func (s *server) lockDown(srv *ssh.Server) error {
	srv.ConnCallback = s.conns.admit
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.SessionRequestCallback = func(_ ssh.Session, kind string) bool {
		return kind == "shell" || kind == "exec"
	}
	srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
		return &gossh.ServerConfig{MaxAuthTries: maxAuthTries, AuthLogCallback: s.logAuth}
	}
	return nil
}
