package cli

import (
	"os"
	"strings"
	"testing"
)

// The README shows what a command prints; what it shows must be what the
// command prints today.
func TestREADMEExamples(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := 0
	// A fenced block whose first line is "$ go run . ARGS" and the output.
	for block := range strings.SplitSeq(string(b), "```") {
		lines := strings.SplitN(block, "\n", 3) // the fence's language, the command, the output
		if len(lines) < 3 {
			continue
		}
		cmd, ok := strings.CutPrefix(lines[1], "$ go run . ")
		if !ok {
			continue
		}
		examples++
		want := lines[2]
		got, err := run(t, strings.Fields(cmd)...)
		if err != nil {
			t.Errorf("%s: %v", cmd, err)
			continue
		}
		if strings.TrimRight(got, "\n") != strings.TrimRight(want, "\n") {
			t.Errorf("README shows for %q:\n%s\nthe command prints:\n%s", cmd, want, got)
		}
	}
	if examples == 0 {
		t.Fatal("no `$ go run .` example with its output in the README")
	}
}
