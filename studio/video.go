package studio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio/platform"
)

// VideoTarget is a registry video placement as the renderer and the
// checker take it.
func VideoTarget(v platform.VideoPlacement) brandkit.VideoTarget {
	t := brandkit.VideoTarget{Placement: v.ID, Platform: v.Platform, Width: v.Width, Height: v.Height, FPS: v.FPS,
		MinSeconds: float64(v.MinSeconds), RecommendedSeconds: float64(v.RecommendedSeconds), MaxSeconds: float64(v.MaxSeconds),
		MaxBytes: v.MaxBytes, Safe: regionOf(v.SafeBox()), Caption: regionOf(v.CaptionBox()), TargetLUFS: v.TargetLUFS}
	for _, b := range v.InterfaceBoxes() {
		t.Interface = append(t.Interface, regionOf(b))
	}
	return t
}

func regionOf(r image.Rectangle) brandkit.Region {
	return brandkit.Region{X: r.Min.X, Y: r.Min.Y, W: r.Dx(), H: r.Dy()}
}

// VideoPlacementFor returns the video placement id names, or the piece's
// platform's default video when id is "".
func (w *Workspace) VideoPlacementFor(platformID, id string) (platform.VideoPlacement, error) {
	if id == "" {
		if v, ok := w.registry.DefaultVideo(platformID); ok {
			return v, nil
		}
		return platform.VideoPlacement{}, fmt.Errorf("%s takes no video in Atelier's registry; pick a video placement such as instagram.reel", platformID)
	}
	if v, ok := w.registry.VideoPlacement(id); ok {
		return v, nil
	}
	var known []string
	for _, v := range w.registry.VideoPlacements() {
		known = append(known, v.ID)
	}
	return platform.VideoPlacement{}, fmt.Errorf("unknown video placement %q; known: %s", id, strings.Join(known, ", "))
}

// VideoRequest asks for a piece's clip.
type VideoRequest struct {
	PieceID   int64
	Placement string  // "" = the platform's default video
	Images    []int64 // library images in order; none = the images the piece was rendered from
	Seconds   int     // 15, 30 or 60; 0 = the placement's recommendation
	Captions  assets.CaptionStyle
	Cuts      bool
	FFmpeg    string // Settings' ffmpeg; "" = PATH
}

// RenderedVideo is a clip kept in the library and linked to its piece,
// checked against the kit.
type RenderedVideo struct {
	Asset  Asset
	Files  []string // assets.VideoFiles: the MP4, SRT, WebVTT, cover and sidecar
	Meta   *brandkit.VideoMeta
	Report brandkit.Report
}

// MP4 is the clip's file.
func (v RenderedVideo) MP4() string { return v.Files[0] }

// Cover is the clip's cover JPEG.
func (v RenderedVideo) Cover() string { return v.Files[3] }

// ErrNoImages is returned when a clip has no image to show.
var ErrNoImages = errors.New("the piece has no image for a video")

// RenderVideo makes a piece's clip from its images, its latest text (as
// spoken script and captions), the brief's call to action and, for a paid
// partnership, the disclosure label kept on screen; it stores the clip in
// the library, links it to the piece for its placement and checks it.
func (w *Workspace) RenderVideo(ctx context.Context, req *VideoRequest, fn assets.ProgressFunc) (RenderedVideo, error) {
	piece, err := w.store.Piece(ctx, req.PieceID)
	if err != nil {
		return RenderedVideo{}, err
	}
	vp, err := w.VideoPlacementFor(piece.Platform, req.Placement)
	if err != nil {
		return RenderedVideo{}, err
	}
	ar, err := w.videoRequest(ctx, req, piece, vp)
	if err != nil {
		return RenderedVideo{}, err
	}
	tmp, err := os.MkdirTemp(w.dataDir, ".video-")
	if err != nil {
		return RenderedVideo{}, fmt.Errorf("cannot write in the data folder %s: %w", w.dataDir, err)
	}
	defer os.RemoveAll(tmp)
	ar.Out = filepath.Join(tmp, "clip.mp4")
	if err := assets.RenderVideo(ctx, ar, fn); err != nil {
		return RenderedVideo{}, err
	}
	meta, err := assets.ReadVideoMeta(ar.Out)
	if err != nil {
		return RenderedVideo{}, err
	}
	im, err := w.Library().PutVideo(ar.Out)
	if err != nil {
		return RenderedVideo{}, err
	}
	sidecar, _ := json.Marshal(meta)
	a, err := w.store.PutAsset(ctx, Asset{SHA256: im.SHA256, Kind: "video", MIME: "video/mp4", Size: im.Size, Width: meta.Width,
		Height: meta.Height, DurationMS: meta.DurationMS, Source: "video:" + vp.ID, Meta: string(sidecar)})
	if err != nil {
		return RenderedVideo{}, err
	}
	if err := w.store.LinkAsset(ctx, piece.ID, a.ID, "video", vp.ID); err != nil {
		return RenderedVideo{}, err
	}
	a.Placement = vp.ID
	rv := RenderedVideo{Asset: a, Files: assets.VideoFiles(im.Path), Meta: meta}
	rv.Report, err = CheckVideoFile(ctx, w.Kit(), VideoTarget(vp), im.Path, req.FFmpeg, ar.Label != "")
	return rv, err
}

