package main

import (
	"os"
	"testing"
	"time"
)

// The samplers read this process as they read a server.
func TestSamplersReadAProcess(t *testing.T) {
	pid := os.Getpid()
	if rss := rssOf(pid); rss < 1<<20 {
		t.Errorf("rssOf(self) = %d bytes; a Go test binary is several MB", rss)
	}
	if n := fdsOf(pid); n < 3 {
		t.Errorf("fdsOf(self) = %d; stdin, stdout and stderr at least", n)
	}
	before := cpuOf(pid)
	for end := time.Now().Add(5 * time.Second); cpuOf(pid) <= before; {
		if time.Now().After(end) {
			t.Fatalf("cpuOf stayed at %s through 5 s of spinning", before)
		}
	}
	if rssOf(-1) != 0 || fdsOf(-1) != 0 || cpuOf(-1) != 0 {
		t.Error("a process that does not exist reads as non-zero")
	}
}
