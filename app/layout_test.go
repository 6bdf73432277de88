package app

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/packaging"
	"atelier/samples"
	"atelier/studio"
)

// TestEveryScreenFitsALaptop: with the first-run content, no screen asks
// for more than 1280×720, so each fits a 1366×768 screen with the
// window's frame and the desktop's bars.
func TestEveryScreenFitsALaptop(t *testing.T) {
	for _, language := range []string{"en", "fr"} { // French labels run longer
		t.Run(language, func(t *testing.T) { screensFit(t, language) })
	}
}

func screensFit(t *testing.T, language string) {
	t.Cleanup(func() { setUILanguage("") })
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefUILanguage, language)
	s := New(a, testWorkspace(t), Options{Connect: noOllama})
	t.Cleanup(s.Close)
	t.Cleanup(func() { waitBackground(t) })
	s.Window().Resize(fyne.NewSize(1240, 680))
	waitBackground(t)
	draftTemplates(t, s, nil, nil, nil) // Compose with its cards
	for i := range s.screens {
		s.nav.Select(i)
		waitBackground(t)
		min := s.built[i].MinSize() // the screen's own: the body would scroll it
		t.Logf("%-14s %v", s.screens[i].title(), min)
		if min.Width > 1280 || min.Height > 720 {
			t.Errorf("%s needs %v, more than 1280×720", s.screens[i].title(), min)
		}
	}
}

// TestLanguageChosenInSettings: choosing Français in Settings speaks
// French at once, in the sidebar and the screens, and is remembered;
// English and the system's language come back the same way.
func TestLanguageChosenInSettings(t *testing.T) {
	s, _ := newTestStudio(t)
	t.Cleanup(func() { setUILanguage("") })
	showScreen[*settingsScreen](s)
	choose := func(label string) {
		t.Helper()
		sel := findSelect(t, s.built[s.current], "Français")
		sel.SetSelected(label)
		waitBackground(t)
	}
	choose("Français")
	if got := s.ScreenTitles()[0]; got != "Composer" {
		t.Fatalf("sidebar in French: %q", got)
	}
	if s.Current() != "Réglages" || s.app.Preferences().String(prefUILanguage) != "fr" {
		t.Fatalf("shown %q, preference %q", s.Current(), s.app.Preferences().String(prefUILanguage))
	}
	choose("English")
	if got := s.ScreenTitles()[0]; got != "Compose" {
		t.Fatalf("sidebar in English: %q", got)
	}
}

