package data

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with an input file, located to the line.
type Problem struct {
	File   string
	Line   int    // 0 when the problem concerns the whole file
	Column string // empty when not about one column
	Msg    string
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Column != "" {
		fmt.Fprintf(&b, "column %q: ", p.Column)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems lists every problem found while loading, so a user fixes a file
// in one pass rather than one error per run.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// problemSink collects problems for one file.
type problemSink struct {
	file string
	list *Problems
}

func (s problemSink) add(line int, col, format string, args ...any) {
	*s.list = append(*s.list, Problem{File: s.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
}
