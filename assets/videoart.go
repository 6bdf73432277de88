package assets

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"atelier/brandkit"
)

// What a clip shows over its images, drawn once in Go before encoding:
// the title card, the logo, the partnership label, the outro card and the
// captions. Each is a sprite the frames are composited with.

// CaptionStyle is how captions look: the kit's "heading" or "body" font,
// and where in the placement's caption zone they sit ("low", "middle" or
// "high").
type CaptionStyle struct {
	Font     string
	Position string
}

// videoArt holds the sprites of one clip and where they are.
type videoArt struct {
	title    *sprite
	logo     *sprite
	logoRect image.Rectangle // the logo itself, without its plate
	// logoMargin is the logo's clear space in pixels.
	logoMargin int
	titleBox   image.Rectangle
	label      *sprite
	outro      *yuvImage
	outroBox   image.Rectangle
	captions   *captionArt
}

// safeRect is the part of the frame the placement's interface leaves
// clear.
func safeRect(t brandkit.VideoTarget) image.Rectangle {
	if t.Safe.W > 0 {
		return image.Rect(t.Safe.X, t.Safe.Y, t.Safe.X+t.Safe.W, t.Safe.Y+t.Safe.H)
	}
	return image.Rect(0, 0, t.Width, t.Height)
}

// videoLogo lays out the clip's logo in the first allowed top corner (the
// captions take the bottom), inset by its clear space from the safe area,
// on a plate of the kit's background colour so that it reads over any
// picture.
func (b *Brand) videoLogo(safe image.Rectangle, w int) (s *sprite, logoRect image.Rectangle, margin int) {
	if b.Logo == nil {
		return nil, image.Rectangle{}, 0
	}
	lw := max(b.MinWidth, min(w*18/100, safe.Dx()*3/10))
	logo := b.logoAt(lw)
	margin = int(math.Ceil(b.ClearSpace * float64(lw)))
	corner := b.corners()[0]
	for _, c := range b.corners() {
		if strings.HasPrefix(c, "top") {
			corner = c
			break
		}
	}
	pad := max(4, margin/2)
	x, y := (safe.Min.X+margin+pad)&^1, (safe.Min.Y+margin+pad)&^1
	if strings.HasSuffix(corner, "right") {
		x = (safe.Max.X - margin - logo.Rect.Dx()) &^ 1
	}
	if strings.HasPrefix(corner, "bottom") {
		y = (safe.Max.Y - margin - logo.Rect.Dy()) &^ 1
	}
	img := image.NewNRGBA(image.Rect(0, 0, logo.Rect.Dx()+2*pad, logo.Rect.Dy()+2*pad))
	plate, ok := b.colour("background")
	if !ok {
		plate = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	}
	fillRounded(img, img.Rect, pad, plate)
	draw.Draw(img, logo.Rect.Add(image.Pt(pad, pad)), logo, logo.Rect.Min, draw.Over)
	return newSprite(img, image.Pt(x-pad, y-pad)), image.Rect(x, y, x+logo.Rect.Dx(), y+logo.Rect.Dy()), margin
}

// fillRounded fills r with c, its corners rounded by radius, the edges
// anti-aliased.
func fillRounded(img *image.NRGBA, r image.Rectangle, radius int, c color.NRGBA) {
	rad := float64(radius)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dx := math.Max(0, math.Max(float64(r.Min.X)+rad-float64(x)-0.5, float64(x)+0.5-(float64(r.Max.X)-rad)))
			dy := math.Max(0, math.Max(float64(r.Min.Y)+rad-float64(y)-0.5, float64(y)+0.5-(float64(r.Max.Y)-rad)))
			cover := max(0, min(1, rad+0.5-math.Hypot(dx, dy)))
			if dx == 0 || dy == 0 {
				cover = 1
			}
			if cover > 0 {
				img.SetNRGBA(x, y, color.NRGBA{c.R, c.G, c.B, uint8(float64(c.A) * cover)})
			}
		}
	}
}

// textSprite sets a short line of text on a band of the kit's darkest
// colour, for the partnership label.
func textSprite(face font.Face, text string, bg, fg color.NRGBA) *image.NRGBA {
	m := face.Metrics()
	pad := m.Height.Ceil() / 3
	w := font.MeasureString(face, text).Ceil()
	img := image.NewNRGBA(image.Rect(0, 0, w+2*pad, m.Height.Ceil()+pad))
	fillRounded(img, img.Rect, pad/2, bg)
	d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face, Dot: fixed.P(pad, pad/2+m.Ascent.Ceil())}
	d.DrawString(text)
	return img
}

