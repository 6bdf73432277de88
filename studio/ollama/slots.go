package ollama

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/ollama/ollama/api"
)

// MaxSlots is the most variants Atelier drafts at once.
const MaxSlots = 4

// DefaultModel is the model used until the user picks another.
const DefaultModel = "gemma3:4b"

// SlotsFor is how many sequences a server on a computer with memory bytes
// of RAM can decode at once with a model of modelMemory bytes (weights and
// one 8,192-token context; see Suggestion.Memory): each extra slot holds
// another context, about a third of the model's memory, and Atelier keeps
// half the RAM for the rest of the computer. At least 1, at most MaxSlots;
// 1 when the memory is unknown.
func SlotsFor(memory, modelMemory int64) int {
	if memory <= 0 || modelMemory <= 0 {
		return 1
	}
	spare := memory/2 - modelMemory
	return max(1, min(MaxSlots, 1+int(spare/(modelMemory/3))))
}

// ManagedSlots is the parallel setting Atelier starts its own server with:
// enough for the default model on this computer when it has a GPU, and one
// on a CPU-only one. There, each slot evaluates the kit's prompt whole on
// its first use, which costs far more than decoding together saves: the
// drafting benchmark measured 12 variants 4.65 times slower with 4 slots
// than one after another on 2 cores (Ollama 0.17.4).
func ManagedSlots(model string) int {
	if !hasGPU() {
		return 1
	}
	mem := int64(4 << 30) // a 4B model, when the catalogue does not know it
	if s, ok := Suggested(model); ok {
		mem = s.Memory()
	}
	return SlotsFor(TotalMemory(), mem)
}

// slotsCache remembers a server's slots by host and model: probing costs a
// few short generations.
var slotsCache sync.Map

// Slots returns how many drafts the server decodes at once for model. A
// server Atelier started says so itself; for another one,
// OLLAMA_NUM_PARALLEL in Atelier's environment is taken as its setting,
// and otherwise the server is probed (ProbeSlots) once per model.
func (c *Connection) Slots(ctx context.Context, model string) int {
	if c.Managed != nil && c.Managed.Parallel > 0 {
		return c.Managed.Parallel
	}
	if n, err := strconv.Atoi(os.Getenv("OLLAMA_NUM_PARALLEL")); err == nil && n > 0 {
		return min(n, MaxSlots)
	}
	key := c.Host + " " + model
	if n, ok := slotsCache.Load(key); ok {
		return n.(int)
	}
	n := ProbeSlots(ctx, c.Client, model)
	slotsCache.Store(key, n)
	return n
}

// ProbeSlots finds how many generations a server runs at once: it starts
// MaxSlots short ones together and counts those whose first token came
// before the first of them finished. A server with one slot runs them one
// after another, so only the first has begun by then. 1 when the probe
// fails.
func ProbeSlots(ctx context.Context, client *api.Client, model string) int {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var mu sync.Mutex
	var firstDone time.Time
	started := make([]time.Time, MaxSlots)
	var wg sync.WaitGroup
	for i := range MaxSlots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stream := true
			req := &api.GenerateRequest{Model: model, Prompt: "Count: " + strconv.Itoa(i), Stream: &stream,
				Options: map[string]any{"num_predict": 24, "seed": i, "temperature": 0}}
			_ = client.Generate(ctx, req, func(r api.GenerateResponse) error {
				mu.Lock()
				defer mu.Unlock()
				if started[i].IsZero() {
					started[i] = time.Now()
				}
				if r.Done && firstDone.IsZero() {
					firstDone = time.Now()
				}
				return nil
			})
		}()
	}
	wg.Wait()
	if firstDone.IsZero() {
		return 1
	}
	n := 0
	for _, t := range started {
		if !t.IsZero() && t.Before(firstDone) {
			n++
		}
	}
	return max(1, n)
}

// hasGPU reports whether Ollama can use a GPU here: Apple silicon's, or a
// device an NVIDIA or AMD driver exposes.
func hasGPU() bool {
	if runtime.GOOS == "darwin" {
		return true
	}
	for _, dev := range []string{"/dev/nvidia0", "/dev/kfd"} {
		if _, err := os.Stat(dev); err == nil {
			return true
		}
	}
	return false
}
