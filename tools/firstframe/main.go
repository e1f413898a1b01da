// Command firstframe measures time to first frame: from process start to a
// full screen in a pseudo-terminal, for aicapex and for a floor program
// (tools/firstframe/minimal: Bubble Tea with one ntcharts chart), under
// three terminal behaviours:
//
//	answering  the terminal replies to OSC 11, DSR (6n) and DA1 queries as a real one does
//	silent     the terminal answers nothing (some SSH clients, CI, serial consoles)
//	silent --theme dark   aicapex only: silent, with the theme given up front
//
// Each case runs N times (-n, default 20) in an 80x24 pty with
// TERM=xterm-256color; the runs of the cases are interleaved so drift hits
// every case alike. A run ends at the read after which the output, escapes
// stripped, holds the frame markers ("Amazon" and "Alphabet", near the end
// of aicapex's frame; "floor ready" and the floor's last line "q quit"); then "q" is typed and the program must
// exit (it is killed after -exit-timeout).
//
// It prints p50/p90/max per case, the aicapex/floor ratio with an
// answering terminal, and the targets: with a silent terminal, the first
// frame within 200 ms; with an answering one, aicapex within 1.5x the
// floor. Exit status 1 if a build or a run failed, or with -strict if a
// target was missed.
//
//	go run ./tools/firstframe [-n 20] [-v] [-strict]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
)

// Packages built and measured.
const (
	aicapexPkg = "github.com/aicapex/aicapex"
	floorPkg   = "github.com/aicapex/aicapex/tools/firstframe/minimal"
)

// Targets from the issue.
const (
	silentTarget = 200 * time.Millisecond // silent terminal: first frame by then (p90)
	ratioTarget  = 1.5                    // answering terminal: aicapex p50 / floor p50
)

var (
	aicapexMarkers = []string{"Amazon", "Alphabet"}
	floorMarkers   = []string{"floor ready", "q quit"} // title and last line
)

// benchCase is one binary under one terminal behaviour.
type benchCase struct {
	Name     string // aicapex/answering, ...
	Binary   string // aicapex or floor
	Terminal string // answering or silent
	Args     []string
	Markers  []string
	Answer   bool
}

// allCases are the five cases, in report order.
func allCases() []benchCase {
	return []benchCase{
		{Name: "aicapex  answering", Binary: "aicapex", Terminal: "answering", Markers: aicapexMarkers, Answer: true},
		{Name: "floor    answering", Binary: "floor", Terminal: "answering", Markers: floorMarkers, Answer: true},
		{Name: "aicapex  silent", Binary: "aicapex", Terminal: "silent", Markers: aicapexMarkers},
		{Name: "floor    silent", Binary: "floor", Terminal: "silent", Markers: floorMarkers},
		{Name: "aicapex  silent --theme dark", Binary: "aicapex", Terminal: "silent", Args: []string{"--theme", "dark"}, Markers: aicapexMarkers},
	}
}

// config is one measurement.
type config struct {
	N            int
	Warmup       int // unrecorded runs per binary first (page cache, dynamic loader)
	FrameTimeout time.Duration
	ExitTimeout  time.Duration
	Bins         map[string]string // binary name -> path
	Cases        []benchCase
	Log          io.Writer // per-run lines, or nil
	Dump         string    // write each run's raw output here, if set
}

// caseResult holds the runs of one case.
type caseResult struct {
	Case benchCase
	Runs []runResult
}