// findSelect returns the first Select under o that offers option.
func findSelect(t *testing.T, o fyne.CanvasObject, option string) *widget.Select {
	t.Helper()
	var found *widget.Select
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch w := o.(type) {
		case *widget.Select:
			if slices.Contains(w.Options, option) {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no choice offers %q", option)
	}
	return found
}

// TestEmptyListsSayWhatToDo: with no piece and no image, Review, Assets
// and Compose say why they are empty and offer the next action, which
// works; a filter that matches nothing offers to clear it.
func TestEmptyListsSayWhatToDo(t *testing.T) {
	s, _ := newTestStudio(t)
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	if !r.empty.Visible() || r.emptyBtn.Text != "Go to Compose" {
		t.Fatalf("empty board: %v %q", r.empty.Visible(), r.emptyBtn.Text)
	}
	test.Tap(r.emptyBtn)
	if s.Current() != "Compose" {
		t.Fatalf("the board's action opened %q", s.Current())
	}
	a := showScreen[*assetsScreen](s)
	waitBackground(t)
	if !a.empty.Visible() {
		t.Error("an empty library says nothing")
	}
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	if c.empty.Visible() {
		t.Error("the cards are hidden behind the empty state")
	}
	r = showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	if r.empty.Visible() {
		t.Fatal("a board with drafts says it is empty")
	}
	r.search.SetText("zzzzz")
	waitFor(t, "the search to empty the board", func() bool { return r.empty.Visible() })
	if r.emptyBtn.Text != "Clear the filters" {
		t.Fatalf("filtered board offers %q", r.emptyBtn.Text)
	}
	test.Tap(r.emptyBtn)
	waitFor(t, "the board again", func() bool { waitBackground(t); return !r.empty.Visible() })
}

// TestSeveralBrands: a new kit made on the Brand kit screen opens at once
// and joins the switcher; the Review screen offers to open the kit of a
// campaign made with the other brand, and opening it switches back.
func TestSeveralBrands(t *testing.T) {
	s, ws := newTestStudio(t)
	sample := ws.KitDir()
	k := showScreen[*kitScreen](s)
	pump(t, k.listKits())
	if len(k.kits.Options) != 1 || k.kits.Selected != "Maison Lumen" {
		t.Fatalf("kits %v, selected %q", k.kits.Options, k.kits.Selected)
	}
	pump(t, k.makeKit(func(kits string) (string, error) {
		return packaging.NewKit(kits, "Café Nord", samples.Kit(), true, ws.KitOptions())
	}))
	waitBackground(t)
	if ws.Kit().Identity.Name != "Café Nord" {
		t.Fatalf("kit in force: %q", ws.Kit().Identity.Name)
	}
	k = showScreen[*kitScreen](s)
	waitBackground(t)
	if len(k.kits.Options) != 2 || k.kits.Selected != "Café Nord" {
		t.Fatalf("after the new kit: %v, %q", k.kits.Options, k.kits.Selected)
	}
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	r.campaign.SetSelected(r.campaign.Options[1]) // the sample campaign, made with Maison Lumen
	if !r.kitNote.Visible() || !strings.Contains(r.kitNote.Text, "Maison Lumen") {
		t.Fatalf("no offer to open the campaign's kit: %q", r.kitNote.Text)
	}
	test.Tap(r.kitNote)
	waitBackground(t)
	if ws.KitDir() != sample {
		t.Fatalf("kit in force after opening the campaign's: %s", ws.KitDir())
	}
}

// TestLayoutStaysPut: at 1366×768, the window keeps its size on every
// screen, with drafts, a long error and the dialogs open; a divider the
// user moved stays where it was when content changes and when the screen
// is made again.
func TestLayoutStaysPut(t *testing.T) {
	s, _ := newTestStudio(t)
	size := fyne.NewSize(1366, 768)
	s.Window().Resize(size)
	// A window is never smaller than its content's minimum: a screen or
	// a dialog that asked for more would make it grow.
	same := func(where string) {
		t.Helper()
		waitBackground(t)
		for what, min := range map[string]fyne.Size{"window": s.win.Content().MinSize(), "screen": s.built[s.current].MinSize()} {
			if min.Width > size.Width || min.Height > size.Height {
				t.Errorf("%s: the %s asks for %v, more than %v", where, what, min, size)
			}
		}
		if top := s.win.Canvas().Overlays().Top(); top != nil && (top.MinSize().Width > size.Width || top.MinSize().Height > size.Height) {
			t.Errorf("%s: the dialog asks for %v", where, top.MinSize())
		}
	}
	c := draftTemplates(t, s, nil, nil, nil)
	c.grid.Select(0)
	same("Compose with drafts")
	c.images.alt.SetText(strings.Repeat("une erreur très longue qui ne tient pas sur une ligne ", 60))
	same("a long alt-text message")
	c.edit.count.SetText(strings.Repeat("a label that does not wrap ", 40))
	same("a wide label")
	for i := range s.screens {
		s.nav.Select(i)
		same(s.screens[i].title())
	}
	showError(s.win, errors.New(strings.Repeat("a very long Go error ", 200)))
	same("an error dialog")
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	r.lists[studio.StateDraft].Select(0)
	same("Review with a piece")

	compose := s.splits["compose"]
	compose.SetOffset(0.3)
	composeOf(s)
	c.check.show(&brandkit.Report{Findings: []brandkit.Finding{{Severity: brandkit.SeverityError, Message: strings.Repeat("long ", 300)}}})
	same("a long finding")
	if compose.Offset != 0.3 {
		t.Errorf("the divider moved to %v", compose.Offset)
	}
	s.rebuildScreens()
	composeOf(s)
	if got := s.splits["compose"].Offset; got != 0.3 {
		t.Errorf("the divider came back at %v, not where the user put it", got)
	}
}
