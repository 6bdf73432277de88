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
	saved := c.edit.entry.Text
	if saved == "" || c.edit.save.Disabled() == false {
		t.Fatalf("editor %q, save enabled %v", saved, !c.edit.save.Disabled())
	}
	c.edit.entry.CursorRow, c.edit.entry.CursorColumn = 0, 0
	test.Type(c.edit.entry, "Pas cher ! ")
	if c.edit.save.Disabled() || c.edit.revert.Disabled() {
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
	test.Tap(c.edit.revert)
	if c.edit.entry.Text != saved || !c.edit.save.Disabled() {
		t.Fatalf("revert: %q", c.edit.entry.Text)
	}
	c.edit.entry.CursorRow, c.edit.entry.CursorColumn = 0, 0
	test.Type(c.edit.entry, "Une lueur d'automne. ")
	test.Tap(c.edit.save)
	waitBackground(t)
	v, err := ws.LatestVersion(context.Background(), c.cards[0].pieceID)
	if err != nil || v.Number != 2 || v.Author != "Camille" || v.Origin != studio.OriginUser || !strings.HasPrefix(v.Text, "Une lueur d'automne. ") {
		t.Fatalf("saved version: %+v %v", v, err)
	}
	if cd, _ := c.selectedCard(); cd.text != v.Text || cd.report == nil {
		t.Fatalf("the card did not follow: %q", cd.text)
	}
	if !c.edit.save.Disabled() {
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
		d, _ := ws.PieceDetail(context.Background(), id)
		t.Fatalf("no fixable finding in %+v (current %d, id %d, score %q, stored %+v)", r.check.findings, r.current.ID, id, r.check.score.Text, d.Report)
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

// TestSuggestionAcceptedInReview: a reviewer edits the text in Review and
// sends it as a suggestion, which leaves the piece as it was; the author
// selects it among the comments, sees what it changes, and accepts it,
// which saves it as a new version in the author's name.
func TestSuggestionAcceptedInReview(t *testing.T) {
	s, ws := newTestStudio(t)
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	id := c.cards[0].pieceID
	s.setUser(studio.User{Name: "Léa", Role: studio.RoleReviewer})
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	if r.edit.entry.Text == "" || !r.edit.suggest.Disabled() {
		t.Fatalf("Review editor: %q, suggest enabled %v", r.edit.entry.Text, !r.edit.suggest.Disabled())
	}
	r.edit.entry.CursorRow, r.edit.entry.CursorColumn = 0, 0
	test.Type(r.edit.entry, "Enfin l'automne. ")
	suggested := r.edit.entry.Text
	r.note.SetText("une accroche plus courte")
	test.Tap(r.edit.suggest)
	waitBackground(t)
	if v, _ := ws.LatestVersion(context.Background(), id); v.Number != 1 {
		t.Fatalf("a suggestion wrote v%d", v.Number)
	}
	waitFor(t, "the suggestion in the comments", func() bool { waitBackground(t); return len(r.history.comments) == 1 })
	if cm := r.history.comments[0]; cm.Suggestion != suggested || cm.Author != "Léa" || cm.Body != "une accroche plus courte" {
		t.Fatalf("suggestion: %+v", cm)
	}
	s.setUser(studio.User{Name: "Camille", Role: studio.RoleAuthor})
	r.history.clist.Select(0)
	if !r.history.suggestion.Visible() || r.history.accept.Disabled() {
		t.Fatal("the author is not offered to accept the suggestion")
	}
	if all, _ := richText(r.history.sugDiff); !strings.Contains(all, "Enfin l'automne.") {
		t.Fatalf("the suggestion's diff: %q", all)
	}
	test.Tap(r.history.accept)
	waitFor(t, "the accepted version", func() bool {
		waitBackground(t)
		v, _ := ws.LatestVersion(context.Background(), id)
		return v.Number == 2
	})
	v, _ := ws.LatestVersion(context.Background(), id)
	if v.Text != suggested || v.Author != "Camille" {
		t.Fatalf("accepted: %+v", v)
	}
	waitFor(t, "the answer shown", func() bool {
		waitBackground(t)
		return len(r.history.comments) == 1 && r.history.comments[0].Resolution == studio.SuggestionAccepted
	})
}
