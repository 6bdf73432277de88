package studio_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
	"atelier/studio/ollama"
)

func TestImportRenderAndRerenderOnePlacement(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "bougie.jpg")
	if err := os.WriteFile(src, samples.Photo, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := ws.ImportImage(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if img.Kind != "image" || img.MIME != "image/jpeg" || img.Width != 2400 || img.Height != 1600 || img.Source != "bougie.jpg" || len(img.SHA256) != 64 {
		t.Fatalf("imported %+v", img)
	}
	if list, err := ws.Images(ctx); err != nil || len(list) != 1 || list[0].ID != img.ID {
		t.Fatalf("library %+v %v", list, err)
	}
	if err := ws.SetFocal(ctx, img.ID, &assets.Focal{X: 0.66, Y: 0.45}); err != nil {
		t.Fatal(err)
	}
	if err := ws.SetFocal(ctx, img.ID, &assets.Focal{X: 1.5, Y: 0.45}); err == nil {
		t.Error("a focal point outside the image was taken")
	}

	// An Instagram piece: its three placements, with the draft's hook as headline.
	brief := newBrief(t, ws, []string{"instagram"}, []string{"design-lovers"}, []string{"fr-FR"})
	outs, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, brief, nil)
	if err != nil {
		t.Fatal(err)
	}
	piece := outs[0].Piece
	var steps []float64
	vs, err := ws.RenderVariants(ctx, &studio.RenderRequest{PieceID: piece.ID, SourceID: img.ID}, func(_ string, f float64) { steps = append(steps, f) })
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 || steps[len(steps)-1] != 1 {
		t.Fatalf("%d renders, progress %v", len(vs), steps)
	}
	for _, v := range vs {
		if v.Meta.Focal != (assets.Focal{X: 0.66, Y: 0.45}) || v.Meta.FocalAuto {
			t.Errorf("%s: focal %+v, want the one the user set", v.Placement.ID, v.Meta.Focal)
		}
		if len(v.Meta.Text) != 1 {
			t.Errorf("%s: no headline from the draft's hook", v.Placement.ID)
		}
		if len(v.Report.Errors()) > 0 {
			t.Errorf("%s: the checker finds %+v", v.Placement.ID, v.Report.Findings)
		}
		// The checker reads the metadata kept beside the file.
		fc, err := studio.CheckFile(ws.Kit(), ws.Registry(), studio.CheckTarget{}, v.Path)
		if err != nil {
			t.Fatal(err)
		}
		if fc.Report.LogoMethod != brandkit.LogoFromMetadata || fc.Report.Score != v.Report.Score {
			t.Errorf("%s: checking the file gives %d by %q, the render %d", v.Placement.ID, fc.Report.Score, fc.Report.LogoMethod, v.Report.Score)
		}
	}
	linked, err := ws.PieceAssets(ctx, piece.ID, "variant")
	if err != nil || len(linked) != 3 {
		t.Fatalf("linked %d variants: %v", len(linked), err)
	}

	// Render one placement again, with a frame: it replaces that placement only.
	again, err := ws.RenderVariants(ctx, &studio.RenderRequest{PieceID: piece.ID, SourceID: img.ID, Placements: []string{"instagram.story"},
		Options: assets.VariantOptions{Frame: "Ambre", Format: "png"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	linked, _ = ws.PieceAssets(ctx, piece.ID, "variant")
	byPlacement := map[string]studio.Asset{}
	for _, a := range linked {
		byPlacement[a.Placement] = a
	}
	if len(linked) != 3 || byPlacement["instagram.story"].ID != again[0].Asset.ID || byPlacement["instagram.story"].MIME != "image/png" {
		t.Fatalf("after one re-render: %+v", linked)
	}
	var meta assets.VariantMeta
	if err := json.Unmarshal([]byte(byPlacement["instagram.feed"].Meta), &meta); err != nil || meta.Source != img.SHA256 || meta.Logo == nil {
		t.Errorf("the render's row keeps its metadata: %+v %v", meta, err)
	}

	// Bad input: a placement that does not exist, and a damaged file.
	if _, err := ws.RenderVariants(ctx, &studio.RenderRequest{PieceID: piece.ID, SourceID: img.ID, Placements: []string{"instagram.reel"}}, nil); err == nil || !strings.Contains(err.Error(), "instagram.story") {
		t.Errorf("an unknown placement: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "cut.jpg")
	os.WriteFile(bad, samples.Photo[:len(samples.Photo)/3], 0o644)
	if _, err := ws.ImportImage(ctx, bad); err == nil || !strings.Contains(err.Error(), "cut.jpg") {
		t.Errorf("a truncated JPEG: %v", err)
	}
	if list, _ := ws.Images(ctx); len(list) != 1 {
		t.Errorf("the library holds %d images after a refused import, and renders are not sources", len(list))
	}
}

func TestDescribeImageNeedsAVisionModel(t *testing.T) {
	// The test server's tiny model has no vision: the answer says so and
	// points to the draft's alt text, through the real /api/show.
	img, _, err := assets.DecodeImage("photo.jpg", samples.Photo, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ollama.DescribeImage(context.Background(), server.Client(), server.Model, img, "fr-FR")
	if !errors.Is(err, ollama.ErrNoVision) || !strings.Contains(err.Error(), "draft's alt text") {
		t.Fatalf("a model without vision: %v", err)
	}
	_, err = ollama.DescribeImage(context.Background(), server.Client(), "not-installed:1b", img, "fr-FR")
	if !errors.Is(err, studio.ErrModelMissing) {
		t.Fatalf("a missing model: %v", err)
	}
}
