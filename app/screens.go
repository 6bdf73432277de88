package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
	"atelier/studio/store"
)

// placeholderScreen is an honest stand-in for a screen whose issue has not
// landed: it says what the screen will do, and shows no made-up data.
type placeholderScreen struct {
	name  string
	ico   fyne.Resource
	issue int
	what  string
}

func (p *placeholderScreen) title() string       { return p.name }
func (p *placeholderScreen) icon() fyne.Resource { return p.ico }

func (p *placeholderScreen) build() fyne.CanvasObject {
	what := widget.NewLabel(p.what)
	what.Wrapping = fyne.TextWrapWord
	soon := widget.NewLabel(lang.L("Not built yet: this screen comes with issue") + fmt.Sprintf(" #%d.", p.issue))
	soon.Importance = widget.WarningImportance
	return container.NewPadded(container.NewVBox(sectionTitle(p.name), what, soon))
}

// reviewScreen shows how many pieces stand in each workflow state, read from
// the store. The board itself comes with the review issue.
type reviewScreen struct {
	ws     *studio.Workspace
	counts *widget.List
	rows   []string
}

func (r *reviewScreen) title() string       { return lang.L("Review") }
func (r *reviewScreen) icon() fyne.Resource { return theme.ListIcon() }

func (r *reviewScreen) build() fyne.CanvasObject {
	r.counts = &widget.List{
		Length:     func() int { return len(r.rows) },
		CreateItem: func() fyne.CanvasObject { return widget.NewLabel("changes_requested: 000") },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(r.rows[id]) },
	}
	r.counts.ExtendBaseWidget(r.counts)
	r.refresh()
	soon := widget.NewLabel(lang.L("The review board, previews and approvals come with issue") + " #6.")
	soon.Importance = widget.WarningImportance
	return container.NewBorder(container.NewVBox(sectionTitle(lang.L("Pieces by state")), soon), nil, nil, nil, r.counts)
}

func (r *reviewScreen) refresh() {
	r.rows = r.rows[:0]
	for _, st := range store.States {
		ps, err := r.ws.Store.Pieces(context.Background(), store.PieceFilter{State: st})
		if err != nil {
			r.rows = append(r.rows, err.Error())
			break
		}
		r.rows = append(r.rows, fmt.Sprintf("%s: %d", lang.L(string(st)), len(ps)))
	}
	r.counts.Refresh()
}

// settingsScreen shows where Atelier keeps things and lets the user open
// another brand kit.
type settingsScreen struct {
	ws  *studio.Workspace
	win fyne.Window
}

func (s *settingsScreen) title() string       { return lang.L("Settings") }
func (s *settingsScreen) icon() fyne.Resource { return theme.SettingsIcon() }

func (s *settingsScreen) build() fyne.CanvasObject {
	data := widget.NewLabel(s.ws.DataDir)
	kit := widget.NewLabel(s.ws.KitDir)
	db := widget.NewLabel(s.ws.Store.Path())
	loc := widget.NewLabel(lang.SystemLocale().String())
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Data folder"), data),
		widget.NewFormItem(lang.L("Database"), db),
		widget.NewFormItem(lang.L("Brand kit folder"), kit),
		widget.NewFormItem(lang.L("Language"), loc),
	)
	hint := widget.NewLabel(lang.L("Set ATELIER_HOME to keep the data elsewhere. Start with --kit DIR to open another brand kit."))
	hint.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(sectionTitle(lang.L("Settings")), form, hint))
}

func sectionTitle(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func errorLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showError tells the user what went wrong. Safe from any goroutine.
func showError(win fyne.Window, err error) {
	fyne.Do(func() { dialog.ShowError(err, win) })
}
