package assets

/*
#cgo CFLAGS: -O3
#include "frames.h"
*/
import "C"

import (
	"image"
	"math"
	"unsafe"
)

// yuvImage is a picture as the encoder takes it: 8-bit 4:2:0 planes in
// BT.709's limited range. Its sides are even.
type yuvImage struct {
	W, H      int
	Y, Cb, Cr []byte
}

func newYUV(w, h int) *yuvImage {
	return &yuvImage{W: w, H: h, Y: make([]byte, w*h), Cb: make([]byte, w*h/4), Cr: make([]byte, w*h/4)}
}

// frameBytes is the size of one frame of w×h on the encoder's pipe.
func frameBytes(w, h int) int { return w * h * 3 / 2 }

// bytes appends the planes in the order the encoder reads them.
func (p *yuvImage) bytes(buf []byte) []byte {
	return append(append(append(buf[:0], p.Y...), p.Cb...), p.Cr...)
}

// BT.709's coefficients for limited range, in 16.16 fixed point.
var (
	yr, yg, yb    = fix16(0.2126 * 219 / 255), fix16(0.7152 * 219 / 255), fix16(0.0722 * 219 / 255)
	cbr, cbg, cbb = fix16(-0.2126 / 1.8556 * 224 / 255), fix16(-0.7152 / 1.8556 * 224 / 255), fix16(0.5 * 224 / 255)
	crr, crg, crb = fix16(0.5 * 224 / 255), fix16(-0.7152 / 1.5748 * 224 / 255), fix16(-0.0722 / 1.5748 * 224 / 255)
)

func fix16(f float64) int64 { return int64(math.Round(f * 65536)) }

// toYUV converts an image to 4:2:0 (its sides rounded down to even). Each
// 2×2 block's chroma is the average of its pixels weighted by their alpha,
// so an overlay's edges keep their colour; alpha itself is left to the
// caller.
func toYUV(img *image.NRGBA) *yuvImage {
	w, h := img.Rect.Dx()&^1, img.Rect.Dy()&^1
	p := newYUV(w, h)
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x += 2 {
			var sr, sg, sb, sa int64
			for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				i := img.PixOffset(img.Rect.Min.X+x+d[0], img.Rect.Min.Y+y+d[1])
				r, g, b, a := int64(img.Pix[i]), int64(img.Pix[i+1]), int64(img.Pix[i+2]), int64(img.Pix[i+3])+1
				p.Y[(y+d[1])*w+x+d[0]] = byte((yr*r+yg*g+yb*b+1<<15)>>16 + 16)
				sr, sg, sb, sa = sr+r*a, sg+g*a, sb+b*a, sa+a
			}
			c := (y/2)*(w/2) + x/2
			p.Cb[c] = byte((cbr*sr+cbg*sg+cbb*sb)/sa>>16 + 128)
			p.Cr[c] = byte((crr*sr+crg*sg+crb*sb)/sa>>16 + 128)
		}
	}
	return p
}

// window is a rectangle of a source in its own pixels, fractional.
type window struct{ X, Y, W, H float64 }

func (w window) centre() (float64, float64) { return w.X + w.W/2, w.Y + w.H/2 }

// sampleFrom fills dst with the part w of src, bilinearly: the pan and
// zoom of one frame.
func (dst *yuvImage) sampleFrom(src *yuvImage, w window, tmp []byte) {
	scale := w.W / float64(dst.W)
	resamplePlane(dst.Y, dst.W, dst.H, src.Y, src.W, src.H, w.X, w.Y, scale, tmp)
	resamplePlane(dst.Cb, dst.W/2, dst.H/2, src.Cb, src.W/2, src.H/2, w.X/2, w.Y/2, scale, tmp)
	resamplePlane(dst.Cr, dst.W/2, dst.H/2, src.Cr, src.W/2, src.H/2, w.X/2, w.Y/2, scale, tmp)
}

