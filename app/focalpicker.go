package app

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"atelier/assets"
)

// focalPicker shows an image fitted in its area, the focal point as a
// cross, and the frames the placements would cut around it. Tapping the
// image sets the focal point.
type focalPicker struct {
	widget.BaseWidget
	img    image.Image
	focal  assets.Focal
	frames []assets.Placement // one per aspect ratio, drawn as outlines
	OnPick func(assets.Focal)
}

func newFocalPicker(onPick func(assets.Focal)) *focalPicker {
	p := &focalPicker{OnPick: onPick, focal: assets.Focal{X: 0.5, Y: 0.5}}
	p.ExtendBaseWidget(p)
	return p
}

// set shows an image and its focal point.
func (p *focalPicker) set(img image.Image, f assets.Focal) {
	p.img, p.focal = img, f
	p.Refresh()
}

// imageRect is where the fitted image lies inside the widget.
func (p *focalPicker) imageRect(size fyne.Size) (fyne.Position, fyne.Size) {
	if p.img == nil || size.Width <= 0 || size.Height <= 0 {
		return fyne.Position{}, fyne.Size{}
	}
	b := p.img.Bounds()
	aspect := float32(b.Dx()) / float32(b.Dy())
	w, h := size.Width, size.Width/aspect
	if h > size.Height {
		w, h = size.Height*aspect, size.Height
	}
	return fyne.NewPos((size.Width-w)/2, (size.Height-h)/2), fyne.NewSize(w, h)
}

// Tapped sets the focal point where the image was tapped.
func (p *focalPicker) Tapped(e *fyne.PointEvent) {
	at, size := p.imageRect(p.Size())
	if size.Width == 0 {
		return
	}
	f := assets.Focal{X: float64((e.Position.X - at.X) / size.Width), Y: float64((e.Position.Y - at.Y) / size.Height)}
	if !f.Valid() {
		return // the letterbox around the image
	}
	p.focal = f
	p.Refresh()
	if p.OnPick != nil {
		p.OnPick(f)
	}
}

func (p *focalPicker) MinSize() fyne.Size { return fyne.NewSize(320, 240) }

func (p *focalPicker) CreateRenderer() fyne.WidgetRenderer {
	r := &focalRenderer{p: p, image: canvas.NewImageFromImage(nil)}
	r.image.FillMode = canvas.ImageFillStretch
	r.h = canvas.NewLine(color.NRGBA{0xFF, 0xFF, 0xFF, 0xE0})
	r.v = canvas.NewLine(color.NRGBA{0xFF, 0xFF, 0xFF, 0xE0})
	r.h.StrokeWidth, r.v.StrokeWidth = 2, 2
	r.dot = canvas.NewCircle(color.Transparent)
	r.dot.StrokeColor, r.dot.StrokeWidth = color.NRGBA{0xC8, 0x55, 0x3D, 0xFF}, 3
	return r
}

type focalRenderer struct {
	p      *focalPicker
	image  *canvas.Image
	h, v   *canvas.Line
	dot    *canvas.Circle
	frames []*canvas.Rectangle
}

func (r *focalRenderer) Layout(size fyne.Size) {
	at, s := r.p.imageRect(size)
	r.image.Move(at)
	r.image.Resize(s)
	fx, fy := at.X+float32(r.p.focal.X)*s.Width, at.Y+float32(r.p.focal.Y)*s.Height
	r.h.Position1, r.h.Position2 = fyne.NewPos(fx-18, fy), fyne.NewPos(fx+18, fy)
	r.v.Position1, r.v.Position2 = fyne.NewPos(fx, fy-18), fyne.NewPos(fx, fy+18)
	r.dot.Move(fyne.NewPos(fx-12, fy-12))
	r.dot.Resize(fyne.NewSize(24, 24))
	if r.p.img == nil {
		return
	}
	b := r.p.img.Bounds()
	scale := s.Width / float32(b.Dx())
	for i, pl := range r.p.frames {
		c := assets.CropRect(b.Dx(), b.Dy(), r.p.focal, pl)
		f := r.frames[i]
		f.Move(fyne.NewPos(at.X+float32(c.Min.X)*scale, at.Y+float32(c.Min.Y)*scale))
		f.Resize(fyne.NewSize(float32(c.Dx())*scale, float32(c.Dy())*scale))
	}
}

func (r *focalRenderer) MinSize() fyne.Size { return r.p.MinSize() }

func (r *focalRenderer) Refresh() {
	r.image.Image = r.p.img
	for len(r.frames) < len(r.p.frames) {
		f := canvas.NewRectangle(color.Transparent)
		f.StrokeColor, f.StrokeWidth = color.NRGBA{0xF2, 0xA5, 0x41, 0xC0}, 1.5
		r.frames = append(r.frames, f)
	}
	r.frames = r.frames[:len(r.p.frames)]
	for _, o := range []fyne.CanvasObject{r.h, r.v, r.dot} {
		if r.p.img != nil {
			o.Show()
		} else {
			o.Hide()
		}
	}
	r.Layout(r.p.Size())
	r.image.Refresh()
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *focalRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.image}
	for _, f := range r.frames {
		objs = append(objs, f)
	}
	return append(objs, r.h, r.v, r.dot)
}

func (r *focalRenderer) Destroy() {}