// measure runs every case cfg.N times, interleaved, and returns the runs
// per case in cfg.Cases order.
func measure(cfg config) []caseResult {
	spec := func(c benchCase) runSpec {
		return runSpec{
			Path: cfg.Bins[c.Binary], Args: c.Args, Markers: c.Markers, Answer: c.Answer,
			FrameTimeout: cfg.FrameTimeout, ExitTimeout: cfg.ExitTimeout, Keep: cfg.Dump != "",
		}
	}
	warmed := map[string]bool{}
	for _, c := range cfg.Cases {
		if warmed[c.Binary] {
			continue
		}
		warmed[c.Binary] = true
		for range cfg.Warmup {
			run(spec(benchCase{Binary: c.Binary, Markers: c.Markers, Answer: true}))
		}
	}
	out := make([]caseResult, len(cfg.Cases))
	for i, c := range cfg.Cases {
		out[i].Case = c
	}
	for n := range cfg.N {
		for i, c := range cfg.Cases {
			r := run(spec(c))
			if cfg.Dump != "" {
				name := fmt.Sprintf("%s-%02d.out", strings.Join(strings.Fields(c.Name), "_"), n+1)
				if err := os.WriteFile(filepath.Join(cfg.Dump, name), r.Output, 0o644); err != nil {
					r.Err = errors.Join(r.Err, err)
				}
				r.Output = nil
			}
			out[i].Runs = append(out[i].Runs, r)
			if cfg.Log != nil {
				fmt.Fprintf(cfg.Log, "run %2d  %-30s %s\n", n+1, c.Name, describe(r))
			}
		}
	}
	return out
}

// describe is one run in a line.
func describe(r runResult) string {
	var b strings.Builder
	switch {
	case r.Err != nil:
		fmt.Fprintf(&b, "error: %v", r.Err)
	case r.Framed:
		fmt.Fprintf(&b, "frame %s (%d bytes)", ms(r.Frame), r.Bytes)
	default:
		fmt.Fprintf(&b, "NO FRAME after %s; output ends: %q", ms(r.Frame), r.Tail)
	}
	if r.Killed {
		b.WriteString("; killed after q")
	}
	if len(r.Queries) > 0 {
		fmt.Fprintf(&b, "; queries %q", r.Queries)
	}
	return b.String()
}

// build compiles pkg into dir/name with the go command, from the module
// root, bounded in time. GOFLAGS=-mod=mod is not set: the build must work
// with go.mod as it is.
func build(ctx context.Context, root, dir, name, pkg string) (string, error) {
	out := filepath.Join(dir, name)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return out, nil
}

// moduleRoot is the directory of the main module's go.mod.
func moduleRoot(ctx context.Context) (string, error) {
	b, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(b))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a module; run from the aicapex checkout")
	}
	return filepath.Dir(gomod), nil
}

// buildBoth builds aicapex and the floor into dir.
func buildBoth(ctx context.Context, dir string) (map[string]string, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return nil, err
	}
	bins := map[string]string{}
	for name, pkg := range map[string]string{"aicapex": aicapexPkg, "floor": floorPkg} {
		p, err := build(ctx, root, dir, name, pkg)
		if err != nil {
			return nil, err
		}
		bins[name] = p
	}
	return bins, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

