package ollamatest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"atelier/studio/ollama"
)

// ModelName is the tiny model's name on the test server.
const ModelName = "atelier-tiny:latest"

// Template renders the chat as plain text, every message in order, so the
// system prompt and the brief come first and Ollama can reuse their cache.
const Template = `{{- range .Messages }}<|{{ .Role }}|>{{ .Content }}
{{ end }}<|assistant|>`

var (
	buildOnce sync.Once
	serverBin string
	buildErr  error
)

// Binary builds the Ollama server with scripts/build-ollama, or reuses the
// cached build. The first build takes about 9 minutes on 2 cores.
func Binary() (string, error) {
	buildOnce.Do(func() {
		if p := os.Getenv("ATELIER_OLLAMA_BIN"); p != "" {
			serverBin = p
			return
		}
		root, err := repoRoot()
		if err != nil {
			buildErr = err
			return
		}
		cmd := exec.Command(filepath.Join(root, "scripts", "build-ollama"))
		cmd.Dir = root
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			buildErr = fmt.Errorf("scripts/build-ollama: %w", err)
			return
		}
		serverBin = strings.TrimSpace(string(out))
	})
	return serverBin, buildErr
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "scripts", "build-ollama")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("scripts/build-ollama not found above the working folder")
		}
		dir = parent
	}
}

// Offline points the test server's outbound HTTP (model pulls) at a closed
// loopback port, so a pull fails at once and nothing leaves the machine.
// OLLAMA_DEBUG makes the runner log how much of each prompt came from its
// KV cache (see CacheLoads).
var Offline = []string{"HTTPS_PROXY=http://127.0.0.1:9", "HTTP_PROXY=http://127.0.0.1:9", "NO_PROXY=127.0.0.1,localhost", "OLLAMA_DEBUG=1"}

// CacheLoad is one prompt's use of the runner's KV cache: of Prompt tokens,
// Used came from the cache and Remaining were evaluated.
type CacheLoad struct{ Prompt, Used, Remaining int }

var cacheLine = regexp.MustCompile(`loading cache slot.* prompt=(\d+) used=(\d+) remaining=(\d+)`)

// CacheLoads reads the runner's cache log, oldest first. Ollama 0.17.4
// reports the whole prompt as prompt_eval_count even when most of it came
// from the cache, so this is where the reuse shows.
func (s *Server) CacheLoads() []CacheLoad {
	var out []CacheLoad
	for _, m := range cacheLine.FindAllStringSubmatch(s.Logs(), -1) {
		p, _ := strconv.Atoi(m[1])
		u, _ := strconv.Atoi(m[2])
		r, _ := strconv.Atoi(m[3])
		out = append(out, CacheLoad{Prompt: p, Used: u, Remaining: r})
	}
	return out
}

// Server is a running test server with the tiny model created.
type Server struct {
	*ollama.ManagedServer
	Model string
	dir   string
}

// Start runs a fresh server with its own models folder and the tiny model.
// It fails the test when the server cannot be had: these tests do not skip.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := StartIn(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	// Not tb.Cleanup(s.Stop): that would bind the first server, and a
	// Restart replaces it.
	tb.Cleanup(func() { s.Stop() })
	return s
}

// StartIn is Start without a testing.TB, for TestMain and benchmarks; env
// is added to the server's environment (OLLAMA_NUM_PARALLEL=4…).
func StartIn(dir string, env ...string) (*Server, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ms, err := ollama.Start(ctx, bin, filepath.Join(dir, "models"), append(append([]string{}, Offline...), env...)...)
	if err != nil {
		return nil, err
	}
	s := &Server{ManagedServer: ms, Model: ModelName, dir: dir}
	if err := s.CreateTinyModel(ctx, ModelName); err != nil {
		ms.Stop()
		return nil, err
	}
	return s, nil
}

// Restart starts the server again on the same port and models folder, after
// a Kill.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ms, err := ollama.StartOn(ctx, s.Binary, s.Models, s.Host, Offline...)
	if err != nil {
		tb.Fatal(err)
	}
	s.ManagedServer = ms
}

// CreateTinyModel writes the tiny GGUF, uploads it and creates name from it.
func (s *Server) CreateTinyModel(ctx context.Context, name string) error {
	return s.CreateModel(ctx, name, Tiny)
}

// CreateModel writes a model of the shape, uploads it and creates name
// from it.
func (s *Server) CreateModel(ctx context.Context, name string, shape Shape) error {
	path := filepath.Join(s.dir, shape.Name+".gguf")
	if err := WriteGGUF(path, 1, shape); err != nil {
		return fmt.Errorf("writing the %s model: %w", shape.Name, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	digest := fmt.Sprintf("sha256:%x", sha256.Sum256(data))
	c := s.Client()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := c.CreateBlob(ctx, digest, f); err != nil {
		return fmt.Errorf("uploading the %s model: %w", shape.Name, err)
	}
	stream := false
	err = c.Create(ctx, &api.CreateRequest{Model: name, Files: map[string]string{shape.Name + ".gguf": digest}, Template: Template, Stream: &stream},
		func(api.ProgressResponse) error { return nil })
	if err != nil {
		return fmt.Errorf("creating %s: %w\n%s", name, err, s.Logs())
	}
	return nil
}

// Children lists the processes whose parent is pid (Linux: read from
// /proc), such as the model runners of a server.
func Children(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so read after ")".
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
		var state string
		var ppid int
		if _, err := fmt.Sscan(rest, &state, &ppid); err == nil && ppid == pid {
			out = append(out, child)
		}
	}
	return out
}

// Alive reports whether a process with the pid still runs (a zombie does
// not count).
func Alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	return !strings.HasPrefix(strings.TrimSpace(rest), "Z")
}
