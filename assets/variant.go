package assets

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/disintegration/imaging"

	"atelier/brandkit"
)

// VariantOptions says how the placements of one source are rendered.
type VariantOptions struct {
	Focal    *Focal // nil: found by Saliency
	Headline string // drawn over the image when not empty
	Band     bool   // always put a band in a kit colour behind the headline
	// Label is a short mention stamped on a band in a top corner of the
	// safe area, such as "Publicité" for a paid partnership or "Image
	// retouchée"; "" = none.
	Label   string
	Frame   string // a kit colour name, role or hex for a frame; "" = none
	NoLogo  bool
	Corner  string // the logo's corner, if allowed; "" = the calmest allowed corner
	Format  string // "jpeg" (default) or "png"
	Quality int    // JPEG quality, 1–100; 90 when zero
	// MaxBytes bounds the pixels held by renders running at once; 256 MiB
	// when zero. Renders run in parallel up to GOMAXPROCS within it.
	MaxBytes int64
}

// VariantMeta is what a render records beside its image, in
// FILE.atelier.json; the brand checker reads the logo and text boxes.
type VariantMeta struct {
	brandkit.ImageMeta
	Width     int             `json:"width"`
	Height    int             `json:"height"`
	Source    string          `json:"source,omitempty"` // the source's sha256 or file name
	Focal     Focal           `json:"focal"`            // in the source, as fractions
	FocalAuto bool            `json:"focal_auto"`       // found by saliency rather than set
	Crop      image.Rectangle `json:"crop"`             // in the source's pixels
	Filter    string          `json:"filter"`
	Corner    string          `json:"corner,omitempty"`
	Notes     []string        `json:"notes,omitempty"`
}

// Variant is one placement rendered and encoded.
type Variant struct {
	Placement Placement
	Image     *image.NRGBA
	Meta      VariantMeta
	Data      []byte // the encoded file
	Format    string // jpeg or png
}

// Filters. A source is reduced once with Box (an area average: alias-free
// and the cheapest at large ratios) to the smallest size every placement can
// still be cut from at full resolution; each crop is then resized with
// Lanczos (three lobes, the sharpest of imaging's filters, for the last
// reduction of at most a few times) or, when the source is smaller than the
// placement, enlarged with Catmull-Rom, which rings less than Lanczos.
const (
	filterReduce  = "box"
	filterFinal   = "lanczos"
	filterEnlarge = "catmull-rom"
)

// RenderVariants renders every placement from one decoded source, in
// parallel, and reports progress per placement.
func RenderVariants(ctx context.Context, src image.Image, brand *Brand, opt VariantOptions, placements []Placement, fn ProgressFunc) ([]*Variant, error) {
	if len(placements) == 0 {
		return nil, fmt.Errorf("no placement to render")
	}
	switch f := strings.ToLower(opt.Format); {
	case f != "" && f != "jpeg" && f != "jpg" && f != "png":
		return nil, fmt.Errorf("format %q: use jpeg or png", opt.Format)
	case opt.Quality < 0 || opt.Quality > 100:
		return nil, fmt.Errorf("JPEG quality %d: use 1 to 100", opt.Quality)
	}
	if fn == nil {
		fn = func(string, float64) {}
	}
	sb := src.Bounds()
	var focal Focal
	auto := opt.Focal == nil
	if auto {
		fn("saliency", 0)
		focal = Saliency(src)
	} else if focal = *opt.Focal; !focal.Valid() {
		return nil, fmt.Errorf("the focal point (%.2f, %.2f) lies outside the image; give fractions from 0 to 1", focal.X, focal.Y)
	}
	// The intermediate: the source reduced once, as far as the most demanding
	// placement allows.
	scale := 0.0
	for _, p := range placements {
		c := CropRect(sb.Dx(), sb.Dy(), focal, p)
		scale = max(scale, float64(p.Width)/float64(c.Dx()), float64(p.Height)/float64(c.Dy()))
	}
	inter := src
	if scale < 0.9 {
		fn("reduce", 0.05)
		inter = imaging.Resize(src, max(1, int(float64(sb.Dx())*scale+0.5)), max(1, int(float64(sb.Dy())*scale+0.5)), imaging.Box)
	}
	out, errs := renderAll(ctx, placements, workerCount(placements, opt.MaxBytes), func(p Placement) (*Variant, error) {
		v, err := renderOne(inter, sb, focal, auto, brand, opt, p)
		if err == nil {
			err = v.encode(opt.Format, opt.Quality)
		}
		return v, err
	}, fn)
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("rendering %s: %w", placements[i].ID, err)
		}
	}
	return out, nil
}

