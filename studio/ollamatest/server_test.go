package ollamatest_test

import (
	"context"
	"testing"

	"github.com/ollama/ollama/api"

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
