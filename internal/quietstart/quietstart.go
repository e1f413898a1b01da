// Package quietstart keeps Bubble Tea v1 from asking the terminal for its
// background colour when the program starts.
//
// Bubble Tea's own init calls lipgloss.HasDarkBackground, which writes an
// OSC 11 query and waits up to 5 s for terminals that never answer (some
// SSH clients, scripts, serial consoles) before the first frame can be
// drawn. Setting the default renderer's background first makes the call
// answer at once. Go initialises packages in import-path order where
// dependencies allow, and this path sorts before
// github.com/charmbracelet/bubbletea, so importing it from main is enough.
// The dashboard's own renderers are told the background by ui.NewTheme.
package quietstart

import "github.com/charmbracelet/lipgloss"

func init() { lipgloss.SetHasDarkBackground(true) }
