package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aicapex/aicapex/cli"
	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
)

// commands runs the session's command line through the command tree the
// local binary uses. It is the one place per-session things are made.
func (s *server) commands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		code := 1 // stays 1 should the command tree panic (recover logs it)
		defer func() { s.exit(sess, code) }()
		code = s.run(sess)
		next(sess)
	}
}

func (s *server) run(sess ssh.Session) int {
	env := cli.Env{
		Stdout:  sess,
		Stderr:  sess.Stderr(),
		Dataset: func(string) (*data.Dataset, error) { return s.d.Load(), nil },
		Local:   false,
	}
	_, winch, isPty := sess.Pty()
	if isPty {
		win := watchWindow(winch)
		env.Dashboard = s.dashboard(sess, win)
		env.Present = s.present(sess, win)
	}
	root := cli.New(env)
	args := sess.Command()
	if len(args) == 0 && !isPty {
		// ssh -T host: there is nothing to draw on, so say what there is.
		if err := root.Help(); err != nil {
			s.log.Debug("writing help", "err", err)
			return 1
		}
		return 0
	}
	// Never nil: given nil, cobra reads the server's own os.Args.
	root.SetArgs(append([]string{}, args...))
	err := root.Execute()
	if err == nil {
		return 0
	}
	if _, werr := fmt.Fprintln(sess.Stderr(), "aicapex:", err); werr != nil {
		s.log.Debug("writing error", "err", werr)
	}
	return cli.ExitCode(err)
}

// errClosing ends a dashboard that the server's shutdown ended.
var errClosing = errors.New("the server is shutting down; try again soon")

// dashboard runs the dashboard on a PTY session.
func (s *server) dashboard(sess ssh.Session, win *window) func(*data.Dataset, ui.Options) error {
	return func(d *data.Dataset, o ui.Options) error {
		return s.program(sess, win, o.Theme, o.Color, nil, func(_ context.Context, th ui.Theme, r *lipgloss.Renderer) tea.Model {
			return ui.New(d, o, th, r.Output())
		})
	}
}

// present runs a talk on a PTY session. With --presenter-keys, the session
// of a listed key drives the server's stage, followers watch it, and the
// presenter's key may open the speaker's notes beside the talk.
func (s *server) present(sess ssh.Session, win *window) func(*data.Dataset, ui.PresentOptions, string) error {
	return func(d *data.Dataset, o ui.PresentOptions, theme string) error {
		lead := s.isPresenter(sess)
		var leave func()
		switch {
		case (o.Follow || o.Notes) && s.stage == nil:
			return &cli.ExitError{Code: 2, Err: errors.New("this server has no presenter (aicapex serve --presenter-keys)")}
		case o.Notes && !lead:
			return &cli.ExitError{Code: 2, Err: errors.New("the speaker's notes are for the presenter's key; --follow follows the talk")}
		case o.Notes:
			o.Stage, o.Lead, o.Follow = s.stage, false, false
		case lead:
			o.Stage, o.Lead, o.Follow = s.stage, true, false
			leave = s.stage.present()
		case o.Follow:
			o.Stage = s.stage
			leave = s.stage.follow()
		}
		if leave != nil {
			// Counted until the session ends, however it ends: when the
			// presenter's does, followers hear that the presenter left.
			defer leave()
		}
		// A follower types nothing while the talk goes on; the presenter's
		// moves are the input that keeps it alive.
		var moves func(context.Context) <-chan ui.Cue
		if o.Stage != nil && !o.Lead {
			moves = s.stage.Watch
		}
		return s.program(sess, win, theme, o.Color, moves, func(ctx context.Context, th ui.Theme, _ *lipgloss.Renderer) tea.Model {
			return ui.NewTalk(ctx, d, th, o)
		})
	}
}

// program runs a Bubble Tea model on the session, with its own renderer
// and theme, until it quits, the client leaves or the server stops. Each
// value from moves, if any, counts as the client's input for the idle
// timeout.
func (s *server) program(sess ssh.Session, win *window, theme, color string, moves func(context.Context) <-chan ui.Cue, model func(context.Context, ui.Theme, *lipgloss.Renderer) tea.Model) error {
	env := environ(sess.Environ())
	// One writer for the program's frames and the model's own writes (an
	// OSC 52 copy): the channel's packet buffer is not safe for two.
	out := &syncWriter{w: sess}
	r := newRenderer(out, env)
	ui.ApplyColor(r, color)
	th := ui.NewTheme(r, theme, env.Getenv("COLORFGBG"))
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	act := newActivity(sess)
	if moves != nil {
		go func() {
			for range moves(ctx) {
				act.touch()
			}
		}()
	}
	p := tea.NewProgram(model(ctx, th, r),
		tea.WithInput(act), tea.WithOutput(out),
		tea.WithAltScreen(),
		tea.WithContext(ctx),
		// The server's signals are the server's: SIGTERM ends it with a
		// grace period for every session, not by quitting them here.
		tea.WithoutSignalHandler(),
	)
	go win.forward(ctx, p)
	var idled atomic.Bool
	go quitWhenIdle(ctx, p, act, s.cfg.IdleTimeout, &idled)
	go func() {
		select {
		case <-s.closing:
			p.Quit() // while the connection is up to restore the client's screen
		case <-ctx.Done():
		}
	}()
	final, err := p.Run()
	if c, ok := final.(interface{ Close() }); ok {
		c.Close() // the dashboard's mouse zone managers
	}
	if errors.Is(err, tea.ErrProgramKilled) && sess.Context().Err() != nil {
		return nil // the connection closed: the client left or the server stopped
	}
	select {
	case <-s.closing:
		if err == nil {
			err = errClosing
		}
	default:
	}
	if err == nil && idled.Load() {
		err = fmt.Errorf("closed after %s without a key pressed", s.cfg.IdleTimeout)
	}
	return err
}

// newRenderer is the session's Lip Gloss renderer: colours from the client's
// TERM, COLORTERM, NO_COLOR and CLICOLOR, as termenv reads them locally.
//
// It is wish's bubbletea.MakeRenderer without the background query: on our
// emulated PTYs that writes OSC 11 and waits 1 s for an answer, and a client
// that never answers (a script, a test, some terminals) then has the
// dashboard wait for its first key, which is swallowed. ui.NewTheme sets the
// background from the theme and COLORFGBG instead.
func newRenderer(out io.Writer, env environ) *lipgloss.Renderer {
	// WithTTY: the session is a terminal though not a file termenv can check.
	return lipgloss.NewRenderer(out, termenv.WithEnvironment(env), termenv.WithTTY(true))
}

// syncWriter serialises writes to a session.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// environ is a session's environment, which includes TERM from its PTY.
type environ []string

// Environ implements termenv.Environ.
func (e environ) Environ() []string { return e }

// Getenv implements termenv.Environ. The last setting wins, as the PTY's TERM
// comes after any the client sent with env requests.
func (e environ) Getenv(key string) string {
	for i := len(e) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(e[i], key+"="); ok {
			return v
		}
	}
	return ""
}
