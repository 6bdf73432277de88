package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/samples"
	"atelier/studio"
)

// TestDraftExitStatus: `atelier draft` succeeds when every variant passes
// its check, and exits 1, printing what failed, when any variant fails.
func TestDraftExitStatus(t *testing.T) {
	t.Setenv("ATELIER_HOME", t.TempDir())
	t.Setenv("OLLAMA_HOST", "127.0.0.1:1") // no model: --template drafts
	kit := filepath.Join(t.TempDir(), "kit")
	if err := studio.InstallKit(samples.Kit(), kit); err != nil {
		t.Fatal(err)
	}
	brief := filepath.Join("..", "samples", "brief.toml")
	var out bytes.Buffer
	if err := commands["draft"](context.Background(), streams{out: &out, log: io.Discard}, []string{"--kit", kit, "--brief", brief, "--template"}); err != nil {
		t.Fatalf("the sample brief's template drafts: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), ", 0 failed") {
		t.Errorf("output lacks the count of failures:\n%s", out.String())
	}

	// Ban a word the brief's French and English texts both carry.
	manifest := filepath.Join(kit, "brandkit.toml")
	data, _ := os.ReadFile(manifest)
	data = bytes.Replace(data, []byte(`banned = ["pas cher"`), []byte(`banned = ["recharge", "refill", "pas cher"`), 1)
	if err := os.WriteFile(manifest, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err := commands["draft"](context.Background(), streams{out: &out, log: io.Discard}, []string{"--kit", kit, "--brief", brief, "--template"})
	if !errors.Is(err, errFailed) {
		t.Fatalf("every variant fails its check, and the command returned %v\n%s", err, out.String())
	}
	for _, want := range []string{"lexicon.banned", "\"recharge\" is a banned word", "12 failed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
