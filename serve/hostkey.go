package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
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
	if err := checkKeyDir(path); err != nil {
		return nil, false, err
	}
	pemBytes, err := readKeyFile(path, true)
	if errors.Is(err, fs.ErrNotExist) {
		if pemBytes, err = generateHostKey(path); err != nil {
			return nil, false, fmt.Errorf("generating a host key: %w", err)
		}
		created = true
	} else if err != nil {
		return nil, false, err
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

// maxKeyFile bounds what is read of a key file: a host key is a few hundred
// bytes, an authorized_keys file of a large team a few hundred kilobytes.
const maxKeyFile = 1 << 20

// readKeyFile reads a key file, which must be a regular file (not a FIFO,
// which would hang the start, nor a device such as /dev/zero, which would
// fill memory) of at most maxKeyFile bytes. A private key must not be
// readable or writable by others, as sshd requires of its host keys.
func readKeyFile(path string, private bool) ([]byte, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch {
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a regular file (%s)", path, st.Mode().Type())
	case st.Size() > maxKeyFile:
		return nil, fmt.Errorf("%s is %d bytes; a key file is at most %d", path, st.Size(), maxKeyFile)
	case private && st.Mode().Perm()&0o077 != 0:
		return nil, fmt.Errorf("host key %s is open to others (mode %04o); run chmod 600 %s", path, st.Mode().Perm(), path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxKeyFile {
		return nil, fmt.Errorf("%s grew past %d bytes while read", path, maxKeyFile)
	}
	return b, nil
}

// checkKeyDir refuses a host key in a world-writable directory, where
// anyone could replace it.
func checkKeyDir(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // created 0700 with the key
	}
	if err != nil {
		return err
	}
	if st.Mode().Perm()&0o002 != 0 {
		return fmt.Errorf("host key directory %s is writable by anyone (mode %04o); keep the key in a directory only you can write", dir, st.Mode().Perm())
	}
	return nil
}
