//go:build bench

package studio_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/ollamatest"
	"atelier/studio/store"
)

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// TestBenchDrafting prints the drafting overhead (Atelier's drafter against
// a raw api.Client.Chat with the same model, prompt, schema and seed, run
// alternately in the same process) and the KV-prefix reuse across targets.
// Run with `make bench`.
func TestBenchDrafting(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"instagram", "linkedin", "x", "threads", "bluesky"}, []string{"design-lovers"}, []string{"fr-FR"})
	targets, err := (&studio.Composer{WS: ws}).Targets(brief)
	if err != nil {
		t.Fatal(err)
	}
	d := ollamaDrafter(server)
	req := &studio.Request{Kit: ws.Kit(), Brief: brief, Targets: targets, Target: targets[2], Seed: 7}
	p := studio.BuildPrompt(req)
	stream := true
	raw := &api.ChatRequest{Model: server.Model, Stream: &stream,
		Messages: []api.Message{{Role: "system", Content: p.System}, {Role: "user", Content: p.User()}},
		Format:   studio.Schema(ws.Kit(), req.Target, brief.Link),
		Options:  map[string]any{"seed": int64(7), "temperature": 0.7, "num_ctx": 8192, "num_predict": 2048}}
	const rounds = 41
	var ours, theirs []time.Duration
	atelier := func() {
		start := time.Now()
		if _, err := d.Draft(context.Background(), req, func(studio.Progress) error { return nil }); err != nil && !errors.Is(err, studio.ErrInvalidReply) {
			t.Fatal(err)
		}
		ours = append(ours, time.Since(start))
	}
	direct := func() {
		start := time.Now()
		if err := server.Client().Chat(context.Background(), raw, func(api.ChatResponse) error { return nil }); err != nil {
			t.Fatal(err)
		}
		theirs = append(theirs, time.Since(start))
	}
	for i := 0; i < rounds; i++ { // alternate which goes first
		if i%2 == 0 {
			atelier()
			direct()
		} else {
			direct()
			atelier()
		}
	}
	// Each round's pair ran back to back, so the median of the pairs' ratios
	// cancels most of the machine's drift.
	ratios := make([]float64, rounds)
	for i := range ratios {
		ratios[i] = float64(ours[i]) / float64(theirs[i])
	}
	sort.Float64s(ratios)
	mo, mt := median(ours), median(theirs)
	fmt.Printf("BENCH drafting overhead: atelier median %v, raw api.Client.Chat median %v, median of paired ratios %.3f (goal <= 1.03), %d rounds\n",
		mo.Round(time.Microsecond), mt.Round(time.Microsecond), ratios[rounds/2], rounds)

	// KV reuse: a fresh server, one call per platform.
	s := ollamatest.Start(t) // a server of its own, so its cache starts empty
	d = ollamaDrafter(s)
	for i, tg := range targets {
		if _, err := d.Draft(context.Background(), &studio.Request{Kit: ws.Kit(), Brief: brief, Targets: targets, Target: tg, Seed: int64(i)}, nil); err != nil && !errors.Is(err, studio.ErrInvalidReply) {
			t.Fatal(err)
		}
	}
	loads := s.CacheLoads()
	var pcts []string
	worst := 0.0
	for i := 1; i < len(loads); i++ {
		pct := 100 * float64(loads[i].Remaining) / float64(loads[0].Remaining)
		worst = max(worst, pct)
		pcts = append(pcts, fmt.Sprintf("%.1f%%", pct))
	}
	fmt.Printf("BENCH kv-prefix reuse: prompt tokens evaluated by calls 2..%d as a share of call 1 (%d tokens): %v, worst %.1f%% (goal <= 15%%)\n",
		len(loads), loads[0].Remaining, pcts, worst)
}

// TestBenchFirstRun prints how long the first-run content takes to make
// (FillSample on a new data folder: drafts, moves, renders, snippet).
func TestBenchFirstRun(t *testing.T) {
	var ds []time.Duration
	for run := 0; run < 5; run++ {
		home := t.TempDir()
		kitDir, err := studio.DefaultKitDir(home, samples.Kit())
		if err != nil {
			t.Fatal(err)
		}
		ws, err := store.OpenWorkspace(context.Background(), home, kitDir)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, ok, err := ws.FillSample(context.Background(), samples.Photo, nil); err != nil || !ok {
			t.Fatal(ok, err)
		}
		ds = append(ds, time.Since(start))
		ws.Close()
	}
	m := median(ds)
	fmt.Printf("BENCH first-run content (12 template drafts, 5 moves and a comment, 3 renders, a 15 s snippet): median %v over %d runs, %.2f of the 3 s goal\n",
		m.Round(time.Millisecond), len(ds), m.Seconds()/3)
}
