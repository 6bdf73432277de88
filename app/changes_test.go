package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"atelier/samples"
	"atelier/studio"
)

// TestScreensFollowTheWorkspace: a write made on one screen shows on the
// others that hold that data, without selecting anything again: an image
// imported on Assets reaches Compose's Images tab, drafts made in Compose
// reach the Review board, and another piece opens at the top of its
// preview.
func TestScreensFollowTheWorkspace(t *testing.T) {
	s, _ := newTestStudio(t)
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR", "en-GB"})
	c.grid.Select(0)
	waitBackground(t)
	if len(c.images.sources) != 0 {
		t.Fatalf("%d images before the import", len(c.images.sources))
	}
	waitFor(t, "the board to show the drafts", func() bool { waitBackground(t); return len(r.cols[studio.StateDraft]) == 2 })
	a := showScreen[*assetsScreen](s)
	pump(t, a.importFiles([]string{writeSample(t, "bougie.jpg", samples.Photo)}))
	waitFor(t, "Compose's Images tab to list the import", func() bool { waitBackground(t); return len(c.images.sources) == 1 })
	if c.images.status.Text == "The library has no image yet: import one on the Assets screen." {
		t.Error("the Images tab still says the library is empty")
	}
	r = showScreen[*reviewScreen](s)
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	r.scrolls[0].ScrollToBottom()
	r.scrolls[0].Offset = fyne.NewPos(0, 200)
	r.lists[studio.StateDraft].Select(1)
	waitFor(t, "the second piece", func() bool { waitBackground(t); return r.shown == r.cols[studio.StateDraft][1].ID })
	if r.scrolls[0].Offset.Y != 0 {
		t.Errorf("the preview kept its scroll: %v", r.scrolls[0].Offset)
	}
}
