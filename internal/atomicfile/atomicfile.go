// Package atomicfile writes files so that a reader sees the old content or
// the new, never a half-written file: the data goes to a temporary file in
// the same directory, which is then renamed over the target.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write replaces path with data, creating its directory if need be.
func Write(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(f.Name()))
		}
	}()
	if _, err := f.Write(data); err != nil {
		return errors.Join(err, f.Close())
	}
	// Flush to disk before the rename, or a crash could leave an empty file
	// under the final name.
	if err := f.Sync(); err != nil {
		return errors.Join(err, f.Close())
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), perm); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
