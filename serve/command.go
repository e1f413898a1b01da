package serve

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/aicapex/aicapex/cli"
	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"
)

// Command is `aicapex serve`: it loads the data once and serves it until
// SIGINT or SIGTERM.
func Command(load func() (*data.Dataset, error)) *cobra.Command {
	var cfg Config
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the dashboard over SSH: ssh -p 23234 host (or: ssh host data)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := load()
			if err != nil {
				return err
			}
			if cfg.HostKeyPath == "" {
				dir, err := cli.UserDataDir()
				if err != nil {
					return err
				}
				cfg.HostKeyPath = filepath.Join(dir, "ssh_host_ed25519_key")
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			cfg.Reload = reloadOnHangup(ctx, load, log.Default())
			return Run(ctx, cfg, d)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Listen, "listen", DefaultListen, "address to listen on")
	f.StringVar(&cfg.HostKeyPath, "host-key", "", "ed25519 host key, generated on first start (default $XDG_DATA_HOME/aicapex/ssh_host_ed25519_key)")
	f.StringVar(&cfg.AuthorizedKeys, "authorized-keys", "", "let in only the keys in this authorized_keys `FILE`")
	f.StringVar(&cfg.PresenterKeys, "presenter-keys", "", "the keys in this authorized_keys `FILE` drive `present`; others follow with `present --follow`")
	f.IntVar(&cfg.MaxSessions, "max-sessions", DefaultMaxSessions, "concurrent sessions; past it a client is politely refused")
	f.IntVar(&cfg.MaxConnections, "max-connections", DefaultMaxConnections, "concurrent TCP connections, logged in or not; each holds a file descriptor")
	f.IntVar(&cfg.PerAddress, "per-address", DefaultPerAddress, "concurrent connections, and sessions, from one IP address; high enough for a room behind one NAT")
	f.Float64Var(&cfg.RatePerSecond, "rate", DefaultRatePerSecond, "new sessions per second from one IP address, once its burst is spent")
	f.IntVar(&cfg.Burst, "burst", DefaultBurst, "sessions one IP address may open at once")
	f.DurationVar(&cfg.LoginGrace, "login-grace", DefaultLoginGrace, "close a connection that has not started a session within this (as OpenSSH's LoginGraceTime)")
	f.DurationVar(&cfg.IdleTimeout, "idle-timeout", DefaultIdleTimeout, "end a session without a key pressed for this long (a talk's followers: without the presenter moving)")
	f.DurationVar(&cfg.Grace, "grace", DefaultGrace, "on SIGINT/SIGTERM, how long live sessions may finish")
	return cmd
}

// reloadOnHangup loads the figures again on each SIGHUP until ctx ends, as
// daemons reread their configuration. Figures that fail to load are
// reported and the ones loaded before are kept.
func reloadOnHangup(ctx context.Context, load func() (*data.Dataset, error), l *log.Logger) <-chan *data.Dataset {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	out := make(chan *data.Dataset)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
			}
			d, err := load()
			if err != nil {
				l.Error("reload failed; keeping the figures loaded before", "err", err)
				continue
			}
			select {
			case out <- d:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