// videoRequest completes what the renderer needs from the piece.
func (w *Workspace) videoRequest(ctx context.Context, req *VideoRequest, piece Piece, vp platform.VideoPlacement) (*assets.VideoRequest, error) {
	v, err := w.store.LatestVersion(ctx, piece.ID)
	if err != nil {
		return nil, err
	}
	brief, err := w.store.Brief(ctx, piece.BriefID)
	if err != nil {
		return nil, err
	}
	images, err := w.videoImages(ctx, req, piece.ID)
	if err != nil {
		return nil, err
	}
	ar := &assets.VideoRequest{Kit: w.Kit(), Target: VideoTarget(vp), Images: images, Text: v.Text, Language: piece.Language,
		Seconds: req.Seconds, Captions: req.Captions, Cuts: req.Cuts, FFmpeg: req.FFmpeg}
	var d Draft
	if json.Unmarshal(v.Payload, &d) == nil {
		ar.Headline = strings.TrimSpace(d.Hook)
	}
	text, _ := brief.Text(piece.Language)
	ar.CTA = strings.TrimSpace(text.CTA)
	if brief.Partner != "" {
		ar.Label = brandkit.Disclosure(piece.Language)
	}
	return ar, nil
}

// videoImages are the library images asked for, or those the piece's
// variants were rendered from, each with its focal point.
func (w *Workspace) videoImages(ctx context.Context, req *VideoRequest, pieceID int64) ([]assets.VideoImage, error) {
	var list []Asset
	if len(req.Images) == 0 {
		var err error
		if list, err = w.store.PieceAssets(ctx, pieceID, "source"); err != nil {
			return nil, err
		}
	}
	for _, id := range req.Images {
		a, err := w.store.Asset(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("image %d: %w", id, err)
		}
		list = append(list, a)
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("%w: import an image in Assets and choose it in the Video tab", ErrNoImages)
	}
	out := make([]assets.VideoImage, 0, len(list))
	for _, a := range list {
		if a.Kind != "image" {
			return nil, fmt.Errorf("asset %d is a %s, not an image", a.ID, a.Kind)
		}
		out = append(out, assets.VideoImage{Path: w.Library().Path(a.SHA256, a.MIME), Name: a.Source, SHA256: a.SHA256, Focal: ParseImageMeta(a).Focal})
	}
	return out, nil
}

// Videos returns a piece's clips, the newest for each placement.
func (w *Workspace) Videos(ctx context.Context, pieceID int64) ([]RenderedVideo, error) {
	list, err := w.store.PieceAssets(ctx, pieceID, "video")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []RenderedVideo
	for _, a := range list {
		if seen[a.Placement] {
			continue
		}
		seen[a.Placement] = true
		rv := RenderedVideo{Asset: a, Files: assets.VideoFiles(w.Library().Path(a.SHA256, a.MIME))}
		var meta brandkit.VideoMeta
		if json.Unmarshal([]byte(a.Meta), &meta) == nil {
			rv.Meta = &meta
		}
		out = append(out, rv)
	}
	return out, nil
}

// CheckVideoFile checks a clip against a placement and the kit: its
// stream read by ffprobe, its sound decoded by ffmpeg, and Atelier's
// sidecar beside it when there is one.
func CheckVideoFile(ctx context.Context, k *brandkit.Kit, t brandkit.VideoTarget, path, ffmpeg string, paid bool) (brandkit.Report, error) {
	info, err := assets.ProbeVideo(ctx, ffmpeg, path)
	if err != nil {
		return brandkit.Report{}, err
	}
	meta, err := assets.ReadVideoMeta(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return brandkit.Report{}, fmt.Errorf("the sidecar beside %s cannot be read: %w", path, err)
	}
	pcm, err := assets.VideoSound(ctx, ffmpeg, path)
	if err != nil && info.AudioRate > 0 {
		return brandkit.Report{}, err
	}
	return brandkit.CheckVideo(k, t, info, meta, pcm, paid), nil
}
