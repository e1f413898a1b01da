package ui

import (
	"strings"
	"testing"
)

func TestWrapKeepsWordsWhole(t *testing.T) {
	text := "In 2026Q1 Amazon spent the most on property and equipment: $35.7B, against $31.2B for Alphabet's Google Cloud."
	for width := 11; width <= 60; width++ { // the longest word is 10
		lines := wrap(text, width)
		if got := strings.Join(lines, " "); got != text {
			t.Fatalf("width %d: words changed:\n%q", width, got)
		}
		for _, l := range lines {
			if len([]rune(l)) > width {
				t.Errorf("width %d: %q is too long", width, l)
			}
		}
	}
}

func TestWrapBreaksLongURLsAtSlashes(t *testing.T) {
	url := "https://www.sec.gov/Archives/edgar/data/1018724/000101872420000010/amzn-20200331x10q.htm"
	lines := wrap("see "+url, 40)
	if strings.Join(lines[1:], "") != url {
		t.Fatalf("the URL is not whole across lines: %q", lines)
	}
	for _, l := range lines[1 : len(lines)-1] {
		if !strings.HasSuffix(l, "/") {
			t.Errorf("%q breaks inside a path segment", l)
		}
	}
}
