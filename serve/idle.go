package serve

import (
	"context"
	"io"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// activity passes a session's input through, noting when it last moved.
// Only the client's input counts: output does not, or a talk redrawing its
// clock every second would keep an untouched session alive forever.
type activity struct {
	in   io.Reader
	last atomic.Int64 // unix nanoseconds
}

func newActivity(in io.Reader) *activity {
	a := &activity{in: in}
	a.touch()
	return a
}

func (a *activity) touch() { a.last.Store(time.Now().UnixNano()) }

func (a *activity) Read(p []byte) (int, error) {
	n, err := a.in.Read(p)
	if n > 0 {
		a.touch()
	}
	return n, err
}

func (a *activity) idleFor() time.Duration { return time.Since(time.Unix(0, a.last.Load())) }

// idleMargin is how long before the server's idle timeout a program quits
// by itself: long enough to restore the client's screen before the
// connection is cut.
func idleMargin(timeout time.Duration) time.Duration { return min(timeout/10, 5*time.Second) }

// quitWhenIdle quits p shortly before the server would cut the idle
// connection, and reports whether it did.
func quitWhenIdle(ctx context.Context, p *tea.Program, a *activity, timeout time.Duration, idled *atomic.Bool) {
	limit := timeout - idleMargin(timeout)
	tick := time.NewTicker(max(10*time.Millisecond, min(time.Second, limit/10)))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if a.idleFor() >= limit {
				idled.Store(true)
				p.Quit()
				return
			}
		}
	}
}
