package brandkit

import (
	"fmt"
	"image"
	"image/color"
	"sort"
	"strconv"
	"strings"
)

// ImageTarget is what an image is checked for.
type ImageTarget struct {
	Placement string
	Width     int // the placement's size; 0 = no minimum
	Height    int
	Safe      SafeZone
	Meta      *ImageMeta // Atelier's own render metadata, when the image is one of its renders
}

// SafeZone is the share of each edge the platform's interface may cover.
type SafeZone struct{ Top, Bottom, Left, Right float64 }

// ImageMeta is what Atelier's renderer records about an image it made.
type ImageMeta struct {
	Placement string    `json:"placement,omitempty"`
	Logo      *Region   `json:"logo,omitempty"`
	Text      []TextBox `json:"text,omitempty"`
}

// TextBox is text drawn on an image, with its colour.
type TextBox struct {
	Region
	Colour string `json:"colour"`
}

// Palette thresholds: a pixel is on palette within ΔE00 10 of a kit colour;
// an image with less than 60 % of its pixels on palette gets a warning.
const (
	paletteDeltaE  = 10
	paletteMinPart = 0.60
	minContrast    = 4.5
)

// CheckImage checks an image against the kit: palette adherence, the
// placement's resolution, and, from Atelier's render metadata, text
// contrast, the logo's corner, size and clear space, and the safe zones.
func CheckImage(k *Kit, t ImageTarget, img image.Image) Report {
	c := imageChecker{kit: k, target: t, img: img}
	c.resolution()
	c.palette()
	if t.Meta == nil {
		c.matchLogo() // sets c.target.Meta when the logo is found
	}
	if c.target.Meta != nil {
		c.contrast()
		c.logo()
		c.safeZones()
	}
	r := newReport(c.findings)
	r.LogoMethod = c.method
	return r
}

type imageChecker struct {
	kit       *Kit
	target    ImageTarget
	img       image.Image
	findings  []Finding
	method    string
	tolerance int // pixels a template-matched logo may be off by
}

// Ways the logo's place was known, as the report states it.
const (
	LogoFromMetadata = "render metadata"
	LogoFromTemplate = "template match (best effort)"
)

// matchLogo finds the logo in a foreign image by template matching and, when
// found, checks it as if the render metadata had placed it there.
func (c *imageChecker) matchLogo() {
	c.method = LogoFromTemplate
	m, ok, err := FindLogo(c.kit, c.img)
	switch {
	case err != nil:
		f := Say(Finding{Rule: "logo.unverified", Severity: SeverityInfo}, "logo.unverified")
		f.Message += " " + err.Error()
		c.add(f)
	case !ok:
		c.add(Say(Finding{Rule: "logo.not_found", Severity: SeverityWarning}, "logo.not_found", "score", strconv.FormatFloat(m.Score, 'f', 2, 64)))
	default:
		c.target.Meta = &ImageMeta{Logo: &m.Box}
		c.method = LogoFromTemplate
		c.tolerance = m.Tolerance
	}
}

func (c *imageChecker) add(f Finding) {
	f.Start, f.End = -1, -1 // image findings have a region, not a text range
	c.findings = append(c.findings, f)
}

func (c *imageChecker) resolution() {
	b := c.img.Bounds()
	t := c.target
	if t.Width > 0 && (b.Dx() < t.Width || b.Dy() < t.Height) {
		c.add(Say(Finding{Rule: "image.resolution", Severity: SeverityError}, "image.resolution",
			"width", itoa(b.Dx()), "height", itoa(b.Dy()), "placement", t.Placement, "min_width", itoa(t.Width), "min_height", itoa(t.Height)))
	}
}

type bucket struct {
	n       int
	r, g, b int
}

// PaletteShare samples the image, groups its colours into 4-bit-per-channel
// buckets, and returns the share of pixels within ΔE00 10 of a kit colour
// and the off-palette buckets, most common first.
func PaletteShare(k *Kit, img image.Image) (float64, []OffPalette) {
	var kit []Lab
	for _, p := range k.Palette {
		if c, ok := ParseHex(p.Hex); ok {
			kit = append(kit, ToLab(c))
		}
	}
	b := img.Bounds()
	step := max(1, max(b.Dx(), b.Dy())/200)
	buckets := map[int]*bucket{}
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			key := int(r>>4)<<8 | int(g>>4)<<4 | int(bl>>4)
			bk := buckets[key]
			if bk == nil {
				bk = &bucket{}
				buckets[key] = bk
			}
			bk.n++
			bk.r += int(r)
			bk.g += int(g)
			bk.b += int(bl)
			total++
		}
	}
	on := 0
	var off []OffPalette
	for _, bk := range buckets {
		mean := color.NRGBA{uint8(bk.r / bk.n), uint8(bk.g / bk.n), uint8(bk.b / bk.n), 0xFF}
		lab := ToLab(mean)
		best := 1e9
		for _, kl := range kit {
			best = min(best, DeltaE2000(lab, kl))
		}
		if best <= paletteDeltaE {
			on += bk.n
		} else {
			off = append(off, OffPalette{Hex: Hex(mean), Share: float64(bk.n) / float64(total), DeltaE: best})
		}
	}
	sort.Slice(off, func(i, j int) bool { return off[i].Share > off[j].Share })
	if total == 0 {
		return 0, nil
	}
	return float64(on) / float64(total), off
}

