package studio

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"strings"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio/platform"
)

// ImageMeta is what the asset row's meta holds for an imported image.
type ImageMeta struct {
	Orientation int           `json:"orientation"`
	Focal       *assets.Focal `json:"focal,omitempty"` // set by the user; nil: found by saliency
}

// ParseImageMeta reads an image asset's meta.
func ParseImageMeta(a Asset) ImageMeta {
	var m ImageMeta
	_ = json.Unmarshal([]byte(a.Meta), &m) // a row without meta has none to read
	return m
}

// Library is the workspace's content-addressed file store.
func (w *Workspace) Library() *assets.Library {
	l := assets.NewLibrary(w.dataDir)
	l.MaxPixels = int(w.maxImagePixels.Load())
	return l
}

// SetMaxImagePixels sets the largest image the library imports; 0 means
// assets.DefaultMaxPixels.
func (w *Workspace) SetMaxImagePixels(n int) { w.maxImagePixels.Store(int64(n)) }

// ImportImage takes an image file into the library and records it.
func (w *Workspace) ImportImage(ctx context.Context, path string) (Asset, error) {
	im, err := w.Library().ImportFile(path)
	if err != nil {
		return Asset{}, err
	}
	meta, _ := json.Marshal(ImageMeta{Orientation: im.Info.Orientation})
	return w.store.PutAsset(ctx, Asset{SHA256: im.SHA256, Kind: "image", MIME: im.Info.MIME, Size: im.Size,
		Width: im.Info.Width, Height: im.Info.Height, Source: im.Source, Meta: string(meta)})
}

// SetFocal records the point the user clicked as the image's focal point;
// nil goes back to saliency.
func (w *Workspace) SetFocal(ctx context.Context, assetID int64, f *assets.Focal) error {
	a, err := w.store.Asset(ctx, assetID)
	if err != nil {
		return err
	}
	if f != nil && !f.Valid() {
		return fmt.Errorf("the focal point (%.2f, %.2f) lies outside the image", f.X, f.Y)
	}
	m := ParseImageMeta(a)
	m.Focal = f
	data, _ := json.Marshal(m)
	return w.store.SetAssetMeta(ctx, assetID, string(data))
}

// Placements turns placement ids of the registry into what the renderer
// takes; an empty list is every placement of the platform (all platforms
// when platformID is empty too).
func Placements(reg *platform.Registry, platformID string, ids []string) ([]assets.Placement, error) {
	var pls []platform.Placement
	for _, id := range ids {
		pl, ok := reg.Placement(strings.TrimSpace(id))
		if !ok {
			var known []string
			for _, p := range reg.All() {
				for _, pl := range p.Placements {
					known = append(known, pl.ID)
				}
			}
			return nil, fmt.Errorf("unknown placement %q; known: %s", id, strings.Join(known, ", "))
		}
		pls = append(pls, pl)
	}
	if len(ids) == 0 {
		for _, p := range reg.All() {
			if platformID == "" || p.ID == platformID {
				pls = append(pls, p.Placements...)
			}
		}
	}
	out := make([]assets.Placement, len(pls))
	for i, pl := range pls {
		out[i] = placementOf(pl)
	}
	return out, nil
}

// placementOf is a registry placement as the renderer and checker take it.
func placementOf(pl platform.Placement) assets.Placement {
	return assets.Placement{ID: pl.ID, Width: pl.Width, Height: pl.Height,
		Safe: brandkit.SafeZone{Top: pl.Safe.Top, Bottom: pl.Safe.Bottom, Left: pl.Safe.Left, Right: pl.Safe.Right}}
}

// RenderedVariant is a render kept in the library and linked to its piece.
type RenderedVariant struct {
	*assets.Variant
	Asset  Asset
	Path   string
	Report brandkit.Report
}

// RenderRequest asks for a piece's variants from one of the library's
// images.
type RenderRequest struct {
	PieceID    int64
	SourceID   int64
	Placements []string // empty: every placement of the piece's platform
	Options    assets.VariantOptions
	NoHeadline bool // leave the draft's hook off the image
}

