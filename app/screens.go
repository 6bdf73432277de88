package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/packaging"
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

// reviewScreen lists the pieces with their state, text and brand check.
// The board with one column per state comes with the review issue (#6).
type reviewScreen struct {
	st       *Studio
	ws       *studio.Workspace
	win      fyne.Window
	note     *widget.Entry
	history  *historyPanel
	actions  *fyne.Container
	trail    *widget.Label
	selected int
	export   *widget.Button
	progress *widget.ProgressBar
	counts   *widget.Label
	list     *widget.List
	pieces   []store.Piece
	preview  *widget.RichText
	check    *checkPanel
	text     string
}

func (r *reviewScreen) title() string       { return lang.L("Review") }
func (r *reviewScreen) icon() fyne.Resource { return theme.ListIcon() }

func (r *reviewScreen) build() fyne.CanvasObject {
	r.counts = widget.NewLabel("")
	r.counts.Wrapping = fyne.TextWrapWord
	r.list = &widget.List{
		Length: func() int { return len(r.pieces) },
		CreateItem: func() fyne.CanvasObject {
			return widget.NewLabel("#0000 instagram · design-lovers · fr-FR · changes_requested")
		},
		UpdateItem: r.updateItem,
		OnSelected: r.onSelected,
	}
	r.list.ExtendBaseWidget(r.list)
	r.preview = widget.NewRichText()
	r.preview.Wrapping = fyne.TextWrapWord
	r.check = newCheckPanel(r.onFinding, nil)
	refresh := &widget.Button{Text: lang.L("Refresh"), Icon: theme.ViewRefreshIcon(), OnTapped: r.refresh}
	r.export = &widget.Button{Text: lang.L("Export approved…"), Icon: theme.UploadIcon(), OnTapped: r.onExport}
	audit := &widget.Button{Text: lang.L("Audit CSV…"), Icon: theme.DocumentIcon(), OnTapped: r.onAudit}
	r.progress = widget.NewProgressBar()
	r.progress.Hide()
	soon := widget.NewLabel(lang.L("The review board, previews and approvals come with issue") + " #6.")
	soon.Importance = widget.WarningImportance
	left := container.NewBorder(container.NewVBox(sectionTitle(lang.L("Pieces by state")), r.counts, soon,
		container.NewHBox(refresh, r.export, audit), r.progress), nil, nil, nil, r.list)
	r.note = widget.NewEntry()
	r.note.SetPlaceHolder(lang.L("Note for the author (needed to request changes)"))
	r.actions = container.NewHBox()
	r.trail = widget.NewLabel("")
	r.trail.Wrapping = fyne.TextWrapWord
	r.selected = -1
	decide := container.NewVBox(r.note, r.actions, r.trail)
	r.history = newHistoryPanel(r.st, func() { r.reselect() })
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Check"), r.check.object()),
		container.NewTabItem(lang.L("Versions"), r.history.versionsObject()),
		container.NewTabItem(lang.L("Comments"), r.history.commentsObject()),
	)
	right := container.NewVSplit(container.NewBorder(nil, decide, nil, nil, container.NewVScroll(r.preview)), tabs)
	r.refresh()
	return container.NewHSplit(left, right)
}

func (r *reviewScreen) refresh() {
	ctx := context.Background()
	ps, err := r.ws.Store.Pieces(ctx, store.PieceFilter{})
	if err != nil {
		r.counts.SetText(err.Error())
		return
	}
	r.pieces = ps
	n := map[store.State]int{}
	for _, p := range ps {
		n[p.State]++
	}
	var parts []string
	for _, st := range store.States {
		parts = append(parts, fmt.Sprintf("%s: %d", lang.L(string(st)), n[st]))
	}
	r.counts.SetText(strings.Join(parts, " · "))
	r.list.Refresh()
}

func (r *reviewScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	p := r.pieces[id]
	o.(*widget.Label).SetText(fmt.Sprintf("#%d %s · %s · %s · %s", p.ID, p.Platform, p.Persona, p.Language, lang.L(string(p.State))))
}

// onSelected shows the piece's latest version and its latest check.
func (r *reviewScreen) onSelected(id widget.ListItemID) {
	ctx := context.Background()
	p := r.pieces[id]
	r.selected = id
	r.showActions(p)
	r.history.show(p.ID)
	r.text = ""
	if v, err := r.ws.Store.LatestVersion(ctx, p.ID); err == nil {
		r.text = v.Text
	}
	highlighted(r.preview, r.text, -1, -1)
	cr, err := r.ws.Store.LatestCheck(ctx, p.ID)
	if err != nil {
		r.check.show(nil)
		return
	}
	rep := brandkit.Report{Score: cr.Score}
	if err := json.Unmarshal([]byte(cr.Findings), &rep.Findings); err != nil {
		r.check.show(nil)
		return
	}
	r.check.show(&rep)
}

func (r *reviewScreen) onFinding(f brandkit.Finding) { highlighted(r.preview, r.text, f.Start, f.End) }

var moveLabels = map[store.State]string{
	store.StateInReview: "Send to review", store.StateApproved: "Approve", store.StateChangesRequested: "Request changes",
	store.StateDraft: "Back to draft", store.StateRejected: "Reject",
}

