package studio

import (
	"context"
	"fmt"
	"time"

	"github.com/ollama/ollama/api"

	"atelier/studio/ollama"
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
const DefaultModel = ollama.DefaultModel

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
	var onDelta func(delta, text string) error
	if fn != nil {
		onDelta = func(delta, text string) error { return fn(Progress{Delta: delta, Text: text}) }
	}
	reply, err := ollama.Chat(ctx, d.Client, ollama.ChatRequest{Model: d.Model, System: p.System, User: p.User(),
		Format: schema, Options: d.options(req.Seed), KeepAlive: d.KeepAlive}, onDelta)
	res.Raw, res.Metrics = reply.Text, reply.Metrics
	if err != nil {
		return res, err
	}
	// Ollama cuts a prompt longer than num_ctx to fit, silently; the count
	// of prompt tokens it evaluated then equals the window.
	if n := res.Metrics.PromptEvalCount; n >= d.numCtx() {
		return res, fmt.Errorf("%w: the brief and the kit's rules came to at least %d tokens, the whole %d-token window, so the model did not read the beginning and the brand rules may be missing from its reply; the reply is kept — shorten the brief or raise the context window, then retry", ErrPromptTruncated, n, d.numCtx())
	}
	if reply.DoneReason == "length" {
		return res, fmt.Errorf("%w: the reply reached the %d-token cap before its JSON was complete", ErrInterrupted, d.options(0)["num_predict"])
	}
	res.Draft, err = ParseReply(res.Raw, req.Target.Language)
	res.Text = res.Draft.Text(req.Brief.Link)
	return res, err
}
