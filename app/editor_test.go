package app

import (
	"context"
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
