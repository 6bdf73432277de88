package ollama

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ollama/ollama/api"
)

// PidFile is the file in the data folder that records the Ollama
// server Atelier started, so that a run after a crash stops it.
const PidFile = "ollama.pid"

// Connection is the Ollama server Atelier talks to: the one OLLAMA_HOST
// names (or Ollama's default), or one Atelier started on loopback.
type Connection struct {
	Client  *api.Client
	Host    string
	Managed *ManagedServer // nil when the server was already running
}

// Describe says which server is in use, for the status line.
func (c *Connection) Describe() string {
	if c.Managed != nil {
		return fmt.Sprintf("Ollama started by Atelier on %s (%s)", c.Managed.Host, c.Managed.Binary)
	}
	return "Ollama at " + c.Host
}

// Close stops the server if Atelier started it.
func (c *Connection) Close() {
	if c.Managed != nil {
		c.Managed.Stop()
	}
}

// Connect finds a reachable Ollama server, or starts one on loopback when
// none answers and a binary can be found; a server it starts is recorded
// in dataDir's PidFile (none when dataDir is ""), and a stale one recorded
// there by a crashed run is stopped first. It returns ErrNoOllama (wrapped)
// when neither works; the caller then falls back to the template drafter.
func Connect(ctx context.Context, dataDir string) (*Connection, error) {
	client, err := NewClient()
	if err != nil {
		return nil, err
	}
	host := os.Getenv("OLLAMA_HOST")
	if host == "" {
		host = "127.0.0.1:11434"
	}
	hctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	err = client.Heartbeat(hctx)
	cancel()
	if err == nil {
		return &Connection{Client: client, Host: host}, nil
	}
	if os.Getenv("OLLAMA_HOST") != "" {
		return nil, fmt.Errorf("%w: OLLAMA_HOST=%s does not answer (%v)", ErrUnreachable, host, err)
	}
	bin, findErr := FindBinary()
	if findErr != nil {
		return nil, findErr
	}
	pidFile := ""
	if dataDir != "" {
		pidFile = filepath.Join(dataDir, PidFile)
		StopStaleServer(pidFile)
	}
	slots := ManagedSlots(DefaultModel)
	ms, err := Start(ctx, bin, "", "OLLAMA_NUM_PARALLEL="+strconv.Itoa(slots))
	if err != nil {
		return nil, fmt.Errorf("starting Ollama from %s: %w", bin, err)
	}
	if pidFile != "" {
		if err := ms.writePidFile(pidFile); err != nil {
			ms.Stop()
			return nil, fmt.Errorf("recording the Ollama server Atelier started in %s: %w", pidFile, err)
		}
	}
	return &Connection{Client: ms.Client(), Host: ms.Host, Managed: ms}, nil
}

// NoModelServer reports whether err means drafting must fall back to the
// kit's templates.
func NoModelServer(err error) bool {
	return errors.Is(err, ErrNoOllama) || errors.Is(err, ErrUnreachable)
}
