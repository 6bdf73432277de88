package brandkit

import (
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// LogoMatch is where a template match found the kit's logo in an image.
type LogoMatch struct {
	Box   Region
	Score float64 // normalised cross-correlation, -1 to 1
}

// matchThreshold is the correlation above which the logo counts as found.
const matchThreshold = 0.9

// FindLogo looks for the kit's logo in an image it did not render: the
// image is downscaled to 240 px wide and the logo, at widths from 10 % to
// 32 % of the image, is matched by normalised cross-correlation of
// luminance, blurred a little. It is best effort: a recoloured or
// distorted logo is missed. ok is false when nothing matched well enough.
func FindLogo(k *Kit, img image.Image) (LogoMatch, bool, error) {
	f, err := os.Open(filepath.Join(k.Dir, k.Logo.File))
	if err != nil {
		return LogoMatch{}, false, err
	}
	defer f.Close()
	logo, _, err := image.Decode(f)
	if err != nil {
		return LogoMatch{}, false, err
	}
	b := img.Bounds()
	const work = 240
	scale := float64(work) / float64(b.Dx())
	small := image.NewNRGBA(image.Rect(0, 0, work, max(1, int(float64(b.Dy())*scale))))
	draw.BiLinear.Scale(small, small.Bounds(), img, b, draw.Src, nil)
	hay := blur(luminance(small), small.Bounds().Dx(), small.Bounds().Dy())

	// Small templates correlate easily with parts of the logo, so among the
	// scales that match about as well as the best, the largest wins.
	var matches []LogoMatch
	lb := logo.Bounds()
	for frac := 0.06; frac <= 0.32; frac *= 1.08 {
		w := int(frac * work)
		h := max(2, w*lb.Dy()/lb.Dx())
		if w < 24 || h >= small.Bounds().Dy() {
			continue
		}
		// The logo's transparent parts take the background's colour, unknown
		// here: try it over white and over black, and keep the better.
		for _, bg := range []color.Color{color.White, color.Black} {
			tmpl := image.NewNRGBA(image.Rect(0, 0, w, h))
			draw.Draw(tmpl, tmpl.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
			draw.BiLinear.Scale(tmpl, tmpl.Bounds(), logo, lb, draw.Over, nil)
			matches = append(matches, matchAt(hay, small.Bounds().Dx(), small.Bounds().Dy(), tmpl))
		}
	}
	top := -1.0
	for _, m := range matches {
		top = math.Max(top, m.Score)
	}
	best := LogoMatch{Score: -1}
	for _, m := range matches {
		if m.Score >= top-0.05 && m.Box.W > best.Box.W {
			best = m
		}
	}
	if best.Score < matchThreshold {
		return best, false, nil
	}
	inv := 1 / scale
	best.Box = Region{X: int(float64(best.Box.X) * inv), Y: int(float64(best.Box.Y) * inv), W: int(float64(best.Box.W) * inv), H: int(float64(best.Box.H) * inv)}
	return best, true, nil
}

// blur is a 3×3 box blur, which makes the match forgiving of the one-pixel
// misalignments and small scale errors of a coarse search.
func blur(v []float64, w, h int) []float64 {
	out := make([]float64, len(v))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sum float64
			var n int
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if xx, yy := x+dx, y+dy; xx >= 0 && yy >= 0 && xx < w && yy < h {
						sum += v[yy*w+xx]
						n++
					}
				}
			}
			out[y*w+x] = sum / float64(n)
		}
	}
	return out
}

func luminance(img *image.NRGBA) []float64 {
	b := img.Bounds()
	out := make([]float64, b.Dx()*b.Dy())
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			c := img.NRGBAAt(x, y)
			out[y*b.Dx()+x] = 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)
		}
	}
	return out
}

// matchAt slides the template over the image, stepping 2 px, and returns
// the best normalised cross-correlation.
func matchAt(hay []float64, w, h int, tmpl *image.NRGBA) LogoMatch {
	tb := tmpl.Bounds()
	type px struct {
		dx, dy int
		v      float64
	}
	var pts []px
	var mean float64
	lum := blur(luminance(tmpl), tb.Dx(), tb.Dy())
	for y := 0; y < tb.Dy(); y++ {
		for x := 0; x < tb.Dx(); x++ {
			v := lum[y*tb.Dx()+x]
			pts = append(pts, px{x, y, v})
			mean += v
		}
	}
	best := LogoMatch{Score: -1}
	if len(pts) < 10 {
		return best
	}
	mean /= float64(len(pts))
	var tvar float64
	for i := range pts {
		pts[i].v -= mean
		tvar += pts[i].v * pts[i].v
	}
	if tvar == 0 {
		return best
	}
	for y := 0; y+tb.Dy() <= h; y += 2 {
		for x := 0; x+tb.Dx() <= w; x += 2 {
			var sum, sumSq, cross float64
			for _, p := range pts {
				v := hay[(y+p.dy)*w+x+p.dx]
				sum += v
				sumSq += v * v
				cross += v * p.v
			}
			n := float64(len(pts))
			ivar := sumSq - sum*sum/n
			if ivar <= 1e-9 {
				continue
			}
			if s := cross / math.Sqrt(ivar*tvar); s > best.Score {
				best = LogoMatch{Box: Region{X: x, Y: y, W: tb.Dx(), H: tb.Dy()}, Score: s}
			}
		}
	}
	return best
}
