package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"atelier/studio"
)

// TestEditingADraft: the selected variant's text is typed into, checked
// live (a banned word shows up in the Check tab before anything is saved),
// undone with Ctrl+Z, put back with Revert, and saved as a new version in
// the user's name, with its card and check following.
func TestEditingADraft(t *testing.T) {
	s, ws := newTestStudio(t)
	s.setUser(studio.User{Name: "Camille", Role: studio.RoleAuthor})
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	c.grid.Select(0)
	runUI()
	saved := c.editor.Text
	if saved == "" || c.saveBtn.Disabled() == false {
		t.Fatalf("editor %q, save enabled %v", saved, !c.saveBtn.Disabled())
	}
	c.editor.CursorRow, c.editor.CursorColumn = 0, 0
	test.Type(c.editor, "Pas cher ! ")
	if c.saveBtn.Disabled() || c.revertBtn.Disabled() {
		t.Fatal("an edited text cannot be saved or reverted")
	}
	waitFor(t, "the live check", func() bool {
		waitBackground(t)
		for _, f := range c.check.findings {
			if strings.HasPrefix(f.Rule, "lexicon.banned") {
				return true
			}
		}
		return false
	})
	if v, _ := ws.LatestVersion(context.Background(), c.cards[0].pieceID); v.Number != 1 {
		t.Fatalf("the live check saved version %d", v.Number)
	}
	test.Tap(c.revertBtn)
	if c.editor.Text != saved || !c.saveBtn.Disabled() {
		t.Fatalf("revert: %q", c.editor.Text)
	}
	c.editor.CursorRow, c.editor.CursorColumn = 0, 0
	test.Type(c.editor, "Une lueur d'automne. ")
	test.Tap(c.saveBtn)
	waitBackground(t)
	v, err := ws.LatestVersion(context.Background(), c.cards[0].pieceID)
	if err != nil || v.Number != 2 || v.Author != "Camille" || v.Origin != studio.OriginUser || !strings.HasPrefix(v.Text, "Une lueur d'automne. ") {
		t.Fatalf("saved version: %+v %v", v, err)
	}
	if cd, _ := c.selectedCard(); cd.text != v.Text || cd.report == nil {
		t.Fatalf("the card did not follow: %q", cd.text)
	}
	if !c.saveBtn.Disabled() {
		t.Error("a saved text can be saved again")
	}
}

// TestReviewAppliesAFix: a finding with a safe fix is fixed from the
// Review screen, as a new version in the reviewer's name.
func TestReviewAppliesAFix(t *testing.T) {
	s, ws := newTestStudio(t)
	s.setUser(studio.User{Name: "Léa", Role: studio.RoleReviewer})
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	id := c.cards[0].pieceID
	composer := &studio.Composer{WS: ws, User: studio.User{Name: "Camille", Role: studio.RoleAuthor}}
	if _, _, err := composer.SaveText(context.Background(), id, "Une lueur\u200b d'automne #MaisonLumen", "edit"); err != nil {
		t.Fatal(err)
	}
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	fix := -1
	for i, f := range r.check.findings {
		if f.AutoFix != nil {
			fix = i
		}
	}
	if fix < 0 {
		t.Fatalf("no fixable finding in %+v", r.check.findings)
	}
	r.check.list.Select(fix)
	if r.check.applyBtn.Disabled() {
		t.Fatal("Apply fix is disabled in Review")
	}
	test.Tap(r.check.applyBtn)
	waitBackground(t)
	v, _ := ws.LatestVersion(context.Background(), id)
	if v.Number != 3 || strings.Contains(v.Text, "\u200b") || v.Author != "Léa" {
		t.Fatalf("after the fix: v%d by %s: %q", v.Number, v.Author, v.Text)
	}
}

// TestCheckAFileSavesAFixedCopy: in Check a file, Apply fix writes
// NAME.fixed.txt beside the file, leaves the file as it was, and checks
// the copy, which no longer has the finding.
func TestCheckAFileSavesAFixedCopy(t *testing.T) {
	s, _ := newTestStudio(t)
	c := showScreen[*checkFileScreen](s)
	orig := filepath.Join(t.TempDir(), "post.txt")
	text := "Une lueur\u200b d'automne #MaisonLumen"
	os.WriteFile(orig, []byte(text), 0o644)
	c.Check(orig)
	waitFor(t, "the report", func() bool { return c.current != nil && c.current.File == orig })
	fix := -1
	for i, f := range c.check.findings {
		if f.AutoFix != nil {
			fix = i
		}
	}
	if fix < 0 {
		t.Fatalf("no fixable finding: %+v", c.check.findings)
	}
	rule := c.check.findings[fix].Rule
	c.check.list.Select(fix)
	test.Tap(c.check.applyBtn)
	copyPath := filepath.Join(filepath.Dir(orig), "post.fixed.txt")
	waitFor(t, "the fixed copy's report", func() bool { waitBackground(t); return c.current != nil && c.current.File == copyPath })
	if data, _ := os.ReadFile(orig); string(data) != text {
		t.Fatalf("the original changed: %q", data)
	}
	for _, f := range c.check.findings {
		if f.Rule == rule {
			t.Fatalf("the copy still has %s", rule)
		}
	}
}

// TestBriefInEveryLanguage: Compose offers the brief's words in the kit's
// other language (filled from the sample brief), so the kit's templates
// draft the English variants with the English words instead of refusing.
func TestBriefInEveryLanguage(t *testing.T) {
	s, _ := newTestStudio(t)
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR", "en-GB"})
	en := c.translations["en-GB"]
	if en.topic == nil || en.topic.Text == "" {
		t.Fatal("no English fields in the brief")
	}
	for _, cd := range c.cards {
		if cd.err != nil {
			t.Errorf("%s: %v", cd.target.Key(), cd.err)
		}
		if cd.target.Language == "en-GB" && !strings.Contains(cd.text, en.topic.Text) {
			t.Errorf("the English draft does not use the English topic: %q", cd.text)
		}
	}
}
