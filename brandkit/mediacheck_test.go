package brandkit_test

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"atelier/brandkit"
)

func rules(r brandkit.Report) string {
	var out []string
	seen := map[string]bool{}
	for _, f := range r.Findings {
		if !seen[f.Rule] {
			out = append(out, f.Rule)
			seen[f.Rule] = true
		}
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func filled(w, h int, parts ...color.Color) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i, c := range parts {
		draw.Draw(img, image.Rect(0, i*h/len(parts), w, (i+1)*h/len(parts)), image.NewUniform(c), image.Point{}, draw.Src)
	}
	return img
}

func hex(t *testing.T, s string) color.NRGBA {
	c, ok := brandkit.ParseHex(s)
	if !ok {
		t.Fatal(s)
	}
	return c
}

// withLogo pastes the sample kit's logo, w pixels wide, at x, y.
func withLogo(t *testing.T, dst *image.NRGBA, x, y, w int) *image.NRGBA {
	t.Helper()
	f, err := os.Open(filepath.Join(sampleDir, "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	logo, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	lb := logo.Bounds()
	h := w * lb.Dy() / lb.Dx()
	xdraw.CatmullRom.Scale(dst, image.Rect(x, y, x+w, y+h), logo, lb, xdraw.Over, nil)
	return dst
}

func TestCheckImage(t *testing.T) {
	kit := sampleKit(t)
	nuit, creme, ambre := hex(t, "#1F2A44"), hex(t, "#FFF8EC"), hex(t, "#F2A541")
	story := brandkit.ImageTarget{Placement: "instagram.story", Width: 1080, Height: 1920, Safe: brandkit.SafeZone{Top: 0.14, Bottom: 0.14}}
	feed := brandkit.ImageTarget{Placement: "instagram.feed", Width: 1080, Height: 1080}
	goodLogo := &brandkit.Region{X: 1080 - 60 - 200, Y: 1920 - 300 - 80, W: 200, H: 80}
	cases := []struct {
		name   string
		target brandkit.ImageTarget
		img    image.Image
		meta   *brandkit.ImageMeta
		want   string
	}{
		{"on palette, foreign", feed, filled(1080, 1080, nuit, creme, ambre), nil, "logo.not_found"},
		{"off palette", feed, filled(1080, 1080, color.NRGBA{0, 200, 0, 255}, color.NRGBA{220, 0, 220, 255}, nuit), nil, "image.palette,logo.not_found"},
		{"too small", feed, filled(800, 800, nuit), nil, "image.resolution,logo.not_found"},
		{"foreign image, logo found bottom-right", feed, withLogo(t, filled(1080, 1080, creme), 780, 900, 240), nil, ""},
		{"foreign image, logo top-right", feed, withLogo(t, filled(1080, 1080, creme), 780, 80, 240), nil, "logo.corner"},
		{"foreign image, logo against the edge", feed, withLogo(t, filled(1080, 1080, creme), 838, 995, 240), nil, "logo.clear_space"},
		{"atelier render ok", story, filled(1080, 1920, nuit), &brandkit.ImageMeta{Logo: goodLogo,
			Text: []brandkit.TextBox{{Region: brandkit.Region{X: 100, Y: 400, W: 880, H: 200}, Colour: "#FFF8EC"}}}, ""},
		{"low contrast text", story, filled(1080, 1920, nuit), &brandkit.ImageMeta{Logo: goodLogo,
			Text: []brandkit.TextBox{{Region: brandkit.Region{X: 100, Y: 400, W: 880, H: 200}, Colour: "#3A4560"}}}, "image.contrast"},
		{"logo in a corner the kit forbids", story, filled(1080, 1920, nuit), &brandkit.ImageMeta{Logo: &brandkit.Region{X: 60, Y: 1540, W: 200, H: 80}}, "logo.corner"},
		{"logo too small", story, filled(1080, 1920, nuit), &brandkit.ImageMeta{Logo: &brandkit.Region{X: 900, Y: 1500, W: 80, H: 30}}, "logo.size"},
		{"logo in its clear space", feed, filled(1080, 1080, nuit), &brandkit.ImageMeta{Logo: &brandkit.Region{X: 1080 - 210, Y: 1080 - 90, W: 200, H: 80}}, "logo.clear_space"},
		{"text inside logo clear space", story, filled(1080, 1920, nuit), &brandkit.ImageMeta{Logo: goodLogo,
			Text: []brandkit.TextBox{{Region: brandkit.Region{X: 700, Y: 1480, W: 100, H: 40}, Colour: "#FFF8EC"}}}, "logo.clear_space"},
		{"logo in the story's unsafe bottom", story, filled(1080, 1920, nuit), &brandkit.ImageMeta{Logo: &brandkit.Region{X: 820, Y: 1780, W: 200, H: 80}}, "image.safe_zone"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.target.Meta = c.meta
			r := brandkit.CheckImage(kit, c.target, c.img)
			if want := brandkit.LogoFromTemplate; c.meta == nil && r.LogoMethod != want || c.meta != nil && r.LogoMethod != brandkit.LogoFromMetadata {
				t.Errorf("logo method %q", r.LogoMethod)
			}
			if got := rules(r); got != c.want {
				t.Fatalf("rules %q, want %q\n%+v", got, c.want, r.Findings)
			}
			for _, f := range r.Findings {
				if strings.HasPrefix(f.Rule, "logo.c") || f.Rule == "image.contrast" || f.Rule == "image.safe_zone" {
					if f.Region == nil {
						t.Errorf("%s has no region", f.Rule)
					}
				}
				if f.Rule == "image.palette" && !strings.Contains(f.Message, "#00C800") {
					t.Errorf("off-palette colours not named: %s", f.Message)
				}
			}
		})
	}
}

func TestCheckAudio(t *testing.T) {
	kit := sampleKit(t)
	scale := func(p *brandkit.PCM, db float64) *brandkit.PCM {
		g := math.Pow(10, db/20)
		for _, ch := range p.Channels {
			for i := range ch {
				ch[i] *= g
			}
		}
		return p
	}
	onTarget := func() *brandkit.PCM {
		p := sine(48000, 5, 440, 0.1, 2)
		return scale(p, -16-brandkit.Measure(p).IntegratedLUFS)
	}
	withSilence := func() *brandkit.PCM {
		p := onTarget()
		pad := make([]float64, 48000)
		for c := range p.Channels {
			p.Channels[c] = append(append(append([]float64{}, pad...), p.Channels[c]...), pad...)
		}
		return p
	}
	cases := []struct {
		name   string
		target brandkit.AudioTarget
		pcm    *brandkit.PCM
		want   string
	}{
		{"on target", brandkit.AudioTarget{}, onTarget(), ""},
		{"3 LU too quiet", brandkit.AudioTarget{}, scale(onTarget(), -3), "audio.loudness"},
		{"1.5 LU too loud and peaking", brandkit.AudioTarget{TargetLUFS: -17.5}, onTarget(), "audio.loudness"},
		{"clipping peak", brandkit.AudioTarget{TargetLUFS: 1}, scale(onTarget(), 17), "audio.true_peak"},
		{"too long for the platform", brandkit.AudioTarget{Platform: "x", MaxSeconds: 3}, onTarget(), "audio.duration"},
		{"silence at both ends", brandkit.AudioTarget{}, withSilence(), "audio.silence"},
		{"all silent", brandkit.AudioTarget{}, sine(48000, 2, 440, 0, 1), "audio.silent"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := brandkit.CheckAudio(kit, c.target, c.pcm)
			if got := rules(r); got != c.want {
				t.Fatalf("rules %q, want %q\n%+v (measured %+v)", got, c.want, r.Findings, r.Audio)
			}
			if r.Audio == nil {
				t.Fatal("the report carries no measurement")
			}
		})
	}
}
