// Package ollama is Atelier's side of a local Ollama server: the client,
// finding or starting the server (and stopping it with Atelier), its
// models, a streamed structured chat, and describing images.
package ollama

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/ollama/ollama/api"
	"github.com/ollama/ollama/envconfig"
)

// The errors a call to the server ends with; test with errors.Is.
var (
	ErrUnreachable  = errors.New("the Ollama server cannot be reached")
	ErrModelMissing = errors.New("the model is not installed")
	ErrInterrupted  = errors.New("the draft was interrupted")
)

// NewClient builds a client from OLLAMA_HOST (Ollama's default when unset)
// over Atelier's own http.Client, never http.DefaultClient: dial and header
// timeouts but no overall one, since replies stream, and no proxy for a
// server on this machine, so drafts never leave it through one.
func NewClient() (*api.Client, error) {
	host := envconfig.Host()
	if host == nil || host.Host == "" {
		return nil, fmt.Errorf("OLLAMA_HOST=%q is not a valid address; expected host:port, such as 127.0.0.1:11434", os.Getenv("OLLAMA_HOST"))
	}
	return api.NewClient(host, httpClient()), nil
}

func httpClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy: func(r *http.Request) (*url.URL, error) {
			if IsLoopback(r.URL.Host) {
				return nil, nil
			}
			return http.ProxyFromEnvironment(r)
		},
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		ResponseHeaderTimeout: 2 * time.Minute,
		MaxIdleConnsPerHost:   4,
	}}
}

// ChatRequest is one structured chat: a system and a user message, and the
// JSON schema the reply must follow.
type ChatRequest struct {
	Model        string
	System, User string
	Format       json.RawMessage
	Options      map[string]any
	KeepAlive    time.Duration // how long the model stays loaded; Ollama's default when 0
}

// Metrics are Ollama's counts and timings for one call.
type Metrics struct {
	PromptEvalCount int
	EvalCount       int
	PromptEval      time.Duration
	Eval            time.Duration
	Total           time.Duration
}

// Reply is what the model streamed back.
type Reply struct {
	Text       string
	DoneReason string // "stop", or "length" when the token cap cut it
	Metrics    Metrics
}

// Chat streams the model's reply, calling onDelta (when not nil) with each
// piece and the text so far; an error from onDelta stops the stream. On
// failure the partial reply is returned with a typed error
// (ErrUnreachable, ErrModelMissing, ErrInterrupted) that says what to do.
func Chat(ctx context.Context, client *api.Client, req ChatRequest, onDelta func(delta, text string) error) (Reply, error) {
	stream := true
	chat := &api.ChatRequest{
		Model:    req.Model,
		Messages: []api.Message{{Role: "system", Content: req.System}, {Role: "user", Content: req.User}},
		Stream:   &stream,
		Format:   req.Format,
		Options:  req.Options,
	}
	if req.KeepAlive > 0 {
		chat.KeepAlive = &api.Duration{Duration: req.KeepAlive}
	}
	var text strings.Builder
	var reply Reply
	done := false
	err := client.Chat(ctx, chat, func(r api.ChatResponse) error {
		if r.Message.Content != "" {
			text.WriteString(r.Message.Content)
			if onDelta != nil {
				if err := onDelta(r.Message.Content, text.String()); err != nil {
					return err
				}
			}
		}
		if r.Done {
			done = true
			reply.DoneReason = r.DoneReason
			reply.Metrics = Metrics{PromptEvalCount: r.PromptEvalCount, EvalCount: r.EvalCount,
				PromptEval: r.PromptEvalDuration, Eval: r.EvalDuration, Total: r.TotalDuration}
		}
		return nil
	})
	reply.Text = text.String()
	if err == nil && !done { // the stream ended without Ollama's final message
		err = ctx.Err()
		if err == nil {
			err = errors.New("the connection closed before the reply was complete")
		}
	}
	if err != nil {
		return reply, classify(err, req.Model, ctx)
	}
	return reply, nil
}

// classify turns transport and API errors into the typed errors, with what
// to do next.
func classify(err error, model string, ctx context.Context) error {
	var se api.StatusError
	switch {
	case errors.As(err, &se) && se.StatusCode == http.StatusNotFound:
		return fmt.Errorf("%w: %s — pull it from the Model screen or run `ollama pull %s`", ErrModelMissing, model, model)
	case errors.Is(err, syscall.ECONNREFUSED), isDialError(err):
		return fmt.Errorf("%w (%v): start Ollama (`ollama serve`) or check OLLAMA_HOST", ErrUnreachable, err)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%w: the model did not finish before the deadline; the partial text is kept — retry, or pick a smaller model", ErrInterrupted)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%w: cancelled; the partial text is kept", ErrInterrupted)
	default:
		return fmt.Errorf("%w: the stream broke (%v); the partial text is kept — retry when Ollama is back", ErrInterrupted, err)
	}
}

func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
