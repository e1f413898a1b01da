//go:build unix

package serve

import (
	"os"
	"syscall"
)

// openNoWait opens path for reading without waiting for a writer, should
// it be a FIFO: reading the key file must not hang the server's start.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