// workerCount is how many placements render at once: one per CPU, fewer
// when their buffers would pass maxBytes (256 MiB when 0).
func workerCount(placements []Placement, maxBytes int64) int {
	if maxBytes <= 0 {
		maxBytes = 256 << 20
	}
	largest := int64(0)
	for _, p := range placements {
		largest = max(largest, int64(p.Width)*int64(p.Height)*4*3) // output, resize buffer, encode
	}
	return max(1, min(runtime.GOMAXPROCS(0), len(placements), int(maxBytes/max(largest, 1))))
}

// renderAll runs render for every placement on workers goroutines,
// reporting progress after each; a cancelled ctx stops the rest.
func renderAll(ctx context.Context, placements []Placement, workers int, render func(Placement) (*Variant, error), fn ProgressFunc) ([]*Variant, []error) {
	out := make([]*Variant, len(placements))
	errs := make([]error, len(placements))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				if err := ctx.Err(); err != nil {
					errs[i] = err
					continue
				}
				out[i], errs[i] = render(placements[i])
				mu.Lock()
				done++
				fn(placements[i].ID, 0.1+0.9*float64(done)/float64(len(placements)))
				mu.Unlock()
			}
		})
	}
	for i := range placements {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errs
}

// renderOne crops, resizes and brands one placement from the intermediate.
func renderOne(inter image.Image, srcBounds image.Rectangle, focal Focal, auto bool, brand *Brand, opt VariantOptions, p Placement) (*Variant, error) {
	ib := inter.Bounds()
	crop := CropRect(ib.Dx(), ib.Dy(), focal, p).Add(ib.Min)
	sub := inter.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(crop)
	filter, name := imaging.Lanczos, filterFinal
	if crop.Dx() < p.Width {
		filter, name = imaging.CatmullRom, filterEnlarge
	}
	img := imaging.Resize(sub, p.Width, p.Height, filter)
	fx := float64(srcBounds.Dx()) / float64(ib.Dx())
	fy := float64(srcBounds.Dy()) / float64(ib.Dy())
	srcCrop := image.Rect(int(float64(crop.Min.X-ib.Min.X)*fx+0.5), int(float64(crop.Min.Y-ib.Min.Y)*fy+0.5),
		int(float64(crop.Max.X-ib.Min.X)*fx+0.5), int(float64(crop.Max.Y-ib.Min.Y)*fy+0.5))
	if ib.Dx() != srcBounds.Dx() {
		name = filterReduce + "+" + name
	}
	v := &Variant{Placement: p, Image: img, Meta: VariantMeta{Width: p.Width, Height: p.Height, Focal: focal, FocalAuto: auto, Crop: srcCrop, Filter: name}}
	v.Meta.Placement = p.ID
	if up := float64(p.Width) / float64(srcCrop.Dx()); up > 1.05 {
		v.Meta.Notes = append(v.Meta.Notes, fmt.Sprintf("The source is enlarged %.1f× for %s; a larger source will look sharper.", up, p.ID))
	}
	if brand == nil {
		return v, nil
	}
	focalOut := image.Pt(int((focal.X*float64(srcBounds.Dx())-float64(srcCrop.Min.X))/float64(srcCrop.Dx())*float64(p.Width)),
		int((focal.Y*float64(srcBounds.Dy())-float64(srcCrop.Min.Y))/float64(srcCrop.Dy())*float64(p.Height)))
	return v, brand.apply(v, img, opt, focalOut)
}

// apply brands a render: the frame, then the logo clear of the focal point
// and the text, then the label and the headline, all inside the
// placement's safe area; focal is the focal point in the render.
func (brand *Brand) apply(v *Variant, img *image.NRGBA, opt VariantOptions, focal image.Point) error {
	p := v.Placement
	if opt.Frame != "" {
		c, ok := brand.colour(opt.Frame)
		if !ok {
			return fmt.Errorf("the frame colour %q is neither a kit colour nor #RRGGBB", opt.Frame)
		}
		t := max(4, min(p.Width, p.Height)/60)
		r := img.Rect
		for _, edge := range []image.Rectangle{{r.Min, image.Pt(r.Max.X, t)}, {image.Pt(0, r.Max.Y-t), r.Max}, {r.Min, image.Pt(t, r.Max.Y)}, {image.Pt(r.Max.X-t, 0), r.Max}} {
			draw.Draw(img, edge, image.NewUniform(c), image.Point{}, draw.Src)
		}
	}
	s := p.Safe
	safe := image.Rect(int(s.Left*float64(p.Width)), int(s.Top*float64(p.Height)), p.Width-int(s.Right*float64(p.Width)), p.Height-int(s.Bottom*float64(p.Height)))
	if opt.Frame != "" {
		safe = safe.Inset(max(4, min(p.Width, p.Height)/60))
	}
	var area, label image.Rectangle
	bottom := false
	if opt.Headline != "" {
		area, bottom = headlineArea(img, safe, focal)
	}
	if opt.Label != "" {
		label = labelArea(img, safe, opt.Headline != "" && !bottom)
	}
	if brand.Logo != nil && !opt.NoLogo {
		box, corner := brand.placeLogo(img, safe, focal, opt.Corner, area.Union(label))
		v.Meta.Logo, v.Meta.Corner = &box, corner
	}
	if opt.Label != "" {
		tb, err := brand.drawHeadline(img, label, opt.Label, true, label.Min.Y > safe.Min.Y+safe.Dy()/2)
		if err != nil {
			return err
		}
		v.Meta.Text = append(v.Meta.Text, tb)
	}
	if opt.Headline != "" {
		tb, err := brand.drawHeadline(img, area, opt.Headline, opt.Band, bottom)
		if err != nil {
			return err
		}
		v.Meta.Text = append(v.Meta.Text, tb)
	}
	return nil
}