func resamplePlane(dst []byte, ow, oh int, src []byte, sw, sh int, x0, y0, scale float64, tmp []byte) {
	xs := make([]int32, ow)
	fx := make([]uint8, ow)
	for i := range ow {
		x := max(0, x0+(float64(i)+0.5)*scale-0.5)
		xi := min(int(x), sw-2)
		xs[i] = int32(xi)
		fx[i] = uint8(min(255, math.Round((x-float64(xi))*256)))
	}
	C.atl_resample((*C.uint8_t)(unsafe.Pointer(&dst[0])), C.int(ow), C.int(oh), C.int(ow),
		(*C.uint8_t)(unsafe.Pointer(&src[0])), C.int(sw), C.int(sh), C.int(sw),
		(*C.int32_t)(unsafe.Pointer(&xs[0])), (*C.uint8_t)(unsafe.Pointer(&fx[0])), C.int(xs[0]), C.int(xs[ow-1]+1),
		C.double(y0), C.double(scale), (*C.uint8_t)(unsafe.Pointer(&tmp[0])))
}

// mixOf sets dst to a faded t of the way from a to b (a cross-fade).
func (dst *yuvImage) mixOf(a, b *yuvImage, t float64) {
	k := C.uint(math.Round(max(0, min(1, t)) * 256))
	for _, planes := range [3][3][]byte{{dst.Y, a.Y, b.Y}, {dst.Cb, a.Cb, b.Cb}, {dst.Cr, a.Cr, b.Cr}} {
		C.atl_mix((*C.uint8_t)(unsafe.Pointer(&planes[0][0])), (*C.uint8_t)(unsafe.Pointer(&planes[1][0])),
			(*C.uint8_t)(unsafe.Pointer(&planes[2][0])), C.long(len(planes[0])), k)
	}
}

// sprite is an overlay drawn in Go (a caption, the logo, a label) ready to
// lay over frames: its colour in 4:2:0 and its coverage at both
// resolutions. At is its top-left corner in the frame, on even pixels.
type sprite struct {
	At     image.Point
	pic    *yuvImage
	alpha  []byte // W×H
	alphaH []byte // W/2×H/2
	Bounds image.Rectangle
}

// newSprite converts an image drawn over transparency into a sprite.
func newSprite(img *image.NRGBA, at image.Point) *sprite {
	at.X, at.Y = at.X&^1, at.Y&^1
	pic := toYUV(img)
	s := &sprite{At: at, pic: pic, alpha: make([]byte, pic.W*pic.H), alphaH: make([]byte, pic.W*pic.H/4)}
	for y := range pic.H {
		for x := range pic.W {
			a := img.Pix[img.PixOffset(img.Rect.Min.X+x, img.Rect.Min.Y+y)+3]
			s.alpha[y*pic.W+x] = a
		}
	}
	for y := 0; y < pic.H; y += 2 {
		for x := 0; x < pic.W; x += 2 {
			sum := int(s.alpha[y*pic.W+x]) + int(s.alpha[y*pic.W+x+1]) + int(s.alpha[(y+1)*pic.W+x]) + int(s.alpha[(y+1)*pic.W+x+1])
			s.alphaH[(y/2)*(pic.W/2)+x/2] = byte((sum + 2) / 4)
		}
	}
	s.Bounds = image.Rect(at.X, at.Y, at.X+pic.W, at.Y+pic.H)
	return s
}

// over lays the sprite on dst at the given opacity (0 to 1), clipped to
// the frame.
func (dst *yuvImage) over(s *sprite, opacity float64) {
	r := s.Bounds.Intersect(image.Rect(0, 0, dst.W, dst.H))
	if r.Empty() || opacity <= 0 {
		return
	}
	op := C.uint(math.Round(min(1, opacity) * 256))
	ox, oy := r.Min.X-s.At.X, r.Min.Y-s.At.Y
	blend := func(d []byte, dw int, src []byte, a []byte, sw, x, y, ax, ay, w, h int) {
		C.atl_blend((*C.uint8_t)(unsafe.Pointer(&d[y*dw+x])), C.int(dw), (*C.uint8_t)(unsafe.Pointer(&src[ay*sw+ax])), C.int(sw),
			(*C.uint8_t)(unsafe.Pointer(&a[ay*sw+ax])), C.int(sw), C.int(w), C.int(h), op)
	}
	p := s.pic
	blend(dst.Y, dst.W, p.Y, s.alpha, p.W, r.Min.X, r.Min.Y, ox, oy, r.Dx(), r.Dy())
	for _, pl := range [2][2][]byte{{dst.Cb, p.Cb}, {dst.Cr, p.Cr}} {
		blend(pl[0], dst.W/2, pl[1], s.alphaH, p.W/2, r.Min.X/2, r.Min.Y/2, ox/2, oy/2, r.Dx()/2, r.Dy()/2)
	}
}
