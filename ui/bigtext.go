package ui

import "strings"

// font draws headline figures several rows tall: a glyph per character,
// each row of a glyph the same width.
type font map[rune][]string

// smallFont is three rows of box-drawing lines: it reads on any font and
// without colour, and leaves an 80x24 slide room for its chart.
var smallFont = font{
	'0': {"┏━┓", "┃ ┃", "┗━┛"},
	'1': {" ┓ ", " ┃ ", " ┻ "},
	'2': {"╺━┓", "┏━┛", "┗━╸"},
	'3': {"╺━┓", " ━┫", "╺━┛"},
	'4': {"╻ ╻", "┗━┫", "  ╹"},
	'5': {"┏━╸", "┗━┓", "╺━┛"},
	'6': {"┏━╸", "┣━┓", "┗━┛"},
	'7': {"╺━┓", "  ┃", "  ╹"},
	'8': {"┏━┓", "┣━┫", "┗━┛"},
	'9': {"┏━┓", "┗━┫", "╺━┛"},
	'.': {" ", " ", "▪"},
	'$': {"┏┿╸", "┗┿┓", "╺┿┛"},
	'%': {"▪ ╱", " ╱ ", "╱ ▪"},
	'+': {"   ", "╺╋╸", "   "},
	'-': {"   ", "╺━╸", "   "},
	'B': {"┏┓ ", "┣┻┓", "┗━┛"},
	'~': {"   ", "╭─╯", "   "},
	' ': {" ", " ", " "},
}

// largeFont is five rows of solid blocks, for a projector: strokes a whole
// cell wide read from the back of a room.
var largeFont = font{
	'0': {"████", "█  █", "█  █", "█  █", "████"},
	'1': {"██ ", " █ ", " █ ", " █ ", "███"},
	'2': {"████", "   █", "████", "█   ", "████"},
	'3': {"████", "   █", " ███", "   █", "████"},
	'4': {"█  █", "█  █", "████", "   █", "   █"},
	'5': {"████", "█   ", "████", "   █", "████"},
	'6': {"████", "█   ", "████", "█  █", "████"},
	'7': {"████", "   █", "  █ ", " █  ", " █  "},
	'8': {"████", "█  █", "████", "█  █", "████"},
	'9': {"████", "█  █", "████", "   █", "████"},
	'.': {" ", " ", " ", " ", "█"},
	'$': {"▄███▄", "█ █  ", "▀███▄", "  █ █", "▀███▀"},
	'%': {"█   █", "   █ ", "  █  ", " █   ", "█   █"},
	'+': {"   ", " █ ", "███", " █ ", "   "},
	'-': {"   ", "   ", "███", "   ", "   "},
	'B': {"███▄", "█  █", "███ ", "█  █", "███▀"},
	'~': {"    ", "    ", "▄▀▄▀", "    ", "    "},
	' ': {"  ", "  ", "  ", "  ", "  "},
}

// rows is how tall the font draws.
func (f font) rows() int { return len(f['0']) }

// render draws s in the font, a column apart, or returns "" if a character
// has no glyph or the result would be wider than w, so the caller can fall
// back to a smaller font or plain text.
func (f font) render(s string, w int) string {
	rows := make([]strings.Builder, f.rows())
	width := -1
	for i, r := range s {
		g, ok := f[r]
		if !ok {
			return ""
		}
		width += 1 + len([]rune(g[0]))
		for j := range rows {
			if i > 0 {
				rows[j].WriteByte(' ')
			}
			rows[j].WriteString(g[j])
		}
	}
	if width > w {
		return ""
	}
	lines := make([]string, len(rows))
	for j := range rows {
		lines[j] = strings.TrimRight(rows[j].String(), " ")
	}
	return strings.Join(lines, "\n")
}

// bigText renders s three rows tall, or "" (see font.render).
func bigText(s string, w int) string { return smallFont.render(s, w) }
