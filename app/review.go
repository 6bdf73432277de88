package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/disintegration/imaging"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/packaging"
	"atelier/studio"
	"atelier/studio/platform"
)

// reviewScreen is the review board: one column per workflow state, filters
// and full-text search above, and the selected piece below with its text,
// the moves its state allows, its check, versions and comments.
type reviewScreen struct {
	st  *Studio
	ws  *studio.Workspace
	win fyne.Window

	search                      *widget.Entry
	campaign, platform, persona *widget.Select
	language, author            *widget.Select
	campaignIDs                 map[string]int64 // campaign filter label → id
	platforms, personas         choices          // the filters' names and ids
	empty                       *fyne.Container  // over the board while it is empty
	campaigns                   []studio.Campaign
	kitNote                     *widget.Button // opens the chosen campaign's kit when it is not the one in force
	emptyMsg                    *widget.Label
	emptyBtn                    *widget.Button
	languages                   choices
	generation                  int // of the latest refresh; older results are dropped
	searchMu                    sync.Mutex
	searchTimer                 *time.Timer
	cols                        map[studio.State][]studio.Piece
	lists                       map[studio.State]*widget.List
	counts                      *widget.Label
	current                     studio.Piece
	preview                     *widget.RichText
	mockup                      *postPreview
	edit                        *textEditor         // the latest text, to edit or to suggest an edit of
	scrolls                     []*container.Scroll // the piece's views, back to the top for another piece
	shown                       int64               // the piece the detail shows
	rendersShown                <-chan struct{}     // closed when the mock-up has the piece's renders
	check                       *checkPanel
	history                     *historyPanel
	note                        *widget.Entry
	actions                     *fyne.Container
	trail                       *widget.Label
	export                      *widget.Button
	progress                    *widget.ProgressBar
	text                        string
	marked                      [2]int // the text range a finding marks; -1 when none
}

func (r *reviewScreen) title() string       { return lang.L("Review") }
func (r *reviewScreen) icon() fyne.Resource { return theme.ListIcon() }

const anyFilter = "—"

// build lays out the Review screen: the filters, the board's columns, the
// selected piece and its actions.
func (r *reviewScreen) build() fyne.CanvasObject {
	r.cols = map[studio.State][]studio.Piece{}
	r.lists = map[studio.State]*widget.List{}
	filters := r.filterBar()
	split := r.st.split("review", false, r.board(), r.detail(), 0.45)
	r.addShortcuts()
	r.refresh()
	return container.NewBorder(filters, nil, nil, nil, split)
}

// filterBar is the search, the labelled filters, the export and audit
// buttons, and the counts.
func (r *reviewScreen) filterBar() fyne.CanvasObject {
	r.search = widget.NewEntry()
	r.search.SetPlaceHolder(lang.L("Search briefs and texts"))
	r.search.OnChanged = r.onSearchChanged
	r.campaign = widget.NewSelect(nil, r.onCampaign)
	r.kitNote = &widget.Button{Icon: theme.ColorPaletteIcon(), OnTapped: r.openCampaignKit}
	r.kitNote.Hide()
	n := names{r.ws}
	var personas, langs []string
	if k := r.ws.Kit(); k != nil {
		for _, p := range k.Personas {
			personas = append(personas, p.ID)
		}
		langs = k.Identity.Languages
	}
	r.platforms = newChoices(r.ws.Registry().IDs(), n.platform)
	r.personas = newChoices(personas, n.persona)
	r.languages = newChoices(langs, n.language)
	r.platform = widget.NewSelect(append([]string{anyFilter}, r.platforms.names...), r.onFilter)
	r.persona = widget.NewSelect(append([]string{anyFilter}, r.personas.names...), r.onFilter)
	r.language = widget.NewSelect(append([]string{anyFilter}, r.languages.names...), r.onFilter)
	r.author = widget.NewSelect([]string{anyFilter}, r.onFilter)
	filter := func(label string, s *widget.Select) fyne.CanvasObject {
		s.PlaceHolder = anyFilter
		l := widget.NewLabel(lang.L(label))
		l.TextStyle.Bold = true
		return container.NewBorder(nil, nil, l, nil, s)
	}
	r.counts = widget.NewLabel("")
	r.counts.Wrapping = fyne.TextWrapWord
	refresh := &widget.Button{Icon: theme.ViewRefreshIcon(), OnTapped: func() { r.refresh() }}
	r.export = &widget.Button{Text: lang.L("Export approved…"), Icon: theme.UploadIcon(), OnTapped: r.onExport}
	audit := &widget.Button{Text: lang.L("Audit CSV…"), Icon: theme.DocumentIcon(), OnTapped: r.onAudit}
	r.progress = widget.NewProgressBar()
	r.progress.Hide()
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(refresh, r.export, audit), r.search),
		container.NewGridWithColumns(3, filter("Campaign", r.campaign), filter("Platform", r.platform), filter("Persona", r.persona)),
		container.NewGridWithColumns(3, filter("Language", r.language), filter("Author", r.author), layout.NewSpacer()),
		r.kitNote,
		r.counts,
		r.progress)
}

