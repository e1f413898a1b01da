package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// wrap breaks plain text into lines of at most width cells, at spaces
// only, so that no number or name is split ("$35.7B" stays whole). A word
// longer than a line, which only a URL is, breaks after a / where it can.
func wrap(text string, width int) []string {
	width = max(width, 1)
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
			line += " " + word
			continue
		default:
			lines = append(lines, line)
		}
		pieces := breakWord(word, width)
		lines = append(lines, pieces[:len(pieces)-1]...)
		line = pieces[len(pieces)-1]
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// breakWord splits a word longer than width after a / (or ? or &), or at
// width where a piece has none.
func breakWord(word string, width int) []string {
	width = max(width, 1)
	var pieces []string
	for ansi.StringWidth(word) > width {
		cut := ansi.Truncate(word, width, "")
		if i := strings.LastIndexAny(cut, "/?&"); i > 0 {
			cut = cut[:i+1]
		}
		if cut == "" { // a character wider than the line
			_, size := utf8.DecodeRuneInString(word)
			cut = word[:size]
		}
		pieces = append(pieces, cut)
		word = word[len(cut):]
	}
	return append(pieces, word)
}
