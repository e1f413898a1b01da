// Loadtest measures the aicapex SSH server against a floor: the least a wish
// and Bubble Tea server showing one ntcharts chart can do.
//
// Usage:
//
//	go run ./tools/loadtest [-n 50,200] [-keys 20] [-timeout 5m]
//
// For each session count N it starts, on 127.0.0.1 with an ephemeral port
// and a throwaway host key, the real server (serve.Run with the bundled
// data) and then the floor, each in a child process so that its memory and
// CPU are measured apart from the clients'. N SSH clients connect, each
// with a PTY (xterm-256color, 80x24) that answers terminal queries as a
// terminal would, wait for the first frame, then all press left and right
// in turn, then q. It prints, per N, time to first frame, key latency,
// errors, and server memory and CPU per session for both servers, their
// ratio, and whether aicapex meets its targets.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	// This binary is also the servers' child process.
	if kind := os.Getenv(serverEnv); kind != "" {
		os.Exit(serveChild(kind))
	}

	counts := flag.String("n", "50,200", "session counts, comma-separated; each runs against both servers")
	keysPer := flag.Int("keys", 20, "keys each session presses")
	timeout := flag.Duration("timeout", 5*time.Minute, "stop everything after this long")
	flag.Parse()
	ns, err := parseCounts(*counts)
	if err == nil && *keysPer < 0 {
		err = fmt.Errorf("-keys %d: must be at least 0", *keysPer)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}

	results, err := run(context.Background(), config{
		counts:   ns,
		keys:     *keysPer,
		deadline: time.Now().Add(*timeout),
		progress: os.Stderr,
	})
	if rerr := report(os.Stdout, results, *keysPer); rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func parseCounts(s string) ([]int, error) {
	var ns []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n %q: want positive session counts, comma-separated", s)
		}
		ns = append(ns, n)
	}
	return ns, nil
}
