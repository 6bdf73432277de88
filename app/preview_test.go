package app

import (
	"fmt"
	"image/color"
	"slices"
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
		for _, id := range []string{"x", "linkedin", "instagram", "instagram.story", "tiktok", "facebook", "threads", "bluesky", "mastodon", "youtube", "pinterest"} {
			t.Run(id+"_"+variant.name, func(t *testing.T) {
				test.NewTempApp(t)
				test.ApplyTheme(t, variantTheme{test.Theme(), variant.v})
				p := newPostPreview(kit)
				platformID, placement, _ := strings.Cut(id, ".")
				plat, _ := reg.Get(platformID)
				p.SetPost(plat, previewPost)
				for placement != "" && !strings.HasSuffix(plat.Placements[p.place].ID, placement) {
					p.onPlace()
				}
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
	if !p.Folded() || !strings.HasSuffix(p.shown, "…") || len([]rune(p.shown)) != li.FoldMobile+1 {
		t.Fatalf("mobile fold: %q", p.shown)
	}
	test.Tap(p.device) // desktop shows more before the fold
	if len([]rune(p.shown)) != li.FoldDesktop+1 {
		t.Fatalf("desktop fold: %d chars", len([]rune(p.shown)))
	}
	test.Tap(p.more)
	if p.Folded() || p.shown != previewPost || p.more.Text != "see less" {
		t.Fatalf("expanded: %q", p.shown)
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

// TestEachPlatformHasItsOwnLayout: Instagram shows the media before the
// caption, X and LinkedIn the text before the media, and TikTok (or any
// 9:16 placement) the media full screen with the caption drawn over it.
func TestEachPlatformHasItsOwnLayout(t *testing.T) {
	test.NewTempApp(t)
	kit, _ := brandkit.Load("../samples/kit", brandkit.Options{})
	reg := platform.Default()
	p := newPostPreview(kit)
	test.NewTempWindow(t, p).Resize(fyne.NewSize(420, 760))
	r := test.WidgetRenderer(p).(*previewRenderer)
	at := func(o fyne.CanvasObject) int { return slices.Index(r.card.Objects, o) }
	for id, mediaFirst := range map[string]bool{"instagram": true, "pinterest": true, "x": false, "linkedin": false, "bluesky": false} {
		plat, _ := reg.Get(id)
		p.SetPost(plat, previewPost)
		if got := at(r.media.cell) < at(p.body); got != mediaFirst || at(r.media.cell) < 0 || at(p.body) < 0 {
			t.Errorf("%s: media at %d, text at %d", id, at(r.media.cell), at(p.body))
		}
	}
	tiktok, _ := reg.Get("tiktok")
	p.SetPost(tiktok, previewPost)
	if at(r.screen) != 0 || at(p.body) >= 0 || !strings.HasPrefix(previewPost, strings.TrimSuffix(r.overlay.lines[0].Text, "…")) {
		t.Errorf("TikTok is not full screen with the caption over it: %v", r.card.Objects)
	}
	ig, _ := reg.Get("instagram")
	p.SetPost(ig, previewPost)
	p.onPlace()
	p.onPlace() // Story / Reel 9:16
	if at(r.screen) != 0 {
		t.Error("Instagram's 9:16 placement is not shown full screen")
	}
}
