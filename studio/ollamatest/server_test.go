package ollamatest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"atelier/studio/ollama"
	"atelier/studio/ollamatest"
)

func TestTinyModelAnswersWithSchema(t *testing.T) {
	s := ollamatest.Start(t)
	stream := false
	var got api.ChatResponse
	err := s.Client().Chat(context.Background(), &api.ChatRequest{Model: s.Model, Stream: &stream,
		Messages: []api.Message{{Role: "user", Content: "hello"}},
		Format:   []byte(`{"type":"object","properties":{"a":{"type":"string","maxLength":20},"b":{"type":"string","enum":["fr-FR"]}},"required":["a","b"]}`),
		Options:  map[string]any{"seed": 1, "temperature": 0, "num_predict": 200}},
		func(r api.ChatResponse) error { got = r; return nil })
	if err != nil {
		t.Fatalf("%v\n%s", err, s.Logs())
	}
	t.Logf("%q %+v", got.Message.Content, got.Metrics)
}

// TestModelDetailsReadinessAndDelete: a real server reports the tiny
// model's quantisation and context length, it is cold until warmed and
// warm after, and Delete removes it.
func TestModelDetailsReadinessAndDelete(t *testing.T) {
	s := ollamatest.Start(t)
	ctx := context.Background()
	m := &ollama.Models{Client: s.Client()}
	st := m.State(ctx)
	if len(st.Models) != 1 || st.Models[0].ContextLength == 0 || st.Models[0].Quantization == "" {
		t.Fatalf("models %+v", st.Models)
	}
	if r := st.Readiness(s.Model); r != ollama.Cold {
		t.Fatalf("before warming: %s", r)
	}
	if err := m.Warm(ctx, s.Model, time.Minute); err != nil {
		t.Fatal(err)
	}
	if r := m.State(ctx).Readiness(s.Model); r != ollama.Warm {
		t.Fatalf("after warming: %s", r)
	}
	if err := m.Delete(ctx, s.Model); err != nil {
		t.Fatal(err)
	}
	if r := m.State(ctx).Readiness(s.Model); r != ollama.NotInstalled {
		t.Fatalf("after deleting: %s", r)
	}
	if err := m.Delete(ctx, "no-such-model"); err == nil || !strings.Contains(err.Error(), "no-such-model") {
		t.Fatalf("deleting a missing model: %v", err)
	}
}
