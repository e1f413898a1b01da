package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// childTimeout bounds each exchange with a server process.
const childTimeout = 30 * time.Second

// serverProc is a server running in a child process.
type serverProc struct {
	kind    string
	cmd     *exec.Cmd
	in      io.WriteCloser
	out     *json.Decoder
	stderr  limitedBuffer
	exited  chan struct{}
	waitErr error
	addr    string
	hostKey gossh.PublicKey
}

// startServer starts this binary as a server of kind, to live at most limit.
func startServer(ctx context.Context, kind string, limit time.Duration) (*serverProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	p := &serverProc{kind: kind, cmd: exec.Command(exe), exited: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), serverEnv+"="+kind, deadlineEnv+"="+limit.String())
	p.cmd.Stderr = &p.stderr
	if p.in, err = p.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p.out = json.NewDecoder(bufio.NewReader(stdout))
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.exited)
	}()
	var r ready
	if err := p.exchange(ctx, "", &r); err != nil {
		p.kill()
		return nil, err
	}
	if err := p.use(r); err != nil {
		p.kill()
		return nil, err
	}
	return p, nil
}

// use checks where the server listens: loopback only.
func (p *serverProc) use(r ready) error {
	host, _, err := net.SplitHostPort(r.Addr)
	if err != nil {
		return fmt.Errorf("%s server address: %w", p.kind, err)
	}
	if host != "127.0.0.1" {
		return fmt.Errorf("%s server listens on %s, not 127.0.0.1", p.kind, r.Addr)
	}
	key, _, _, _, err := gossh.ParseAuthorizedKey([]byte(r.HostKey))
	if err != nil {
		return fmt.Errorf("%s server host key: %w", p.kind, err)
	}
	p.addr, p.hostKey = r.Addr, key
	return nil
}

// exchange sends request (if any) and decodes one answer into v; should the
// child not answer in time, it is killed.
func (p *serverProc) exchange(ctx context.Context, request string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, childTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, p.kill)
	defer stop()
	if request != "" {
		if _, err := io.WriteString(p.in, request+"\n"); err != nil {
			return p.failed(err)
		}
	}
	if err := p.out.Decode(v); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s server: no answer: %w", p.kind, ctx.Err())
		}
		return p.failed(err)
	}
	return nil
}

func (p *serverProc) failed(err error) error {
	select {
	case <-p.exited:
	case <-time.After(time.Second):
	}
	return fmt.Errorf("%s server: %w; stderr: %q", p.kind, err, p.stderr.String())
}

func (p *serverProc) stats(ctx context.Context) (serverStats, error) {
	var st serverStats
	err := p.exchange(ctx, "stats", &st)
	return st, err
}

// stop ends the child's stdin, which stops the server, and waits up to
// wait for it to exit before killing it.
func (p *serverProc) stop(wait time.Duration) error {
	_ = p.in.Close() // the child reads EOF either way
	select {
	case <-p.exited:
	case <-time.After(wait):
		p.kill()
		return fmt.Errorf("%s server did not stop within %s", p.kind, wait)
	}
	if p.waitErr != nil {
		return fmt.Errorf("%s server: %w; stderr: %q", p.kind, p.waitErr, p.stderr.String())
	}
	return nil
}

// kill ends the child, which this process started, and waits for it.
func (p *serverProc) kill() {
	if err := p.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return
	}
	<-p.exited
}
