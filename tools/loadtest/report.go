package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Targets for aicapex.
const (
	targetSessions  = 200
	targetHeapMB    = 3.0
	targetKeyP99    = 60 * time.Millisecond
	targetKeyP99AtN = 50
	targetRatio     = 1.25
)

// percentile is the nearest-rank p-th percentile (0 < p <= 100) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

const mb = 1 << 20

// perSession is (after-before)/n in MB, which may be negative.
func perSession(after, before uint64, n int) float64 {
	return (float64(after) - float64(before)) / mb / float64(max(n, 1))
}

func mean(xs []int64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum int64
	for _, x := range xs {
		sum += x
	}
	return float64(sum) / float64(len(xs))
}

// errors counts the client's errors and the server's warnings and errors.
func (r *result) errors() int { return r.errs.count + r.end.Problems }

// upTo is f's value if r got to stage, else NaN, which prints as "-".
func upTo(stage int, f func(r *result) float64) func(r *result) float64 {
	return func(r *result) float64 {
		if r.stage < stage {
			return math.NaN()
		}
		return f(r)
	}
}

// metric is one row of the table: its value for a result, how to print it,
// and whether the aicapex/floor ratio is a target.
type metric struct {
	name   string
	value  func(r *result) float64
	format string
	ratio  bool   // ratio <= targetRatio is a target
	target string // an absolute target, described
	onlyAt int    // the session count the target is for; 0: every one
	pass   func(r *result) bool
}

func metrics() []metric {
	return []metric{
		{name: "sessions ok", format: "%.0f", value: func(r *result) float64 { return float64(r.ok) },
			target: "all", pass: func(r *result) bool { return r.ok == r.n }},
		{name: "errors", format: "%.0f", value: func(r *result) float64 { return float64(r.errors()) },
			target: "0", pass: func(r *result) bool { return r.errors() == 0 }},
		{name: "first frame p50 (ms)", format: "%.1f", ratio: true, value: func(r *result) float64 { return ms(percentile(r.ttff, 50)) }},
		{name: "first frame p99 (ms)", format: "%.1f", ratio: true, value: func(r *result) float64 { return ms(percentile(r.ttff, 99)) }},
		{name: "key latency p50 (ms)", format: "%.1f", ratio: true, value: func(r *result) float64 { return ms(percentile(r.keyLat, 50)) }},
		{name: "key latency p99 (ms)", format: "%.1f", ratio: true, value: func(r *result) float64 { return ms(percentile(r.keyLat, 99)) },
			target: fmt.Sprintf("< %d ms", targetKeyP99.Milliseconds()), onlyAt: targetKeyP99AtN,
			pass: func(r *result) bool { return len(r.keyLat) > 0 && percentile(r.keyLat, 99) < targetKeyP99 }},
		{name: "output per key (KB)", format: "%.2f", value: func(r *result) float64 { return mean(r.keyOut) / 1024 }},
		{name: "server heap/session idle (MB)", format: "%.3f", ratio: true,
			value:  upTo(stageIdle, func(r *result) float64 { return perSession(r.idle.HeapInuse, r.base.HeapInuse, r.n) }),
			target: fmt.Sprintf("< %.0f MB", targetHeapMB),
			pass: func(r *result) bool {
				return r.stage >= stageIdle && perSession(r.idle.HeapInuse, r.base.HeapInuse, r.n) < targetHeapMB
			}},
		{name: "server heap/session after keys (MB)", format: "%.3f",
			value: upTo(stageKeys, func(r *result) float64 { return perSession(r.afterKeys.HeapInuse, r.base.HeapInuse, r.n) })},
		{name: "server RSS/session idle (MB)", format: "%.3f",
			value: upTo(stageIdle, func(r *result) float64 { return perSession(r.idle.RSS, r.base.RSS, r.n) })},
		{name: "server goroutines/session", format: "%.1f",
			value: upTo(stageIdle, func(r *result) float64 {
				return (float64(r.idle.Goroutines) - float64(r.base.Goroutines)) / float64(max(r.n, 1))
			})},
		{name: "server CPU/session start (ms)", format: "%.2f",
			value: upTo(stageIdle, func(r *result) float64 { return ms(r.idle.CPU-r.base.CPU) / float64(max(len(r.ttff), 1)) })},
		{name: "server CPU/key (ms)", format: "%.2f",
			value: upTo(stageKeys, func(r *result) float64 { return ms(r.afterKeys.CPU-r.idle.CPU) / float64(max(len(r.keyLat), 1)) })},
		{name: "client heap/session (MB)", format: "%.3f",
			value: upTo(stageIdle, func(r *result) float64 { return perSession(r.clientIdle, r.clientBase, r.n) })},
	}
}

// pair is one session count's results for both servers.
type pair struct {
	n    int
	a, f *result
}

func pairs(results []*result) []pair {
	var ps []pair
	for _, r := range results {
		i := slices.IndexFunc(ps, func(p pair) bool { return p.n == r.n })
		if i < 0 {
			ps = append(ps, pair{n: r.n})
			i = len(ps) - 1
		}
		if r.kind == kindAicapex {
			ps[i].a = r
		} else {
			ps[i].f = r
		}
	}
	return ps
}

