package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aicapex/aicapex/tools/internal/termreply"
	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// Terminal size and type of every run.
const (
	cols = 80
	rows = 24
	term = "xterm-256color"
)

// outputCap bounds what one run keeps of the program's output; beyond it
// the output is still drained, only no longer searched.
const outputCap = 4 << 20

// runSpec is one program run in a pseudo-terminal.
type runSpec struct {
	Path    string   // binary
	Args    []string // its arguments
	Markers []string // all present in the output, escapes stripped: the first frame
	Answer  bool     // answer terminal queries as a real terminal does
	Keep    bool     // keep the raw output in the result

	FrameTimeout time.Duration // give up waiting for the frame after this
	ExitTimeout  time.Duration // after "q", kill the program after this
}

// runResult is what one run measured.
type runResult struct {
	Frame   time.Duration // cmd.Start to the read that completed the markers
	Bytes   int           // output bytes read by then
	Framed  bool          // the markers appeared within FrameTimeout
	Exited  bool          // the program exited by itself after "q"
	Killed  bool          // it had to be killed
	Queries []string      // the terminal queries the program sent, in order (both behaviours)
	Err     error         // the run could not be made (pty, start)
	Tail    string        // the end of the output, escapes stripped, when no frame came
	Output  []byte        // everything the program wrote (up to outputCap), if runSpec.Keep
}

// run starts s.Path in a fresh 80x24 pseudo-terminal, waits for the frame,
// types "q" and waits for the exit. Every wait is bounded.
func run(s runSpec) runResult {
	var res runResult
	ptmx, tty, err := pty.Open()
	if err != nil {
		res.Err = fmt.Errorf("open pty: %w", err)
		return res
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: rows, Cols: cols}); err != nil {
		tty.Close()
		res.Err = fmt.Errorf("set pty size: %w", err)
		return res
	}

	cmd := exec.Command(s.Path, s.Args...)
	cmd.Env = childEnv(os.Environ())
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	// A session of its own with the pty as controlling terminal, so the
	// program is in the foreground and may query the terminal.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}

	r := newReader(ptmx, s.Markers, s.Answer)
	go r.loop()

	start := time.Now()
	if err := cmd.Start(); err != nil {
		tty.Close()
		res.Err = fmt.Errorf("start %s: %w", s.Path, err)
		return res
	}
	tty.Close() // the child holds its own copy

	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()

	select {
	case f := <-r.frame:
		res.Frame, res.Framed, res.Bytes = f.at.Sub(start), true, f.bytes
	case <-exited:
		// It exited first; its last output may still be in the reader.
		res.Frame = time.Since(start)
		select {
		case <-r.done:
		case <-time.After(time.Second):
		}
		select {
		case f := <-r.frame:
			res.Frame, res.Framed, res.Bytes = f.at.Sub(start), true, f.bytes
		default:
		}
	case <-time.After(s.FrameTimeout):
		res.Frame = s.FrameTimeout
	}

	// Quit as a user would; then kill if it does not listen.
	ptmx.Write([]byte("q"))
	select {
	case <-exited:
		res.Exited = true
	case <-time.After(s.ExitTimeout):
		cmd.Process.Kill()
		res.Killed = true
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			res.Err = errors.Join(res.Err, fmt.Errorf("pid %d did not die after SIGKILL", cmd.Process.Pid))
		}
	}
	// The child is gone: the reader sees EIO (or EOF) and stops; closing
	// the master makes sure of it.
	ptmx.Close()
	select {
	case <-r.done:
	case <-time.After(2 * time.Second):
	}
	res.Queries = r.queriesSeen()
	if !res.Framed {
		res.Tail = r.tail(400)
	}
	if s.Keep {
		r.mu.Lock()
		res.Output = slices.Clone(r.out)
		r.mu.Unlock()
	}
	return res
}

