package app

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
)

// english finds words that only English uses, as whole words: any of
// them in a French screen is a string that escaped translation.
var english = regexp.MustCompile(`(?i)\b(the|and|is|are|of|with|your|you|this|that|from|not|has|have|be|will|for|it|by|was|cannot|could|should|would|into|than|there|which|what|when|where|who|how|yet|only|no|none|draft|drafts|piece|pieces|review|approve|approved|error|errors|warning|warnings|found|missing|shorter|longer|reviewer|brand_owner|author|sparing)\b`)

// uiTexts gathers the words a screen shows that Atelier wrote: labels,
// buttons, choices, tabs, headings and placeholders. What the user or a
// brand wrote (entries' and previews' text) is the user's language, not
// the UI's, and is left out.
func uiTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		case *widget.Select:
			out = append(out, w.PlaceHolder)
			out = append(out, w.Options...)
		case *widget.CheckGroup:
			out = append(out, w.Options...)
		case *widget.RadioGroup:
			out = append(out, w.Options...)
		case *widget.Entry:
			out = append(out, w.PlaceHolder)
			return
		case *widget.RichText:
			return
		case *container.AppTabs:
			for _, it := range w.Items {
				out = append(out, it.Text)
			}
		case *widget.Accordion:
			for _, it := range w.Items {
				out = append(out, it.Title)
			}
		}
		switch w := o.(type) {
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
	return out
}

// TestNoEnglishInTheFrenchUI walks every screen in French, with drafts
// and their findings on show, and fails on any English word that reaches
// it; then every error a user can meet is said in French too.
func TestNoEnglishInTheFrenchUI(t *testing.T) {
	t.Cleanup(func() { setUILanguage("") })
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefUILanguage, "fr")
	s := New(a, testWorkspace(t), Options{Connect: noOllama})
	t.Cleanup(s.Close)
	t.Cleanup(func() { waitBackground(t) })
	s.Window().Resize(fyne.NewSize(1366, 768))
	waitBackground(t)
	c := draftTemplates(t, s, nil, nil, []string{"fr-FR"})
	c.grid.Select(0)
	waitBackground(t)
	seen := 0
	drawn := glyphs(t)
	check := func(where string, o fyne.CanvasObject) {
		for _, text := range uiTexts(o) {
			seen++
			if m := english.FindString(text); m != "" {
				t.Errorf("%s: English %q in %q", where, m, text)
			}
			for _, r := range text {
				if !drawn(r) {
					t.Errorf("%s: %q has %q (%U), which the UI's fonts cannot draw", where, text, r, r)
				}
			}
		}
	}
	check("Compose", s.win.Content())
	for i := range s.screens {
		s.nav.Select(i)
		waitBackground(t)
		check(s.screens[i].title(), s.win.Content())
	}
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	check("Review, a piece selected", s.win.Content())
	if !strings.Contains(r.counts.Text, "brouillon\u00a0: ") {
		t.Errorf("counts %q: French puts a no-break space before a colon", r.counts.Text)
	}
	k := showScreen[*kitScreen](s)
	findField(t, k, "identity.languages").input.(*widget.Entry).SetText("fr-FR\nklingon_tlh")
	findField(t, k, "identity.name").input.(*widget.Entry).SetText("")
	waitFor(t, "the kit's problems", func() bool { waitBackground(t); return len(k.problems) >= 2 })
	check("Brand kit with problems", s.win.Content())
	if seen < 150 {
		t.Fatalf("read only %d strings; the walk is broken", seen)
	}
	for _, e := range append(explanations, struct {
		err  error
		says string
	}{errors.New("some Go error"), ""}) {
		err := fmt.Errorf("doing something: %w", e.err)
		sentence, _ := explain(err)
		if m := english.FindString(sentence); m != "" || sentence == "" {
			t.Errorf("%v is said %q (English %q)", e.err, sentence, m)
		}
	}
}

// glyphs reports whether the UI's fonts (Fyne's text font, then its
// symbol font) draw a rune: one they do not shows as a stray box.
func glyphs(t *testing.T) func(rune) bool {
	var fonts []*sfnt.Font
	for _, res := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultSymbolFont()} {
		f, err := sfnt.Parse(res.Content())
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(fonts, f)
	}
	var b sfnt.Buffer
	return func(r rune) bool {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return true
		}
		for _, f := range fonts {
			if i, err := f.GlyphIndex(&b, r); err == nil && i != 0 {
				return true
			}
		}
		return false
	}
}
