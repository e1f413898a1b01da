package serve

import (
	"context"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
)

// fallbackSize is used for a client that reports a zero-sized terminal.
var fallbackSize = tea.WindowSizeMsg{Width: 80, Height: 24}

// window follows a PTY session's terminal size for the session's whole
// life: charmbracelet/ssh stops handling the session's requests until each
// window change is read, so it must be read even when no program runs.
type window struct {
	mu      sync.Mutex
	size    tea.WindowSizeMsg
	changed chan struct{} // holds a token while a change awaits forwarding
}

// watchWindow starts following winch, until the session closes it.
func watchWindow(winch <-chan ssh.Window) *window {
	w := &window{size: fallbackSize, changed: make(chan struct{}, 1)}
	// The pty-req's size is already buffered, so the program's first frame
	// can be drawn at the right size.
	select {
	case c, ok := <-winch:
		if ok {
			w.set(c)
		}
	default:
	}
	go func() {
		for c := range winch {
			w.set(c)
			select {
			case w.changed <- struct{}{}:
			default: // a change is already pending; it will read the latest size
			}
		}
	}()
	return w
}

func (w *window) set(c ssh.Window) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if c.Width > 0 && c.Height > 0 {
		w.size = tea.WindowSizeMsg{Width: c.Width, Height: c.Height}
	}
}

// forward sends p the current size, then the latest size after each
// change, until ctx ends. A slow program skips intermediate sizes.
func (w *window) forward(ctx context.Context, p *tea.Program) {
	for {
		w.mu.Lock()
		size := w.size
		w.mu.Unlock()
		p.Send(size) // returns at once when p has ended, as ctx is p's
		select {
		case <-ctx.Done():
			return
		case <-w.changed:
		}
	}
}
