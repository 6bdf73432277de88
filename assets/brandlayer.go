package assets

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"atelier/brandkit"
)

// Brand is what the renderer takes from a kit: the logo and its rules, the
// heading font and the palette.
type Brand struct {
	Logo       image.Image // nil: the kit has none
	MinWidth   int
	ClearSpace float64
	Corners    []string // allowed, in the kit's order of preference
	Heading    *opentype.Font
	FontName   string
	Palette    []brandkit.Colour
	// Notes says what was substituted, such as a missing heading font.
	Notes []string

	mu    sync.Mutex
	logos map[int]*image.NRGBA // the logo resized, by width
}

// LoadBrand reads the kit's logo and heading font.
func LoadBrand(k *brandkit.Kit) (*Brand, error) {
	b := &Brand{MinWidth: max(k.Logo.MinWidthPx, 16), ClearSpace: k.Logo.ClearSpace, Corners: k.Logo.Corners,
		Palette: k.Palette, FontName: k.Typography.Heading.Family, logos: map[int]*image.NRGBA{}}
	if k.Logo.File != "" {
		path := filepath.Join(k.Dir, k.Logo.File)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("the kit's logo: %w", err)
		}
		if b.Logo, _, err = DecodeImage(path, data, 16_000_000); err != nil {
			return nil, fmt.Errorf("the kit's logo: %w", err)
		}
	}
	fontData := gobold.TTF
	if f := k.Typography.Heading.File; f != "" {
		data, err := os.ReadFile(filepath.Join(k.Dir, f))
		if err != nil {
			return nil, fmt.Errorf("the kit's heading font: %w", err)
		}
		fontData = data
	} else {
		b.FontName = "Go Bold"
		b.Notes = append(b.Notes, "The kit names no heading font file; headlines use Go Bold.")
	}
	var err error
	if b.Heading, err = opentype.Parse(fontData); err != nil {
		return nil, fmt.Errorf("the kit's heading font %s cannot be read: %v", k.Typography.Heading.File, err)
	}
	return b, nil
}

// logoAt returns the logo resized to a width, cached.
func (b *Brand) logoAt(w int) *image.NRGBA {
	b.mu.Lock()
	defer b.mu.Unlock()
	if l, ok := b.logos[w]; ok {
		return l
	}
	l := imaging.Resize(b.Logo, w, 0, imaging.Lanczos)
	b.logos[w] = l
	return l
}

// colours returns the palette parsed, in the kit's order.
func (b *Brand) colours() []color.NRGBA {
	var out []color.NRGBA
	for _, p := range b.Palette {
		if c, ok := brandkit.ParseHex(p.Hex); ok {
			out = append(out, c)
		}
	}
	return out
}

// colour finds a palette entry by name or role, or parses a hex value.
func (b *Brand) colour(nameOrHex string) (color.NRGBA, bool) {
	if c, ok := brandkit.ParseHex(nameOrHex); ok {
		return c, true
	}
	for _, p := range b.Palette {
		if strings.EqualFold(p.Name, nameOrHex) || strings.EqualFold(p.Role, nameOrHex) {
			return brandkit.ParseHex(p.Hex)
		}
	}
	return color.NRGBA{}, false
}

// corners lists the corners a logo may take.
func (b *Brand) corners() []string {
	if len(b.Corners) > 0 {
		return b.Corners
	}
	return []string{"bottom-right", "top-left", "top-right", "bottom-left"}
}

// placeLogo puts the logo in the allowed corner with the calmest background
// that keeps clear of the focal point and of the headline's area, inset by
// its clear space from the safe area. A plate in the kit's background colour
// goes under a logo that would not stand out (WCAG's 3:1 for graphics).
func (b *Brand) placeLogo(dst *image.NRGBA, safe image.Rectangle, focal image.Point, prefer string, text image.Rectangle) (brandkit.Region, string) {
	logo := b.logoAt(min(b.MinWidth, safe.Dx()/2))
	lw, lh := logo.Rect.Dx(), logo.Rect.Dy()
	margin := int(b.ClearSpace*float64(lw) + 0.999)
	best, bestScore, bestCorner := image.Rectangle{}, 0.0, ""
	for i, c := range b.corners() {
		var r image.Rectangle
		x, y := safe.Min.X+margin, safe.Min.Y+margin
		if strings.HasSuffix(c, "right") {
			x = safe.Max.X - margin - lw
		}
		if strings.HasPrefix(c, "bottom") {
			y = safe.Max.Y - margin - lh
		}
		r = image.Rect(x, y, x+lw, y+lh)
		score := busyness(dst, r) + float64(i) // the kit's order breaks ties
		if focal.In(r.Inset(-margin)) {
			score += 1000
		}
		if r.Inset(-margin).Overlaps(text) {
			score += 2000
		}
		if c == prefer {
			score = -1
		}
		if bestCorner == "" || score < bestScore {
			best, bestScore, bestCorner = r, score, c
		}
	}
	if bg, ok := b.colour("background"); ok && logoContrast(dst, logo, best) < 3 {
		plate := best.Inset(-margin / 2)
		draw.Draw(dst, plate, image.NewUniform(bg), image.Point{}, draw.Src)
	}
	draw.Draw(dst, best, logo, logo.Rect.Min, draw.Over)
	return brandkit.Region{X: best.Min.X, Y: best.Min.Y, W: lw, H: lh}, bestCorner
}

