package app

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
)

// Preference keys of the local user profile.
const (
	prefUserName = "user.name"
	prefUserRole = "user.role"
)

// user is the local profile chosen at first start (Settings changes it).
func (s *Studio) user() studio.User {
	p := s.app.Preferences()
	return studio.User{Name: p.String(prefUserName), Role: studio.Role(p.StringWithFallback(prefUserRole, string(studio.RoleAuthor)))}
}

func (s *Studio) setUser(u studio.User) {
	s.app.Preferences().SetString(prefUserName, u.Name)
	s.app.Preferences().SetString(prefUserRole, string(u.Role))
	s.refreshStatus()
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
