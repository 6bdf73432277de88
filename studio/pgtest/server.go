// Package pgtest starts a real PostgreSQL server for tests, the way
// ollamatest starts a real Ollama: Debian's server binaries, initdb into a
// temporary folder as an unprivileged user, the postmaster on a free
// loopback port, and every process stopped when the tests end. When the
// binaries are missing the tests fail and say how to install them; they do
// not skip.
package pgtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"time"

	"atelier/internal/childproc"
)

// Superuser is the name initdb gives the cluster's superuser.
const Superuser = "postgres"

// ErrNoBinaries says PostgreSQL's server programs were not found.
var ErrNoBinaries = errors.New("PostgreSQL's server programs (initdb, postgres) were not found in /usr/lib/postgresql/*/bin or $ATELIER_PG_BIN: run scripts/bootstrap (it installs Debian's postgresql package)")

// BinDir finds the folder holding initdb and postgres: $ATELIER_PG_BIN, or
// the newest /usr/lib/postgresql/<version>/bin (where Debian installs
// them), or the folder of an initdb on $PATH.
func BinDir() (string, error) {
	has := func(dir string) bool {
		for _, p := range []string{"initdb", "postgres"} {
			if fi, err := os.Stat(filepath.Join(dir, p)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if d := os.Getenv("ATELIER_PG_BIN"); d != "" {
		if has(d) {
			return d, nil
		}
		return "", fmt.Errorf("ATELIER_PG_BIN=%s holds no initdb and postgres: %w", d, ErrNoBinaries)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if has(d) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil && has(filepath.Dir(p)) {
		return filepath.Dir(p), nil
	}
	return "", ErrNoBinaries
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// Server is a running PostgreSQL cluster in a temporary folder.
type Server struct {
	Dir      string // the temporary folder: data, socket, log
	Port     int
	Password string // the superuser's password

	cmd     *exec.Cmd
	log     *bytes.Buffer
	done    chan struct{}
	mu      sync.Mutex
	nextDB  int
	stopped bool
}

// URL is the superuser's connection URL for a database of the cluster
// (over TCP on loopback, with the password).
func (s *Server) URL(database string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(Superuser, s.Password),
		Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)), Path: "/" + database, RawQuery: "sslmode=disable"}
	return u.String()
}

// Logs returns what the server wrote so far.
func (s *Server) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// PID is the postmaster's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// StartIn runs initdb in a new folder under parent ("" for the system's
// temporary folder) and starts the server on a free loopback port; stop it
// with Stop. As root it runs both as an unprivileged user (see RunAs).
func StartIn(parent string) (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	cred, err := RunAs()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "atelier-pg-")
	if err != nil {
		return nil, fmt.Errorf("making the PostgreSQL test folder: %w", err)
	}
	s := &Server{Dir: dir, log: &bytes.Buffer{}, done: make(chan struct{})}
	if err := s.initdb(bin, cred); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		err = s.start(bin, cred)
		if err == nil || attempt == 2 || !errors.Is(err, errPortTaken) {
			break
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// RunAs returns the credential initdb and postgres run with: nil when the
// tests are not root; as root (PostgreSQL refuses to run as root) the user
// $ATELIER_PG_USER, or "postgres" (Debian's package makes it), or "nobody".
func RunAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	names := []string{"postgres", "nobody"}
	if n := os.Getenv("ATELIER_PG_USER"); n != "" {
		names = []string{n}
	}
	for _, n := range names {
		u, err := user.Lookup(n)
		if err != nil {
			continue
		}
		uid, _ := strconv.ParseUint(u.Uid, 10, 32)
		gid, _ := strconv.ParseUint(u.Gid, 10, 32)
		if uid == 0 {
			continue
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
	}
	return nil, fmt.Errorf("the tests run as root and PostgreSQL will not: no unprivileged user among %v to run it as (create one, or set ATELIER_PG_USER)", names)
}

// initdb makes the cluster: the superuser with a random password, password
// (SCRAM) authentication over TCP, trust on the socket in the folder.
func (s *Server) initdb(bin string, cred *syscall.Credential) error {
	pw := make([]byte, 16)
	rand.Read(pw)
	s.Password = hex.EncodeToString(pw)
	pwfile := filepath.Join(s.Dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(s.Password+"\n"), 0o600); err != nil {
		return err
	}
	if cred != nil {
		for _, p := range []string{s.Dir, pwfile} {
			if err := os.Chown(p, int(cred.Uid), int(cred.Gid)); err != nil {
				return fmt.Errorf("giving %s to the PostgreSQL user: %w", p, err)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := childproc.Command(ctx, filepath.Join(bin, "initdb"), "-D", filepath.Join(s.Dir, "data"), "-U", Superuser,
		"--pwfile", pwfile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions")
	s.prepare(cmd, cred)
	out, err := cmd.CombinedOutput()
	os.Remove(pwfile)
	if err != nil {
		return fmt.Errorf("initdb in %s: %w\n%s", s.Dir, err, out)
	}
	return nil
}

// prepare runs cmd in the folder, as cred, in the C.UTF-8 locale.
func (s *Server) prepare(cmd *exec.Cmd, cred *syscall.Credential) {
	cmd.Dir = s.Dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	if cred != nil {
		cmd.SysProcAttr.Credential = cred
		cmd.Env = append(cmd.Env, "HOME="+s.Dir)
	}
}

var errPortTaken = errors.New("the port was taken")

// start runs the postmaster itself (not pg_ctl, which would detach it), so
// that childproc ties it to the test process, and waits until it accepts
// connections.
func (s *Server) start(bin string, cred *syscall.Credential) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.Port = port
	s.log.Reset()
	cmd := childproc.Command(context.Background(), filepath.Join(bin, "postgres"), "-D", filepath.Join(s.Dir, "data"),
		"-p", strconv.Itoa(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+s.Dir,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
		"-c", "log_min_messages=warning", "-c", "shared_buffers=32MB")
	s.prepare(cmd, cred)
	cmd.Stdout, cmd.Stderr = lockedWriter{s}, lockedWriter{s}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting postgres from %s: %w", bin, err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func() { cmd.Wait(); close(s.done) }()
	return s.waitReady(30 * time.Second)
}

// waitReady dials the port until the server answers, or it exits.
func (s *Server) waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			if bytes.Contains([]byte(s.Logs()), []byte("Address already in use")) {
				return errPortTaken
			}
			return fmt.Errorf("postgres exited before it was ready (in %s):\n%s", s.Dir, s.Logs())
		case <-time.After(50 * time.Millisecond):
		}
		if ready(s.URL("postgres")) {
			return nil
		}
	}
	s.Stop()
	return fmt.Errorf("postgres was not ready within %s (in %s):\n%s", limit, s.Dir, s.Logs())
}

type lockedWriter struct{ s *Server }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return w.s.log.Write(p)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free loopback port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop shuts the server down (a fast shutdown, then SIGKILL after ten
// seconds), waits for it, and removes its folder. It is safe to call twice.
func (s *Server) Stop() error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	s.mu.Unlock()
	var err error
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
			err = fmt.Errorf("postgres did not stop within 10 s of SIGINT and was killed:\n%s", s.Logs())
		}
	}
	return errors.Join(err, os.RemoveAll(s.Dir))
}
