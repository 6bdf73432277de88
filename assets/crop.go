package assets

import (
	"image"
	"math"

	"github.com/disintegration/imaging"

	"atelier/brandkit"
)

// Focal is a point of interest as fractions of the image's width and
// height, (0.5, 0.5) being the centre.
type Focal struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Valid says whether the point lies inside the image.
func (f Focal) Valid() bool { return f.X >= 0 && f.X <= 1 && f.Y >= 0 && f.Y <= 1 }

// Placement is a size an image is rendered at, with the share of each edge
// the platform's interface covers.
type Placement struct {
	ID     string
	Width  int
	Height int
	Safe   brandkit.SafeZone
}

// Target is what the brand checker holds an image for this placement to.
func (p Placement) Target(meta *brandkit.ImageMeta) brandkit.ImageTarget {
	return brandkit.ImageTarget{Placement: p.ID, Width: p.Width, Height: p.Height, Safe: p.Safe, Meta: meta}
}

// saliencySide is the long side of the copy the saliency map is computed on.
const saliencySide = 160

// Saliency finds where the eye goes: edge energy (the gradient of the
// luminance) on a copy downscaled to 160 px, blurred so that a textured
// region outweighs a single hard edge, and its energy-weighted centroid over
// the strongest tenth of the map.
func Saliency(img image.Image) Focal {
	b := img.Bounds()
	if b.Dx() < 3 || b.Dy() < 3 {
		return Focal{0.5, 0.5}
	}
	small := imaging.Grayscale(imaging.Fit(img, saliencySide, saliencySide, imaging.Box))
	w, h := small.Rect.Dx(), small.Rect.Dy()
	if w < 3 || h < 3 {
		return Focal{0.5, 0.5}
	}
	lum := func(x, y int) float64 { return float64(small.Pix[y*small.Stride+x*4]) }
	energy := imaging.New(w, h, image.Black.C)
	var maxE float64
	grad := make([]float64, w*h)
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			gx := lum(x+1, y-1) + 2*lum(x+1, y) + lum(x+1, y+1) - lum(x-1, y-1) - 2*lum(x-1, y) - lum(x-1, y+1)
			gy := lum(x-1, y+1) + 2*lum(x, y+1) + lum(x+1, y+1) - lum(x-1, y-1) - 2*lum(x, y-1) - lum(x+1, y-1)
			g := math.Hypot(gx, gy)
			grad[y*w+x] = g
			maxE = max(maxE, g)
		}
	}
	if maxE == 0 {
		return Focal{0.5, 0.5}
	}
	for i, g := range grad {
		v := uint8(255 * g / maxE)
		energy.Pix[i*4], energy.Pix[i*4+1], energy.Pix[i*4+2] = v, v, v
	}
	blurred := imaging.Blur(energy, float64(max(w, h))/24)
	// The threshold that keeps the strongest tenth of the blurred map.
	var hist [256]int
	for i := 0; i < len(blurred.Pix); i += 4 {
		hist[blurred.Pix[i]]++
	}
	threshold, kept := 255, 0
	for ; threshold > 0 && kept < w*h/10; threshold-- {
		kept += hist[threshold]
	}
	var sx, sy, sw float64
	for y := range h {
		for x := range w {
			if v := float64(blurred.Pix[y*blurred.Stride+x*4]); v >= float64(threshold) && v > 0 {
				sx += v * (float64(x) + 0.5)
				sy += v * (float64(y) + 0.5)
				sw += v
			}
		}
	}
	if sw == 0 {
		return Focal{0.5, 0.5}
	}
	return Focal{X: sx / sw / float64(w), Y: sy / sw / float64(h)}
}

// CropRect is the largest rectangle of the placement's aspect ratio inside a
// w×h image, placed so that the focal point falls at the centre of the
// placement's safe area, or as near to it as the image's edges allow.
func CropRect(w, h int, f Focal, p Placement) image.Rectangle {
	aspect := float64(p.Width) / float64(p.Height)
	cw, ch := float64(w), float64(w)/aspect
	if ch > float64(h) {
		cw, ch = float64(h)*aspect, float64(h)
	}
	// Where the focal point should sit inside the crop, as fractions.
	s := p.Safe
	fx := s.Left + (1-s.Left-s.Right)/2
	fy := s.Top + (1-s.Top-s.Bottom)/2
	x := clamp(f.X*float64(w)-fx*cw, 0, float64(w)-cw)
	y := clamp(f.Y*float64(h)-fy*ch, 0, float64(h)-ch)
	r := image.Rect(int(math.Round(x)), int(math.Round(y)), int(math.Round(x+cw)), int(math.Round(y+ch)))
	return r.Intersect(image.Rect(0, 0, w, h))
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(v, hi)) }
