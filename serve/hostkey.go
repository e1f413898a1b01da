package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// ensureHostKey returns the host key at path, generating an ed25519 key
// there if there is no file. A file that exists is never replaced: one that
// cannot be read or parsed is an error for the operator, since a new key
// would make every client warn of a man in the middle.
//
// We generate the key ourselves rather than let wish.WithHostKeyPath do it,
// because its key generator also chmods an existing parent directory to
// 0700, which would be the working directory for a bare file name.
func ensureHostKey(path string) (key gossh.Signer, created bool, err error) {
	pemBytes, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if pemBytes, err = generateHostKey(path); err != nil {
			return nil, false, fmt.Errorf("generating a host key: %w", err)
		}
		created = true
	} else if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	key, err = gossh.ParsePrivateKey(pemBytes)
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w (fix or remove the file; it is never overwritten)", path, err)
	}
	return key, created, nil
}

// generateHostKey writes a new ed25519 key in OpenSSH format to path, which
// must not exist, readable by its owner only, and returns the PEM.
func generateHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "aicapex host key")
	if err != nil {
		return nil, err
	}
	pemBytes := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	// O_EXCL: should another process create the file meanwhile, keep theirs.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	_, err = f.Write(pemBytes)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// The file is ours and incomplete: leave nothing that would stop
		// the next start.
		return nil, errors.Join(err, os.Remove(path))
	}
	return pemBytes, nil
}