// busyness is the mean absolute difference between neighbouring pixels of a
// region, sampled: 0 on a flat colour.
func busyness(img *image.NRGBA, r image.Rectangle) float64 {
	r = r.Intersect(img.Rect)
	step := max(1, r.Dx()/40)
	var sum float64
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y += step {
		for x := r.Min.X; x+step < r.Max.X; x += step {
			i, j := img.PixOffset(x, y), img.PixOffset(x+step, y)
			for c := range 3 {
				d := int(img.Pix[i+c]) - int(img.Pix[j+c])
				sum += float64(max(d, -d))
			}
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// logoContrast is the contrast of the logo's opaque pixels against the mean
// of the pixels it would cover, at the 25th percentile: a wordmark that
// melts into the background counts even beside a bright emblem.
func logoContrast(dst *image.NRGBA, logo *image.NRGBA, at image.Rectangle) float64 {
	bg := meanOf(dst, at)
	var ratios []float64
	for i := 0; i < len(logo.Pix); i += 4 {
		if logo.Pix[i+3] > 128 {
			ratios = append(ratios, brandkit.ContrastRatio(color.NRGBA{logo.Pix[i], logo.Pix[i+1], logo.Pix[i+2], 0xFF}, bg))
		}
	}
	if len(ratios) == 0 {
		return 21
	}
	sort.Float64s(ratios)
	return ratios[len(ratios)/4]
}

func meanOf(img *image.NRGBA, r image.Rectangle) color.NRGBA {
	r = r.Intersect(img.Rect)
	var s [3]float64
	n := 0.0
	step := max(1, max(r.Dx(), r.Dy())/80)
	for y := r.Min.Y; y < r.Max.Y; y += step {
		for x := r.Min.X; x < r.Max.X; x += step {
			i := img.PixOffset(x, y)
			s[0], s[1], s[2], n = s[0]+float64(img.Pix[i]), s[1]+float64(img.Pix[i+1]), s[2]+float64(img.Pix[i+2]), n+1
		}
	}
	if n == 0 {
		return color.NRGBA{A: 0xFF}
	}
	return color.NRGBA{uint8(s[0] / n), uint8(s[1] / n), uint8(s[2] / n), 0xFF}
}

// Headline sizes, in pixels of the rendered image.
const (
	headlineMaxLines = 3
	headlineMinPx    = 16
)

// drawHeadline sets the text in the heading font inside area, as large as
// fits in three lines, aligned left. Its colour is the kit colour with the
// best contrast against the pixels beneath, judged on the darkest or
// lightest tenth of them, not their mean, so that a busy photo does not hide
// a letter; when no kit colour reaches 4.5:1 (or band is asked), a band in
// a kit colour goes behind the text first.
func (b *Brand) drawHeadline(dst *image.NRGBA, area image.Rectangle, text string, band bool, bottom bool) (brandkit.TextBox, error) {
	if strings.TrimSpace(text) == "" {
		return brandkit.TextBox{}, nil
	}
	face, lines, err := b.fit(text, area.Dx(), area.Dy())
	if err != nil {
		return brandkit.TextBox{}, err
	}
	defer face.Close()
	m := face.Metrics()
	lineH := m.Height.Ceil()
	textW := 0
	for _, l := range lines {
		textW = max(textW, font.MeasureString(face, l).Ceil())
	}
	box := image.Rect(area.Min.X, area.Min.Y, area.Min.X+textW, area.Min.Y+lineH*len(lines))
	if bottom {
		box = box.Add(image.Pt(0, area.Max.Y-box.Max.Y))
	}
	palette := b.colours()
	if len(palette) == 0 {
		palette = []color.NRGBA{{0xFF, 0xFF, 0xFF, 0xFF}, {0, 0, 0, 0xFF}}
	}
	fg, worst := pickTextColour(dst, box, palette)
	if band || worst < 4.5 {
		pad := lineH / 3
		bg, fgOnBand := bandColours(palette)
		draw.Draw(dst, box.Inset(-pad).Intersect(dst.Rect), image.NewUniform(bg), image.Point{}, draw.Src)
		fg = fgOnBand
	}
	d := font.Drawer{Dst: dst, Src: image.NewUniform(fg), Face: face}
	for i, l := range lines {
		d.Dot = fixed.P(box.Min.X, box.Min.Y+i*lineH+m.Ascent.Ceil())
		d.DrawString(l)
	}
	return brandkit.TextBox{Region: brandkit.Region{X: box.Min.X, Y: box.Min.Y, W: box.Dx(), H: box.Dy()}, Colour: brandkit.Hex(fg)}, nil
}

// fit finds the largest size at which the text wraps into at most three
// lines of width w whose height is at most h; below the smallest size the
// last line is cut with an ellipsis.
func (b *Brand) fit(text string, w, h int) (font.Face, []string, error) {
	for size := float64(h); ; size *= 0.9 {
		size = max(size, headlineMinPx)
		face, err := opentype.NewFace(b.Heading, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, nil, fmt.Errorf("the heading font cannot be set at %.0f px: %v", size, err)
		}
		lines, rest := wrap(face, text, w)
		fits := len(lines) <= headlineMaxLines && !rest && face.Metrics().Height.Ceil()*len(lines) <= h
		if fits {
			return face, lines, nil
		}
		if size == headlineMinPx {
			lines = lines[:min(len(lines), headlineMaxLines)]
			last := &lines[len(lines)-1]
			for *last != "" && font.MeasureString(face, *last+"…").Ceil() > w {
				r := []rune(*last)
				*last = string(r[:len(r)-1])
			}
			*last = strings.TrimSpace(*last) + "…"
			return face, lines, nil
		}
		face.Close()
	}
}

// wrap breaks text into lines no wider than w, word by word; rest says a
// single word was wider than w.
func wrap(face font.Face, text string, w int) ([]string, bool) {
	var lines []string
	line := ""
	rest := false
	for _, word := range words(text) {
		try := strings.TrimSpace(line + " " + word)
		if font.MeasureString(face, try).Ceil() <= w {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = word
		if font.MeasureString(face, word).Ceil() > w {
			rest = true
		}
	}
	return append(lines, line), rest
}

// words splits text at spaces for wrapping, keeping French punctuation
// with its word: « with the next, and » : ; ! ? with the one before.
func words(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
		switch {
		case len(out) > 0 && strings.HasSuffix(out[len(out)-1], "«"):
			out[len(out)-1] += " " + w
		case len(out) > 0 && strings.ContainsRune("»:;!?", []rune(w)[0]):
			out[len(out)-1] += " " + w
		default:
			out = append(out, w)
		}
	}
	return out
}

// pickTextColour returns the palette colour whose contrast against the
// region's pixels is best at the 10th percentile, and that contrast.
func pickTextColour(img *image.NRGBA, r image.Rectangle, palette []color.NRGBA) (color.NRGBA, float64) {
	r = r.Intersect(img.Rect)
	step := max(1, max(r.Dx(), r.Dy())/60)
	var samples []color.NRGBA
	for y := r.Min.Y; y < r.Max.Y; y += step {
		for x := r.Min.X; x < r.Max.X; x += step {
			i := img.PixOffset(x, y)
			samples = append(samples, color.NRGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], 0xFF})
		}
	}
	best, bestRatio := palette[0], -1.0
	ratios := make([]float64, len(samples))
	for _, c := range palette {
		for i, s := range samples {
			ratios[i] = brandkit.ContrastRatio(c, s)
		}
		sort.Float64s(ratios)
		worst := 21.0
		if len(ratios) > 0 {
			worst = ratios[len(ratios)/10]
		}
		if worst > bestRatio {
			best, bestRatio = c, worst
		}
	}
	return best, bestRatio
}

// bandColours picks the pair of kit colours with the most contrast: the
// darker one is the band, the other the text.
func bandColours(palette []color.NRGBA) (bg, fg color.NRGBA) {
	bg, fg = color.NRGBA{0, 0, 0, 0xFF}, color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	best := 0.0
	for _, a := range palette {
		for _, c := range palette {
			if r := brandkit.ContrastRatio(a, c); r > best && brandkit.RelativeLuminance(a) < brandkit.RelativeLuminance(c) {
				bg, fg, best = a, c, r
			}
		}
	}
	if best < 4.5 { // a palette without such a pair: black and white
		return color.NRGBA{0, 0, 0, 0xFF}, color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	}
	return bg, fg
}
