package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
)

// TestKitEditorValidatesAsYouType: a colour typed wrong is outlined in red
// with the problem under it and named in words in the list, before any
// button is pressed; Revert asks first when there are edits, and keeps
// the tab; a reviewer reads the kit and cannot change it.
func TestKitEditorValidatesAsYouType(t *testing.T) {
	s, ws := newTestStudio(t)
	k := showScreen[*kitScreen](s)
	if k.errTitle.Text != "The kit is valid." {
		t.Fatalf("the sample kit: %q", k.errTitle.Text)
	}
	k.tabs.SelectIndex(1)
	k.swatches.Select(1)
	var hex *widget.Entry
	for _, f := range k.swatchFields {
		if f.path == "palette[1].hex" {
			hex = f.input.(*widget.Entry)
		}
	}
	if hex == nil {
		t.Fatal("no hex entry for the second colour")
	}
	hex.CursorColumn = len(hex.Text)
	test.Type(hex, "x") // "#C9A227x"
	waitFor(t, "the live validation", func() bool { waitBackground(t); return len(k.problems) == 1 })
	p := k.problems[0]
	if p.Field != "palette[1].hex" || k.errTitle.Text == "The kit is valid." {
		t.Fatalf("problems %+v, title %q", k.problems, k.errTitle.Text)
	}
	if got := k.fieldName(p.Field); got != "Colour 2 · Hex" {
		t.Errorf("the list names the field %q", got)
	}
	var outlined, said bool
	for _, o := range test.LaidOutObjects(k.swatchBox) {
		switch w := o.(type) {
		case *widget.Label:
			said = said || w.Visible() && w.Importance == widget.DangerImportance && strings.Contains(w.Text, "is not a hex colour")
		}
	}
	for _, f := range k.swatchFields {
		outlined = outlined || f.path == "palette[1].hex" && f.outline.Visible()
	}
	if !outlined || !said {
		t.Fatalf("the hex field: outlined %v, message under it %v", outlined, said)
	}

	test.Tap(findButton(t, s.Window(), "Revert"))
	ask := s.win.Canvas().Overlays().Top()
	if ask == nil {
		t.Fatal("Revert dropped the edits without asking")
	}
	for _, o := range test.LaidOutObjects(ask) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Yes" {
			test.Tap(b)
		}
	}
	waitBackground(t)
	k = s.screens[screenIndex[*kitScreen](s)].(*kitScreen)
	if k.tabs.SelectedIndex() != 1 || k.kit().Palette[1].Hex != ws.Kit().Palette[1].Hex {
		t.Fatalf("after Revert: tab %d, hex %q", k.tabs.SelectedIndex(), k.kit().Palette[1].Hex)
	}

	s.setUser(studio.User{Name: "Léa", Role: studio.RoleReviewer})
	if !k.role.Visible() || !findButton(t, s.Window(), "Save").Disabled() {
		t.Fatal("a reviewer is offered to save the kit")
	}
	for _, f := range k.fields {
		if d, ok := f.input.(interface{ Disabled() bool }); ok && !d.Disabled() {
			t.Fatalf("a reviewer can edit %s", f.path)
		}
	}
}
