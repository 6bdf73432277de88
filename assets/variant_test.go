package assets_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/disintegration/imaging"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
	"atelier/studio/platform"
)

// photo draws a smooth gradient with a textured subject around (fx, fy):
// the kind of picture saliency must find the subject of.
func photo(w, h int, fx, fy float64) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	r := float64(min(w, h)) / 8
	for y := range h {
		for x := range w {
			c := color.NRGBA{uint8(60 + 120*y/h), uint8(90 + 80*x/w), 170, 0xFF}
			if math.Hypot(float64(x)-fx*float64(w), float64(y)-fy*float64(h)) < r {
				v := uint8(rng.IntN(256))
				c = color.NRGBA{v, 255 - v, v / 2, 0xFF}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func placements(t testing.TB) []assets.Placement {
	t.Helper()
	out, err := studio.Placements(platform.Default(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("the registry has %d placements; the renderer is tested on all of them", len(out))
	}
	return out
}

func brand(t testing.TB) *assets.Brand {
	t.Helper()
	b, err := assets.LoadBrand(kit(t))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSaliencyFindsTheSubject(t *testing.T) {
	for _, f := range []assets.Focal{{0.2, 0.3}, {0.75, 0.7}, {0.5, 0.5}, {0.85, 0.2}} {
		got := assets.Saliency(photo(900, 600, f.X, f.Y))
		if math.Abs(got.X-f.X) > 0.06 || math.Abs(got.Y-f.Y) > 0.06 {
			t.Errorf("subject at %.2f,%.2f: saliency says %.2f,%.2f", f.X, f.Y, got.X, got.Y)
		}
	}
	if got := assets.Saliency(image.NewNRGBA(image.Rect(0, 0, 50, 50))); got != (assets.Focal{X: 0.5, Y: 0.5}) {
		t.Errorf("a flat image: %+v, want the centre", got)
	}
}

func TestCropKeepsTheFocalPoint(t *testing.T) {
	for _, p := range placements(t) {
		for _, size := range [][2]int{{6000, 4000}, {4000, 6000}, {1000, 1000}, {300, 2000}} {
			for _, f := range []assets.Focal{{0, 0}, {1, 1}, {0.1, 0.9}, {0.5, 0.5}, {0.93, 0.07}} {
				r := assets.CropRect(size[0], size[1], f, p)
				pt := image.Pt(int(f.X*float64(size[0])), int(f.Y*float64(size[1])))
				grown := image.Rect(r.Min.X, r.Min.Y, r.Max.X+1, r.Max.Y+1) // a focal point on the far edge
				if !pt.In(grown) {
					t.Errorf("%s on %v, focal %+v: crop %v misses %v", p.ID, size, f, r, pt)
				}
				if !r.In(image.Rect(0, 0, size[0], size[1])) {
					t.Errorf("%s on %v: crop %v leaves the image", p.ID, size, r)
				}
				if a := float64(r.Dx()) / float64(r.Dy()); math.Abs(a-float64(p.Width)/float64(p.Height)) > 0.01 {
					t.Errorf("%s on %v: crop aspect %.3f", p.ID, size, a)
				}
			}
		}
		// Centred, the focal point sits in the safe area's middle.
		// A source three crops tall, so that the crop is free to move.
		h := 3 * 3000 * p.Height / p.Width
		r := assets.CropRect(3000, h, assets.Focal{X: 0.5, Y: 0.5}, p)
		s := p.Safe
		at := (float64(h)/2 - float64(r.Min.Y)) / float64(r.Dy())
		if want := s.Top + (1-s.Top-s.Bottom)/2; math.Abs(at-want) > 0.002 {
			t.Errorf("%s: the focal point is at %.3f of the crop's height, not the safe area's middle %.3f", p.ID, at, want)
		}
	}
}

func TestRenderEveryPlacement(t *testing.T) {
	k := kit(t)
	b := brand(t)
	src := photo(3000, 2000, 0.7, 0.4)
	ps := placements(t)
	var steps []string
	vs, err := assets.RenderVariants(context.Background(), src, b, assets.VariantOptions{Headline: "La recharge Feu de bois arrive le 1er octobre"}, ps,
		func(step string, _ float64) { steps = append(steps, step) })
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) < len(ps) {
		t.Errorf("progress reported %d steps for %d placements", len(steps), len(ps))
	}
	dir := t.TempDir()
	for i, v := range vs {
		p := ps[i]
		if v.Image.Rect.Dx() != p.Width || v.Image.Rect.Dy() != p.Height {
			t.Errorf("%s: %v, want %d×%d", p.ID, v.Image.Rect.Size(), p.Width, p.Height)
		}
		// The logo: in an allowed corner, at its minimum width, with its clear space inside the safe area.
		l := v.Meta.Logo
		if l == nil {
			t.Fatalf("%s: no logo", p.ID)
		}
		if l.W != k.Logo.MinWidthPx {
			t.Errorf("%s: logo %d px wide, want the kit's %d", p.ID, l.W, k.Logo.MinWidthPx)
		}
		m := int(math.Ceil(k.Logo.ClearSpace * float64(l.W)))
		safe := image.Rect(int(p.Safe.Left*float64(p.Width)), int(p.Safe.Top*float64(p.Height)), p.Width-int(p.Safe.Right*float64(p.Width)), p.Height-int(p.Safe.Bottom*float64(p.Height)))
		if !image.Rect(l.X-m, l.Y-m, l.X+l.W+m, l.Y+l.H+m).In(safe) {
			t.Errorf("%s: logo %+v with clear space %d leaves the safe area %v", p.ID, *l, m, safe)
		}
		if !strings.Contains(strings.Join(k.Logo.Corners, " "), v.Meta.Corner) || v.Meta.Corner == "" {
			t.Errorf("%s: logo in corner %q, the kit allows %v", p.ID, v.Meta.Corner, k.Logo.Corners)
		}
		// The headline: one box, contrast at least 4.5 against what lies beneath it.
		if len(v.Meta.Text) != 1 {
			t.Fatalf("%s: %d text boxes", p.ID, len(v.Meta.Text))
		}
		// The focal point lies inside the crop.
		fp := image.Pt(int(v.Meta.Focal.X*3000), int(v.Meta.Focal.Y*2000))
		if !fp.In(v.Meta.Crop.Inset(-1)) {
			t.Errorf("%s: focal %v outside crop %v", p.ID, fp, v.Meta.Crop)
		}
		// The JPEG holds the render (encoded through the opaque fast path).
		dec, err := jpeg.Decode(bytes.NewReader(v.Data))
		if err != nil || dec.Bounds() != v.Image.Rect {
			t.Fatalf("%s: the encoded file: %v", p.ID, err)
		}
		if d := meanAbsDiff(dec, v.Image); d > 4 {
			t.Errorf("%s: the JPEG differs from the render by %.1f per channel", p.ID, d)
		}
		// The brand checker, reading the written metadata, finds nothing wrong.
		path, err := assets.WriteVariant(dir, v)
		if err != nil {
			t.Fatal(err)
		}
		rep := checkRender(t, k, p, path)
		for _, f := range rep.Findings {
			if f.Severity == brandkit.SeverityError {
				t.Errorf("%s: the checker finds %s: %s", p.ID, f.Rule, f.Message)
			}
		}
	}
}

func checkRender(t *testing.T, k *brandkit.Kit, p assets.Placement, path string) brandkit.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := assets.DecodeImage(path, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	var meta brandkit.ImageMeta
	raw, err := os.ReadFile(path + ".atelier.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	return brandkit.CheckImage(k, p.Target(&meta), img)
}

func TestHeadlineContrast(t *testing.T) {
	b := brand(t)
	p := assets.Placement{ID: "instagram.feed", Width: 1080, Height: 1080}
	for name, src := range map[string]image.Image{
		"white":  imaging.New(800, 800, color.White),
		"black":  imaging.New(800, 800, color.Black),
		"grey":   imaging.New(800, 800, color.NRGBA{0x80, 0x80, 0x80, 0xFF}),
		"amber":  imaging.New(800, 800, color.NRGBA{0xF2, 0xA5, 0x41, 0xFF}),
		"noise":  noise(800, 800),
		"stripe": stripes(800, 800),
	} {
		for _, band := range []bool{false, true} {
			vs, err := assets.RenderVariants(context.Background(), src, b, assets.VariantOptions{Headline: "Une bougie qui se recharge, pas qui se jette", Band: band}, []assets.Placement{p}, nil)
			if err != nil {
				t.Fatal(err)
			}
			v := vs[0]
			tb := v.Meta.Text[0]
			fg, _ := brandkit.ParseHex(tb.Colour)
			if !isKitColour(b, tb.Colour) {
				t.Errorf("%s: text colour %s is not a kit colour", name, tb.Colour)
			}
			// Every background pixel of the box (the ones not drawn in the
			// text colour) at 90 % meets the contrast.
			worst := contrastP10(v.Image, tb.Region, fg)
			if worst < 4.5 {
				t.Errorf("%s band=%v: the headline's contrast is %.2f at the 10th percentile, under 4.5", name, band, worst)
			}
		}
	}
}

func isKitColour(b *assets.Brand, hex string) bool {
	for _, c := range b.Palette {
		if strings.EqualFold(c.Hex, hex) {
			return true
		}
	}
	return false
}

func contrastP10(img *image.NRGBA, r brandkit.Region, fg color.NRGBA) float64 {
	var ratios []float64
	for y := r.Y; y < r.Y+r.H; y += 3 {
		for x := r.X; x < r.X+r.W; x += 3 {
			c := img.NRGBAAt(x, y)
			if d := int(c.R) - int(fg.R) + int(c.G) - int(fg.G) + int(c.B) - int(fg.B); d > -30 && d < 30 {
				continue // a glyph
			}
			ratios = append(ratios, brandkit.ContrastRatio(fg, c))
		}
	}
	if len(ratios) == 0 {
		return 0
	}
	slices.Sort(ratios)
	return ratios[len(ratios)/10]
}

func noise(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
		if i%4 == 3 {
			img.Pix[i] = 0xFF
		}
	}
	return img
}

func stripes(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := uint8(0)
			if (x/20)%2 == 0 {
				v = 0xFF
			}
			img.SetNRGBA(x, y, color.NRGBA{v, v, v, 0xFF})
		}
	}
	return img
}

// withOrientation puts an EXIF segment with the orientation tag right after
// a JPEG's start marker.
func withOrientation(jpg []byte, o uint16, order binary.ByteOrder) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	if order == binary.LittleEndian {
		tiff = []byte("II\x2a\x00\x08\x00\x00\x00")
	}
	ifd := make([]byte, 2+12+4)
	order.PutUint16(ifd, 1)
	order.PutUint16(ifd[2:], 0x0112)
	order.PutUint16(ifd[4:], 3)
	order.PutUint32(ifd[6:], 1)
	order.PutUint16(ifd[10:], o)
	seg := append([]byte("Exif\x00\x00"), append(tiff, ifd...)...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func TestEXIFRotatedJPEGComesOutUpright(t *testing.T) {
	// Stored sideways: red on the left, blue on the right, 60×30.
	img := image.NewNRGBA(image.Rect(0, 0, 60, 30))
	for y := range 30 {
		for x := range 60 {
			c := color.NRGBA{0xFF, 0, 0, 0xFF}
			if x >= 30 {
				c = color.NRGBA{0, 0, 0xFF, 0xFF}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	for o := uint16(1); o <= 8; o++ {
		for _, order := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
			data := withOrientation(buf.Bytes(), o, order)
			got, info, err := assets.DecodeImage("sideways.jpg", data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if info.Orientation != int(o) {
				t.Errorf("orientation %d read as %d", o, info.Orientation)
			}
			// imaging's own EXIF handling is the independent reference.
			want, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
			if err != nil {
				t.Fatal(err)
			}
			if got.Bounds().Size() != want.Bounds().Size() || info.Width != want.Bounds().Dx() {
				t.Fatalf("orientation %d: %v (header says %d×%d), want %v", o, got.Bounds().Size(), info.Width, info.Height, want.Bounds().Size())
			}
			for _, pt := range []image.Point{{5, 5}, {want.Bounds().Dx() - 5, want.Bounds().Dy() - 5}} {
				g, w := color.NRGBAModel.Convert(got.At(pt.X, pt.Y)).(color.NRGBA), color.NRGBAModel.Convert(want.At(pt.X, pt.Y)).(color.NRGBA)
				if (g.R > 128) != (w.R > 128) || (g.B > 128) != (w.B > 128) {
					t.Errorf("orientation %d at %v: %v, want %v", o, pt, g, w)
				}
			}
		}
	}
	// Orientation 6 (a phone held upright): the left of the stored image is the top.
	got, _, _ := assets.DecodeImage("phone.jpg", withOrientation(buf.Bytes(), 6, binary.BigEndian), 0)
	if got.Bounds().Dx() != 30 || got.Bounds().Dy() != 60 {
		t.Fatalf("orientation 6 gives %v, want 30×60", got.Bounds().Size())
	}
	if c := color.NRGBAModel.Convert(got.At(15, 5)).(color.NRGBA); c.R < 128 {
		t.Errorf("orientation 6: the top is %v, want red", c)
	}
}

// hugePNGHeader is a valid PNG signature and IHDR for w×h, with no data.
func hugePNGHeader(w, h uint32) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		panic(err)
	}
	data := buf.Bytes()
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	// The IHDR's CRC covers its type and data.
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func TestImageGuard(t *testing.T) {
	header := hugePNGHeader(60000, 60000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := assets.DecodeImage("huge.png", header, 0)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, assets.ErrImageTooLarge) || !strings.Contains(err.Error(), "60000×60000") || !strings.Contains(err.Error(), "100 MP") {
		t.Errorf("a 60000×60000 PNG: %v", err)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
		t.Errorf("refusing the header allocated %d bytes", grown)
	}

	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, photo(400, 300, 0.5, 0.5), nil); err != nil {
		t.Fatal(err)
	}
	_, _, err = assets.DecodeImage("cut.jpg", buf.Bytes()[:buf.Len()/2], 0)
	if !errors.Is(err, assets.ErrCorruptImage) || !strings.Contains(err.Error(), "cut.jpg") || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("a truncated JPEG: %v", err)
	}
	_, _, err = assets.DecodeImage("notes.bmp", []byte("BM this is not an image"), 0)
	if !errors.Is(err, assets.ErrUnsupportedImage) || !strings.Contains(err.Error(), "PNG, JPEG") {
		t.Errorf("an unknown format: %v", err)
	}
	_, _, err = assets.DecodeImage("small-budget.jpg", buf.Bytes(), 1000)
	if !errors.Is(err, assets.ErrImageTooLarge) {
		t.Errorf("a configured budget of 1000 px: %v", err)
	}
}

func TestLibraryImportAndThumbnail(t *testing.T) {
	dir := t.TempDir()
	lib := assets.NewLibrary(dir)
	var buf bytes.Buffer
	if err := png.Encode(&buf, photo(900, 600, 0.3, 0.3)); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "plage.png")
	if err := os.WriteFile(src, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := lib.ImportFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if a.Info.Width != 900 || a.Info.Height != 600 || a.Info.MIME != "image/png" || a.Source != "plage.png" || a.Size != int64(buf.Len()) {
		t.Errorf("imported %+v", a)
	}
	if kept, _ := os.ReadFile(filepath.Join(dir, "assets", a.SHA256+".png")); !bytes.Equal(kept, buf.Bytes()) {
		t.Error("the kept file is not the imported bytes under their sha256")
	}
	again, err := lib.ImportFile(src)
	if err != nil || again.SHA256 != a.SHA256 {
		t.Errorf("importing twice: %v %v", again, err)
	}
	thumb, err := lib.Thumbnail(a.SHA256, a.Info.MIME)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(thumb)
	ti, _, err := assets.DecodeImage(thumb, mustRead(t, thumb), 0)
	if err != nil || ti.Bounds().Dx() != assets.ThumbSide || ti.Bounds().Dy() != 213 {
		t.Fatalf("thumbnail %v: %v", ti.Bounds(), err)
	}
	// Made once: a second call does not rewrite it.
	if _, err := lib.Thumbnail(a.SHA256, a.Info.MIME); err != nil {
		t.Fatal(err)
	}
	if st2, _ := os.Stat(thumb); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("the thumbnail was made twice")
	}
	if _, err := lib.ImportFile(filepath.Join(dir, "missing.jpg")); err == nil || !strings.Contains(err.Error(), "missing.jpg") {
		t.Errorf("a missing file: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func meanAbsDiff(a image.Image, b *image.NRGBA) float64 {
	var sum, n float64
	r := b.Rect
	for y := r.Min.Y; y < r.Max.Y; y += 7 {
		for x := r.Min.X; x < r.Max.X; x += 7 {
			c1 := color.NRGBAModel.Convert(a.At(x, y)).(color.NRGBA)
			c2 := b.NRGBAAt(x, y)
			sum += math.Abs(float64(c1.R)-float64(c2.R)) + math.Abs(float64(c1.G)-float64(c2.G)) + math.Abs(float64(c1.B)-float64(c2.B))
			n += 3
		}
	}
	return sum / n
}

// iccProfile builds a minimal ICC profile whose 'desc' tag says name, in the
// v2 ('desc') or v4 ('mluc') form.
func iccProfile(name string, v4 bool) []byte {
	var tag []byte
	if v4 {
		u := utf16.Encode([]rune(name))
		tag = append([]byte("mluc\x00\x00\x00\x00"), be32(1)...)
		tag = append(tag, be32(12)...)
		tag = append(tag, []byte("enUS")...)
		tag = append(tag, be32(uint32(2*len(u)))...)
		tag = append(tag, be32(28)...)
		for _, c := range u {
			tag = append(tag, byte(c>>8), byte(c))
		}
	} else {
		tag = append([]byte("desc\x00\x00\x00\x00"), be32(uint32(len(name)+1))...)
		tag = append(tag, append([]byte(name), 0)...)
	}
	icc := make([]byte, 128)
	icc = append(icc, be32(1)...)
	icc = append(icc, []byte("desc")...)
	icc = append(icc, be32(144)...)
	icc = append(icc, be32(uint32(len(tag)))...)
	return append(icc, tag...)
}

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

func TestColourProfileIsNamed(t *testing.T) {
	var buf bytes.Buffer
	jpeg.Encode(&buf, photo(60, 40, 0.5, 0.5), nil)
	for _, c := range []struct {
		name string
		v4   bool
		note bool
	}{{"Display P3", true, true}, {"Adobe RGB (1998)", false, true}, {"sRGB IEC61966-2.1", false, false}, {"sRGB built-in", true, false}} {
		seg := append([]byte("ICC_PROFILE\x00\x01\x01"), iccProfile(c.name, c.v4)...)
		app2 := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE2}, uint16(len(seg)+2))
		data := append(append(append([]byte{}, buf.Bytes()[:2]...), append(app2, seg...)...), buf.Bytes()[2:]...)
		_, info, err := assets.DecodeImage("p.jpg", data, 0)
		if err != nil {
			t.Fatal(err)
		}
		if info.Profile != c.name || (info.ProfileNote() != "") != c.note {
			t.Errorf("%s: profile %q, note %q", c.name, info.Profile, info.ProfileNote())
		}
	}
	// PNG: the profile in an iCCP chunk, zlib-compressed.
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(iccProfile("Display P3", false))
	zw.Close()
	var pb bytes.Buffer
	png.Encode(&pb, photo(60, 40, 0.5, 0.5))
	body := append([]byte("P3\x00\x00"), z.Bytes()...)
	chunk := append(be32(uint32(len(body))), append([]byte("iCCP"), body...)...)
	chunk = append(chunk, be32(crc32.ChecksumIEEE(chunk[4:]))...)
	p := pb.Bytes()
	data := append(append(append([]byte{}, p[:33]...), chunk...), p[33:]...) // after the signature and IHDR
	_, info, err := assets.DecodeImage("p.png", data, 0)
	if err != nil || info.Profile != "Display P3" {
		t.Errorf("PNG iCCP: %q %v", info.Profile, err)
	}
}

// TestLabelIsStamped: a label ("Publicité") is set on a band in the safe
// area, apart from the headline and the logo, for every corner choice.
func TestLabelIsStamped(t *testing.T) {
	b := brand(t)
	p := assets.Placement{ID: "instagram.story", Width: 1080, Height: 1920, Safe: brandkit.SafeZone{Top: 0.14, Bottom: 0.14}}
	for _, headline := range []string{"", "La recharge arrive"} {
		vs, err := assets.RenderVariants(context.Background(), noise(800, 1400), b, assets.VariantOptions{Headline: headline, Label: "Publicité"}, []assets.Placement{p}, nil)
		if err != nil {
			t.Fatal(err)
		}
		m := vs[0].Meta
		want := 1
		if headline != "" {
			want = 2
		}
		if len(m.Text) != want {
			t.Fatalf("headline %q: %d text boxes, want %d", headline, len(m.Text), want)
		}
		label := m.Text[0].Region
		r := image.Rect(label.X, label.Y, label.X+label.W, label.Y+label.H)
		if label.W == 0 || r.Min.Y < 268 || r.Max.Y > 1920-268 {
			t.Errorf("headline %q: the label %v is empty or outside the safe area", headline, label)
		}
		if lg := m.Logo; lg != nil && r.Overlaps(image.Rect(lg.X, lg.Y, lg.X+lg.W, lg.Y+lg.H)) {
			t.Errorf("headline %q: the label %v overlaps the logo %v", headline, label, *lg)
		}
		if len(m.Text) == 2 {
			h := m.Text[1].Region
			if r.Overlaps(image.Rect(h.X, h.Y, h.X+h.W, h.Y+h.H)) {
				t.Errorf("the label %v overlaps the headline %v", label, h)
			}
		}
	}
}

// TestRenderWithoutItsSidecarIsMeasuredRight: a copy of a render without
// its FILE.atelier.json is checked by finding the logo by template
// matching; the logo is found where it was drawn, at its size, so the
// rules the render met are met again (a coarse match read 117 px for 120
// and 30 px clear space for 32, and false logo.size and logo.clear_space
// errors followed); a logo really under the kit's minimum still fails.
func TestRenderWithoutItsSidecarIsMeasuredRight(t *testing.T) {
	src, _, err := image.Decode(bytes.NewReader(samples.Photo))
	if err != nil {
		t.Fatal(err)
	}
	k := kit(t)
	b := brand(t)
	shapes := map[int]bool{}
	for _, p := range placements(t) {
		shape := p.Width * 10 / p.Height
		if shapes[shape] {
			continue // one placement of each shape: square, 4:5, 9:16, 16:9, 1.91:1…
		}
		shapes[shape] = true
		vs, err := assets.RenderVariants(context.Background(), src, b, assets.VariantOptions{}, []assets.Placement{p}, nil)
		if err != nil {
			t.Fatal(err)
		}
		v := vs[0]
		copied, _, err := image.Decode(bytes.NewReader(v.Data)) // the JPEG as a user would copy it
		if err != nil {
			t.Fatal(err)
		}
		r := brandkit.CheckImage(k, brandkit.ImageTarget{}, copied)
		if r.LogoMethod != brandkit.LogoFromTemplate {
			t.Fatalf("%s: logo located by %q", p.ID, r.LogoMethod)
		}
		for _, f := range r.Findings {
			if strings.HasPrefix(f.Rule, "logo.") {
				t.Errorf("%s (logo drawn at %+v): %s %s", p.ID, *v.Meta.Logo, f.Rule, f.Message)
			}
		}
		strict := *k
		strict.Logo.MinWidthPx = v.Meta.Logo.W * 3 / 2
		if !hasRule(brandkit.CheckImage(&strict, brandkit.ImageTarget{}, copied), "logo.size") {
			t.Errorf("%s: a logo of %d px passes a minimum of %d", p.ID, v.Meta.Logo.W, strict.Logo.MinWidthPx)
		}
	}
}

func hasRule(r brandkit.Report, rule string) bool {
	for _, f := range r.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
