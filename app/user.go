package app

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
)

// user is who works in this data folder, as chosen at first start
// (Settings changes it); kept with the data folder, not in Fyne's
// preferences, so each data folder has its own.
func (s *Studio) user() studio.User {
	u, _, err := s.ws.Profile()
	if err != nil {
		fmt.Fprintln(os.Stderr, "atelier:", err)
	}
	return u
}

func (s *Studio) setUser(u studio.User) {
	if err := s.ws.SaveProfile(u); err != nil {
		showError(s.win, err)
	}
	s.refreshStatus()
	for i, sc := range s.screens { // the moves offered follow the role
		switch sc := sc.(type) {
		case *reviewScreen:
			if sc.current.ID != 0 {
				sc.showPiece(sc.current)
			}
		case *kitScreen:
			if s.built[i] != nil && sc.draft != nil {
				sc.applyRole()
			}
		}
	}
}

// roleChoice is a choice of role shown by name, selected on role.
func roleChoice(role studio.Role) (*widget.Select, func() studio.Role) {
	ids := make([]string, len(studio.Roles))
	for i, r := range studio.Roles {
		ids[i] = string(r)
	}
	c := newChoices(ids, func(id string) string { return lang.L(id) })
	sel := widget.NewSelect(c.names, nil)
	sel.SetSelected(c.namesOf([]string{string(role)})[0])
	return sel, func() studio.Role { return studio.Role(c.ids[sel.Selected]) }
}

// askUser asks who is using the studio, once, at first start.
func (s *Studio) askUser() {
	if s.user().Name != "" {
		return
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.L("Your name"))
	role, chosen := roleChoice(studio.RoleAuthor)
	dialog.ShowForm(lang.L("Who is using Atelier?"), lang.L("Save"), lang.L("Later"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Role"), role),
	}, func(ok bool) {
		if ok && name.Text != "" {
			s.setUser(studio.User{Name: name.Text, Role: chosen()})
		}
	}, s.win)
}