// report prints a table per session count, the errors seen and the targets.
func report(w io.Writer, results []*result, keysPerSession int) error {
	ms := metrics()
	for _, p := range pairs(results) {
		fmt.Fprintf(w, "\nN=%d sessions, %d keys each\n", p.n, keysPerSession)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "metric\taicapex\tfloor\tratio\ttarget\t")
		for _, m := range ms {
			a, f := cell(m, p.a), cell(m, p.f)
			ratio := "-"
			if p.a != nil && p.f != nil {
				if av, fv := m.value(p.a), m.value(p.f); fv > 0 && !math.IsNaN(av) {
					ratio = fmt.Sprintf("%.2f", av/fv)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", m.name, a, f, ratio, verdict(m, p))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, r := range []*result{p.a, p.f} {
			if r == nil {
				continue
			}
			for step, n := range r.errs.steps {
				fmt.Fprintf(w, "  %s %s: %d errors, first: %s\n", r.kind, step, n, r.errs.first[step])
			}
			if r.end.Problems > 0 {
				fmt.Fprintf(w, "  %s server logged %d warnings/errors, first: %s\n", r.kind, r.end.Problems, r.end.Problem)
			}
			if r.leaked > 0 {
				fmt.Fprintf(w, "  %s: %d client goroutines left after the sessions closed\n", r.kind, r.leaked)
			}
			if left := r.end.Goroutines - r.base.Goroutines; left > 0 {
				fmt.Fprintf(w, "  %s server: %d goroutines more than at start after every session quit\n", r.kind, left)
			}
		}
	}
	fmt.Fprintln(w)
	for _, t := range targets(pairs(results)) {
		fmt.Fprintln(w, t)
	}
	return nil
}

func cell(m metric, r *result) string {
	if r == nil || math.IsNaN(m.value(r)) {
		return "-"
	}
	return fmt.Sprintf(m.format, m.value(r))
}

// verdict is the target column: the targets of the row and whether aicapex
// meets them.
func verdict(m metric, p pair) string {
	var parts []string
	if m.target != "" && (m.onlyAt == 0 || m.onlyAt == p.n) {
		parts = append(parts, m.target+" "+passFail(p.a != nil && m.pass(p.a)))
	}
	if m.ratio {
		verdict := "n/a"
		if p.a != nil && p.f != nil {
			verdict = passFail(ratioOK(m.value(p.a), m.value(p.f)))
		}
		parts = append(parts, fmt.Sprintf("ratio <= %.2f %s", targetRatio, verdict))
	}
	return strings.Join(parts, "; ")
}

// ratioOK is false when either is unknown (NaN).
func ratioOK(a, f float64) bool { return f > 0 && a/f <= targetRatio || a <= 0 }

func passFail(ok bool) string {
	if ok {
		return "ok"
	}
	return "FAIL"
}

// targets sums up the four targets over every session count.
func targets(ps []pair) []string {
	var lines []string
	line := func(name string, ok bool, detail string) {
		lines = append(lines, fmt.Sprintf("%-44s %-4s  %s", name, passFail(ok), detail))
	}
	// 1: 200 sessions, no errors.
	found := false
	for _, p := range ps {
		if p.n == targetSessions && p.a != nil {
			found = true
			line(fmt.Sprintf("%d sessions with no errors", targetSessions), p.a.ok == p.n && p.a.errors() == 0,
				fmt.Sprintf("%d/%d sessions ok, %d errors", p.a.ok, p.n, p.a.errors()))
		}
	}
	if !found {
		lines = append(lines, fmt.Sprintf("%d sessions with no errors: not run (add %d to -n)", targetSessions, targetSessions))
	}
	// 2: memory.
	ok, detail := true, []string{}
	for _, p := range ps {
		if p.a == nil {
			continue
		}
		v := perSession(p.a.idle.HeapInuse, p.a.base.HeapInuse, p.n)
		ok = ok && v < targetHeapMB
		detail = append(detail, fmt.Sprintf("N=%d %.3f MB", p.n, v))
	}
	line(fmt.Sprintf("server heap under %.0f MB per session", targetHeapMB), ok, strings.Join(detail, ", "))
	// 3: key latency at 50.
	found = false
	for _, p := range ps {
		if p.n == targetKeyP99AtN && p.a != nil {
			found = true
			v := percentile(p.a.keyLat, 99)
			line(fmt.Sprintf("p99 key latency under %d ms at N=%d", targetKeyP99.Milliseconds(), targetKeyP99AtN),
				len(p.a.keyLat) > 0 && v < targetKeyP99, fmt.Sprintf("%.1f ms", ms(v)))
		}
	}
	if !found {
		lines = append(lines, fmt.Sprintf("p99 key latency at N=%d: not run (add %d to -n)", targetKeyP99AtN, targetKeyP99AtN))
	}
	// 4: ratios.
	ok, detail = true, nil
	for _, p := range ps {
		if p.a == nil || p.f == nil {
			ok = false
			detail = append(detail, fmt.Sprintf("N=%d not run on both", p.n))
			continue
		}
		for _, m := range metrics() {
			if !m.ratio {
				continue
			}
			a, f := m.value(p.a), m.value(p.f)
			if !ratioOK(a, f) {
				ok = false
				r := "inf"
				if f > 0 {
					r = fmt.Sprintf("%.2f", a/f)
				}
				detail = append(detail, fmt.Sprintf("N=%d %s %s", p.n, m.name, r))
			}
		}
	}
	if ok {
		detail = []string{"every ratio row"}
	}
	line(fmt.Sprintf("aicapex/floor ratio at most %.2f", targetRatio), ok, strings.Join(detail, "; "))
	return lines
}