// board is a column of pieces per workflow state, with what to do when
// it is empty.
func (r *reviewScreen) board() fyne.CanvasObject {
	var columns []fyne.CanvasObject
	for _, st := range studio.States {
		title := sectionTitle(lang.L(string(st)))
		title.Truncation = fyne.TextTruncateEllipsis // six columns share a laptop's width
		columns = append(columns, container.NewBorder(title, nil, nil, nil, r.column(st)))
	}
	r.emptyBtn = &widget.Button{Importance: widget.HighImportance}
	r.empty, r.emptyMsg = emptyState("", r.emptyBtn)
	r.empty.Hide()
	return container.NewStack(container.NewGridWithColumns(len(columns), columns...), r.empty)
}

// detail is the selected piece: as the platform shows it and as text, the
// note and the moves, and its check, versions, comments and audit.
func (r *reviewScreen) detail() fyne.CanvasObject {
	r.preview = widget.NewRichText()
	r.preview.Wrapping = fyne.TextWrapWord
	r.check = newCheckPanel(r.ws.Registry(), r.onFinding, r.onApplyFix)
	r.history = newHistoryPanel(r.st, r.reselect)
	r.history.anchor = r.anchorJSON
	r.note = widget.NewEntry()
	r.note.SetPlaceHolder(lang.L("Note for the author (needed to request changes)"))
	r.actions = container.NewHBox()
	r.trail = widget.NewLabel("")
	r.trail.Wrapping = fyne.TextWrapWord
	keys := widget.NewLabel(lang.L("Keys: Ctrl+Enter approve · Ctrl+R request changes · Ctrl+J next"))
	keys.Importance = widget.LowImportance
	decide := container.NewVBox(r.note, r.actions, keys)
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Check"), r.check.object()),
		container.NewTabItem(lang.L("Versions"), r.history.versionsObject()),
		container.NewTabItem(lang.L("Comments"), r.history.commentsObject()),
		container.NewTabItem(lang.L("Audit"), container.NewVScroll(r.trail)),
	)
	r.mockup = newPostPreview(r.ws.Kit())
	r.edit = newTextEditor(r.ws.Kit, r.check.show, r.onSaveEdit, r.onSuggest)
	r.scrolls = []*container.Scroll{container.NewVScroll(container.NewPadded(r.mockup)), container.NewVScroll(r.preview)}
	views := container.NewAppTabs(
		container.NewTabItem(lang.L("Preview"), r.scrolls[0]),
		container.NewTabItem(lang.L("Text"), r.scrolls[1]),
		container.NewTabItem(lang.L("Edit"), r.edit.object()),
	)
	return r.st.split("review.detail", true, container.NewBorder(nil, decide, nil, nil, views), tabs, 0.5)
}