// showActions offers the workflow's next moves for the piece and its audit
// trail.
func (r *reviewScreen) showActions(p store.Piece) {
	r.actions.Objects = nil
	for _, to := range studio.Next(p.State) {
		if to == store.StateExported {
			continue // exporting is the bundle's job
		}
		to := to
		b := &widget.Button{Text: lang.L(moveLabels[to]), OnTapped: func() { r.move(p.ID, to, "") }}
		if to == store.StateApproved {
			b.Importance = widget.HighImportance
		}
		r.actions.Add(b)
	}
	r.actions.Refresh()
	var lines []string
	if trs, err := r.ws.Store.Transitions(context.Background(), p.ID); err == nil {
		for _, t := range trs {
			line := fmt.Sprintf("%s · %s: %s → %s", t.At.Local().Format("02/01 15:04"), t.Who, lang.L(string(t.From)), lang.L(string(t.To)))
			if t.Note != "" {
				line += " — " + t.Note
			}
			if t.OverrideReason != "" {
				line += " (" + lang.L("override") + ": " + t.OverrideReason + ")"
			}
			lines = append(lines, line)
		}
	}
	r.trail.SetText(strings.Join(lines, "\n"))
}

// move runs a workflow move as the current user; an approval that needs an
// override asks for the reason first.
func (r *reviewScreen) move(pieceID int64, to store.State, override string) {
	_, err := r.ws.Move(context.Background(), pieceID, to, r.st.user(), r.note.Text, override)
	switch {
	case errors.Is(err, studio.ErrOverrideNeeded):
		reason := widget.NewMultiLineEntry()
		dialog.ShowForm(lang.L("Approve anyway?"), lang.L("Approve"), lang.L("Cancel"), []*widget.FormItem{
			widget.NewFormItem(lang.L("Why"), reason)}, func(ok bool) {
			if ok && strings.TrimSpace(reason.Text) != "" {
				r.move(pieceID, to, reason.Text)
			}
		}, r.win)
		return
	case err != nil:
		showError(r.win, err)
		return
	}
	r.note.SetText("")
	r.reselect()
}

// reselect reloads the list and shows the selected piece again.
func (r *reviewScreen) reselect() {
	sel := r.selected
	r.refresh()
	if sel >= 0 && sel < len(r.pieces) {
		r.onSelected(sel)
	}
}

// onAudit saves the timeline of the selected piece's campaign as CSV.
func (r *reviewScreen) onAudit() {
	if r.selected < 0 || r.selected >= len(r.pieces) {
		showError(r.win, errors.New(lang.L("Select a piece of the campaign first.")))
		return
	}
	campaign := r.pieces[r.selected].CampaignID
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				showError(r.win, err)
			}
			return
		}
		defer w.Close()
		events, err := r.ws.Audit(context.Background(), campaign)
		if err == nil {
			err = studio.WriteAuditCSV(w, events)
		}
		if err != nil {
			showError(r.win, err)
		}
	}, r.win)
	d.SetFileName(fmt.Sprintf("audit-campaign-%d.csv", campaign))
	d.Show()
}

// onExport asks for a folder and exports every campaign that has approved
// pieces into it, one bundle each, with a progress bar.
func (r *reviewScreen) onExport() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			if err != nil {
				showError(r.win, err)
			}
			return
		}
		r.exportTo(u.Path())
	}, r.win)
}

func (r *reviewScreen) exportTo(dir string) {
	r.export.Disable()
	r.progress.SetValue(0)
	r.progress.Show()
	go func() {
		ctx := context.Background()
		camps, err := r.ws.Store.Campaigns(ctx)
		var done []string
		for _, c := range camps {
			if err != nil {
				break
			}
			out := filepath.Join(dir, fmt.Sprintf("%s-%d-%s", packaging.Slug(c.Name), c.ID, time.Now().Format("20060102-150405")))
			_, e := packaging.ExportCampaign(ctx, r.ws, packaging.ExportOptions{CampaignID: c.ID, Out: out, Who: "studio"},
				func(_ string, f float64) { fyne.Do(func() { r.progress.SetValue(f) }) })
			switch {
			case errors.Is(e, packaging.ErrNothingApproved):
			case e != nil:
				err = e
			default:
				done = append(done, out)
			}
		}
		fyne.Do(func() {
			r.export.Enable()
			r.progress.Hide()
			r.refresh()
			switch {
			case err != nil:
				showError(r.win, err)
			case len(done) == 0:
				dialog.ShowInformation(lang.L("Nothing to export"), lang.L("No piece is approved yet."), r.win)
			default:
				dialog.ShowInformation(lang.L("Exported"), strings.Join(done, "\n"), r.win)
			}
		})
	}()
}

// settingsScreen shows where Atelier keeps things and who is using it.
type settingsScreen struct {
	st *Studio
}

func (s *settingsScreen) title() string       { return lang.L("Settings") }
func (s *settingsScreen) icon() fyne.Resource { return theme.SettingsIcon() }

func (s *settingsScreen) build() fyne.CanvasObject {
	ws := s.st.ws
	u := s.st.user()
	name := &widget.Entry{Text: u.Name}
	role := widget.NewSelect(roleNames(), nil)
	role.SetSelected(string(u.Role))
	save := &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), OnTapped: func() {
		s.st.setUser(studio.User{Name: name.Text, Role: studio.Role(role.Selected)})
	}}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Your name"), name),
		widget.NewFormItem(lang.L("Role"), container.NewHBox(role, save)),
		widget.NewFormItem(lang.L("Data folder"), widget.NewLabel(ws.DataDir)),
		widget.NewFormItem(lang.L("Database"), widget.NewLabel(ws.Store.Path())),
		widget.NewFormItem(lang.L("Brand kit folder"), widget.NewLabel(ws.KitDir)),
		widget.NewFormItem(lang.L("Language"), widget.NewLabel(lang.SystemLocale().String())),
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
