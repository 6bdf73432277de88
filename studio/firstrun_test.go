package studio_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/store"
)

// TestFillSampleShowsTheWholeProduct: a new workspace on the sample kit
// gets drafted pieces in every review state, a comment, the photo with its
// renders and a snippet, all made by the studio's tasks and people; a
// second call, or a workspace with a campaign, gets nothing more.
func TestFillSampleShowsTheWholeProduct(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	kitDir, err := studio.DefaultKitDir(home, samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	ws, err := store.OpenWorkspace(ctx, home, kitDir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	var steps []string
	start := time.Now()
	c, ok, err := ws.FillSample(ctx, samples.Photo, func(step string, f float64) { steps = append(steps, step) })
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	t.Logf("first-run content in %v: %+v", time.Since(start), c)
	if len(steps) < 4 || steps[len(steps)-1] != "done" {
		t.Errorf("progress %v", steps)
	}
	b, err := ws.Board(ctx, studio.BoardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []studio.State{studio.StateDraft, studio.StateInReview, studio.StateApproved, studio.StateChangesRequested} {
		if len(b.Columns[st]) == 0 {
			t.Errorf("no piece %s", st)
		}
	}
	sent := b.Columns[studio.StateChangesRequested][0]
	if cs, _ := ws.Comments(ctx, sent.ID); len(cs) != 1 || cs[0].Author != "Léa" {
		t.Errorf("comments on the piece sent back: %+v", cs)
	}
	for _, p := range b.Columns[studio.StateDraft] {
		if v, _ := ws.LatestVersion(ctx, p.ID); v.Origin != studio.OriginTemplate || v.Author != "Camille" {
			t.Errorf("piece %d: %s by %q", p.ID, v.Origin, v.Author)
		}
	}
	if imgs, _ := ws.Images(ctx); len(imgs) == 0 || c.Renders == 0 {
		t.Errorf("%d images, %d renders", len(imgs), c.Renders)
	}
	approved := b.Columns[studio.StateApproved][0]
	if rs, err := ws.Renders(ctx, approved.ID); err != nil || len(rs) != c.Renders {
		t.Errorf("renders of piece %d: %d, %v", approved.ID, len(rs), err)
	}
	if audio, _ := ws.PieceAssets(ctx, approved.ID, "audio"); len(audio) != 1 || !c.Snippet {
		t.Errorf("snippet: %d stored, %+v", len(audio), c)
	}
	if _, ok, err := ws.FillSample(ctx, samples.Photo, nil); ok || err != nil {
		t.Errorf("a second fill: %v %v", ok, err)
	}
}

// TestFillSampleLeavesAnotherBrandAlone: with a kit that lacks the sample
// personas the workspace stays empty rather than filled with another
// brand's posts.
func TestFillSampleLeavesAnotherBrandAlone(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	kitDir := filepath.Join(home, "kits", "other")
	if err := studio.InstallKit(samples.Kit(), kitDir); err != nil {
		t.Fatal(err)
	}
	toml := filepath.Join(kitDir, "brandkit.toml")
	data, _ := os.ReadFile(toml)
	os.WriteFile(toml, []byte(strings.ReplaceAll(string(data), "design-lovers", "runners")), 0o644)
	ws, err := store.OpenWorkspace(ctx, home, kitDir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if _, ok, err := ws.FillSample(ctx, samples.Photo, nil); ok || err != nil {
		t.Fatalf("filled another brand: %v %v", ok, err)
	}
	if cs, _ := ws.Campaigns(ctx); len(cs) != 0 {
		t.Fatalf("campaigns %v", cs)
	}
}
