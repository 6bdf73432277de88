package ollama

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// Models manages the Ollama server's models: state, list, pull and warm-up.
type Models struct {
	Client *api.Client
}

// ServerState is what the Model screen and the status line show.
type ServerState struct {
	Reachable bool
	Version   string
	Models    []ModelInfo
	Running   []string // models loaded in memory now
	Err       error
}

// ModelInfo is one installed model.
type ModelInfo struct {
	Name          string
	Size          int64
	Family        string
	Params        string // parameter count, such as "4.3B"
	Quantization  string // such as "Q4_K_M"
	ContextLength int    // the longest context the model was trained for; 0 when unknown
	Capabilities  []string
	Modified      time.Time
}

// Vision reports whether the model can look at images.
func (i ModelInfo) Vision() bool { return slices.Contains(i.Capabilities, "vision") }

// State asks the server whether it is up, its version, its models and which
// are loaded. A server that does not answer gives Reachable false and Err.
func (m *Models) State(ctx context.Context) ServerState {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var st ServerState
	if err := m.Client.Heartbeat(ctx); err != nil {
		st.Err = classify(err, "", ctx)
		return st
	}
	st.Reachable = true
	st.Version, _ = m.Client.Version(ctx)
	list, err := m.Client.List(ctx)
	if err != nil {
		st.Err = err
		return st
	}
	for _, l := range list.Models {
		info := ModelInfo{Name: l.Name, Size: l.Size, Family: l.Details.Family, Params: l.Details.ParameterSize,
			Quantization: l.Details.QuantizationLevel, Modified: l.ModifiedAt}
		if show, err := m.Client.Show(ctx, &api.ShowRequest{Model: l.Name}); err == nil {
			for _, c := range show.Capabilities {
				info.Capabilities = append(info.Capabilities, string(c))
			}
			for k, v := range show.ModelInfo {
				if n, ok := v.(float64); ok && strings.HasSuffix(k, ".context_length") {
					info.ContextLength = int(n)
				}
			}
		}
		st.Models = append(st.Models, info)
	}
	sort.Slice(st.Models, func(i, j int) bool { return st.Models[i].Name < st.Models[j].Name })
	if ps, err := m.Client.ListRunning(ctx); err == nil {
		for _, p := range ps.Models {
			st.Running = append(st.Running, p.Name)
		}
	}
	return st
}

// PullProgress is one layer's download progress.
type PullProgress struct {
	Status    string
	Layer     string // digest; empty for status-only steps
	Total     int64
	Completed int64
}

// ErrPullFailed is a download that did not finish.
var ErrPullFailed = errors.New("could not download")

// Pull downloads a model, reporting each layer's progress.
func (m *Models) Pull(ctx context.Context, model string, fn func(PullProgress)) error {
	err := m.Client.Pull(ctx, &api.PullRequest{Model: model}, func(p api.ProgressResponse) error {
		fn(PullProgress{Status: p.Status, Layer: p.Digest, Total: p.Total, Completed: p.Completed})
		return nil
	})
	if err != nil {
		return fmt.Errorf("%w %s: %v — check the network connection and the model's name (see https://ollama.com/library)", ErrPullFailed, model, err)
	}
	return nil
}

// Warm loads the model into memory and keeps it there for keepAlive, so the
// first draft does not wait for the load.
func (m *Models) Warm(ctx context.Context, model string, keepAlive time.Duration) error {
	stream := false
	err := m.Client.Generate(ctx, &api.GenerateRequest{Model: model, Stream: &stream, KeepAlive: &api.Duration{Duration: keepAlive}},
		func(api.GenerateResponse) error { return nil })
	if err != nil {
		return classify(err, model, ctx)
	}
	return nil
}

// Delete removes an installed model from the server.
func (m *Models) Delete(ctx context.Context, model string) error {
	if err := m.Client.Delete(ctx, &api.DeleteRequest{Model: model}); err != nil {
		return fmt.Errorf("could not delete %s: %w", model, classify(err, model, ctx))
	}
	return nil
}

// Readiness is how soon a model can draft.
type Readiness string

const (
	NotInstalled Readiness = "not installed"
	Cold         Readiness = "cold" // installed; the first draft waits while it loads
	Warm         Readiness = "warm" // loaded in memory
)

// Readiness says whether model is installed on the server and loaded.
func (st ServerState) Readiness(model string) Readiness {
	switch {
	case !slices.ContainsFunc(st.Models, func(i ModelInfo) bool { return i.Name == model }):
		return NotInstalled // a deleted model can stay loaded a while
	case slices.Contains(st.Running, model):
		return Warm
	}
	return Cold
}

// Has reports whether the model is installed on the server.
func (m *Models) Has(ctx context.Context, model string) (bool, error) {
	_, err := m.Client.Show(ctx, &api.ShowRequest{Model: model})
	var se api.StatusError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &se) && se.StatusCode == http.StatusNotFound:
		return false, nil
	default:
		return false, classify(err, model, ctx)
	}
}
