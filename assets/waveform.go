package assets

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"atelier/brandkit"
)

// Waveform colours: the logo, the voice and, shaded, a highlighted range.
var (
	waveBackground = color.NRGBA{0x1F, 0x2A, 0x44, 0xFF}
	waveVoice      = color.NRGBA{0xF2, 0xA5, 0x41, 0xFF}
	waveLogo       = color.NRGBA{0x7A, 0x9E, 0x7E, 0xFF}
	waveBed        = color.NRGBA{0x55, 0x60, 0x80, 0xFF}
	waveMark       = color.NRGBA{0xC8, 0x55, 0x3D, 0xFF}
	waveText       = color.NRGBA{0xFF, 0xF8, 0xEC, 0xFF}
)

// Waveform draws the sound's peaks per column, each part in its colour
// (logo, voice; the rest, such as a bed alone, in a muted tone), the mark
// range shaded, and label written in the top-left corner.
func Waveform(p *brandkit.PCM, parts []Part, w, h int, mark *[2]time.Duration, label string) image.Image {
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.NewUniform(waveBackground), image.Point{}, draw.Src)
	if len(p.Channels) == 0 || len(p.Channels[0]) == 0 {
		return out
	}
	n := len(p.Channels[0])
	x := func(d time.Duration) int { return int(d.Seconds() * float64(p.Rate) * float64(w) / float64(n)) }
	if mark != nil {
		draw.Draw(out, image.Rect(x(mark[0]), 0, max(x(mark[1]), x(mark[0])+2), h), image.NewUniform(waveMark), image.Point{}, draw.Src)
	}
	for col := 0; col < w; col++ {
		lo, hi := 0.0, 0.0
		for i := col * n / w; i < (col+1)*n/w; i++ {
			for _, ch := range p.Channels {
				lo, hi = math.Min(lo, ch[i]), math.Max(hi, ch[i])
			}
		}
		c := waveBed
		t := time.Duration(float64(col) / float64(w) * float64(n) / float64(p.Rate) * float64(time.Second))
		for _, part := range parts {
			if t >= part.Start && t < part.End {
				c = map[string]color.NRGBA{"logo": waveLogo, "voice": waveVoice}[part.Kind]
			}
		}
		y0, y1 := int(float64(h)/2*(1-hi)), int(float64(h)/2*(1-lo))
		draw.Draw(out, image.Rect(col, max(0, y0), col+1, min(h, y1+1)), image.NewUniform(c), image.Point{}, draw.Src)
	}
	if label != "" {
		d := font.Drawer{Dst: out, Src: image.NewUniform(waveText), Face: basicfont.Face7x13, Dot: fixed.P(8, 18)}
		d.DrawString(label)
	}
	return out
}

// Label is the figures a snippet's waveform shows.
func (s *Snippet) Label() string {
	return fmt.Sprintf("%.1f LUFS (target %.0f) | %.1f dBTP | %.1f s", s.Loudness.IntegratedLUFS, s.Target, s.Loudness.TruePeakDBTP, s.PCM.Duration().Seconds())
}
