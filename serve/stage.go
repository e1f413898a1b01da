package serve

import (
	"context"
	"sync"
)

// stage is the talk every session of the server shares: the presenter's
// session moves it, followers watch it. It is the server's one piece of
// state that sessions change, so it is guarded.
type stage struct {
	mu       sync.Mutex
	slide    int
	watchers map[chan int]struct{}
}

func newStage() *stage { return &stage{watchers: map[chan int]struct{}{}} }

// Slide is the presenter's current slide.
func (s *stage) Slide() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.slide
}

// Go moves the talk and tells every follower. A follower that has not yet
// taken the last move gets only the newest: it need not see each step.
func (s *stage) Go(slide int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.slide = slide
	for ch := range s.watchers {
		select {
		case <-ch:
		default:
		}
		ch <- slide
	}
}

// Watch sends each new slide until ctx ends, then closes the channel.
func (s *stage) Watch(ctx context.Context) <-chan int {
	ch := make(chan int, 1)
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