// loadFace sets one of the kit's fonts at a size: "body" is the kit's body
// font (Go Regular when it names no file), anything else its heading font.
func (b *Brand) loadFace(k *brandkit.Kit, which string, size float64) (font.Face, error) {
	f := b.Heading
	if which == "body" {
		data := goregular.TTF
		if file := k.Typography.Body.File; file != "" {
			var err error
			if data, err = os.ReadFile(filepath.Join(k.Dir, file)); err != nil {
				return nil, fmt.Errorf("the kit's body font: %w", err)
			}
		}
		var err error
		if f, err = opentype.Parse(data); err != nil {
			return nil, fmt.Errorf("the kit's body font %s cannot be read: %v", k.Typography.Body.File, err)
		}
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

// titleCard draws the clip's first words: the logo, large, over the
// headline on a band, in the middle of the safe area.
func (b *Brand) titleCard(safe image.Rectangle, w, h int, headline string) (*sprite, image.Rectangle, error) {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	top := safe.Min.Y + safe.Dy()/5
	if b.Logo != nil {
		logo := b.logoAt(max(b.MinWidth, safe.Dx()*2/5))
		pad := logo.Rect.Dy() / 4
		at := image.Pt(safe.Min.X+(safe.Dx()-logo.Rect.Dx())/2, top)
		plate, ok := b.colour("background")
		if !ok {
			plate = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
		}
		fillRounded(img, logo.Rect.Add(at).Inset(-pad), pad, plate)
		draw.Draw(img, logo.Rect.Add(at), logo, logo.Rect.Min, draw.Over)
		top += logo.Rect.Dy() + 2*pad
	}
	margin := safe.Dx() / 12
	area := b.centred(image.Rect(safe.Min.X+margin, top, safe.Max.X-margin, top+safe.Dy()*3/10), headline)
	box, err := b.drawHeadline(img, area, headline, true, false)
	if err != nil {
		return nil, image.Rectangle{}, err
	}
	bounds := opaqueBounds(img)
	sub := img.SubImage(bounds).(*image.NRGBA)
	return newSprite(sub, bounds.Min), rectOfRegion(box.Region), nil
}

// outroCard is the clip's last image: the logo on the kit's darkest
// colour, with the call to action beneath.
func (b *Brand) outroCard(safe image.Rectangle, w, h int, cta string) (*yuvImage, image.Rectangle, error) {
	palette := b.colours()
	bg, _ := bandColours(palette)
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Rect, image.NewUniform(bg), image.Point{}, draw.Src)
	y := safe.Min.Y + safe.Dy()*3/10
	if b.Logo != nil {
		logo := b.logoAt(max(b.MinWidth, safe.Dx()/2))
		at := image.Pt(safe.Min.X+(safe.Dx()-logo.Rect.Dx())/2, y)
		if logoContrast(img, logo, logo.Rect.Add(at)) < 3 {
			pad := logo.Rect.Dy() / 4
			plate, ok := b.colour("background")
			if !ok {
				plate = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
			}
			fillRounded(img, logo.Rect.Add(at).Inset(-pad), pad, plate)
		}
		draw.Draw(img, logo.Rect.Add(at), logo, logo.Rect.Min, draw.Over)
		y += logo.Rect.Dy() * 2
	}
	var box brandkit.TextBox
	if strings.TrimSpace(cta) != "" {
		margin := safe.Dx() / 10
		var err error
		area := b.centred(image.Rect(safe.Min.X+margin, y, safe.Max.X-margin, y+safe.Dy()/5), cta)
		if box, err = b.drawHeadline(img, area, cta, false, false); err != nil {
			return nil, image.Rectangle{}, err
		}
	}
	return toYUV(img), rectOfRegion(box.Region), nil
}

// centred narrows area to the width the headline takes in it, centred.
func (b *Brand) centred(area image.Rectangle, text string) image.Rectangle {
	face, lines, err := b.fit(text, area.Dx(), area.Dy())
	if err != nil {
		return area
	}
	defer face.Close()
	w := 0
	for _, l := range lines {
		w = max(w, font.MeasureString(face, l).Ceil()+2)
	}
	x := area.Min.X + (area.Dx()-w)/2
	return image.Rect(x, area.Min.Y, x+w, area.Max.Y)
}

// opaqueBounds is the smallest rectangle holding every visible pixel,
// its corner on even pixels.
func opaqueBounds(img *image.NRGBA) image.Rectangle {
	r := image.Rectangle{}
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if img.Pix[img.PixOffset(x, y)+3] != 0 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	r.Min.X, r.Min.Y = r.Min.X&^1, r.Min.Y&^1
	r.Max.X, r.Max.Y = (r.Max.X+1)&^1, (r.Max.Y+1)&^1
	return r.Intersect(img.Rect)
}

func rectOfRegion(r brandkit.Region) image.Rectangle { return image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H) }

func regionOf(r image.Rectangle) brandkit.Region {
	return brandkit.Region{X: r.Min.X, Y: r.Min.Y, W: r.Dx(), H: r.Dy()}
}

// captionArt sets the captions: each cue in at most two lines (three at
// the smallest size) on a band in the kit's darkest colour, the word being
// said on a pill of another kit colour, all inside the caption zone.
type captionArt struct {
	face      font.Face
	lineH     int
	ascent    int
	pad       int
	zone      image.Rectangle
	position  string
	ink       [4]color.NRGBA // text, band, highlight, highlight text
	cues      []Cue
	lines     [][][]int // per cue, its lines as word indices
	mu        sync.Mutex
	cache     map[[2]int]*sprite
	spaceW    int
	wordWidth [][]int
}

