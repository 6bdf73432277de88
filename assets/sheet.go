package assets

import (
	"image"
	"image/draw"

	"github.com/disintegration/imaging"
)

// Sheet sets images side by side at one height on white, for a contact
// sheet of a piece's renders.
func Sheet(imgs []image.Image, height int) *image.NRGBA {
	const gap = 16
	var scaled []*image.NRGBA
	w := gap
	for _, img := range imgs {
		s := imaging.Resize(img, 0, height, imaging.Box)
		scaled = append(scaled, s)
		w += s.Rect.Dx() + gap
	}
	sheet := imaging.New(w, height+2*gap, image.White.C)
	x := gap
	for _, s := range scaled {
		draw.Draw(sheet, s.Rect.Add(image.Pt(x, gap)), s, image.Point{}, draw.Src)
		x += s.Rect.Dx() + gap
	}
	return sheet
}