// RenderVariants renders a piece's placements from a library image, with
// the draft's hook as headline unless the options give one (or NoHeadline
// is set), stores each render under its sha256 with its metadata, checks it
// against the kit, and makes it the piece's variant for that placement
// (replacing an earlier one, so one placement can be rendered again).
func (w *Workspace) RenderVariants(ctx context.Context, req *RenderRequest, fn assets.ProgressFunc) ([]RenderedVariant, error) {
	if w.Kit() == nil {
		return nil, fmt.Errorf("no brand kit is loaded")
	}
	piece, err := w.store.Piece(ctx, req.PieceID)
	if err != nil {
		return nil, err
	}
	src, err := w.store.Asset(ctx, req.SourceID)
	if err != nil {
		return nil, err
	}
	pls, err := Placements(w.registry, piece.Platform, req.Placements)
	if err != nil {
		return nil, err
	}
	if len(pls) == 0 {
		return nil, fmt.Errorf("%s has no image placement", piece.Platform)
	}
	img, info, err := w.Library().Open(src.SHA256, src.MIME)
	if err != nil {
		return nil, err
	}
	brand, err := assets.LoadBrand(w.Kit())
	if err != nil {
		return nil, err
	}
	opt := w.variantOptions(ctx, req, piece, src)
	vs, err := assets.RenderVariants(ctx, img, brand, opt, pls, fn)
	if err != nil {
		return nil, err
	}
	out := make([]RenderedVariant, len(vs))
	for i, v := range vs {
		v.Meta.Source = src.SHA256
		if note := info.ProfileNote(); note != "" {
			v.Meta.Notes = append(v.Meta.Notes, note)
		}
		if out[i], err = w.keepVariant(ctx, piece.ID, v); err != nil {
			return nil, err
		}
	}
	if err := w.store.LinkAsset(ctx, piece.ID, src.ID, "source", ""); err != nil {
		return nil, err
	}
	return out, nil
}

// variantOptions completes the request's options from what is known of
// the piece: the source's focal point, the draft's hook as headline, and
// the disclosure label of a paid partnership.
func (w *Workspace) variantOptions(ctx context.Context, req *RenderRequest, piece Piece, src Asset) assets.VariantOptions {
	opt := req.Options
	if opt.Focal == nil {
		opt.Focal = ParseImageMeta(src).Focal
	}
	if opt.Headline == "" && !req.NoHeadline {
		if v, err := w.store.LatestVersion(ctx, piece.ID); err == nil {
			var d Draft
			if json.Unmarshal(v.Payload, &d) == nil {
				opt.Headline = d.Hook
			}
		}
	}
	if opt.Label == "" {
		if b, err := w.store.Brief(ctx, piece.BriefID); err == nil && b.Partner != "" {
			opt.Label = brandkit.Disclosure(piece.Language) // a paid partnership says so on the image too
		}
	}
	return opt
}

// keepVariant stores a render in the library and the store, checked, as
// the piece's variant for its placement.
func (w *Workspace) keepVariant(ctx context.Context, pieceID int64, v *assets.Variant) (RenderedVariant, error) {
	im, err := w.Library().PutVariant(v)
	if err != nil {
		return RenderedVariant{}, err
	}
	meta, _ := json.Marshal(v.Meta)
	a, err := w.store.PutAsset(ctx, Asset{SHA256: im.SHA256, Kind: "image", MIME: im.Info.MIME, Size: im.Size,
		Width: v.Placement.Width, Height: v.Placement.Height, Source: im.Source, Meta: string(meta)})
	if err != nil {
		return RenderedVariant{}, err
	}
	if err := w.store.SetVariant(ctx, pieceID, a.ID, v.Placement.ID); err != nil {
		return RenderedVariant{}, err
	}
	return RenderedVariant{Variant: v, Asset: a, Path: im.Path, Report: v.Check(w.Kit())}, nil
}

// StoredRender is one of a piece's renders as kept in the library, checked
// against the kit.
type StoredRender struct {
	Placement assets.Placement
	Image     image.Image // nil when the file cannot be read
	Report    brandkit.Report
	Err       error // the file or its metadata could not be read
}

// Renders reads a piece's renders, each decoded and checked with its
// metadata; one that cannot be read carries its error.
func (w *Workspace) Renders(ctx context.Context, pieceID int64) ([]StoredRender, error) {
	list, err := w.store.PieceAssets(ctx, pieceID, "variant")
	if err != nil {
		return nil, err
	}
	var out []StoredRender
	for _, a := range list {
		pl, ok := w.registry.Placement(a.Placement)
		if !ok {
			continue // a placement the registry no longer has
		}
		r := StoredRender{Placement: placementOf(pl)}
		if r.Image, _, r.Err = w.Library().Open(a.SHA256, a.MIME); r.Err == nil {
			var meta assets.VariantMeta
			if err := json.Unmarshal([]byte(a.Meta), &meta); err != nil {
				r.Err = fmt.Errorf("its render metadata cannot be read: %w", err)
			}
			r.Report = brandkit.CheckImage(w.Kit(), r.Placement.Target(&meta.ImageMeta), r.Image)
		}
		out = append(out, r)
	}
	return out, nil
}

// AltText is the suggested description of a piece's image: the draft's
// alt-text field.
func (w *Workspace) AltText(ctx context.Context, pieceID int64) string {
	v, err := w.store.LatestVersion(ctx, pieceID)
	if err != nil {
		return ""
	}
	var d Draft
	if json.Unmarshal(v.Payload, &d) != nil {
		return ""
	}
	return strings.TrimSpace(d.AltText)
}
