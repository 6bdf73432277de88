package app

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// specimenLines are drawn in each of the kit's typefaces.
var specimenLines = []struct {
	text string
	size float64
}{
	{"Aa Bb Cc — Lumière & Café", 34},
	{"Portez ce vieux whisky au juge blond qui fume.", 18},
	{"The quick brown fox jumps over the lazy dog. 0123456789 € % ?!", 14},
}

// renderSpecimen draws the specimen lines in the font file at path.
func renderSpecimen(path string, fg color.Color) (image.Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s is not a readable font: %w", path, err)
	}
	const width = 760
	img := image.NewNRGBA(image.Rect(0, 0, width, 150))
	y := 0
	for _, l := range specimenLines {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: l.size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, err
		}
		y += int(l.size*1.35 + 0.5)
		d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face, Dot: fixed.P(8, y)}
		d.DrawString(l.text)
		face.Close()
	}
	return img.SubImage(image.Rect(0, 0, width, y+12)), nil
}

// logoWithClearSpace draws the logo on a checkerboard with its clear space
// as a dashed frame, the way a brand book shows it.
func logoWithClearSpace(path string, clear float64, line color.Color) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	logo, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s is not a readable PNG: %w", path, err)
	}
	lb := logo.Bounds()
	m := int(clear * float64(lb.Dx()))
	out := image.NewNRGBA(image.Rect(0, 0, lb.Dx()+2*m+2, lb.Dy()+2*m+2))
	for y := 0; y < out.Bounds().Dy(); y++ {
		for x := 0; x < out.Bounds().Dx(); x++ {
			c := color.NRGBA{0xF4, 0xF4, 0xF4, 0xFF}
			if (x/12+y/12)%2 == 1 {
				c = color.NRGBA{0xE4, 0xE4, 0xE4, 0xFF}
			}
			out.SetNRGBA(x, y, c)
		}
	}
	draw.Draw(out, lb.Add(image.Pt(m+1, m+1)), logo, lb.Min, draw.Over)
	dashedRect(out, out.Bounds().Inset(0), line)
	dashedRect(out, lb.Add(image.Pt(m+1, m+1)), line)
	return out, nil
}

func dashedRect(img *image.NRGBA, r image.Rectangle, c color.Color) {
	for x := r.Min.X; x < r.Max.X; x++ {
		if (x/6)%2 == 0 {
			img.Set(x, r.Min.Y, c)
			img.Set(x, r.Max.Y-1, c)
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if (y/6)%2 == 0 {
			img.Set(r.Min.X, y, c)
			img.Set(r.Max.X-1, y, c)
		}
	}
}