// labelArea is the strip a label takes: a sixteenth of the safe area's
// height, at its top, or at its bottom when the headline takes the top.
func labelArea(img *image.NRGBA, safe image.Rectangle, headlineOnTop bool) image.Rectangle {
	pad := img.Rect.Dx() * 3 / 100
	h := max(safe.Dy()/16, headlineMinPx+4)
	if headlineOnTop {
		return image.Rect(safe.Min.X+pad, safe.Max.Y-pad-h, safe.Max.X-pad, safe.Max.Y-pad)
	}
	return image.Rect(safe.Min.X+pad, safe.Min.Y+pad, safe.Max.X-pad, safe.Min.Y+pad+h)
}

// headlineArea picks the band of the safe area the headline may take: a
// quarter of its height, inset by 6 % of the width, at the top or the
// bottom, whichever is farther from the focal point or, when both are as
// far, calmer.
func headlineArea(img *image.NRGBA, safe image.Rectangle, focal image.Point) (image.Rectangle, bool) {
	pad := img.Rect.Dx() * 6 / 100
	h := safe.Dy() / 4
	top := image.Rect(safe.Min.X+pad, safe.Min.Y+pad, safe.Max.X-pad, safe.Min.Y+pad+h)
	bottom := image.Rect(safe.Min.X+pad, safe.Max.Y-pad-h, safe.Max.X-pad, safe.Max.Y-pad)
	dTop, dBottom := focal.Y-top.Max.Y, bottom.Min.Y-focal.Y
	if abs(dTop-dBottom) < safe.Dy()/20 {
		if busyness(img, bottom) < busyness(img, top) {
			return bottom, true
		}
		return top, false
	}
	if dBottom > dTop {
		return bottom, true
	}
	return top, false
}

func abs(v int) int { return max(v, -v) }

// encode writes the render as JPEG (at quality, 90 when zero) or PNG into
// Data. An opaque render is handed to the JPEG encoder as RGBA (the same
// bytes when alpha is 255), which it converts without a per-pixel
// interface call: twice as fast as NRGBA.
func (v *Variant) encode(format string, quality int) error {
	var buf bytes.Buffer
	v.Format = "jpeg"
	if strings.EqualFold(format, "png") {
		v.Format = "png"
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, v.Image); err != nil {
			return err
		}
		v.Data = buf.Bytes()
		return nil
	}
	if quality == 0 {
		quality = 90
	}
	var img image.Image = v.Image
	if v.Image.Opaque() {
		img = &image.RGBA{Pix: v.Image.Pix, Stride: v.Image.Stride, Rect: v.Image.Rect}
	}
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return err
	}
	v.Data = buf.Bytes()
	return nil
}

// Ext is the file extension of a format.
func Ext(format string) string {
	if strings.EqualFold(format, "png") {
		return ".png"
	}
	return ".jpg"
}

// WriteVariant writes the render to dir as PLACEMENT.jpg (or .png) with its
// metadata beside it in PLACEMENT.jpg.atelier.json, each by temp file,
// fsync and rename, and returns the image's path.
func WriteVariant(dir string, v *Variant) (string, error) {
	path := filepath.Join(dir, v.Placement.ID+Ext(v.Format))
	return path, v.write(path)
}

// Check holds the render to the kit, with its own metadata.
func (v *Variant) Check(k *brandkit.Kit) brandkit.Report {
	return brandkit.CheckImage(k, v.Placement.Target(&v.Meta.ImageMeta), v.Image)
}

// MIME is the encoded file's type.
func (v *Variant) MIME() string { return "image/" + v.Format }

func (v *Variant) write(path string) error {
	if err := brandkit.WriteFileAtomic(path, v.Data, 0o644); err != nil {
		return err
	}
	meta, err := json.MarshalIndent(v.Meta, "", "  ")
	if err != nil {
		return err
	}
	return brandkit.WriteFileAtomic(path+".atelier.json", append(meta, '\n'), 0o644)
}
