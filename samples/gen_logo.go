//go:build ignore

// gen_logo draws the sample brand's logo and the app icon from the kit's own
// heading font. Run from the repository root: go run samples/gen_logo.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

var (
	nuit  = color.RGBA{0x1F, 0x2A, 0x44, 0xFF}
	ambre = color.RGBA{0xF2, 0xA5, 0x41, 0xFF}
	creme = color.RGBA{0xFF, 0xF8, 0xEC, 0xFF}
)

func main() {
	data, err := os.ReadFile("samples/kit/fonts/Comfortaa-Bold.ttf")
	check(err)
	f, err := opentype.Parse(data)
	check(err)

	logo := image.NewRGBA(image.Rect(0, 0, 520, 160))
	disc(logo, 80, 80, 62, ambre)
	disc(logo, 80, 80, 30, creme)
	disc(logo, 80, 80, 18, ambre)
	text(logo, f, 96, "lumen", 160, 112, nuit)
	save("samples/kit/logo.png", logo)

	icon := image.NewRGBA(image.Rect(0, 0, 512, 512))
	roundedSquare(icon, 64, nuit)
	disc(icon, 256, 256, 170, ambre)
	disc(icon, 256, 256, 84, nuit)
	disc(icon, 256, 256, 48, ambre)
	save("Icon.png", icon)
}

// disc draws an anti-aliased filled circle.
func disc(img *image.RGBA, cx, cy, r float64, c color.RGBA) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			a := math.Max(0, math.Min(1, r-d+0.5))
			if a > 0 {
				blend(img, x, y, c, a)
			}
		}
	}
}

func roundedSquare(img *image.RGBA, radius float64, c color.RGBA) {
	b := img.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			dx := math.Max(0, math.Max(radius-px, px-(w-radius)))
			dy := math.Max(0, math.Max(radius-py, py-(h-radius)))
			a := math.Max(0, math.Min(1, radius-math.Hypot(dx, dy)+0.5))
			if a > 0 {
				blend(img, x, y, c, a)
			}
		}
	}
}

func blend(img *image.RGBA, x, y int, c color.RGBA, a float64) {
	o := img.RGBAAt(x, y)
	mix := func(s, d uint8) uint8 { return uint8(float64(s)*a + float64(d)*(1-a)) }
	oa := float64(o.A) / 255
	na := a + oa*(1-a)
	img.SetRGBA(x, y, color.RGBA{mix(c.R, o.R), mix(c.G, o.G), mix(c.B, o.B), uint8(na * 255)})
	if o.A == 0 {
		img.SetRGBA(x, y, color.RGBA{c.R, c.G, c.B, uint8(a * 255)})
	}
}

func text(img *image.RGBA, f *opentype.Font, size float64, s string, x, y int, c color.RGBA) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	check(err)
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func save(path string, img image.Image) {
	out, err := os.Create(path)
	check(err)
	check(png.Encode(out, img))
	check(out.Close())
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
