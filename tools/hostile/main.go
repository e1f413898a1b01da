// Hostile measures what each attack of internal/attack costs an aicapex
// SSH server: the server's peak memory, CPU and file descriptors while it
// runs, whether it survives, and how long an ordinary client waits for its
// first frame meanwhile. Run it on a build from before and after a change
// to compare them.
//
// Usage:
//
//	go run ./tools/hostile [-bin path/to/aicapex] [-attacks size,env,...]
//
// Each attack gets a fresh server (`aicapex serve` on 127.0.0.1 with a
// throwaway host key) in a child process limited to -mem of address space,
// so a server that would take the machine's memory fails alone. Attacks
// come from 127.0.0.2 where the system has it, the ordinary client from
// 127.0.0.1. Everything stays on loopback and stops by itself.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aicapex/aicapex/internal/attack"
	gossh "golang.org/x/crypto/ssh"
)

// scenario is one attack and the server flags it needs.
type scenario struct {
	name, what string
	flags      []string
	run        func(ctx context.Context, attacker attack.Target) string
}

var scenarios = []scenario{
	{"size", "3 dashboards at 2000x1000, then a resize to 65535x65535", nil,
		func(ctx context.Context, a attack.Target) string {
			granted := concurrently(ctx, a, 3, func(c *gossh.Client) int {
				if ok, resized, _, _ := attack.Window(ctx, c, 2000, 1000, [2]int{65535, 65535}); ok {
					return 1 + resized
				}
				return 0
			})
			return fmt.Sprintf("%d of 6 window requests granted", granted)
		}},
	{"env", "one channel sends 30 KB env requests, never a shell", nil,
		func(ctx context.Context, a attack.Target) string {
			c, err := a.Dial(ctx)
			if err != nil {
				return err.Error()
			}
			defer c.Close()
			accepted, closed, _ := attack.EnvFlood(ctx, c, 100_000, 30<<10)
			return fmt.Sprintf("%d accepted, channel closed %v", accepted, closed)
		}},
	{"stdin", "500 channels on one connection, 2 MB of input each, no session", nil,
		func(ctx context.Context, a attack.Target) string {
			c, err := a.Dial(ctx)
			if err != nil {
				return err.Error()
			}
			defer c.Close()
			opened, closed := attack.HoldInput(ctx, c, 500, 2<<20)
			return fmt.Sprintf("%d channels opened, %d cut off", opened, closed)
		}},
	{"exec", "10 sessions exec one 200 KB token", nil,
		func(ctx context.Context, a attack.Target) string {
			accepted := concurrently(ctx, a, 10, func(c *gossh.Client) int {
				if ok, _ := attack.LongCommand(ctx, c, 200<<10); ok {
					return 1
				}
				return 0
			})
			return fmt.Sprintf("%d of 10 accepted", accepted)
		}},
	{"silent", "5,000 TCP connections that never log in, half with a banner", nil,
		func(ctx context.Context, a attack.Target) string {
			var wg sync.WaitGroup
			results := make([][2]int, 2)
			for i, banner := range []bool{false, true} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c, closed := attack.Silent(ctx, a, 2500, banner)
					results[i] = [2]int{c, closed}
				}()
			}
			wg.Wait()
			return fmt.Sprintf("%d connected, %d closed by the server", results[0][0]+results[1][0], results[0][1]+results[1][1])
		}},
	{"trickle", "one byte of the handshake every second", nil,
		func(ctx context.Context, a attack.Target) string {
			held, err := attack.Trickle(ctx, a, time.Second)
			if err != nil {
				return fmt.Sprintf("still connected after %s", held.Round(time.Second))
			}
			return fmt.Sprintf("cut off after %s", held.Round(time.Second))
		}},
	{"present", "20 talks nobody touches, idle timeout 5s", []string{"--idle-timeout", "5s"},
		func(ctx context.Context, a attack.Target) string {
			ended := concurrently(ctx, a, 20, func(c *gossh.Client) int {
				sess, err := c.NewSession()
				if err != nil || sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}) != nil || sess.Start("present") != nil {
					return 0
				}
				done := make(chan struct{})
				go func() { _ = sess.Wait(); close(done) }()
				select {
				case <-done:
					return 1
				case <-ctx.Done():
					return 0
				}
			})
			return fmt.Sprintf("%d of 20 ended before the attack's end", ended)
		}},
	{"logflood", "1,000 sessions with a 100 KB user name, refused", nil,
		func(ctx context.Context, a attack.Target) string {
			a.User = strings.Repeat("u", 100<<10) + "\nforged"
			c, err := a.Dial(ctx)
			if err != nil {
				return err.Error()
			}
			defer c.Close()
			for range 1000 {
				ch, reqs, err := c.OpenChannel("session", nil)
				if err != nil {
					break
				}
				go gossh.DiscardRequests(reqs)
				_, _ = ch.SendRequest("exec", true, gossh.Marshal(struct{ Command string }{"summary"}))
				_, _ = io.Copy(io.Discard, ch)
				_ = ch.Close()
			}
			return "sent"
		}},
}

