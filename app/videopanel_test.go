package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"atelier/samples"
	"atelier/translations"
)

// TestVideoTab makes a TikTok piece's clip in Compose's Video tab and
// watches it: the frames are decoded for the preview, the filmstrip jumps,
// playing moves on, and a second render can be cancelled with nothing
// kept.
func TestVideoTab(t *testing.T) {
	s, ws := newTestStudio(t)
	ctx := context.Background()
	if _, err := ws.ImportImage(ctx, writeSample(t, "bougie.jpg", samples.Photo)); err != nil {
		t.Fatal(err)
	}
	c := draftTemplates(t, s, []string{"tiktok"}, []string{"design-lovers"}, []string{"fr-FR"})
	c.grid.Select(0)
	runUI()
	v := c.video
	pump(t, v.setPiece(c.cards[0].pieceID))
	if !v.render.Disabled() || len(v.images.Options) == 0 {
		t.Fatalf("before an image is ticked: render enabled %v, %d images", !v.render.Disabled(), len(v.images.Options))
	}
	v.images.SetSelected([]string{v.images.Options[0]})
	if v.render.Disabled() || !strings.Contains(v.order.Text, "1. bougie.jpg") {
		t.Fatalf("after ticking: order %q, render disabled %v", v.order.Text, v.render.Disabled())
	}
	test.Tap(v.render)
	waitFor(t, "the clip's preview", func() bool { v.mu.Lock(); defer v.mu.Unlock(); return v.clip != nil })
	name := translations.VideoPlacementName("en", "tiktok.video", ws.Registry())
	if !strings.Contains(v.status.Text, name) || !strings.Contains(v.status.Text, "Score") {
		t.Errorf("status %q does not name the placement and the score", v.status.Text)
	}
	if n := len(v.clip.frames); n < 145 || n > 152 {
		t.Errorf("%d preview frames for 15 s at %d fps", n, previewFPS)
	}
	if len(v.strip.Objects) != stripFrames || v.screen.Image == nil {
		t.Fatalf("filmstrip of %d, screen %v", len(v.strip.Objects), v.screen.Image)
	}
	test.Tap(v.strip.Objects[4].(*thumb))
	if v.scrub.Value != 0.5 {
		t.Errorf("the fifth frame of the strip moved the slider to %v, want 0.5", v.scrub.Value)
	}
	test.Tap(v.play)
	waitFor(t, "the clip to play on", func() bool { return v.scrub.Value > 0.55 })
	test.Tap(v.play)
	if v.playback != nil || v.play.Text != "Play" {
		t.Errorf("pause left playback %v, button %q", v.playback, v.play.Text)
	}
	vids, _ := ws.Videos(ctx, c.cards[0].pieceID)
	if len(vids) != 1 {
		t.Fatalf("%d videos kept", len(vids))
	}

	// A second render, cancelled: the first clip stays the piece's only one.
	test.Tap(v.render)
	waitFor(t, "the render to start", func() bool { return !v.cancel.Hidden })
	test.Tap(v.cancel)
	waitFor(t, "the cancel", func() bool { return v.cancel.Hidden })
	if !strings.Contains(v.status.Text, "Stopped, as asked") {
		t.Errorf("after cancel, status %q", v.status.Text)
	}
	if after, _ := ws.Videos(ctx, c.cards[0].pieceID); len(after) != 1 || after[0].Asset.ID != vids[0].Asset.ID {
		t.Errorf("%d videos after a cancelled render, want the first one only", len(after))
	}
	waitBackground(t)
}
