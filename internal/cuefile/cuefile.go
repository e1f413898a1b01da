// Package cuefile lets the speaker's notes of a local talk follow it from
// another terminal. The presenting process writes where the talk is (its
// story, slide and start) to a small file of the user's, and touches the
// file every second while it runs; `present --notes` reads the file a few
// times a second. The presenter removes the file when the talk ends, and a
// file left by one that died goes stale within seconds, so the notes never
// follow a talk that is not there.
package cuefile

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/aicapex/aicapex/internal/atomicfile"
	"github.com/aicapex/aicapex/ui"
)

const (
	// heartbeat is how often a running talk touches its file.
	heartbeat = time.Second
	// staleAfter is how long after its last touch a file no longer counts
	// as a talk: a few heartbeats, so a busy machine does not drop one.
	staleAfter = 3 * heartbeat
	// pollEvery is how often the notes read the file: often enough that
	// they turn with the slide.
	pollEvery = 200 * time.Millisecond
)

// record is the file's content.
type record struct {
	Story string    `json:"story"` // the story's ID
	Slide int       `json:"slide"`
	Start time.Time `json:"start"`
}

// Path is the user's cue file: $XDG_RUNTIME_DIR/aicapex/talk.json where
// the session has a runtime directory (the user's alone, and emptied at
// logout), else aicapex/talk.json under the user's cache directory.
func Path() (string, error) {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		var err error
		if dir, err = os.UserCacheDir(); err != nil {
			return "", fmt.Errorf("no directory for the speaker's notes to follow the talk through: %w", err)
		}
	}
	return filepath.Join(dir, "aicapex", "talk.json"), nil
}

// Leader is the presenting side of the file: a ui.Stage whose moves are
// written to it. Writing happens off the caller's goroutine, so moving a
// slide never waits for the disk.
type Leader struct {
	path    string
	mu      sync.Mutex
	rec     record
	moved   chan struct{} // a move to write; holds at most one
	done    chan struct{}
	stopped chan struct{}
	failed  error // the last write's error, if the file is not up to date
}

// Lead writes a new talk of story to path and keeps it fresh until Close.
func Lead(path, story string) (*Leader, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	l := &Leader{path: path, rec: record{Story: story, Start: time.Now()},
		moved: make(chan struct{}, 1), done: make(chan struct{}), stopped: make(chan struct{})}
	if err := l.write(); err != nil {
		return nil, err
	}
	go l.run()
	return l, nil
}

// Cue implements ui.Stage.
func (l *Leader) Cue() ui.Cue {
	l.mu.Lock()
	defer l.mu.Unlock()
	return ui.Cue{Slide: l.rec.Slide, Live: true, Start: l.rec.Start, Story: l.rec.Story}
}

// Go implements ui.Stage.
func (l *Leader) Go(slide int) {
	l.mu.Lock()
	l.rec.Slide = slide
	l.mu.Unlock()
	select {
	case l.moved <- struct{}{}:
	default: // a write is already due, and will write this slide
	}
}

// Watch implements ui.Stage. The presenter follows no one: the channel
// only closes when ctx ends.
func (l *Leader) Watch(ctx context.Context) <-chan ui.Cue {
	ch := make(chan ui.Cue)
	go func() {
		<-ctx.Done()
		close(ch)
	}()
	return ch
}

func (l *Leader) write() error {
	l.mu.Lock()
	b, err := json.Marshal(l.rec)
	l.mu.Unlock()
	if err != nil {
		return err
	}
	return atomicfile.Write(l.path, b, 0o600)
}

// run writes each move and touches the file every heartbeat. A failed
// write does not stop the talk: the notes see it go stale, the next move
// or heartbeat tries again, and Close reports the failure if it lasted.
func (l *Leader) run() {
	defer close(l.stopped)
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-l.done:
			return
		case <-l.moved:
			l.failed = l.write()
		case t := <-tick.C:
			if l.failed != nil || os.Chtimes(l.path, t, t) != nil {
				l.failed = l.write() // the file went away: put it back
			}
		}
	}
}

// Close ends the talk: it stops the heartbeat and removes the file, unless
// another talk has since taken it over. It reports a write that was still
// failing.
func (l *Leader) Close() error {
	close(l.done)
	<-l.stopped
	rec, _, err := read(l.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = nil
	case err == nil && rec.Start.Equal(l.rec.Start):
		err = os.Remove(l.path)
	}
	// Otherwise the file is another talk's, or not one: not ours to remove.
	return errors.Join(l.failed, err)
}

// Watcher is the notes' side of the file: a ui.Stage that only watches.
type Watcher struct {
	path string
	now  func() time.Time
	poll time.Duration
}

// Follow watches the talk whose cue file is path, there or not yet.
func Follow(path string) *Watcher { return &Watcher{path: path, now: time.Now, poll: pollEvery} }

// Cue implements ui.Stage: the talk as the file says, live while it is
// fresh. With no file, or one that cannot be read, there is no talk.
func (w *Watcher) Cue() ui.Cue {
	rec, touched, err := read(w.path)
	if err != nil {
		return ui.Cue{}
	}
	return ui.Cue{Slide: rec.Slide, Live: w.now().Sub(touched) < staleAfter, Start: rec.Start, Story: rec.Story}
}

// Go implements ui.Stage: the notes move nothing.
func (w *Watcher) Go(int) {}

// Watch implements ui.Stage: it reads the file every poll and sends the
// cue when it changes, until ctx ends.
func (w *Watcher) Watch(ctx context.Context) <-chan ui.Cue {
	ch := make(chan ui.Cue)
	go func() {
		defer close(ch)
		tick := time.NewTicker(w.poll)
		defer tick.Stop()
		last := w.Cue()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			c := w.Cue()
			if c == last {
				continue
			}
			select {
			case ch <- c:
				last = c
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// read returns the record in path and when it was last touched.
func read(path string) (record, time.Time, error) {
	var rec record
	f, err := os.Open(path)
	if err != nil {
		return rec, time.Time{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return rec, time.Time{}, err
	}
	if err := json.NewDecoder(f).Decode(&rec); err != nil {
		return rec, time.Time{}, fmt.Errorf("%s: %w", path, err)
	}
	rec.Start = rec.Start.UTC() // one location, so cues read twice compare equal
	return rec, st.ModTime(), nil
}
