package studio_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
	"atelier/studio/platform"
)

// TestEveryVideoPlacement renders a piece's clip for every video placement
// of the registry and reads each back with ffprobe: the size, rate, codec,
// profile, pixel format, sound and duration the placement asks for, with
// no error from the checker.
func TestEveryVideoPlacement(t *testing.T) {
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
	brief := newBrief(t, ws, []string{"tiktok"}, []string{"design-lovers"}, []string{"fr-FR"})
	outs, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, brief, nil)
	if err != nil {
		t.Fatal(err)
	}
	piece := outs[0].Piece
	if _, err := ws.RenderVideo(ctx, &studio.VideoRequest{PieceID: piece.ID}, nil); !errors.Is(err, studio.ErrNoImages) {
		t.Fatalf("a piece without images: %v", err)
	}
	for _, vp := range platform.VideoPlacements() {
		t.Run(vp.ID, func(t *testing.T) {
			rv, err := ws.RenderVideo(ctx, &studio.VideoRequest{PieceID: piece.ID, Placement: vp.ID, Images: []int64{img.ID}, Seconds: 15, Cuts: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			info, err := assets.ProbeVideo(ctx, "", rv.Files[0])
			if err != nil {
				t.Fatal(err)
			}
			want := brandkit.VideoInfo{Codec: "h264", Profile: "High", PixFmt: "yuv420p", Width: vp.Width, Height: vp.Height, FPS: vp.FPS,
				ConstantRate: true, Seconds: 15, Bytes: info.Bytes, FastStart: true, AudioCodec: "aac", AudioProfile: "LC", AudioRate: 48000}
			if info != want {
				t.Errorf("ffprobe says %+v\nwant %+v", info, want)
			}
			for _, f := range rv.Files {
				if _, err := os.Stat(f); err != nil {
					t.Error(err)
				}
			}
			if errs := rv.Report.Errors(); len(errs) > 0 {
				t.Errorf("the checker finds %+v", errs)
			}
		})
	}
	vids, err := ws.Videos(ctx, piece.ID)
	if err != nil || len(vids) != len(platform.VideoPlacements()) {
		t.Fatalf("%d videos kept for the piece, want one per placement: %v", len(vids), err)
	}
}
