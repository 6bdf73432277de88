package ollama

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ollama/ollama/api"
)

// Version is the Ollama module version Atelier's client is built from;
// the managed server is built from the same version (scripts/build-ollama).
const Version = "v0.17.4"

// ManagedServer is an Ollama server Atelier started itself on loopback
// because none was reachable. Stop it on exit.
type ManagedServer struct {
	Binary string
	Host   string // 127.0.0.1:PORT
	Models string // OLLAMA_MODELS, or "" for Ollama's default
	// PidFile records the running server for the next start; removed by
	// Stop. "" when none was written.
	PidFile string
	// Parallel is the OLLAMA_NUM_PARALLEL it was started with: how many
	// sequences it decodes at once; 0 when not set (Ollama's default, 1).
	Parallel int

	cmd  *exec.Cmd
	done chan struct{}
	mu   sync.Mutex
	logs bytes.Buffer
	err  error
}

// ErrNoOllama is returned when no server is reachable and no ollama binary
// can be found to start one.
var ErrNoOllama = errors.New("no Ollama server is running and no ollama binary was found: install Ollama (https://ollama.com/download, or `curl -fsSL https://ollama.com/install.sh | sh`), or run `make run`, which builds one into .cache/ollama")

// FindBinary looks for a server binary: $ATELIER_OLLAMA_BIN, then
// ollama on PATH, then the one scripts/build-ollama caches beside the
// working folder or the executable.
func FindBinary() (string, error) {
	if p := os.Getenv("ATELIER_OLLAMA_BIN"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("ATELIER_OLLAMA_BIN=%s: %w", p, err)
		}
		return p, nil
	}
	if p, err := exec.LookPath("ollama"); err == nil {
		return p, nil
	}
	var roots []string
	if wd, err := os.Getwd(); err == nil {
		roots = append(roots, wd)
	}
	if exe, err := os.Executable(); err == nil {
		roots = append(roots, filepath.Dir(exe), filepath.Dir(filepath.Dir(exe)))
	}
	for _, r := range roots {
		for dir := r; ; dir = filepath.Dir(dir) {
			p := filepath.Join(dir, ".cache", "ollama", Version, "ollama")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", ErrNoOllama
}

// Start starts `ollama serve` on a free loopback port and waits until
// it answers. models sets OLLAMA_MODELS when not empty; env is added to the
// server's environment.
func Start(ctx context.Context, binary, models string, env ...string) (*ManagedServer, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("finding a free port for Ollama: %w", err)
	}
	host := l.Addr().String()
	l.Close()
	return StartOn(ctx, binary, models, host, env...)
}

// StartOn starts `ollama serve` on host (a loopback address:port),
// with env added to its environment.
func StartOn(ctx context.Context, binary, models, host string, env ...string) (*ManagedServer, error) {
	s := &ManagedServer{Binary: binary, Host: host, Models: models, done: make(chan struct{})}
	s.cmd = exec.Command(binary, "serve")
	s.cmd.Env = append(os.Environ(), "OLLAMA_HOST="+host, "OLLAMA_NOPRUNE=1")
	if models != "" {
		s.cmd.Env = append(s.cmd.Env, "OLLAMA_MODELS="+models)
	}
	s.cmd.Env = append(s.cmd.Env, env...)
	for _, e := range env {
		if v, ok := strings.CutPrefix(e, "OLLAMA_NUM_PARALLEL="); ok {
			s.Parallel, _ = strconv.Atoi(v)
		}
	}
	s.cmd.Stdout = (*lockedWriter)(s)
	s.cmd.Stderr = (*lockedWriter)(s)
	s.cmd.SysProcAttr = ownGroup()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s serve: %w", binary, err)
	}
	go func() {
		err := s.cmd.Wait()
		s.mu.Lock()
		s.err = err
		s.mu.Unlock()
		close(s.done)
	}()
	client := s.Client()
	deadline := time.Now().Add(30 * time.Second)
	for {
		hctx, cancel := context.WithTimeout(ctx, time.Second)
		err := client.Heartbeat(hctx)
		cancel()
		if err == nil {
			return s, nil
		}
		select {
		case <-s.done:
			return nil, fmt.Errorf("ollama serve exited at start: %v\n%s", s.err, s.Logs())
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("ollama serve did not answer within 30 s:\n%s", s.Logs())
		}
	}
}

type lockedWriter ManagedServer

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.logs.Len() > 1<<20 { // keep the last MiB or so
		w.logs.Reset()
	}
	return w.logs.Write(p)
}

// Logs returns what the server printed.
func (s *ManagedServer) Logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// Client returns an API client for this server.
func (s *ManagedServer) Client() *api.Client {
	return api.NewClient(&url.URL{Scheme: "http", Host: s.Host}, httpClient())
}

// Pid returns the server's process id.
func (s *ManagedServer) Pid() int { return s.cmd.Process.Pid }

// Kill ends the server and the model runners it started at once, as a
// crash would.
func (s *ManagedServer) Kill() {
	if s.cmd.Process != nil {
		signalGroup(s.cmd.Process, syscall.SIGKILL)
	}
	<-s.done
}

// Stop asks the server to stop, waits up to 5 s before killing it, and
// then ends whatever of its process group is left (its model runners).
func (s *ManagedServer) Stop() {
	if s.cmd.Process == nil {
		return
	}
	signalGroup(s.cmd.Process, syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
	}
	s.Kill()
	if s.PidFile != "" {
		os.Remove(s.PidFile)
	}
}

// writePidFile records the server in path, so that the next start can stop
// it if this run dies without stopping it (where no parent-death signal
// exists, or the machine's init adopted it).
func (s *ManagedServer) writePidFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	s.PidFile = path
	return os.WriteFile(path, []byte(fmt.Sprintf("%d %s\n", s.Pid(), s.Host)), 0o644)
}

// StopStaleServer stops the Ollama server a crashed run of Atelier left
// behind, as its pidfile records it, and removes the pidfile. It reports
// the pid it stopped, or 0. A pid that now belongs to another program is
// left alone.
func StopStaleServer(pidFile string) int {
	data, err := os.ReadFile(pidFile)
	if err != nil {
		return 0
	}
	defer os.Remove(pidFile)
	var pid int
	var host string
	if _, err := fmt.Sscan(string(data), &pid, &host); err != nil || !alive(pid) || !isOllamaServe(pid) {
		return 0
	}
	killGroupOf(pid)
	for i := 0; i < 50 && alive(pid); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	return pid
}

// isOllamaServe reports whether pid runs `ollama serve` (Linux: from
// /proc; elsewhere the pidfile's word is taken).
func isOllamaServe(pid int) bool {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return runtime.GOOS != "linux"
	}
	args := strings.Split(string(cmdline), "\x00")
	return len(args) > 1 && strings.Contains(filepath.Base(args[0]), "ollama") && args[1] == "serve"
}

// Running reports whether the server process is alive.
func (s *ManagedServer) Running() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// IsLoopback reports whether an OLLAMA_HOST value points at this machine.
func IsLoopback(host string) bool {
	if !strings.Contains(host, "://") {
		host = "http://" + host
	}
	u, err := url.Parse(host)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if h == "localhost" || h == "" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
