package app

import (
	"context"
	"errors"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"atelier/assets"
	"atelier/samples"
	"atelier/studio"
	"atelier/translations"
)

func writeSample(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAssetsScreenImportsAndSetsTheFocalPoint(t *testing.T) {
	s, ws := newTestStudio(t)
	a := showScreen[*assetsScreen](s)
	good := writeSample(t, "bougie.jpg", samples.Photo)
	bad := writeSample(t, "cut.jpg", samples.Photo[:len(samples.Photo)/4])
	pump(t, a.importFiles([]string{good, bad}))
	if a.length() != 1 {
		t.Fatalf("the library shows %d images, want 1", a.length())
	}
	if got := a.status.Text; !strings.Contains(got, "1 image imported") || !strings.Contains(got, "cut.jpg") {
		t.Errorf("status after a good and a damaged file: %q", got)
	}
	if !strings.Contains(texts(s.Window()), "bougie.jpg") || !strings.Contains(texts(s.Window()), "2400×1600") {
		t.Errorf("the grid does not show the image:\n%s", texts(s.Window()))
	}
	// The thumbnail is made off the UI goroutine, once, and cached on disk.
	sha := a.list[0].SHA256
	waitFor(t, "the thumbnail", func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.thumbs[sha] != nil
	})
	if _, err := os.Stat(filepath.Join(ws.DataDir(), "thumbs", sha+".jpg")); err != nil {
		t.Errorf("the thumbnail is not cached: %v", err)
	}

	// Open it, tap a point: that is the focal point.
	pump(t, a.open(a.list[0]))
	if a.picker.img == nil || !strings.Contains(a.focalLbl.Text, "saliency") {
		t.Fatalf("the picker shows nothing or not the saliency point: %q", a.focalLbl.Text)
	}
	at, size := a.picker.imageRect(a.picker.Size())
	test.TapAt(a.picker, fyne.NewPos(at.X+0.25*size.Width, at.Y+0.75*size.Height))
	as, _ := ws.Asset(context.Background(), a.list[0].ID)
	f := studio.ParseImageMeta(as).Focal
	if f == nil || math.Abs(f.X-0.25) > 0.01 || math.Abs(f.Y-0.75) > 0.01 {
		t.Fatalf("the tapped focal point is stored as %+v", f)
	}
	if !strings.Contains(a.focalLbl.Text, "0.25, 0.75") || !strings.Contains(a.focalLbl.Text, "set by you") {
		t.Errorf("focal label %q", a.focalLbl.Text)
	}
	// A tap on the letterbox beside the image changes nothing.
	test.TapAt(a.picker, fyne.NewPos(1, 1))
	if at.X < 1 && at.Y < 1 {
		t.Fatal("the test image fills the picker; no letterbox to tap")
	}
	as, _ = ws.Asset(context.Background(), a.list[0].ID)
	if g := studio.ParseImageMeta(as).Focal; g == nil || *g != *f {
		t.Errorf("a tap outside the image moved the focal point to %+v", g)
	}
	test.Tap(a.auto)
	as, _ = ws.Asset(context.Background(), a.list[0].ID)
	if studio.ParseImageMeta(as).Focal != nil || !strings.Contains(a.focalLbl.Text, "saliency") {
		t.Errorf("back to automatic: %s, %q", as.Meta, a.focalLbl.Text)
	}

	// The pixel budget chosen in Settings holds for the next import.
	settings := showScreen[*settingsScreen](s)
	settings.onPixelBudget("25 MP")
	if ws.Library().MaxPixels != 25_000_000 || s.app.Preferences().Int(prefMaxMP) != 25 {
		t.Fatalf("the budget is %d, the preference %d", ws.Library().MaxPixels, s.app.Preferences().Int(prefMaxMP))
	}
	ws.SetMaxImagePixels(1_000_000) // below the 3.8 MP photo, as a user could not choose
	if _, err := ws.ImportImage(context.Background(), good); !errors.Is(err, assets.ErrImageTooLarge) {
		t.Errorf("an image over the budget: %v", err)
	}
	ws.SetMaxImagePixels(0)
	showScreen[*assetsScreen](s)

	// Files dropped on the Assets screen are imported there.
	png := writeSample(t, "logo.png", mustReadFile(t, filepath.Join(ws.KitDir(), "logo.png")))
	s.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(png)})
	waitFor(t, "the dropped image", func() bool { return a.length() == 2 })
	if s.Current() != "Assets" {
		t.Errorf("a drop on Assets moved to %q", s.Current())
	}
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestVariantsPanelRendersAndRerendersOnePlacement(t *testing.T) {
	s, ws := newTestStudio(t)
	ctx := context.Background()
	if _, err := ws.ImportImage(ctx, writeSample(t, "bougie.jpg", samples.Photo)); err != nil {
		t.Fatal(err)
	}
	cs, _ := ws.Campaigns(ctx)
	b := studio.SampleBrief(cs[0].ID)
	b.Platforms, b.Personas, b.Languages = []string{"instagram"}, []string{"design-lovers"}, []string{"fr-FR"}
	b, _ = storeOf(ws).CreateBrief(ctx, b)
	outs, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := newVariantsPanel(s)
	w := test.NewWindow(v.object())
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 500))
	pump(t, v.setPiece(outs[0].Piece.ID, "instagram"))
	if len(v.cards.Objects) != 3 || !strings.Contains(texts(w), "not rendered") {
		t.Fatalf("before rendering: %d cards\n%s", len(v.cards.Objects), texts(w))
	}
	if v.source.Selected == "" || !strings.Contains(v.source.Selected, "bougie.jpg") {
		t.Fatalf("source %q", v.source.Selected)
	}
	pump(t, v.renderPlacements(nil))
	if !strings.Contains(v.status.Text, "3 placements rendered") {
		t.Fatalf("status %q", v.status.Text)
	}
	// Side by side at true aspect ratio, the story with its safe zone shaded.
	for i, want := range []string{"instagram.feed", "instagram.portrait", "instagram.story"} {
		card := v.cards.Objects[i].(*fyne.Container)
		pic := card.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
		sz := pic.MinSize()
		p, _ := ws.Registry().Placement(want)
		if math.Abs(float64(sz.Width/sz.Height)-p.Aspect()) > 0.01 {
			t.Errorf("%s shown at %v, not %d:%d", want, sz, p.Width, p.Height)
		}
		var images, bands int
		for _, o := range pic.Objects[0].(*fyne.Container).Objects {
			switch o := o.(type) {
			case *canvas.Image:
				images++
			case *canvas.Rectangle:
				if o.FillColor == (color.NRGBA{0xC8, 0x55, 0x3D, 0x66}) && o.Visible() {
					bands++
				}
			}
		}
		if images != 1 || (want == "instagram.story") != (bands == 2) {
			t.Errorf("%s: %d images, %d safe-zone bands", want, images, bands)
		}
		if name := translations.PlacementName("en", want, ws.Registry()); !strings.Contains(texts(w), name) {
			t.Errorf("no card for %s (%s)", want, name)
		}
	}
	if strings.Contains(texts(w), "not rendered") || !strings.Contains(texts(w), "92/100") {
		t.Errorf("after rendering:\n%s", texts(w))
	}
	before := variantIDs(t, ws, outs[0].Piece.ID)
	// Render the story again with a frame and no headline: only it changes.
	v.frame.SetSelected("Ambre")
	v.headline.SetChecked(false)
	pump(t, v.renderPlacements([]string{"instagram.story"}))
	after := variantIDs(t, ws, outs[0].Piece.ID)
	if after["instagram.story"] == before["instagram.story"] || after["instagram.feed"] != before["instagram.feed"] || len(after) != 3 {
		t.Errorf("re-rendering the story: before %v, after %v", before, after)
	}
	story, _ := ws.Asset(context.Background(), after["instagram.story"])
	if !strings.Contains(story.Meta, `"corner"`) || strings.Contains(story.Meta, `"text"`) {
		t.Errorf("the story rendered without a headline still has text: %s", story.Meta)
	}
	if !strings.Contains(v.alt.Text, "Feu de bois") {
		t.Errorf("alt text suggestion %q", v.alt.Text)
	}
	// A render whose file went missing is shown as not rendered, and said.
	feed, _ := ws.Asset(context.Background(), after["instagram.feed"])
	if err := os.Remove(ws.Library().Path(feed.SHA256, feed.MIME)); err != nil {
		t.Fatal(err)
	}
	pump(t, v.setPiece(outs[0].Piece.ID, "instagram"))
	if !strings.Contains(v.status.Text, "Instagram · Feed square — The image is missing from the data folder") || !strings.Contains(texts(w), "not rendered") {
		t.Errorf("a missing render: status %q", v.status.Text)
	}
	waitFor(t, "the connection attempt", func() bool { _, _, ready := s.session.state(); return ready })
	pump(t, v.describeImage())
	if !strings.Contains(v.alt.Text, "No Ollama: the draft's alt text is used.") {
		t.Errorf("describing without Ollama: %q", v.alt.Text)
	}
}

func variantIDs(t *testing.T, ws *studio.Workspace, pieceID int64) map[string]int64 {
	t.Helper()
	list, err := ws.PieceAssets(context.Background(), pieceID, "variant")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, a := range list {
		out[a.Placement] = a.ID
	}
	return out
}

func TestReviewPreviewShowsTheRender(t *testing.T) {
	s, ws := newTestStudio(t)
	ctx := context.Background()
	img, err := ws.ImportImage(ctx, writeSample(t, "bougie.jpg", samples.Photo))
	if err != nil {
		t.Fatal(err)
	}
	draftTemplates(t, s, []string{"instagram"}, []string{"design-lovers"}, []string{"fr-FR"})
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	piece := r.cols[studio.StateDraft][0]
	if _, err := ws.RenderVariants(ctx, &studio.RenderRequest{PieceID: piece.ID, SourceID: img.ID, Placements: []string{"instagram.feed"}}, nil); err != nil {
		t.Fatal(err)
	}
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	pump(t, r.rendersShown)
	shown := r.mockup.media.picture
	if shown.Hidden || shown.Image == nil || shown.Image.Bounds().Dx() != 600 {
		t.Fatalf("the Instagram feed mock-up does not show the render: %+v", shown)
	}
}