// column is one state's list of pieces.
func (r *reviewScreen) column(st studio.State) *widget.List {
	l := &widget.List{
		Length: func() int { return len(r.cols[st]) },
		CreateItem: func() fyne.CanvasObject {
			l := widget.NewLabel("#00000 Instagram · Design lovers\nfrançais (France)")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			p := r.cols[st][id]
			n := names{r.ws}
			o.(*widget.Label).SetText(fmt.Sprintf("#%d %s · %s\n%s", p.ID, n.platform(p.Platform), n.persona(p.Persona), n.language(p.Language)))
		},
		OnSelected: func(id widget.ListItemID) { r.showPiece(r.cols[st][id]) },
	}
	l.ExtendBaseWidget(l)
	r.lists[st] = l
	return l
}

func (r *reviewScreen) onFilter(string) { r.refresh() }

// onCampaign filters by the campaign and, when it was made with another
// brand kit than the one in force, offers to open that kit.
func (r *reviewScreen) onCampaign(label string) {
	r.kitNote.Hide()
	id := r.campaignIDs[label]
	for _, c := range r.campaigns {
		if k := r.ws.Kit(); c.ID == id && k != nil && c.KitName != "" && c.KitName != k.Identity.Name {
			r.kitNote.SetText(fmt.Sprintf(lang.L("This campaign belongs to the kit %s: open it"), c.KitName))
			r.kitNote.Show()
		}
	}
	r.refresh()
}

// openCampaignKit opens the installed kit of the chosen campaign.
func (r *reviewScreen) openCampaignKit() {
	id := r.campaignIDs[r.campaign.Selected]
	var name string
	for _, c := range r.campaigns {
		if c.ID == id {
			name = c.KitName
		}
	}
	goBackground(func() {
		list, err := packaging.InstalledKits(filepath.Join(r.ws.DataDir(), "kits"), r.ws.KitOptions())
		onUI(func() {
			for _, ik := range list {
				if err == nil && ik.Name == name {
					r.ws.OpenKit(ik.Dir) // the studio rebuilds its screens on the kit
					return
				}
			}
			showError(r.win, said(fmt.Sprintf(lang.L("The kit %s is not installed in the data folder; import it on the Brand kit screen."), name)))
		})
	})
}

func chosen(s *widget.Select) string {
	if s.Selected == anyFilter {
		return ""
	}
	return s.Selected
}

// refresh reloads the board with the filters and the search applied, off
// the UI goroutine; the channel closes once the board shows the result.
func (r *reviewScreen) refresh() <-chan struct{} {
	f := studio.BoardFilter{Platform: r.platforms.ids[r.platform.Selected], Persona: r.personas.ids[r.persona.Selected],
		Language: r.languages.ids[r.language.Selected], Author: chosen(r.author),
		CampaignID: r.campaignIDs[r.campaign.Selected], Query: r.search.Text}
	done := make(chan struct{})
	r.generation++
	gen := r.generation
	goBackground(func() {
		board, err := r.ws.Board(context.Background(), f)
		onUI(func() {
			defer close(done)
			if gen != r.generation {
				return // a later refresh, with newer filters, shows the board
			}
			if err != nil {
				r.counts.SetText(sentence(err))
				return
			}
			r.showBoard(board)
		})
	})
	return done
}

// onSearchChanged refreshes the board once typing pauses for 250 ms, not
// at every keystroke.
func (r *reviewScreen) onSearchChanged(string) {
	r.searchMu.Lock()
	defer r.searchMu.Unlock()
	if r.searchTimer != nil {
		r.searchTimer.Stop()
	}
	r.searchTimer = time.AfterFunc(250*time.Millisecond, func() { onUI(func() { r.refresh() }) })
}