// OffPalette is a colour of the image far from every kit colour.
type OffPalette struct {
	Hex    string
	Share  float64
	DeltaE float64 // to the nearest kit colour
}

func (c *imageChecker) palette() {
	share, off := PaletteShare(c.kit, c.img)
	if share >= paletteMinPart {
		return
	}
	var top []string
	for _, o := range off[:min(3, len(off))] {
		top = append(top, fmt.Sprintf("%s (%.0f %%, ΔE %.0f)", o.Hex, 100*o.Share, o.DeltaE))
	}
	c.add(Say(Finding{Rule: "image.palette", Severity: SeverityWarning}, "image.palette", "share", num0(100*share), "colours", strings.Join(top, ", ")))
}

// background averages the pixels of a text's region, sampled, leaving out
// those within ΔE 10 of the text's colour: its own glyphs are not what lies
// beneath it.
func background(img image.Image, r Region, text color.Color) color.Color {
	textLab := ToLab(text)
	rect := image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H).Intersect(img.Bounds())
	step := max(1, max(rect.Dx(), rect.Dy())/100)
	var sr, sg, sb, n uint64
	for y := rect.Min.Y; y < rect.Max.Y; y += step {
		for x := rect.Min.X; x < rect.Max.X; x += step {
			c := img.At(x, y)
			if DeltaE2000(ToLab(c), textLab) < paletteDeltaE {
				continue
			}
			r, g, b, _ := c.RGBA()
			sr, sg, sb, n = sr+uint64(r>>8), sg+uint64(g>>8), sb+uint64(b>>8), n+1
		}
	}
	if n == 0 {
		return color.Black
	}
	return color.NRGBA{uint8(sr / n), uint8(sg / n), uint8(sb / n), 0xFF}
}

func (c *imageChecker) contrast() {
	for _, tb := range c.target.Meta.Text {
		fg, ok := ParseHex(tb.Colour)
		if !ok {
			continue
		}
		bg := background(c.img, tb.Region, fg)
		if ratio := ContrastRatio(fg, bg); ratio < minContrast {
			region := tb.Region
			c.add(Say(Finding{Rule: "image.contrast", Severity: SeverityError, Region: &region}, "image.contrast",
				"colour", tb.Colour, "background", Hex(bg), "ratio", num(ratio), "min", num(minContrast)))
		}
	}
}

// corner names the corner of the image the region sits in.
func corner(r Region, w, h int) string {
	v, s := "top", "left"
	if r.Y+r.H/2 > h/2 {
		v = "bottom"
	}
	if r.X+r.W/2 > w/2 {
		s = "right"
	}
	return v + "-" + s
}

func (c *imageChecker) logo() {
	l := c.target.Meta.Logo
	if c.method == "" {
		c.method = LogoFromMetadata
	}
	if l == nil {
		c.add(Say(Finding{Rule: "logo.missing", Severity: SeverityWarning}, "logo.missing"))
		return
	}
	b := c.img.Bounds()
	region := *l
	if cn := corner(*l, b.Dx(), b.Dy()); len(c.kit.Logo.Corners) > 0 && !containsFold(c.kit.Logo.Corners, cn) {
		c.add(Say(Finding{Rule: "logo.corner", Severity: SeverityError, Region: &region}, "logo.corner",
			"corner", cn, "corners", strings.Join(c.kit.Logo.Corners, ", ")))
	}
	// A logo found by template matching is measured to within tolerance
	// pixels: only what is wrong beyond it is reported.
	tol := c.tolerance
	if l.W+tol < c.kit.Logo.MinWidthPx {
		c.add(Say(Finding{Rule: "logo.size", Severity: SeverityError, Region: &region}, "logo.size", "width", itoa(l.W), "min", itoa(c.kit.Logo.MinWidthPx)))
	}
	margin := int(c.kit.Logo.ClearSpace * float64(l.W))
	if l.X+tol < margin || l.Y+tol < margin || b.Dx()-(l.X+l.W)+tol < margin || b.Dy()-(l.Y+l.H)+tol < margin {
		c.add(Say(Finding{Rule: "logo.clear_space", Severity: SeverityError, Region: &region}, "logo.clear_space", "margin", itoa(margin)))
	}
	for _, tb := range c.target.Meta.Text {
		grown := image.Rect(l.X-margin, l.Y-margin, l.X+l.W+margin, l.Y+l.H+margin)
		if grown.Overlaps(image.Rect(tb.X, tb.Y, tb.X+tb.W, tb.Y+tb.H)) {
			c.add(Say(Finding{Rule: "logo.clear_space", Severity: SeverityError, Region: &region}, "logo.clear_space.text"))
		}
	}
}

func (c *imageChecker) safeZones() {
	s := c.target.Safe
	if s == (SafeZone{}) {
		return
	}
	b := c.img.Bounds()
	safe := image.Rect(int(s.Left*float64(b.Dx())), int(s.Top*float64(b.Dy())), b.Dx()-int(s.Right*float64(b.Dx())), b.Dy()-int(s.Bottom*float64(b.Dy())))
	check := func(what string, r Region) {
		if !image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H).In(safe) {
			region := r
			c.add(Say(Finding{Rule: "image.safe_zone", Severity: SeverityError, Region: &region}, "image.safe_zone."+what, "placement", c.target.Placement))
		}
	}
	if c.target.Meta.Logo != nil {
		check("logo", *c.target.Meta.Logo)
	}
	for _, tb := range c.target.Meta.Text {
		check("text", tb.Region)
	}
}
