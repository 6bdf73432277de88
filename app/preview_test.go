package app

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// variantTheme forces a light or dark variant of the test theme.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

const previewPost = "La recharge Feu de bois arrive le 1er octobre : gardez votre bougie, changez seulement la cire. Coulée à la main dans notre atelier lyonnais, elle parfume vos soirées d'automne. Réservez la vôtre https://maisonlumen.example/recharge/automne-2026-feu-de-bois #MaisonLumen"

func TestPreviewsMatchTheirGoldens(t *testing.T) {
	kit, err := brandkit.Load("../samples/kit", brandkit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reg := platform.Default()
	for _, variant := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		for _, id := range []string{"x", "linkedin", "instagram", "tiktok", "facebook", "threads", "bluesky", "mastodon"} {
			t.Run(id+"_"+variant.name, func(t *testing.T) {
				test.NewTempApp(t)
				test.ApplyTheme(t, variantTheme{test.Theme(), variant.v})
				p := newPostPreview(kit)
				plat, _ := reg.Get(id)
				p.SetPost(plat, previewPost)
				w := test.NewTempWindow(t, p)
				w.Resize(fyne.NewSize(420, 760))
				test.AssertObjectRendersToMarkup(t, fmt.Sprintf("preview/%s_%s.xml", id, variant.name), p)
			})
		}
	}
}

func TestLinkedInFoldToggleAndXWeighting(t *testing.T) {
	test.NewTempApp(t)
	kit, _ := brandkit.Load("../samples/kit", brandkit.Options{})
	reg := platform.Default()
	li, _ := reg.Get("linkedin")
	p := newPostPreview(kit)
	p.SetPost(li, previewPost)
	test.NewTempWindow(t, p).Resize(fyne.NewSize(420, 760))
	if !p.Folded() || !strings.HasSuffix(p.body.Text, "…") || len([]rune(p.body.Text)) != li.FoldMobile+1 {
		t.Fatalf("mobile fold: %q", p.body.Text)
	}
	test.Tap(p.device) // desktop shows more before the fold
	if len([]rune(p.body.Text)) != li.FoldDesktop+1 {
		t.Fatalf("desktop fold: %d chars", len([]rune(p.body.Text)))
	}
	test.Tap(p.more)
	if p.Folded() || p.body.Text != previewPost || p.more.Text != "see less" {
		t.Fatalf("expanded: %q", p.body.Text)
	}
	ig, _ := reg.Get("instagram")
	p.SetPost(ig, previewPost)
	for _, want := range []string{"Feed square (1/3)", "Feed portrait 4:5 (2/3)", "Story / Reel 9:16 (3/3)"} {
		if p.placeBtn.Text != want {
			t.Fatalf("placement %q, want %q", p.placeBtn.Text, want)
		}
		test.Tap(p.placeBtn)
	}
	x, _ := reg.Get("x")
	p.SetPost(x, previewPost)
	want := brandkit.Length(previewPost, "weighted", 23)
	if want >= len([]rune(previewPost)) || p.count.Text != fmt.Sprintf("%d / 280", want) {
		t.Fatalf("X count %q, want the link weighted to 23 (%d)", p.count.Text, want)
	}
}
