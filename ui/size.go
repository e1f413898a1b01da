package ui

// The largest screen drawn. A larger terminal sees the screen drawn at this
// size in its top-left corner: a frame costs memory per cell, and a client
// over SSH may claim any size (65535x65535 would exhaust the server's
// memory). A 4K monitor with a small font is about 480x135.
const (
	MaxWidth  = 500
	MaxHeight = 200
)

// clampSize bounds a terminal size to MaxWidth x MaxHeight.
func clampSize(w, h int) (int, int) { return min(w, MaxWidth), min(h, MaxHeight) }
