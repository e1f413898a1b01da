package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// dialParallel is how many clients connect at once: handshakes are the
// costly part of connecting, and a crowd of them would only queue.
const dialParallel = 16

// config is one run of the benchmark.
type config struct {
	counts   []int         // session counts, each run against both servers
	keys     int           // keys each session presses
	deadline time.Time     // everything ends by then
	progress io.Writer     // one line per phase
	limit    time.Duration // a server process's life at most; default until deadline, and 30 s
}

// result is what one server did with n sessions.
type result struct {
	kind string
	n    int
	ok   int // sessions that did every step
	errs errorLog

	ttff    []time.Duration // per session
	keyLat  []time.Duration // per key
	keyOut  []int64         // output bytes per key
	connect time.Duration   // wall time to connect every session

	// The server after a GC: before any session, once all have drawn,
	// after the keys, after all quit; stage says how far it got.
	base, idle, afterKeys, end serverStats
	stage                      int
	// Heap in use of this process, which holds only the clients.
	clientBase, clientIdle uint64
	leaked                 int // client goroutines left after the sessions closed
}

// How far a measurement got: each stage has its server stats.
const (
	stageBase = iota + 1
	stageIdle
	stageKeys
	stageEnd
)

// run measures every server with every session count, in order.
func run(ctx context.Context, cfg config) ([]*result, error) {
	ctx, cancel := context.WithDeadline(ctx, cfg.deadline)
	defer cancel()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	key, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, err
	}
	var results []*result
	for _, n := range cfg.counts {
		for _, kind := range []string{kindAicapex, kindFloor} {
			r, err := measure(ctx, cfg, kind, n, key)
			if r != nil {
				results = append(results, r)
			}
			if err != nil {
				return results, fmt.Errorf("%s with %d sessions: %w", kind, n, err)
			}
		}
	}
	return results, nil
}

func marker(kind string) string {
	if kind == kindFloor {
		return floorMarker
	}
	return "Amazon"
}

func heapInuse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

func (cfg config) logf(format string, args ...any) {
	if cfg.progress != nil {
		fmt.Fprintf(cfg.progress, format+"\n", args...)
	}
}

// measure runs n sessions against a fresh server of kind: all connect and
// draw, then all press keys at once, then all quit.
func measure(ctx context.Context, cfg config, kind string, n int, key gossh.Signer) (*result, error) {
	limit := cfg.limit
	if limit <= 0 {
		limit = time.Until(cfg.deadline) + 30*time.Second
	}
	goroutines := runtime.NumGoroutine()
	srv, err := startServer(ctx, kind, limit)
	if err != nil {
		return nil, err
	}
	stopped := false
	defer func() {
		if !stopped {
			// Cut short: the child still gets to remove its temporary files.
			_ = srv.stop(5 * time.Second)
		}
	}()
	r := &result{kind: kind, n: n}
	var sessions []*session
	defer func() {
		for _, s := range sessions {
			if s != nil {
				s.close()
			}
		}
	}()
	if r.base, err = srv.stats(ctx); err != nil {
		return r, err
	}
	r.stage = stageBase
	r.clientBase = heapInuse()

	cfg.logf("%s, %d sessions: connecting", kind, n)
	start := time.Now()
	sessions = make([]*session, n)
	ttff := make([]time.Duration, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, dialParallel)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			s, err := dial(ctx, srv.addr, srv.hostKey, key, marker(kind))
			<-sem
			if err != nil {
				r.errs.add("connect", err)
				return
			}
			sessions[i] = s
			if ttff[i], err = s.shell(ctx); err != nil {
				r.errs.add("start", err)
				s.close()
				sessions[i] = nil
				return
			}
			if err := s.settle(ctx); err != nil {
				r.errs.add("first frame", err)
				s.close()
				sessions[i] = nil
			}
		})
	}
	wg.Wait()
	r.connect = time.Since(start)
	for i, s := range sessions {
		if s != nil {
			r.ttff = append(r.ttff, ttff[i])
		}
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	if r.idle, err = srv.stats(ctx); err != nil {
		return r, err
	}
	r.stage = stageIdle
	r.clientIdle = heapInuse()

	cfg.logf("%s, %d sessions: %d drew in %s; pressing %d keys each", kind, n, len(r.ttff), r.connect.Round(time.Millisecond), cfg.keys)
	lat := make([][]time.Duration, n)
	out := make([][]int64, n)
	for i, s := range sessions {
		if s == nil {
			continue
		}
		wg.Go(func() {
			for k := range cfg.keys {
				d, b, err := s.press(ctx, keys[k%2])
				if err != nil {
					r.errs.add("keys", err)
					s.close()
					sessions[i] = nil
					return
				}
				lat[i] = append(lat[i], d)
				out[i] = append(out[i], b)
			}
		})
	}
	wg.Wait()
	for i := range n {
		r.keyLat = append(r.keyLat, lat[i]...)
		r.keyOut = append(r.keyOut, out[i]...)
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	if r.afterKeys, err = srv.stats(ctx); err != nil {
		return r, err
	}
	r.stage = stageKeys

	cfg.logf("%s, %d sessions: quitting", kind, n)
	var ok atomic.Int64
	for i, s := range sessions {
		if s == nil {
			continue
		}
		wg.Go(func() {
			err := s.quit(ctx)
			s.close()
			sessions[i] = nil
			if err != nil {
				r.errs.add("quit", err)
				return
			}
			ok.Add(1)
		})
	}
	wg.Wait()
	r.ok = int(ok.Load())
	if r.end, err = srv.stats(ctx); err != nil {
		return r, err
	}
	r.stage = stageEnd
	stopped = true
	if err := srv.stop(childTimeout); err != nil {
		return r, err
	}
	r.leaked = settleGoroutines(goroutines)
	return r, ctx.Err()
}

// settleGoroutines waits up to a second for this process to be back to
// base goroutines and returns how many more it has.
func settleGoroutines(base int) int {
	end := time.Now().Add(time.Second)
	for {
		n := runtime.NumGoroutine() - base
		if n <= 0 || time.Now().After(end) {
			return max(n, 0)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// errorLog counts errors by step and keeps the first of each step.
type errorLog struct {
	mu    sync.Mutex
	count int
	first map[string]string
	steps map[string]int
}

func (l *errorLog) add(step string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.first == nil {
		l.first, l.steps = map[string]string{}, map[string]int{}
	}
	l.count++
	l.steps[step]++
	if _, ok := l.first[step]; !ok {
		l.first[step] = err.Error()
	}
}
