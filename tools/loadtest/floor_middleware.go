package main

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/bubbletea"
)

// floorMiddleware is wish's own Bubble Tea middleware, whose renderer asks
// the client for its background (OSC 11, then DA1).
func floorMiddleware() wish.Middleware {
	return bubbletea.Middleware(func(sess ssh.Session) (tea.Model, []tea.ProgramOption) {
		pty, _, _ := sess.Pty()
		return newFloorModel(bubbletea.MakeRenderer(sess), pty.Window.Width, pty.Window.Height), floorOptions()
	})
}
