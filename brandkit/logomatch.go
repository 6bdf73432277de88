package brandkit

import (
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"

	"golang.org/x/image/draw"
)

// LogoMatch is where a template match found the kit's logo in an image.
type LogoMatch struct {
	Box   Region
	Score float64 // normalised cross-correlation, -1 to 1
	// Tolerance is how far, in image pixels, the box's edges may be off:
	// the fine search's pixel and half its scale step.
	Tolerance int
}

// matchThreshold is the correlation above which the logo counts as found.
const matchThreshold = 0.9

// FindLogo looks for the kit's logo in an image it did not render: the
// image is downscaled to 240 px wide and the logo, at widths from 7 % to
// 32 % of the image, is matched by normalised cross-correlation of
// luminance, blurred a little; the best places are then measured again at
// 720 px wide. It is best effort: a recoloured or distorted logo is
// missed. ok is false when nothing matched well enough.
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
	matches := coarseMatches(small, logo)
	// The coarse search finds where the logo may be; a textured photo can
	// correlate as well at 240 px. Each scale's best place is measured again
	// at a finer scale, where only the logo itself matches well, and the best
	// fine match wins, its box to a pixel or two of the image.
	fine := newFineSearch(img, logo, min(1, float64(fineWork)/float64(b.Dx())))
	var refined []LogoMatch
	top := -1.0
	for i, ms := range matches {
		sort.Slice(ms, func(a, b int) bool { return ms[a].Score > ms[b].Score })
		n := fineCandidates
		if i > 0 {
			n = fineCornerCandidates
		}
		var tried []Region
		for _, m := range ms {
			if len(tried) == n || m.Score < 0.5 {
				break
			}
			if nearAny(m.Box, tried) {
				continue // the same place at a neighbouring scale: measured once
			}
			tried = append(tried, m.Box)
			r := fine.refine(m.Box, 1/scale)
			refined = append(refined, r)
			top = max(top, r.Score)
		}
	}
	// A template smaller than the logo can fit part of it a hair better;
	// among the fine matches as good as the best, the largest is the logo.
	best := LogoMatch{Score: -1}
	for _, r := range refined {
		if r.Score >= top-0.004 && r.Box.W > best.Box.W {
			best = r
		}
	}
	return best, best.Score >= matchThreshold, nil
}

