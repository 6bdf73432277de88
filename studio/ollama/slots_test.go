package ollama_test

import (
	"context"
	"testing"

	"atelier/studio/ollama"
	"atelier/studio/ollamatest"
)

// TestSlotsFor: the slots follow the memory left once the model is in:
// one on an 8 GB laptop with a 4B model, two on 16 GB, four on 32 GB, and
// one whenever the memory is unknown or the model barely fits.
func TestSlotsFor(t *testing.T) {
	const gb = int64(1) << 30
	four, _ := ollama.Suggested("gemma3:4b")
	for _, c := range []struct {
		memory, model int64
		want          int
	}{
		{8 * gb, four.Memory(), 1},
		{16 * gb, four.Memory(), 2},
		{12 * gb, four.Memory(), 1},
		{32 * gb, four.Memory(), 4},
		{64 * gb, 20 * gb, 2},
		{24 * gb, 10 * gb, 1},
		{0, four.Memory(), 1},
		{16 * gb, 0, 1},
	} {
		if got := ollama.SlotsFor(c.memory, c.model); got != c.want {
			t.Errorf("SlotsFor(%d GB, %.1f GB) = %d, want %d", c.memory/gb, float64(c.model)/float64(gb), got, c.want)
		}
	}
}

// TestSlotsOfARealServer: a server Atelier starts says its slots; another
// one is probed: a one-slot server answers one generation at a time, a
// four-slot one several.
func TestSlotsOfARealServer(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want func(int) bool
	}{
		{nil, func(n int) bool { return n == 1 }},
		{[]string{"OLLAMA_NUM_PARALLEL=4"}, func(n int) bool { return n >= 2 }},
	} {
		srv, err := ollamatest.StartIn(t.TempDir(), c.env...)
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Stop()
		probed := ollama.ProbeSlots(context.Background(), srv.Client(), srv.Model)
		if !c.want(probed) {
			t.Errorf("%v: probed %d slots", c.env, probed)
		}
		managed := &ollama.Connection{Client: srv.Client(), Host: srv.Host, Managed: srv.ManagedServer}
		if got := managed.Slots(context.Background(), srv.Model); c.env != nil && got != 4 {
			t.Errorf("%v: a server Atelier started says %d slots", c.env, got)
		}
	}
}