// childEnv is env without what would change how the program draws or
// whether it asks the terminal, plus TERM.
func childEnv(env []string) []string {
	drop := []string{"TERM", "COLORTERM", "COLORFGBG", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TMUX", "STY", "TERM_PROGRAM"}
	out := env[:0:0]
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(drop, k) {
			out = append(out, kv)
		}
	}
	return append(out, "TERM="+term)
}

// reader drains the pty master: it answers queries (if asked to), and
// reports the time of the read after which every marker has appeared.
type reader struct {
	r       io.ReadWriter
	markers []string
	answer  bool
	frame   chan frameAt // gets one value, the first time all markers are seen
	done    chan struct{}

	mu   sync.Mutex
	out  []byte
	seen []string // queries, in order
	scan *termreply.Scanner
	hits []int // reused
}

// frameAt is when the frame was complete and how much output it took.
type frameAt struct {
	at    time.Time
	bytes int
}

func newReader(rw io.ReadWriter, markers []string, answer bool) *reader {
	return &reader{
		r: rw, markers: markers, answer: answer,
		frame: make(chan frameAt, 1), done: make(chan struct{}),
		scan: termreply.QueryScanner(),
	}
}

func (r *reader) loop() {
	defer close(r.done)
	buf := make([]byte, 32<<10)
	framed := false
	for {
		n, err := r.r.Read(buf)
		at := time.Now() // before any work on what was read
		if n > 0 {
			r.mu.Lock()
			if len(r.out) < outputCap {
				r.out = append(r.out, buf[:n]...)
				r.scanQueries(buf[:n])
				if !framed && r.hasMarkers() {
					framed = true
					r.frame <- frameAt{at, len(r.out)}
				}
			}
			r.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// scanQueries finds the queries completed by p, the latest read, answering
// each once if r.answer. A query split across two reads is found in the
// read that completes it. Called with r.mu held.
func (r *reader) scanQueries(p []byte) {
	r.hits = r.scan.Feed(p, r.hits[:0])
	for _, i := range r.hits {
		q := termreply.Queries[i]
		r.seen = append(r.seen, q.Ask)
		if r.answer {
			r.r.Write([]byte(q.Reply))
		}
	}
}

// hasMarkers reports whether the output so far, escapes stripped, holds
// every marker. Called with r.mu held.
func (r *reader) hasMarkers() bool {
	// Cheap check first: a marker not even in the raw bytes cannot be in
	// the text. Styled text is written in runs, so a marker is usually
	// whole in the raw output too; stripping catches the rest.
	text := ""
	for _, m := range r.markers {
		if bytes.Contains(r.out, []byte(m)) {
			continue
		}
		if text == "" {
			text = ansi.Strip(string(r.out))
		}
		if !strings.Contains(text, m) {
			return false
		}
	}
	return true
}

func (r *reader) queriesSeen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.seen)
}

// tail is the last n bytes of the output, escapes stripped, for messages.
func (r *reader) tail(n int) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := ansi.Strip(string(r.out))
	t = strings.Join(strings.Fields(t), " ")
	if len(t) > n {
		t = "…" + t[len(t)-n:]
	}
	return t
}

// stats are nearest-rank percentiles of the frame times of the runs that
// produced a frame.
type stats struct {
	N, Framed          int
	P50, P90, Max, Min time.Duration
}

func summarize(rs []runResult) stats {
	s := stats{N: len(rs)}
	var ds []time.Duration
	for _, r := range rs {
		if r.Framed {
			ds = append(ds, r.Frame)
		}
	}
	s.Framed = len(ds)
	if len(ds) == 0 {
		return s
	}
	slices.Sort(ds)
	s.P50, s.P90 = percentile(ds, 50), percentile(ds, 90)
	s.Min, s.Max = ds[0], ds[len(ds)-1]
	return s
}

// percentile is the nearest-rank p-th percentile of sorted ds.
func percentile(sorted []time.Duration, p int) time.Duration {
	k := (p*len(sorted) + 99) / 100 // ceil(p/100 * n)
	return sorted[max(k, 1)-1]
}