// Caption sizes as shares of the frame's width.
const (
	captionSize    = 0.062
	captionMinSize = 0.040
)

func newCaptionArt(b *Brand, k *brandkit.Kit, style CaptionStyle, zone image.Rectangle, w int, cues []Cue) (*captionArt, error) {
	c := &captionArt{zone: zone, position: style.Position, cues: cues, cache: map[[2]int]*sprite{}}
	c.ink = captionInk(b.colours())
	for size := captionSize * float64(w); ; size *= 0.92 {
		size = max(size, captionMinSize*float64(w))
		face, err := b.loadFace(k, style.Font, size)
		if err != nil {
			return nil, err
		}
		c.face = face
		m := face.Metrics()
		c.lineH, c.ascent, c.pad = m.Height.Ceil(), m.Ascent.Ceil(), m.Height.Ceil()/3
		maxLines := 2
		if size == captionMinSize*float64(w) {
			maxLines = 3
		}
		if c.layout(maxLines) || maxLines == 3 {
			return c, nil
		}
		face.Close()
	}
}

// layout wraps every cue to the zone's width; false when one needs more
// than maxLines lines.
func (c *captionArt) layout(maxLines int) bool {
	width := c.zone.Dx() - 2*c.pad
	c.spaceW = font.MeasureString(c.face, " ").Ceil()
	c.lines, c.wordWidth = make([][][]int, len(c.cues)), make([][]int, len(c.cues))
	fits := true
	for i, cue := range c.cues {
		var lines [][]int
		lineW := 0
		for j, wt := range cue.Words {
			ww := font.MeasureString(c.face, wt.Word).Ceil()
			c.wordWidth[i] = append(c.wordWidth[i], ww)
			if len(lines) == 0 || lineW+c.spaceW+ww > width {
				lines = append(lines, nil)
				lineW = -c.spaceW
			}
			lines[len(lines)-1] = append(lines[len(lines)-1], j)
			lineW += c.spaceW + ww
			if ww > width {
				fits = false
			}
		}
		c.lines[i] = lines
		fits = fits && len(lines) <= maxLines
	}
	return fits
}

// captionInk chooses the captions' colours from the palette: the pair
// with the most contrast for the band and its text, and for the pill the
// colour most unlike the band on which one of the two reaches 4.5:1.
func captionInk(palette []color.NRGBA) [4]color.NRGBA {
	bg, fg := bandColours(palette)
	hi, hiText := fg, bg
	best := 0.0
	for _, p := range palette {
		if p == bg || p == fg {
			continue
		}
		text := fg
		if brandkit.ContrastRatio(bg, p) > brandkit.ContrastRatio(fg, p) {
			text = bg
		}
		d := brandkit.DeltaE2000(brandkit.ToLab(p), brandkit.ToLab(bg))
		if brandkit.ContrastRatio(text, p) >= 4.5 && d > best {
			hi, hiText, best = p, text, d
		}
	}
	return [4]color.NRGBA{fg, bg, hi, hiText}
}

// box is where cue i is drawn in the frame.
func (c *captionArt) box(i int) image.Rectangle {
	w := 0
	for _, line := range c.lines[i] {
		lw := -c.spaceW
		for _, j := range line {
			lw += c.spaceW + c.wordWidth[i][j]
		}
		w = max(w, lw)
	}
	bw, bh := w+2*c.pad, len(c.lines[i])*c.lineH+c.pad
	x := c.zone.Min.X + (c.zone.Dx()-bw)/2
	y := c.zone.Max.Y - bh
	switch c.position {
	case "middle":
		y = c.zone.Min.Y + (c.zone.Dy()-bh)/2
	case "high":
		y = c.zone.Min.Y
	}
	return image.Rect(x&^1, y&^1, (x&^1)+bw, (y&^1)+bh)
}

// sprite is cue i with word j highlighted, drawn once and kept.
func (c *captionArt) sprite(i, j int) *sprite {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.cache[[2]int{i, j}]; ok {
		return s
	}
	r := c.box(i)
	img := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	fillRounded(img, img.Rect, c.pad, c.ink[1])
	for n, line := range c.lines[i] {
		lw := -c.spaceW
		for _, k := range line {
			lw += c.spaceW + c.wordWidth[i][k]
		}
		x := (r.Dx() - lw) / 2
		y := c.pad/2 + n*c.lineH
		for _, k := range line {
			ink := c.ink[0]
			if k == j {
				pill := image.Rect(x-c.pad/3, y, x+c.wordWidth[i][k]+c.pad/3, y+c.lineH)
				fillRounded(img, pill.Intersect(img.Rect), c.pad/2, c.ink[2])
				ink = c.ink[3]
			}
			d := font.Drawer{Dst: img, Src: image.NewUniform(ink), Face: c.face, Dot: fixed.P(x, y+c.ascent)}
			d.DrawString(c.cues[i].Words[k].Word)
			x += c.wordWidth[i][k] + c.spaceW
		}
	}
	s := newSprite(img, r.Min)
	c.cache[[2]int{i, j}] = s
	return s
}
