package studio

import (
	"context"
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

// OllamaDrafter drafts with a local model through Ollama's API.
type OllamaDrafter struct {
	Client     *api.Client
	Model      string
	Timeout    time.Duration // deadline of each call; 0 means DefaultCallTimeout
	NumCtx     int           // context window asked for; 0 means 8192
	NumPredict int           // cap on generated tokens; 0 means 1024
	KeepAlive  time.Duration // how long the model stays loaded after a call
}

// DefaultCallTimeout bounds every call to the model.
const DefaultCallTimeout = 2 * time.Minute

// DefaultModel is the model used until the user picks another.
const DefaultModel = "gemma3:4b"

// NewOllamaClient builds a client from OLLAMA_HOST (Ollama's default when
// unset), with dial and header timeouts but no overall timeout, since
// replies stream.
// The client is Atelier's own http.Client (httpClient), never
// http.DefaultClient.
func NewOllamaClient() (*api.Client, error) {
	host := envconfig.Host()
	if host == nil || host.Host == "" {
		return nil, fmt.Errorf("OLLAMA_HOST=%q is not a valid address; expected host:port, such as 127.0.0.1:11434", os.Getenv("OLLAMA_HOST"))
	}
	return api.NewClient(host, httpClient()), nil
}

// httpClient talks to Ollama: dial and header timeouts, no overall one
// (replies stream), and no proxy for a server on this machine, so drafts
// never leave it through one.
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

// Name returns the model's name.
func (d *OllamaDrafter) Name() string { return d.Model }

// DefaultNumCtx is the context window asked for when none is set.
const DefaultNumCtx = 8192

func (d *OllamaDrafter) numCtx() int {
	if d.NumCtx > 0 {
		return d.NumCtx
	}
	return DefaultNumCtx
}

func (d *OllamaDrafter) options(seed int64) map[string]any {
	numCtx, numPredict := d.numCtx(), d.NumPredict
	if numPredict == 0 {
		numPredict = 1024
	}
	return map[string]any{"seed": seed, "temperature": 0.7, "num_ctx": numCtx, "num_predict": numPredict}
}

// Draft streams one variant from the model and parses its JSON reply.
func (d *OllamaDrafter) Draft(ctx context.Context, req *Request, fn ProgressFunc) (*Result, error) {
	timeout := d.Timeout
	if timeout == 0 {
		timeout = DefaultCallTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	p := BuildPrompt(req)
	schema := Schema(req.Kit, req.Target, req.Brief.Link)
	if req.Action == ActionRegenerate && req.Seed == 0 {
		req.Seed = time.Now().UnixNano() % 1e9
	}
	res := &Result{Model: d.Model, Origin: "model", PromptHash: p.Hash(schema), Seed: req.Seed}
	stream := true
	chat := &api.ChatRequest{
		Model:    d.Model,
		Messages: []api.Message{{Role: "system", Content: p.System}, {Role: "user", Content: p.User()}},
		Stream:   &stream,
		Format:   schema,
		Options:  d.options(req.Seed),
	}
	if d.KeepAlive > 0 {
		chat.KeepAlive = &api.Duration{Duration: d.KeepAlive}
	}
	var text strings.Builder
	var doneReason string
	done := false
	err := d.Client.Chat(ctx, chat, func(r api.ChatResponse) error {
		if r.Message.Content != "" {
			text.WriteString(r.Message.Content)
			if fn != nil {
				if err := fn(Progress{Delta: r.Message.Content, Text: text.String()}); err != nil {
					return err
				}
			}
		}
		if r.Done {
			done = true
			doneReason = r.DoneReason
			res.Metrics = Metrics{PromptEvalCount: r.PromptEvalCount, EvalCount: r.EvalCount,
				PromptEval: r.PromptEvalDuration, Eval: r.EvalDuration, Total: r.TotalDuration}
		}
		return nil
	})
	res.Raw = text.String()
	if err == nil && !done { // the stream ended without Ollama's final message
		err = ctx.Err()
		if err == nil {
			err = errors.New("the connection closed before the reply was complete")
		}
	}
	if err != nil {
		return res, classify(err, d.Model, ctx)
	}
	// Ollama cuts a prompt longer than num_ctx to fit, silently; the count
	// of prompt tokens it evaluated then equals the window.
	if n := res.Metrics.PromptEvalCount; n >= d.numCtx() {
		return res, fmt.Errorf("%w: the brief and the kit's rules came to at least %d tokens, the whole %d-token window, so the model did not read the beginning and the brand rules may be missing from its reply; the reply is kept — shorten the brief or raise the context window, then retry", ErrPromptTruncated, n, d.numCtx())
	}
	if doneReason == "length" {
		return res, fmt.Errorf("%w: the reply reached the %d-token cap before its JSON was complete", ErrInterrupted, d.options(0)["num_predict"])
	}
	res.Draft, err = ParseReply(res.Raw, req.Target.Language)
	res.Text = res.Draft.Text(req.Brief.Link)
	return res, err
}

// classify turns transport and API errors into the typed drafting errors,
// with what to do next.
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