// concurrently runs run on n connections of its own at once and adds up
// what each returns.
func concurrently(ctx context.Context, a attack.Target, n int, run func(*gossh.Client) int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := a.Dial(ctx)
			if err != nil {
				return
			}
			defer c.Close()
			k := run(c)
			mu.Lock()
			total += k
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}

func main() {
	bin := flag.String("bin", "", "aicapex binary to attack (default: build this tree)")
	names := flag.String("attacks", "", "comma-separated attacks (default all): size,env,stdin,exec,silent,trickle,present,logflood")
	length := flag.Duration("for", 40*time.Second, "how long each attack runs")
	mem := flag.Int("mem", 8<<10, "address space limit of the server, MB")
	flag.Parse()
	if err := run(*bin, *names, *length, *mem); err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
}

func run(bin, names string, length time.Duration, memMB int) error {
	dir, err := os.MkdirTemp("", "aicapex-hostile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if bin == "" {
		bin = filepath.Join(dir, "aicapex")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			return fmt.Errorf("building aicapex: %v\n%s", err, out)
		}
	}
	from := "127.0.0.2"
	// Port 1 is closed: refused means the address could be bound.
	if c, err := (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}).Dial("tcp", "127.0.0.1:1"); err != nil && !errors.Is(err, syscall.ECONNREFUSED) {
		from = "" // no second loopback address: attack from 127.0.0.1 too
	} else if c != nil {
		_ = c.Close()
	}
	fmt.Printf("%-9s %-10s %10s %8s %6s %12s  %s\n", "attack", "server", "peak RSS", "CPU", "fds", "first frame", "result")
	for _, sc := range scenarios {
		if names != "" && !strings.Contains(","+names+",", ","+sc.name+",") {
			continue
		}
		r, err := measure(bin, dir, sc, from, length, memMB)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.name, err)
		}
		fmt.Printf("%-9s %-10s %8.0fMB %7.1fs %6d %12s  %s\n", sc.name, r.status, float64(r.peakRSS)/(1<<20), r.cpu.Seconds(), r.peakFDs, r.firstFrame, r.result)
		if r.logBytes > 0 {
			fmt.Printf("%-9s log: %d bytes, %d lines\n", "", r.logBytes, r.logLines)
		}
	}
	return nil
}

type measured struct {
	status             string // alive, or how it died
	peakRSS            uint64
	peakFDs            int
	cpu                time.Duration
	firstFrame         string
	result             string
	logBytes, logLines int
}

