package studio_test

import (
	"errors"
	"strings"
	"testing"

	"atelier/studio"
	"atelier/studio/ollama"
)

// TestChooseDrafterOneRule: no server → templates with the reason; with
// fallback refused → the reason as an error that says what to do.
func TestChooseDrafterOneRule(t *testing.T) {
	ctx := t.Context()
	choice, err := studio.ChooseDrafter(ctx, nil, ollama.ErrNoOllama, "gemma3:4b", 0, true)
	if err != nil || choice.Model != "" || !errors.Is(choice.Reason, ollama.ErrNoOllama) || choice.Drafter.Name() != studio.TemplateModel {
		t.Fatalf("no server: %+v %v", choice, err)
	}
	if _, err := studio.ChooseDrafter(ctx, nil, ollama.ErrNoOllama, "gemma3:4b", 0, false); !errors.Is(err, ollama.ErrNoOllama) || !strings.Contains(err.Error(), "templates") {
		t.Fatalf("no server, no fallback: %v", err)
	}
}
