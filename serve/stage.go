package serve

import (
	"context"
	"sync"
	"time"

	"github.com/aicapex/aicapex/ui"
)

// stage is the talk every session of the server shares: the presenter's
// session moves it, followers and the speaker's notes watch it. It knows
// whether a presenter is connected, so followers can explore while none
// is and follow again when one returns. It is the server's one piece of
// state that sessions change, so it is guarded.
type stage struct {
	mu         sync.Mutex
	cue        ui.Cue
	presenters int // sessions presenting now
	watchers   map[chan ui.Cue]struct{}
}

func newStage() *stage { return &stage{watchers: map[chan ui.Cue]struct{}{}} }

// Cue implements ui.Stage.
func (s *stage) Cue() ui.Cue {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cue
}

// Go implements ui.Stage: it moves the talk and tells every watcher.
func (s *stage) Go(slide int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cue.Slide = slide
	s.notify()
}

// present counts a presenter's session from now until leave is called.
// The first presenter starts the talk's clock; one who returns after every
// presenter left takes the talk up where it was, clock and slide.
func (s *stage) present() (leave func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.presenters++
	if s.cue.Start.IsZero() {
		s.cue.Start = time.Now()
	}
	if !s.cue.Live {
		s.cue.Live = true
		s.notify()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.presenters--
			if s.presenters == 0 {
				s.cue.Live = false
				s.notify()
			}
		})
	}
}

// follow counts a follower's session from now until leave is called, for
// the presenter's footer. Watchers are not told: a count is not a move.
func (s *stage) follow() (leave func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cue.Followers++
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.cue.Followers--
		})
	}
}

// notify sends the cue to every watcher, with s.mu held. A watcher that
// has not yet taken the last cue gets only the newest: it need not see
// each step.
func (s *stage) notify() {
	for ch := range s.watchers {
		select {
		case <-ch:
		default:
		}
		ch <- s.cue
	}
}

// Watch implements ui.Stage: it sends each new cue until ctx ends, then
// closes the channel.
func (s *stage) Watch(ctx context.Context) <-chan ui.Cue {
	ch := make(chan ui.Cue, 1)
	s.mu.Lock()
	s.watchers[ch] = struct{}{}
	s.mu.Unlock()
	go func() {
		<-ctx.Done()
		s.mu.Lock()
		delete(s.watchers, ch)
		s.mu.Unlock()
		close(ch)
	}()
	return ch
}