// measure starts a server, runs one attack for length, and meanwhile
// samples the server and times an ordinary client's first frame.
func measure(bin, dir string, sc scenario, from string, length time.Duration, memMB int) (measured, error) {
	var m measured
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return m, err
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	key := filepath.Join(dir, sc.name+"_host_key")
	args := append([]string{"serve", "--listen", addr, "--host-key", key}, sc.flags...)
	// ulimit -v: a server that would take all memory dies alone.
	shell := []string{"-c", fmt.Sprintf(`ulimit -v %d && exec "$0" "$@"`, memMB<<10), bin}
	cmd := exec.Command("sh", append(shell, args...)...)
	logs := &countingWriter{}
	cmd.Stderr = logs
	cmd.Stdout = logs
	if err := cmd.Start(); err != nil {
		return m, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Kill()
	}()
	if err := waitListening(addr, exited); err != nil {
		return m, err
	}
	logs.reset() // count what the attack adds, not the start-up line
	ctx, cancel := context.WithTimeout(context.Background(), length)
	defer cancel()
	pid := cmd.Process.Pid
	cpu0 := cpuOf(pid)
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for ctx.Err() == nil {
			if rss := rssOf(pid); rss > m.peakRSS {
				m.peakRSS = rss
			}
			m.peakFDs = max(m.peakFDs, fdsOf(pid))
			time.Sleep(20 * time.Millisecond)
		}
	}()
	resultc := make(chan string, 1)
	go func() { resultc <- sc.run(ctx, attack.Target{Addr: addr, From: from}) }()
	time.Sleep(min(2*time.Second, length/4)) // the attack under way
	m.firstFrame = politeFirstFrame(ctx, addr)
	select {
	case m.result = <-resultc:
	case <-ctx.Done():
		m.result = <-resultc
	}
	m.cpu = cpuOf(pid) - cpu0
	cancel()
	<-sampled
	select {
	case err := <-exited:
		m.status = "died"
		if err != nil {
			m.status = "died: " + err.Error()
		}
	default:
		m.status = "alive"
	}
	m.logBytes, m.logLines = logs.counts()
	return m, nil
}

// politeFirstFrame is how long an ordinary client waits for the
// dashboard's first frame, or why it got none.
func politeFirstFrame(ctx context.Context, addr string) string {
	began := time.Now()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	c, err := attack.Target{Addr: addr, User: "polite"}.Dial(ctx)
	if err != nil {
		return "refused"
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		return "refused"
	}
	defer sess.Close()
	out, err := sess.StdoutPipe()
	if err != nil {
		return "error"
	}
	if sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}) != nil || sess.Shell() != nil {
		return "refused"
	}
	got := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Split(bufio.ScanBytes)
		var seen strings.Builder
		for sc.Scan() {
			seen.Write(sc.Bytes())
			if strings.Contains(seen.String(), "Amazon") {
				got <- true
				return
			}
		}
		got <- false
	}()
	select {
	case ok := <-got:
		if ok {
			return time.Since(began).Round(time.Millisecond).String()
		}
		return "closed"
	case <-ctx.Done():
		return "none in 15s"
	}
}

func waitListening(addr string, exited <-chan error) error {
	end := time.Now().Add(30 * time.Second)
	for time.Now().Before(end) {
		if c, err := net.Dial("tcp", addr); err == nil {
			return c.Close()
		}
		select {
		case err := <-exited:
			return fmt.Errorf("server exited before listening: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return errors.New("server not listening after 30s")
}

// rssOf is the resident memory of process pid, from /proc.
func rssOf(pid int) uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuOf is the user and system time of process pid, from /proc (in the
// kernel's clock ticks, 100 a second on Linux).
func cpuOf(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func fdsOf(pid int) int {
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return 0
	}
	return len(ents)
}

// countingWriter counts the bytes and lines the server logs.
type countingWriter struct {
	mu           sync.Mutex
	bytes, lines int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bytes += len(p)
	w.lines += strings.Count(string(p), "\n")
	return len(p), nil
}

func (w *countingWriter) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bytes, w.lines = 0, 0
}

func (w *countingWriter) counts() (int, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.bytes, w.lines
}