func (r *reviewScreen) showBoard(b studio.Board) {
	names := []string{anyFilter}
	r.campaignIDs = map[string]int64{}
	r.campaigns = b.Campaigns
	for _, c := range b.Campaigns {
		name := fmt.Sprintf("%s (%d)", c.Name, c.ID)
		names = append(names, name)
		r.campaignIDs[name] = c.ID
	}
	r.campaign.Options = names
	var parts []string
	for _, st := range studio.States {
		r.cols[st] = b.Columns[st]
		r.lists[st].UnselectAll()
		r.lists[st].Refresh()
		parts = append(parts, labelled(lang.L(string(st)), fmt.Sprint(len(b.Columns[st]))))
	}
	r.author.Options = append([]string{anyFilter}, b.Authors...)
	r.counts.SetText(strings.Join(parts, " · "))
	r.showEmpty(b)
}

// showEmpty says, over an empty board, why it is empty and what to do:
// clear the filters, or draft a brief in Compose.
func (r *reviewScreen) showEmpty(b studio.Board) {
	n := 0
	for _, ps := range b.Columns {
		n += len(ps)
	}
	filtered := r.search.Text != ""
	for _, s := range []*widget.Select{r.campaign, r.platform, r.persona, r.language, r.author} {
		filtered = filtered || (s.Selected != "" && s.Selected != anyFilter)
	}
	switch {
	case n > 0:
		r.empty.Hide()
		return
	case filtered:
		r.emptyMsg.SetText(lang.L("No piece matches these filters or this search."))
		r.emptyBtn.SetText(lang.L("Clear the filters"))
		r.emptyBtn.OnTapped = r.clearFilters
	default:
		r.emptyMsg.SetText(lang.L("No piece to review yet. Draft a brief in Compose: its pieces land here as drafts, then go to review, approval and export."))
		r.emptyBtn.SetText(lang.L("Go to Compose"))
		r.emptyBtn.OnTapped = func() { r.st.nav.Select(screenIndex[*composeScreen](r.st)) }
	}
	r.empty.Show()
}

// clearFilters shows every piece again.
func (r *reviewScreen) clearFilters() {
	r.search.SetText("")
	for _, s := range []*widget.Select{r.campaign, r.platform, r.persona, r.language, r.author} {
		s.Selected = ""
		s.Refresh()
	}
	r.refresh()
}

// loadRenders puts the piece's rendered images in the mock-up, read off the
// UI goroutine; the channel closes when they are shown.
func (r *reviewScreen) loadRenders(pieceID int64) <-chan struct{} {
	done := make(chan struct{})
	goBackground(func() {
		defer close(done)
		stored, _ := r.ws.Renders(context.Background(), pieceID) // an error: the mock-up keeps its empty frames; the Images tab says what failed
		renders := map[string]image.Image{}
		for _, s := range stored {
			if s.Image != nil {
				renders[s.Placement.ID] = imaging.Fit(s.Image, 600, 600, imaging.Linear)
			}
		}
		video, cover := r.videoCover(pieceID)
		onUIAndWait(func() {
			if r.current.ID != pieceID {
				return
			}
			r.mockup.SetRenders(renders)
			if cover != nil {
				r.mockup.SetVideo(video, cover)
			}
		})
	})
	return done
}

// videoCover is the piece's newest clip's placement and cover, read for the
// mock-up; a nil cover when it has none.
func (r *reviewScreen) videoCover(pieceID int64) (platform.VideoPlacement, image.Image) {
	vids, err := r.ws.Videos(context.Background(), pieceID)
	if err != nil || len(vids) == 0 {
		return platform.VideoPlacement{}, nil
	}
	v, ok := r.ws.Registry().VideoPlacement(vids[0].Asset.Placement)
	data, err := os.ReadFile(vids[0].Cover())
	if !ok || err != nil {
		return v, nil
	}
	img, _, err := assets.DecodeImage(vids[0].Cover(), data, assets.DefaultMaxPixels)
	if err != nil {
		return v, nil
	}
	return v, imaging.Fit(img, 600, 600, imaging.Linear)
}

