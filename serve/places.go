package serve

import (
	"fmt"
	"sync"
)

// places counts what the server holds (connections, sessions), in all and
// from each client address, against a cap on each.
type places struct {
	what         string // "connections", "sessions": named in a refusal
	max, perAddr int
	mu           sync.Mutex
	total        int
	byAddr       map[string]int
}

func newPlaces(what string, max, perAddr int) *places {
	return &places{what: what, max: max, perAddr: perAddr, byAddr: map[string]int{}}
}

// take holds a place for addr, or says why there is none.
func (p *places) take(addr string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.total >= p.max:
		return fmt.Sprintf("server is full (%d %s)", p.max, p.what)
	case p.byAddr[addr] >= p.perAddr:
		return fmt.Sprintf("%d %s from your address already", p.perAddr, p.what)
	}
	p.total++
	p.byAddr[addr]++
	return ""
}

// give frees a place addr held.
func (p *places) give(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total--
	if p.byAddr[addr]--; p.byAddr[addr] <= 0 {
		delete(p.byAddr, addr)
	}
}

// held reports the places held, in all and by addr.
func (p *places) held(addr string) (total, fromAddr int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.total, p.byAddr[addr]
}
