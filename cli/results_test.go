package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResultsCommands imports two exports and a file that is none, then
// prints the posts as JSON and the groups with their sample, and writes
// the charts and the CSV.
func TestResultsCommands(t *testing.T) {
	home := t.TempDir()
	t.Setenv("ATELIER_HOME", home)
	ctx := context.Background()
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := commands["results"](ctx, streams{out: &out, log: io.Discard, ui: "en"}, args)
		return out.String(), err
	}
	fx := func(name string) string { return filepath.Join("..", "studio", "results", "testdata", name) }
	out, err := run("import", fx("meta_instagram_fr.csv"), fx("unknown_bank.csv"), fx("x_tweet_activity_en.csv"))
	if !errors.Is(err, errFailed) || !strings.Contains(out, "unknown_bank.csv: refused, nothing imported") || !strings.Contains(out, "3 added") || !strings.Contains(out, "2 added") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = run("--json")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Posts []map[string]any `json:"posts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Posts) != 5 {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	for _, p := range got.Posts {
		for _, k := range []string{"post_id", "platform", "published_at", "piece_id", "engagement_rate"} {
			if _, ok := p[k]; !ok {
				t.Errorf("a post lacks %q: %v", k, p)
			}
		}
		if p["piece_id"] != nil {
			t.Errorf("an external post has piece %v", p["piece_id"])
		}
	}
	dir := filepath.Join(home, "charts")
	out, err = run("--by", "platform", "--png", dir, "--csv", filepath.Join(home, "groups.csv"))
	if err != nil || !strings.Contains(out, "too few posts to compare (n < 5)") {
		t.Fatalf("--by platform: %v\n%s", err, out)
	}
	for _, f := range []string{filepath.Join(dir, "engagement.png"), filepath.Join(dir, "best-time.png"), filepath.Join(home, "groups.csv")} {
		if b, err := os.ReadFile(f); err != nil || len(b) < 100 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := run("--by", "mood"); err == nil || !strings.Contains(err.Error(), "persona") {
		t.Errorf("--by mood: %v", err)
	}

	// A file of Atelier's own making: refused, then mapped once, then read like any export.
	own := filepath.Join(home, "own.csv")
	os.WriteFile(own, []byte("Identifiant;Publié le;Vues;J'aime;Commentaires\np1;28/09/2026 10:00;1200;40;5\np2;29/09/2026 18:30;900;12;1\n"), 0o644)
	if out, err := run("import", own); !errors.Is(err, errFailed) || !strings.Contains(out, "refused") {
		t.Fatalf("an unknown file: %v %s", err, out)
	}
	out, err = run("map", own, "--platform", "instagram", "--day-first", "--column", "Identifiant=post_id", "--column", "Publié le=published_at",
		"--column", "Vues=impressions", "--column", "J'aime=likes", "--column", "Commentaires=comments")
	if err != nil || !strings.Contains(out, "2 added") {
		t.Fatalf("map: %v %s", err, out)
	}
	again := filepath.Join(home, "own-later.csv")
	os.WriteFile(again, []byte("Identifiant;Publié le;Vues;J'aime;Commentaires\np3;30/09/2026 09:00;700;9;0\n"), 0o644)
	if out, err := run("import", again); err != nil || !strings.Contains(out, "1 added") {
		t.Fatalf("the saved mapping is not used: %v %s", err, out)
	}
	if _, err := run("map", own, "--platform", "instagram", "--column", "Vues=views_of_the_moon"); err == nil {
		t.Fatal("a field that does not exist was accepted")
	}
}
