//go:build bench

package studio_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"atelier/studio"
	"atelier/studio/ollama"
	"atelier/studio/ollamatest"
)

// TestBenchDraftingThroughput drafts a brief of 3 platforms × 2 personas ×
// 2 languages on a compute-bound 50M-parameter model (ollamatest.Bench)
// with Atelier, as many variants at once as the server has slots, against
// the same 12 requests made one after another with the raw API on the
// same warm server; then the first card's time to first token against a
// single raw request's, and the prompt tokens the later calls evaluated.
// Run with `make bench`.
func TestBenchDraftingThroughput(t *testing.T) {
	ctx := context.Background()
	srv, err := ollamatest.StartIn(t.TempDir(), "OLLAMA_NUM_PARALLEL=4")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	const model = "atelier-bench"
	if err := srv.CreateModel(ctx, model, ollamatest.Bench); err != nil {
		t.Fatal(err)
	}
	// A client without a header deadline: evaluating the kit's whole
	// prompt on this model takes about a minute on two cores.
	client := api.NewClient(&url.URL{Scheme: "http", Host: srv.Host}, http.DefaultClient)
	if err := (&ollama.Models{Client: client}).Warm(ctx, model, time.Hour); err != nil {
		t.Fatal(err)
	}
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"instagram", "linkedin", "x"}, []string{"parents-urbains", "design-lovers"}, []string{"fr-FR", "en-GB"})
	targets, err := (&studio.Composer{WS: ws}).Targets(brief)
	if err != nil {
		t.Fatal(err)
	}
	const predict = 64
	drafter := &studio.OllamaDrafter{Client: client, Model: model, Timeout: 10 * time.Minute, NumPredict: predict}
	conn := &ollama.Connection{Client: client, Host: srv.Host, Managed: srv.ManagedServer}
	raw := func(i int, first *time.Duration) {
		req := &studio.Request{Kit: ws.Kit(), Brief: brief, Targets: targets, Target: targets[i], Action: studio.ActionGenerate, Seed: int64(42 + i)}
		p := studio.BuildPrompt(req)
		stream := true
		start := time.Now()
		err := client.Chat(ctx, &api.ChatRequest{Model: model, Stream: &stream,
			Messages: []api.Message{{Role: "system", Content: p.System}, {Role: "user", Content: p.User()}},
			Format:   studio.Schema(ws.Kit(), targets[i], brief.Link),
			Options:  map[string]any{"seed": int64(42 + i), "temperature": 0.7, "num_ctx": 8192, "num_predict": predict}},
			func(r api.ChatResponse) error {
				if first != nil && *first == 0 && r.Message.Content != "" {
					*first = time.Since(start)
				}
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Both sides start with the kit's prompt in the cache, as after the
	// warm-up Compose runs when it opens: one untimed call puts it there.
	raw(len(targets)-1, nil)
	before := len(srv.CacheLoads())
	var rawFirst time.Duration
	start := time.Now()
	for i := range targets {
		if i == 0 {
			raw(i, &rawFirst)
		} else {
			raw(i, nil)
		}
	}
	oneByOne := time.Since(start)

	c := &studio.Composer{WS: ws, Drafter: drafter, Parallel: conn.Slots(ctx, model), Repairs: -1} // the same 12 calls, no repair
	var ourFirst time.Duration
	start = time.Now()
	outs, err := c.Compose(ctx, brief, func(e studio.Event) {
		if e.Kind == studio.EventStream && e.Text != "" && ourFirst == 0 {
			ourFirst = time.Since(start)
		}
	})
	atOnce := time.Since(start)
	if err != nil || len(outs) != len(targets) {
		t.Fatalf("%d outcomes: %v", len(outs), err)
	}
	for _, o := range outs {
		// Both sides stop at the same token cap; a reply it cuts short is
		// kept as interrupted, which is a draft like any other here.
		if o.Err != nil && !errors.Is(o.Err, studio.ErrInvalidReply) && !errors.Is(o.Err, studio.ErrInterrupted) {
			t.Fatal(o.Err)
		}
	}
	ratio := float64(atOnce) / float64(oneByOne)
	fmt.Printf("BENCH drafting throughput: 12 variants on a 50M-parameter model, atelier %d at once %v, raw api.Client.Chat one after another %v, ratio %.2f (goal <= 0.6)\n",
		c.Parallel, atOnce.Round(time.Millisecond), oneByOne.Round(time.Millisecond), ratio)
	fmt.Printf("BENCH drafting first token: atelier's first card %v, a single raw request %v, ratio %.2f (goal <= 1.2)\n",
		ourFirst.Round(time.Millisecond), rawFirst.Round(time.Millisecond), float64(ourFirst)/float64(rawFirst))

	loads := srv.CacheLoads()[before:]
	if len(loads) > len(targets) {
		loads = loads[len(targets):] // Atelier's calls
	}
	full, evaluated := 0, 0
	for _, l := range loads {
		full += l.Prompt
		evaluated += l.Remaining
	}
	fmt.Printf("BENCH drafting kv reuse under parallel slots: Atelier's %d calls evaluated %d of %d prompt tokens (%.1f%%); the slots' first calls evaluate theirs whole\n",
		len(loads), evaluated, full, 100*float64(evaluated)/float64(max(1, full)))
}