// showPiece shows a piece's latest version, its check, history and moves,
// read off the UI goroutine.
func (r *reviewScreen) showPiece(p studio.Piece) {
	r.current = p
	r.marked = [2]int{-1, -1}
	goBackground(func() {
		d, err := r.ws.PieceDetail(context.Background(), p.ID)
		onUI(func() {
			switch {
			case r.current.ID != p.ID: // another piece was selected meanwhile
			case err != nil:
				showError(r.win, err)
			default:
				r.showDetail(d)
			}
		})
	})
}

func (r *reviewScreen) showDetail(d studio.PieceDetail) {
	p := d.Piece
	if p.ID != r.shown {
		for _, s := range r.scrolls {
			s.ScrollToTop()
		}
	}
	r.current, r.shown = p, p.ID
	r.showActions(p, d.Transitions)
	r.history.load(p.ID, d.Versions, d.Comments)
	r.text = d.Latest.Text
	highlighted(r.preview, r.text, -1, -1)
	r.edit.load(r.text, d.Target.Platform, studio.TextTarget(d.Target))
	if plat, ok := r.ws.Registry().Get(p.Platform); ok {
		r.mockup.SetPost(plat, r.text)
		r.rendersShown = r.loadRenders(p.ID)
	}
	r.check.show(d.Report) // nil, shown as "not checked", when it never was
}

// addShortcuts binds the review keys; they act only while Review is shown.
func (r *reviewScreen) addShortcuts() {
	on := func(key fyne.KeyName, mod fyne.KeyModifier, f func()) {
		r.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) {
			if _, ok := r.st.screens[r.st.current].(*reviewScreen); ok && r.current.ID != 0 {
				f()
			}
		})
	}
	on(fyne.KeyReturn, fyne.KeyModifierShortcutDefault, func() { r.move(r.current.ID, studio.StateApproved, "") })
	on(fyne.KeyR, fyne.KeyModifierShortcutDefault, func() { r.move(r.current.ID, studio.StateChangesRequested, "") })
	on(fyne.KeyJ, fyne.KeyModifierShortcutDefault, r.next)
}

// next selects the piece after the current one in its column.
func (r *reviewScreen) next() {
	col := r.cols[r.current.State]
	for i, p := range col {
		if p.ID == r.current.ID && i+1 < len(col) {
			r.lists[r.current.State].Select(i + 1)
			return
		}
	}
}

func (r *reviewScreen) onFinding(f brandkit.Finding) {
	r.marked = [2]int{f.Start, f.End}
	highlighted(r.preview, r.text, f.Start, f.End)
}

// anchorJSON ties a new comment to the text range marked by the selected
// finding, if any.
func (r *reviewScreen) anchorJSON() string {
	if r.marked[0] < 0 || r.marked[1] <= r.marked[0] {
		return ""
	}
	return fmt.Sprintf(`{"start":%d,"end":%d}`, r.marked[0], r.marked[1])
}

var moveLabels = map[studio.State]string{
	studio.StateInReview: "Send to review", studio.StateApproved: "Approve", studio.StateChangesRequested: "Request changes",
	studio.StateDraft: "Back to draft", studio.StateRejected: "Reject",
}

// showActions offers the workflow's next moves for the piece and its audit
// trail.
func (r *reviewScreen) showActions(p studio.Piece, trs []studio.Transition) {
	r.actions.Objects = nil
	denied := false
	for _, to := range studio.Next(p.State) {
		if to == studio.StateExported {
			continue // exporting is the bundle's job
		}
		to := to
		b := &widget.Button{Text: lang.L(moveLabels[to]), OnTapped: func() { r.move(p.ID, to, "") }}
		if to == studio.StateApproved {
			b.Importance = widget.HighImportance
		}
		if r.st.user().MayMoveTo(to) != nil {
			b.Disable() // the role cannot; the line below says why
			denied = true
		}
		r.actions.Add(b)
	}
	if denied {
		why := widget.NewLabel(lang.L("Reviewers and brand owners approve, request changes and reject; say your role in Settings."))
		why.Importance = widget.LowImportance
		why.Truncation = fyne.TextTruncateEllipsis
		r.actions.Add(why)
	}
	r.actions.Refresh()
	var lines []string
	for _, t := range trs {
		line := fmt.Sprintf("%s · %s: %s → %s", t.At.Local().Format("02/01 15:04"), t.Who, lang.L(string(t.From)), lang.L(string(t.To)))
		if t.Note != "" {
			line += " — " + t.Note
		}
		if t.OverrideReason != "" {
			line += " (" + labelled(lang.L("override"), t.OverrideReason) + ")"
		}
		lines = append(lines, line)
	}
	r.trail.SetText(strings.Join(lines, "\n"))
}

