package ui

import (
	"strings"
	"testing"
)

func TestRenderTableDropsColumnsThatDoNotFit(t *testing.T) {
	th := asciiTheme()
	rows := [][]cell{{{text: "Amazon"}, {text: "$1.0B"}, {text: "+5.0%"}}}
	full := renderTable(th, 80, []string{"who", "value", "change"}, rows)
	w := 0
	for _, l := range strings.Split(full, "\n") {
		w = max(w, len(l))
	}
	if got := renderTable(th, w, []string{"who", "value", "change"}, rows); got != full {
		t.Errorf("a table exactly as wide as the room lost a column:\n%s", got)
	}
	if got := renderTable(th, w-1, []string{"who", "value", "change"}, rows); strings.Contains(got, "change") {
		t.Errorf("one column too many:\n%s", got)
	}
}
