package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/serve"
	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"
)

// The servers run in a child process, this same binary started with
// serverEnv set, so that their memory and CPU are theirs alone and not
// the clients'. The child speaks one JSON line per answer on stdout: a
// ready line, then a stats line for each "stats" line on stdin. It stops
// when stdin ends (the parent is done, or gone) or deadlineEnv passes.
const (
	serverEnv   = "AICAPEX_LOADTEST_SERVER"   // aicapex or floor
	deadlineEnv = "AICAPEX_LOADTEST_DEADLINE" // a time.Duration
)

// The two servers.
const (
	kindAicapex = "aicapex"
	kindFloor   = "floor"
)

// ready is the child's first line.
type ready struct {
	Addr    string `json:"addr"`
	HostKey string `json:"host_key"` // authorized_keys format
}

// serverStats is the child's state after a GC.
type serverStats struct {
	HeapInuse  uint64        `json:"heap_inuse"`
	HeapAlloc  uint64        `json:"heap_alloc"`
	Sys        uint64        `json:"sys"`
	RSS        uint64        `json:"rss"` // 0 where /proc is not
	Goroutines int           `json:"goroutines"`
	CPU        time.Duration `json:"cpu"` // user + system, 0 where unknown
	Problems   int           `json:"problems"`
	Problem    string        `json:"problem,omitempty"` // the first
}

// serveChild runs one server for the parent and returns the exit code.
func serveChild(kind string) int {
	if err := runChild(kind, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest server:", err)
		return 1
	}
	return 0
}

func runChild(kind string, in io.Reader, out io.Writer) error {
	limit, err := time.ParseDuration(os.Getenv(deadlineEnv))
	if err != nil || limit <= 0 {
		limit = 10 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()

	dir, err := os.MkdirTemp("", "aicapex-loadtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	keyPEM, hostKey, err := newHostKey()
	if err != nil {
		return err
	}
	logs := &logWatch{addr: make(chan string, 1)}
	logger := log.NewWithOptions(logs, log.Options{Formatter: log.JSONFormatter, Level: log.InfoLevel})
	// wish's bubbletea middleware logs to the default logger.
	log.SetDefault(logger)

	srvCtx, stopServer := context.WithCancel(ctx)
	defer stopServer()
	served := make(chan error, 1)
	var addr string
	switch kind {
	case kindAicapex:
		d, err := data.LoadBundled()
		if err != nil {
			return err
		}
		keyPath := filepath.Join(dir, "ssh_host_ed25519_key")
		if err := os.WriteFile(keyPath, keyPEM, 0o600); err != nil {
			return err
		}
		cfg := serve.Config{
			Listen:        "127.0.0.1:0",
			HostKeyPath:   keyPath,
			MaxSessions:   1 << 20,
			RatePerSecond: 1e9,
			Burst:         1 << 30,
			Grace:         2 * time.Second,
			Logger:        logger,
		}
		go func() { served <- serve.Run(srvCtx, cfg, d) }()
		// Run listens on an ephemeral port and logs which.
		select {
		case addr = <-logs.addr:
		case err := <-served:
			return fmt.Errorf("aicapex server ended at start: %v", err)
		case <-time.After(30 * time.Second):
			return errors.New("aicapex server did not say where it listens")
		}
	case kindFloor:
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		addr = ln.Addr().String()
		go func() { served <- serveFloor(srvCtx, ln, keyPEM) }()
	default:
		return fmt.Errorf("unknown server %q", kind)
	}

	enc := json.NewEncoder(out)
	if err := enc.Encode(ready{Addr: addr, HostKey: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(hostKey)))}); err != nil {
		return err
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	for running := true; running; {
		select {
		case line, ok := <-lines:
			if !ok {
				running = false
				break
			}
			if line != "stats" {
				return fmt.Errorf("unknown request %q", line)
			}
			if err := enc.Encode(readStats(logs)); err != nil {
				return err
			}
		case err := <-served:
			return fmt.Errorf("server ended: %v", err)
		case <-ctx.Done():
			running = false
		}
	}
	stopServer()
	select {
	case err := <-served:
		return err
	case <-time.After(10 * time.Second):
		return errors.New("server did not stop within 10s")
	}
}

func newHostKey() ([]byte, gossh.PublicKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "aicapex loadtest host key")
	if err != nil {
		return nil, nil, err
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(block), signer.PublicKey(), nil
}

func readStats(logs *logWatch) serverStats {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	n, first := logs.problems()
	return serverStats{
		HeapInuse:  ms.HeapInuse,
		HeapAlloc:  ms.HeapAlloc,
		Sys:        ms.Sys,
		RSS:        rss(),
		Goroutines: runtime.NumGoroutine(),
		CPU:        cpuTime(),
		Problems:   n,
		Problem:    first,
	}
}

// rss is the process's resident set size from /proc, or 0.
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// logWatch reads the server's JSON log: where it listens, and every
// warning or error, which the parent counts as errors.
type logWatch struct {
	addr chan string

	mu      sync.Mutex
	partial []byte
	count   int
	first   string
}

func (w *logWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			break
		}
		w.line(w.partial[:i])
		w.partial = w.partial[i+1:]
	}
	w.partial = append([]byte(nil), w.partial...) // let the read lines go
	return len(p), nil
}

func (w *logWatch) line(b []byte) {
	var e struct {
		Level string `json:"level"`
		Msg   string `json:"msg"`
		Addr  string `json:"addr"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		w.problem("unreadable log line: " + string(b))
		return
	}
	switch {
	case e.Msg == "serving" && e.Addr != "":
		select {
		case w.addr <- e.Addr:
		default:
		}
	case e.Level == "warn" || e.Level == "error" || e.Level == "fatal":
		w.problem(string(b))
	}
}

func (w *logWatch) problem(s string) {
	if w.count == 0 {
		w.first = s
	}
	w.count++
}

func (w *logWatch) problems() (int, string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.count, w.first
}
