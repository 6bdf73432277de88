//go:build ignore

// gen_photo paints the sample campaign's source visual: a lit candle in a
// jar on a table, off-centre, with bokeh lights behind, the kind of photo a
// community manager brings. Run from the repository root:
// go run samples/gen_photo.go
package main

import (
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"math"
	"math/rand/v2"
	"os"
)

const w, h = 2400, 1600

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(7, 11))
	type light struct{ x, y, r float64 }
	var bokeh []light
	for range 40 {
		bokeh = append(bokeh, light{rng.Float64() * w, rng.Float64() * h * 0.6, 20 + rng.Float64()*60})
	}
	cx, cy := 0.66*w, 0.5*h // the jar
	for y := range h {
		for x := range w {
			fx, fy := float64(x), float64(y)
			// A warm dark wall, a wooden table below 70 %.
			r, g, b := 40+30*fy/h, 30+18*fy/h, 36.0
			if fy > 0.7*h {
				grain := 10 * math.Sin(fx/9+3*math.Sin(fy/40))
				r, g, b = 120+grain, 80+grain*0.7, 50
			}
			for _, l := range bokeh {
				if d := math.Hypot(fx-l.x, fy-l.y); d < l.r {
					k := 0.35 * (1 - d/l.r)
					r, g, b = r+k*(242-r), g+k*(165-g), b+k*(65-b)
				}
			}
			// The glow of the flame.
			if d := math.Hypot(fx-cx, fy-(cy-200)); d < 700 {
				k := 0.6 * math.Pow(1-d/700, 2)
				r, g, b = r+k*(255-r), g+k*(200-g), b+k*(120-b)
			}
			// The jar: cream wax in glass, with an amber label.
			if math.Abs(fx-cx) < 180 && fy > cy-120 && fy < 0.72*h {
				shade := 1 - 0.25*math.Abs(fx-cx)/180
				r, g, b = 255*shade, 248*shade, 236*shade
				if fy > cy+60 && fy < cy+200 {
					r, g, b = 242*shade, 165*shade, 65*shade
				}
			}
			// The flame.
			if fy < cy-120 && fy > cy-260 && math.Abs(fx-cx) < 26*(1-math.Abs(fy-(cy-170))/90) {
				r, g, b = 255, 236, 170
			}
			n := rng.NormFloat64() * 3
			img.SetNRGBA(x, y, color.NRGBA{clamp(r + n), clamp(g + n), clamp(b + n), 0xFF})
		}
	}
	f, err := os.Create("samples/photo.jpg")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 82}); err != nil {
		log.Fatal(err)
	}
}

func clamp(v float64) uint8 { return uint8(max(0, min(255, v))) }
