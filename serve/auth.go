package serve

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// authentication lets in the holders of keys, or anyone when keys is nil:
// then any public key passes, and so does keyboard-interactive with no
// questions, for clients that have no key.
func authentication(keys []gossh.PublicKey) ssh.Option {
	return func(srv *ssh.Server) error {
		if keys == nil {
			srv.PublicKeyHandler = func(ssh.Context, ssh.PublicKey) bool { return true }
			srv.KeyboardInteractiveHandler = func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }
			return nil
		}
		srv.PublicKeyHandler = func(_ ssh.Context, key ssh.PublicKey) bool {
			return slices.ContainsFunc(keys, func(k gossh.PublicKey) bool { return ssh.KeysEqual(k, key) })
		}
		return nil
	}
}

// readAuthorizedKeys reads an OpenSSH authorized_keys file once, at start,
// reporting every line it cannot parse. Key options (command=, from=, ...)
// are parsed but not applied.
func readAuthorizedKeys(path string) ([]gossh.PublicKey, error) {
	b, err := readKeyFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	var keys []gossh.PublicKey
	var errs []error
	for i, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", path, i+1, err))
			continue
		}
		keys = append(keys, key)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s: no keys, so nobody could log in", path)
	}
	return keys, nil
}

// isPresenter reports whether the session's key is one of the presenters'.
func (s *server) isPresenter(sess ssh.Session) bool {
	key := sess.PublicKey()
	return key != nil && slices.ContainsFunc(s.presenters, func(k gossh.PublicKey) bool { return ssh.KeysEqual(k, key) })
}

// logAuth logs failed logins (address, method, user), throttled per
// address. The "none" method is how every client asks which methods
// there are, so it is not a failure worth a line.
func (s *server) logAuth(conn gossh.ConnMetadata, method string, err error) {
	if err == nil || method == "none" {
		return
	}
	addr := hostOf(conn.RemoteAddr())
	s.warn.warn(addr, "login failed", "remote-addr", conn.RemoteAddr().String(),
		"method", clientString(method, maxLoggedString), "user", clientString(conn.User(), maxLoggedString))
}
