package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atelier/samples"
	"atelier/studio"
)

// TestResultsScreen shows the empty state with its import button, then,
// after two exports are imported, the charts and the best and worst posts,
// the best one beside its piece's render once the CM ties them.
func TestResultsScreen(t *testing.T) {
	ws := testWorkspace(t)
	ctx := context.Background()
	c, ok, err := ws.FillSample(ctx, samples.Photo, nil)
	if err != nil || !ok || c.Renders == 0 {
		t.Fatalf("the sample: %+v %v %v", c, ok, err)
	}
	var rendered int64
	ps, _ := ws.Pieces(ctx, studio.PieceFilter{})
	for _, p := range ps {
		if rs, _ := ws.Renders(ctx, p.ID); len(rs) > 0 {
			rendered = p.ID
		}
	}
	s := openTestStudio(t, ws, noOllama)
	r := showScreen[*resultsScreen](s)
	pump(t, r.refresh())
	if !r.empty.Visible() {
		t.Fatal("no empty state before any import")
	}
	for _, f := range []string{"meta_instagram_fr.csv", "x_tweet_activity_en.csv"} {
		if _, err := ws.ImportResults(context.Background(), filepath.Join("..", "studio", "results", "testdata", f)); err != nil {
			t.Fatal(err)
		}
	}
	pump(t, r.refresh())
	if r.empty.Visible() || r.in.Posts != 5 {
		t.Fatalf("after the imports: empty %v, %d posts", r.empty.Visible(), r.in.Posts)
	}
	if r.bars.Image == nil || r.bars.Image.Bounds().Dx() < 400 || r.heat.Image == nil || r.heat.Image.Bounds().Dx() < 400 {
		t.Fatal("the charts are not drawn")
	}
	if len(r.posts.Objects) != 4 { // the top two and the bottom two of five
		t.Fatalf("%d best and worst posts shown", len(r.posts.Objects))
	}
	if err := ws.ConfirmMatch(ctx, r.in.Top[0].Key(), rendered); err != nil {
		t.Fatal(err)
	}
	pump(t, r.refresh())
	if img := r.thumbs[rendered]; img == nil || img.Bounds().Dx() > 96 {
		t.Fatalf("the best post's piece has no thumbnail: %v", img)
	}
	r.by.SetSelected("Platform")
	waitFor(t, "the regrouping", func() bool { return len(r.in.Groups) == 2 })
	waitBackground(t)
}

// TestUnknownExportAsksForItsColumns: a file Atelier does not recognise
// opens the mapping form with its columns, instead of an error.
func TestUnknownExportAsksForItsColumns(t *testing.T) {
	s, _ := newTestStudio(t)
	r := showScreen[*resultsScreen](s)
	pump(t, r.refresh())
	r.importFile(filepath.Join("..", "studio", "results", "testdata", "unknown_bank.csv"))
	waitFor(t, "the mapping form", func() bool {
		var b strings.Builder
		for _, top := range s.Window().Canvas().Overlays().List() {
			for _, o := range test.LaidOutObjects(top) {
				switch w := o.(type) {
				case *widget.Label:
					b.WriteString(w.Text + "\n")
				case *widget.Button:
					b.WriteString(w.Text + "\n")
				case *widget.Form:
					for _, it := range w.Items {
						b.WriteString(it.Text + "\n")
					}
				}
			}
		}
		all := b.String()
		return strings.Contains(all, "Columns of the file") && strings.Contains(all, "Amount") && strings.Contains(all, "Save and import")
	})
	waitBackground(t)
}