// move runs a workflow move as the current user; an approval that needs an
// override asks for the reason first.
func (r *reviewScreen) move(pieceID int64, to studio.State, override string) {
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

// reselect reloads the board and shows the selected piece again, in its
// new column.
func (r *reviewScreen) reselect() {
	r.refresh()
	if r.current.ID != 0 {
		r.showPiece(r.current) // showPiece reads its new state
	}
}

// onApplyFix applies a finding's fix to the selected piece as a new
// version in the user's name, then shows the piece again.
func (r *reviewScreen) onApplyFix(f brandkit.Finding) {
	p := r.current
	if p.ID == 0 {
		return
	}
	composer := &studio.Composer{WS: r.ws, User: r.st.user()}
	goBackground(func() {
		_, _, err := composer.ApplyFix(context.Background(), p.ID, f)
		onUI(func() {
			if err != nil {
				showError(r.win, err)
				return
			}
			r.showPiece(p)
		})
	})
}

// onAudit saves the timeline of the selected piece's campaign as CSV.
func (r *reviewScreen) onAudit() {
	if r.current.ID == 0 {
		showError(r.win, said(lang.L("Select a piece of the campaign first.")))
		return
	}
	campaign := r.current.CampaignID
	saveFile(r.win, fmt.Sprintf("audit-campaign-%d.csv", campaign), func(path string) {
		goBackground(func() {
			if err := writeAudit(r.ws, campaign, path); err != nil {
				showError(r.win, err)
			}
		})
	})
}

// writeAudit writes a campaign's timeline as CSV at path.
func writeAudit(ws *studio.Workspace, campaign int64, path string) error {
	events, err := ws.Audit(context.Background(), campaign)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := studio.WriteAuditCSV(f, events); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (r *reviewScreen) exportTo(dir string, opt packaging.ExportOptions) {
	r.export.Disable()
	r.progress.SetValue(0)
	r.progress.Show()
	opt.User = r.st.user()
	goBackground(func() {
		done, err := packaging.ExportAll(context.Background(), r.ws, dir, opt,
			func(_ string, f float64) { onUI(func() { r.progress.SetValue(f) }) })
		onUI(func() {
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
	})
}

// onSaveEdit keeps the edited text as the piece's new version in the
// user's name.
func (r *reviewScreen) onSaveEdit(text string) {
	p := r.current
	composer := &studio.Composer{WS: r.ws, User: r.st.user()}
	goBackground(func() {
		_, _, err := composer.SaveText(context.Background(), p.ID, text, "edit")
		onUI(func() {
			if err != nil {
				r.edit.failed()
				showError(r.win, err)
				return
			}
			r.reselect()
		})
	})
}

// onSuggest sends the edited text to the piece's author as a suggestion,
// with the note as its reason; the piece's text is left as it was.
func (r *reviewScreen) onSuggest(text string) {
	p, note := r.current, strings.TrimSpace(r.note.Text)
	if note == "" {
		note = lang.L("Suggested edit")
	}
	goBackground(func() {
		_, err := r.ws.Suggest(context.Background(), r.st.user(), p.ID, text, note)
		onUI(func() {
			if err != nil {
				r.edit.failed()
				showError(r.win, err)
				return
			}
			r.note.SetText("")
			r.showPiece(p)
		})
	})
}