// coarseMatches matches the logo against small (the image at 240 px wide)
// at widths from 6 % to 32 %: for each width and each guess of the
// background behind the logo's transparent parts, the best place anywhere
// ([0]) and in each corner ([1:]).
func coarseMatches(small *image.NRGBA, logo image.Image) [5][]LogoMatch {
	sw, sh := small.Bounds().Dx(), small.Bounds().Dy()
	hay := blur(luminance(small), sw, sh)
	// Small templates correlate easily with parts of the logo, so among the
	// scales that match about as well as the best, the largest wins.
	var matches [5][]LogoMatch
	lb := logo.Bounds()
	for frac := 0.06; frac <= 0.32; frac *= 1.1 { // the fine search covers the steps between
		w := int(frac * float64(sw))
		h := max(2, w*lb.Dy()/lb.Dx())
		if w < 16 || h >= sh {
			continue
		}
		// The logo's transparent parts take the background's colour, unknown
		// here: try it over white and over black, and keep the better.
		for _, bg := range []color.Color{color.White, color.Black} {
			tmpl := image.NewNRGBA(image.Rect(0, 0, w, h))
			draw.Draw(tmpl, tmpl.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
			draw.BiLinear.Scale(tmpl, tmpl.Bounds(), logo, lb, draw.Over, nil)
			// The best place anywhere, and the best in each corner, where
			// kits put logos: a textured photo can outscore a small logo
			// at this size, and the fine search tells them apart.
			step := 2
			if h < 12 {
				step = 1 // a template a few pixels tall peaks too sharply for a 2 px grid
			}
			cw, ch := max(w+2, sw*2/5), max(h+2, sh*2/5)
			wins := []image.Rectangle{small.Bounds(), image.Rect(0, 0, cw, ch), image.Rect(sw-cw, 0, sw, ch), image.Rect(0, sh-ch, cw, sh), image.Rect(sw-cw, sh-ch, sw, sh)}
			for i, m := range matchWindows(hay, sw, small.Bounds(), wins, tmpl, step) {
				matches[i] = append(matches[i], m)
			}
		}
	}
	return matches
}

// nearAny reports whether r stands where one of the boxes does, at about
// its size.
func nearAny(r Region, boxes []Region) bool {
	for _, b := range boxes {
		dx, dy := (r.X+r.W/2)-(b.X+b.W/2), (r.Y+r.H/2)-(b.Y+b.H/2)
		if dx*dx+dy*dy <= 9 && math.Abs(float64(r.W-b.W)) <= 0.2*float64(b.W) {
			return true
		}
	}
	return false
}

// fineWork is the width the coarse matches are measured again at.
const fineWork = 720

// fineCandidates and fineCornerCandidates are how many of the best coarse
// matches, anywhere and in each corner, are measured again.
const (
	fineCandidates       = 6
	fineCornerCandidates = 3
)

// fineScales are the template widths tried around a coarse match's, 3 %
// apart.
var fineScales = []float64{0.94, 0.97, 1, 1.03, 1.06}

// fineSearch measures candidate boxes again on a larger copy of the image.
type fineSearch struct {
	hay   []float64
	w, h  int
	scale float64 // fine pixels per image pixel
	logo  image.Image
	tmpls map[[2]int]*image.NRGBA // the logo drawn w px wide over white (0) or black (1)
}

// template draws the logo w px wide over white (bg 0) or black (bg 1),
// once for each.
func (f *fineSearch) template(w, bg int) *image.NRGBA {
	if t, ok := f.tmpls[[2]int{w, bg}]; ok {
		return t
	}
	lb := f.logo.Bounds()
	t := image.NewNRGBA(image.Rect(0, 0, w, max(2, w*lb.Dy()/lb.Dx())))
	draw.Draw(t, t.Bounds(), image.NewUniform([]color.Color{color.White, color.Black}[bg]), image.Point{}, draw.Src)
	draw.BiLinear.Scale(t, t.Bounds(), f.logo, lb, draw.Over, nil)
	f.tmpls[[2]int{w, bg}] = t
	return t
}

func newFineSearch(img, logo image.Image, scale float64) *fineSearch {
	b := img.Bounds()
	w, h := max(1, int(float64(b.Dx())*scale)), max(1, int(float64(b.Dy())*scale))
	fine := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(fine, fine.Bounds(), img, b, draw.Src, nil)
	return &fineSearch{hay: blur(luminance(fine), w, h), w: w, h: h, scale: scale, logo: logo, tmpls: map[[2]int]*image.NRGBA{}}
}

// refine measures a coarse box (in coarse pixels, inv image pixels each)
// again: the template at the box's width and 6 % either side, over white
// and black, around the box. It returns the best match in image pixels.
func (f *fineSearch) refine(coarse Region, inv float64) LogoMatch {
	k := f.scale * inv // fine pixels per coarse pixel
	lb := f.logo.Bounds()
	best := LogoMatch{Score: -1}
	for _, sw := range fineScales {
		w := int(float64(coarse.W) * k * sw)
		h := max(2, w*lb.Dy()/lb.Dx())
		if w < 8 || w >= f.w || h >= f.h {
			continue
		}
		x0, y0 := int(float64(coarse.X)*k)-int(2*k), int(float64(coarse.Y)*k)-int(2*k)
		win := image.Rect(max(0, x0), max(0, y0), min(f.w, x0+w+int(4*k)+1), min(f.h, y0+h+int(4*k)+1))
		for bg := range 2 {
			if m := matchIn(f.hay, f.w, win, f.template(w, bg), 1); m.Score > best.Score {
				best = m
			}
		}
	}
	s := 1 / f.scale
	best.Box = Region{X: int(float64(best.Box.X)*s + 0.5), Y: int(float64(best.Box.Y)*s + 0.5), W: int(float64(best.Box.W)*s + 0.5), H: int(float64(best.Box.H)*s + 0.5)}
	best.Tolerance = int(math.Ceil(s + 0.015*float64(best.Box.W)))
	return best
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

// matchIn slides the template over the window win of the image (w pixels
// wide), stepping step px, and returns the best normalised
// cross-correlation.
func matchIn(hay []float64, w int, win image.Rectangle, tmpl *image.NRGBA, step int) LogoMatch {
	return matchWindows(hay, w, win, []image.Rectangle{win}, tmpl, step)[0]
}

// matchWindows slides the template over area once and returns the best
// normalised cross-correlation inside each of the windows.
func matchWindows(hay []float64, w int, area image.Rectangle, wins []image.Rectangle, tmpl *image.NRGBA, step int) []LogoMatch {
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
	best := make([]LogoMatch, len(wins))
	for i := range best {
		best[i].Score = -1
	}
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
	n := float64(len(pts))
	for y := area.Min.Y; y+tb.Dy() <= area.Max.Y; y += step {
		for x := area.Min.X; x+tb.Dx() <= area.Max.X; x += step {
			var sum, sumSq, cross float64
			for _, p := range pts {
				v := hay[(y+p.dy)*w+x+p.dx]
				sum += v
				sumSq += v * v
				cross += v * p.v
			}
			ivar := sumSq - sum*sum/n
			if ivar <= 1e-9 {
				continue
			}
			s := cross / math.Sqrt(ivar*tvar)
			box := image.Rect(x, y, x+tb.Dx(), y+tb.Dy())
			for i, win := range wins {
				if s > best[i].Score && box.In(win) {
					best[i] = LogoMatch{Box: Region{X: x, Y: y, W: tb.Dx(), H: tb.Dy()}, Score: s}
				}
			}
		}
	}
	return best
}