// report writes the table and the targets; it returns whether every run
// framed and whether every target was met.
func report(w io.Writer, cfg config, results []caseResult) (allFramed, targetsMet bool) {
	allFramed, targetsMet = true, true
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "case\tframes\tp50\tp90\tmax\tkilled\tqueries sent (first run)\t\n")
	byName := map[string]stats{}
	for _, cr := range results {
		s := summarize(cr.Runs)
		byName[cr.Case.Name] = s
		killed := 0
		for _, r := range cr.Runs {
			if r.Killed {
				killed++
			}
			if !r.Framed || r.Err != nil {
				allFramed = false
			}
		}
		q := "none"
		if len(cr.Runs) > 0 && len(cr.Runs[0].Queries) > 0 {
			q = fmt.Sprintf("%q", cr.Runs[0].Queries)
		}
		p50, p90, mx := "-", "-", "-"
		if s.Framed > 0 {
			p50, p90, mx = ms(s.P50), ms(s.P90), ms(s.Max)
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%s\t%s\t%s\t%d\t%s\t\n", cr.Case.Name, s.Framed, s.N, p50, p90, mx, killed, q)
	}
	tw.Flush()
	fmt.Fprintln(w)

	check := func(ok bool, format string, args ...any) {
		mark := "PASS"
		if !ok {
			mark, targetsMet = "FAIL", false
		}
		fmt.Fprintf(w, "%s  %s\n", mark, fmt.Sprintf(format, args...))
	}
	a, aok := byName["aicapex  answering"]
	f, fok := byName["floor    answering"]
	if aok && fok && a.Framed > 0 && f.Framed > 0 {
		r50 := float64(a.P50) / float64(f.P50)
		r90 := float64(a.P90) / float64(f.P90)
		fmt.Fprintf(w, "ratio aicapex/floor, answering terminal: p50 %.2fx, p90 %.2fx\n", r50, r90)
		check(r50 <= ratioTarget && a.Framed == a.N, "answering terminal: aicapex p50 %s within %.1fx floor p50 %s (%.2fx)", ms(a.P50), ratioTarget, ms(f.P50), r50)
	}
	for _, name := range []string{"aicapex  silent", "aicapex  silent --theme dark"} {
		s, ok := byName[name]
		if !ok {
			continue
		}
		check(s.Framed == s.N && s.P90 <= silentTarget, "silent terminal: %s first frame p90 %s (max %s) within %s, %d/%d framed",
			strings.Join(strings.Fields(name), " "), ms(s.P90), ms(s.Max), ms(silentTarget), s.Framed, s.N)
	}
	// The floor is no target, only the reference: a plain Bubble Tea v1
	// program asks for the background in the package's init.
	if s, ok := byName["floor    silent"]; ok && s.Framed > 0 {
		note := ""
		if s.P50 >= time.Second {
			note = " (Bubble Tea v1's init asks for the background and waits termenv.OSCTimeout, 5 s)"
		}
		fmt.Fprintf(w, "info  silent terminal: floor first frame p50 %s%s\n", ms(s.P50), note)
	}
	return allFramed, targetsMet
}

func main() {
	var (
		n            = flag.Int("n", 20, "runs per case")
		warmup       = flag.Int("warmup", 1, "unrecorded runs per binary before measuring")
		frameTimeout = flag.Duration("frame-timeout", 10*time.Second, "give up on a run's first frame after this")
		exitTimeout  = flag.Duration("exit-timeout", 3*time.Second, "kill a program this long after q")
		verbose      = flag.Bool("v", false, "print every run")
		strict       = flag.Bool("strict", false, "exit 1 when a target is missed")
		dump         = flag.String("dump", "", "write each run's raw pty output into this directory")
		aicapexBin   = flag.String("aicapex", "", "measure this aicapex binary instead of building one")
		floorBin     = flag.String("floor", "", "measure this floor binary instead of building one")
	)
	flag.Parse()
	if *n < 1 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}

	dir, err := os.MkdirTemp("", "firstframe-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "firstframe:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)

	bins := map[string]string{"aicapex": *aicapexBin, "floor": *floorBin}
	if *aicapexBin == "" || *floorBin == "" {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		built, err := buildBoth(ctx, dir)
		cancel()
		if err != nil {
			fmt.Fprintln(os.Stderr, "firstframe:", err)
			os.RemoveAll(dir)
			os.Exit(1)
		}
		for k, v := range built {
			if bins[k] == "" {
				bins[k] = v
			}
		}
	}

	cfg := config{
		N: *n, Warmup: *warmup, FrameTimeout: *frameTimeout, ExitTimeout: *exitTimeout,
		Bins: bins, Cases: allCases(), Dump: *dump,
	}
	if *verbose {
		cfg.Log = os.Stderr
	}
	fmt.Printf("time to first frame: %d runs per case, %dx%d pty, TERM=%s, frame timeout %s\n\n", cfg.N, cols, rows, term, cfg.FrameTimeout)
	results := measure(cfg)
	allFramed, targetsMet := report(os.Stdout, cfg, results)
	if !allFramed {
		for _, cr := range results {
			for i, r := range cr.Runs {
				if !r.Framed || r.Err != nil {
					fmt.Fprintf(os.Stderr, "%s run %d: %s\n", cr.Case.Name, i+1, describe(r))
					break
				}
			}
		}
	}
	if !allFramed || (*strict && !targetsMet) {
		os.RemoveAll(dir)
		os.Exit(1)
	}
}
