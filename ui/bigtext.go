package ui

import "strings"

// bigGlyphs draws headline figures three rows tall, in box-drawing
// characters so they read on any font and without colour.
var bigGlyphs = map[rune][3]string{
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

// bigText renders s in bigGlyphs, or returns "" if any character has no
// big form or the result would be wider than w, so the caller falls back
// to plain text.
func bigText(s string, w int) string {
	var rows [3]strings.Builder
	width := 0
	for i, r := range s {
		g, ok := bigGlyphs[r]
		if !ok {
			return ""
		}
		for j := range rows {
			if i > 0 {
				rows[j].WriteByte(' ')
			}
			rows[j].WriteString(g[j])
		}
		width += len([]rune(g[0])) + 1
	}
	if width > w {
		return ""
	}
	return rows[0].String() + "\n" + rows[1].String() + "\n" + rows[2].String()
}
