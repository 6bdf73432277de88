package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/ollama"
)

// card is one variant in the grid. The composing goroutine writes it under
// mu; the UI reads it every 100 ms.
type card struct {
	target  studio.Target
	pieceID int64
	status  string
	text    string
	count   int
	report  *brandkit.Report
	origin  studio.Origin
	err     error
}

// composeScreen is the brief form and the grid of variants filling in live.
type composeScreen struct {
	st *Studio

	topic, message, cta, link *widget.Entry
	personas, platforms       *widget.CheckGroup
	languages                 *widget.CheckGroup
	personaChoices            choices // the check groups show names; the brief takes ids
	platformChoices           choices
	languageChoices           choices
	translations              map[string]briefText // the brief in the kit's other languages, by tag
	actions                   choices              // the edit actions by name
	draftBtn, cancelBtn       *widget.Button
	mode                      *widget.Label
	models                    *modelPanel     // the way forward when the model cannot draft
	empty                     *fyne.Container // over the cards until the first draft
	grid                      *widget.GridWrap
	progress                  *widget.ProgressBar
	action                    *widget.Select
	toLang                    *widget.Select
	edit                      *textEditor // the selected variant's text, editable
	applyBtn                  *widget.Button
	check                     *checkPanel
	audio                     *audioPanel
	images                    *variantsPanel
	video                     *videoPanel
	preview                   *widget.RichText

	mu       sync.Mutex
	cards    []*card
	dirty    bool
	selected int
	cancel   context.CancelFunc
	running  bool
}

func newComposeScreen(st *Studio) *composeScreen { return &composeScreen{st: st, selected: -1} }

func (c *composeScreen) title() string       { return lang.L("Compose") }
func (c *composeScreen) icon() fyne.Resource { return theme.DocumentCreateIcon() }

// briefForm is the brief's fields, filled with the sample brief, and its
// personas, platforms and languages by name.
func (c *composeScreen) briefForm() *widget.Form {
	ws := c.st.ws
	b := studio.SampleBrief(0)
	c.topic = &widget.Entry{Text: b.Topic}
	c.message = &widget.Entry{Text: b.KeyMessage, MultiLine: true, Wrapping: fyne.TextWrapWord}
	c.message.SetMinRowsVisible(3)
	c.cta = &widget.Entry{Text: b.CTA}
	c.link = &widget.Entry{Text: b.Link}
	var personaIDs, langs []string
	if ws.Kit() != nil {
		for _, p := range ws.Kit().Personas {
			personaIDs = append(personaIDs, p.ID)
		}
		langs = ws.Kit().Identity.Languages
	}
	n := names{ws}
	c.personaChoices, c.platformChoices, c.languageChoices = newChoices(personaIDs, n.persona), newChoices(ws.Registry().IDs(), n.platform), newChoices(langs, n.language)
	c.personas = widget.NewCheckGroup(c.personaChoices.names, nil)
	c.personas.SetSelected(c.personaChoices.names)
	c.platforms = widget.NewCheckGroup(c.platformChoices.names, nil)
	c.platforms.SetSelected(c.platformChoices.namesOf(b.Platforms))
	c.languages = widget.NewCheckGroup(c.languageChoices.names, nil)
	c.languages.SetSelected(c.languageChoices.names)
	return widget.NewForm(
		widget.NewFormItem(lang.L("Topic"), c.topic),
		widget.NewFormItem(lang.L("Key message"), c.message),
		widget.NewFormItem(lang.L("Call to action"), c.cta),
		widget.NewFormItem(lang.L("Link"), c.link),
		widget.NewFormItem(lang.L("In other languages"), c.translationsForm(b)),
		widget.NewFormItem(lang.L("Personas"), c.personas),
		widget.NewFormItem(lang.L("Platforms"), c.platforms),
		widget.NewFormItem(lang.L("Languages"), c.languages),
	)
}

// build lays out the Compose screen: the brief's form, the drafting
// controls and the cards.
func (c *composeScreen) build() fyne.CanvasObject {
	form := c.briefForm()
	c.draftBtn = &widget.Button{Text: lang.L("Draft"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance, OnTapped: c.onDraft}
	c.cancelBtn = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: c.onCancel}
	c.cancelBtn.Disable()
	c.mode = widget.NewLabel("")
	c.mode.Wrapping = fyne.TextWrapWord
	c.models = newModelPanel(c.st, c.refreshMode)
	c.st.session.whenReady(c.refreshMode)

	left := container.NewBorder(sectionTitle(lang.L("Brief")), container.NewVBox(c.models.box, c.mode, container.NewHBox(c.cancelBtn, layout.NewSpacer(), c.draftBtn)), nil, nil,
		container.NewVScroll(form))

	c.grid = &widget.GridWrap{Length: c.length, CreateItem: newVariantCard, UpdateItem: c.updateCard, OnSelected: c.onCardSelected}
	c.grid.ExtendBaseWidget(c.grid)
	c.progress = widget.NewProgressBar()
	c.progress.Hide()
	var actions []string
	for _, a := range studio.EditActions {
		actions = append(actions, string(a))
	}
	c.actions = newChoices(actions, actionName)
	c.action = widget.NewSelect(c.actions.names, nil)
	c.action.SetSelected(actionName(string(studio.ActionShorter)))
	c.toLang = widget.NewSelect(c.languageChoices.names, nil)
	c.toLang.PlaceHolder = lang.L("to language")
	c.applyBtn = &widget.Button{Text: lang.L("Apply to selected"), Icon: theme.ViewRefreshIcon(), OnTapped: c.onApply}
	c.applyBtn.Disable()
	actionBar := container.NewHBox(widget.NewLabel(lang.L("Edit")), c.action, c.toLang, c.applyBtn)
	c.check = newCheckPanel(c.st.ws.Registry(), c.onFindingSelected, c.onApplyFix)
	c.preview = widget.NewRichText()
	c.preview.Wrapping = fyne.TextWrapWord
	c.audio = newAudioPanel(c.st)
	c.images = newVariantsPanel(c.st)
	c.video = newVideoPanel(c.st)
	// The Images, Audio and Video panels scroll, so that they never make
	// the window taller than a laptop's screen.
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("Check"), c.check.object()), container.NewTabItem(lang.L("Images"), container.NewVScroll(c.images.object())),
		container.NewTabItem(lang.L("Audio"), container.NewVScroll(c.audio.object())), container.NewTabItem(lang.L("Video"), container.NewVScroll(c.video.object())))
	c.edit = newTextEditor(c.st.ws.Kit, c.check.show, c.onSaveEdit, nil)
	editor := container.NewAppTabs(
		container.NewTabItem(lang.L("Text"), c.edit.object()),
		container.NewTabItem(lang.L("Marked"), container.NewVScroll(c.preview)),
	)
	detail := c.st.split("compose.detail", true, editor, tabs, 0.4)
	c.empty, _ = emptyState(lang.L("Your drafts appear here: one card per platform, persona and language of the brief, each checked against the brand kit."),
		&widget.Button{Text: lang.L("Draft"), Icon: theme.MailSendIcon(), OnTapped: c.onDraft})
	grid := container.NewBorder(container.NewVBox(sectionTitle(lang.L("Variants")), c.progress), actionBar, nil, nil, container.NewStack(c.grid, c.empty))
	right := c.st.split("compose.cards", false, grid, detail, 0.62)
	split := c.st.split("compose", true, left, right, 0.33)
	go c.refreshLoop()
	return split
}

// refreshMode asks the server, off the UI goroutine, whether the default
// model can draft, shows the way forward when it cannot, and says which
// drafter Draft will use.
func (c *composeScreen) refreshMode() {
	c.st.checkModel(func(state ollama.ServerState) {
		conn, _, _ := c.st.session.state()
		c.models.show(conn, state)
		if conn != nil && state.Readiness(c.st.model()) == ollama.Cold {
			c.st.warmModel(conn, c.st.model())
		}
		goBackground(func() {
			label := drafterLabel(c.st.drafter(context.Background()))
			onUI(func() { c.mode.SetText(label) })
		})
	})
}

func (c *composeScreen) length() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cards)
}

// newVariantCard is one variant: its target, status, text, count and badge.
func newVariantCard() fyne.CanvasObject {
	head := widget.NewLabelWithStyle("Instagram · Design lovers · français", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel("drafting…")
	status.Truncation = fyne.TextTruncateEllipsis // the whole error is in the text area
	text := widget.NewLabel("")
	text.Wrapping = fyne.TextWrapWord
	text.Truncation = fyne.TextTruncateEllipsis
	count := widget.NewLabel("0 / 280")
	badge := widget.NewLabel("100/100 · 2 errors")
	box := container.NewBorder(container.NewVBox(head, status), container.NewHBox(count, layout.NewSpacer(), badge), nil, nil, text)
	return container.NewGridWrap(fyne.NewSize(360, 210), box)
}

func (c *composeScreen) updateCard(id widget.GridWrapItemID, o fyne.CanvasObject) {
	c.mu.Lock()
	if id >= len(c.cards) {
		c.mu.Unlock()
		return
	}
	cd := *c.cards[id]
	c.mu.Unlock()
	box := o.(*fyne.Container).Objects[0].(*fyne.Container)
	top := box.Objects[1].(*fyne.Container)
	bottom := box.Objects[2].(*fyne.Container)
	text := box.Objects[0].(*widget.Label)
	top.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", cd.target.Platform.Name, names{c.st.ws}.persona(cd.target.Persona.ID), names{c.st.ws}.language(cd.target.Language)))
	status := cd.status
	if cd.origin == studio.OriginTemplate {
		status += " · " + lang.L("template")
	}
	st := top.Objects[1].(*widget.Label)
	st.SetText(status)
	st.Importance = widget.MediumImportance
	if cd.err != nil {
		st.Importance = widget.DangerImportance
	}
	if cd.err != nil && cd.text == "" {
		text.SetText(sentence(cd.err))
	} else {
		text.SetText(cd.text)
	}
	count := bottom.Objects[0].(*widget.Label)
	count.SetText(fmt.Sprintf("%d / %d", cd.count, cd.target.Platform.TextLimit))
	count.Importance = widget.MediumImportance
	if cd.count > cd.target.Platform.TextLimit {
		count.Importance = widget.DangerImportance
	}
	badge := bottom.Objects[2].(*widget.Label)
	switch {
	case cd.report == nil:
		badge.SetText("…")
		badge.Importance = widget.LowImportance
	case cd.report.Count(brandkit.SeverityError) > 0:
		n := cd.report.Count(brandkit.SeverityError)
		badge.SetText(fmt.Sprintf("%d/100 · %s", cd.report.Score, lang.N("{{.Count}} error", n, map[string]any{"Count": n})))
		badge.Importance = widget.DangerImportance
	default:
		badge.SetText(fmt.Sprintf("%d/100", cd.report.Score))
		badge.Importance = widget.SuccessImportance
	}
	badge.Refresh()
	count.Refresh()
	st.Refresh()
}

// refreshLoop redraws the grid about every 100 ms while text streams in,
// so a fast model does not flood the UI goroutine.
func (c *composeScreen) refreshLoop() {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-c.st.done:
			return
		case <-t.C:
		}
		c.mu.Lock()
		dirty := c.dirty
		c.dirty = false
		done, total := 0, len(c.cards)
		for _, cd := range c.cards {
			if cd.report != nil || cd.err != nil {
				done++
			}
		}
		c.mu.Unlock()
		if dirty {
			onUI(func() {
				c.grid.Refresh()
				if total > 0 {
					c.progress.SetValue(float64(done) / float64(total))
				}
			})
		}
	}
}

func (c *composeScreen) brief() studio.Brief {
	b := studio.Brief{Topic: c.topic.Text, KeyMessage: c.message.Text, CTA: c.cta.Text, Link: c.link.Text,
		Personas: c.personaChoices.idsOf(c.personas.Selected), Platforms: c.platformChoices.idsOf(c.platforms.Selected), Languages: c.languageChoices.idsOf(c.languages.Selected), Formats: []string{"text"}}
	if k := c.st.ws.Kit(); k != nil {
		b.Language = k.Language() // the brief is written in the kit's first language
	}
	for tag, f := range c.translations { // and in others where the user wrote it; a model translates the rest
		t := studio.BriefText{Topic: f.topic.Text, KeyMessage: f.message.Text, CTA: f.cta.Text}
		if t != (studio.BriefText{}) {
			if b.ByLanguage == nil {
				b.ByLanguage = map[string]studio.BriefText{}
			}
			b.ByLanguage[tag] = t
		}
	}
	return b
}

// briefText is the brief's fields in another of the kit's languages.
type briefText struct{ topic, message, cta *widget.Entry }

// translationsForm offers the brief's words in each of the kit's other
// languages, filled from the sample brief where it has them. A language
// left empty is translated by the model; the kit's templates need it
// written.
func (c *composeScreen) translationsForm(sample studio.Brief) fyne.CanvasObject {
	c.translations = map[string]briefText{}
	k := c.st.ws.Kit()
	if k == nil || len(k.Identity.Languages) < 2 {
		return layout.NewSpacer()
	}
	acc := widget.NewAccordion()
	for _, tag := range k.Identity.Languages[1:] {
		t := sample.ByLanguage[tag]
		f := briefText{topic: &widget.Entry{Text: t.Topic}, message: &widget.Entry{Text: t.KeyMessage, MultiLine: true, Wrapping: fyne.TextWrapWord}, cta: &widget.Entry{Text: t.CTA}}
		f.message.SetMinRowsVisible(2)
		c.translations[tag] = f
		acc.Append(widget.NewAccordionItem(names{c.st.ws}.language(tag), widget.NewForm(
			widget.NewFormItem(lang.L("Topic"), f.topic),
			widget.NewFormItem(lang.L("Key message"), f.message),
			widget.NewFormItem(lang.L("Call to action"), f.cta),
		)))
	}
	return acc
}

func (c *composeScreen) onDraft() {
	ws := c.st.ws
	composer := &studio.Composer{WS: ws, User: c.st.user()}
	brief := c.brief()
	targets, err := composer.Targets(brief)
	if err != nil {
		showError(c.st.win, err)
		return
	}
	c.mu.Lock()
	c.empty.Hide()
	c.cards = make([]*card, len(targets))
	for i, t := range targets {
		c.cards[i] = &card{target: t, status: lang.L("waiting")}
	}
	c.selected = -1 // the old selection may lie past the new cards
	c.dirty = true
	c.mu.Unlock()
	c.grid.UnselectAll()
	c.grid.Refresh()
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.setRunning(true)
	goBackground(func() {
		choice := c.st.drafter(ctx)
		onUI(func() { c.mode.SetText(drafterLabel(choice)) })
		composer.Drafter, composer.Parallel = choice.Drafter, choice.Slots
		c.compose(ctx, composer, brief)
	})
}

func (c *composeScreen) setRunning(on bool) {
	c.running = on
	c.edit.block(on)
	if on {
		c.draftBtn.Disable()
		c.applyBtn.Disable()
		c.cancelBtn.Enable()
		c.progress.SetValue(0)
		c.progress.Show()
	} else {
		c.draftBtn.Enable()
		c.cancelBtn.Disable()
		c.progress.Hide()
		if c.selected >= 0 {
			c.applyBtn.Enable()
		}
	}
}

// compose runs off the UI goroutine.
func (c *composeScreen) compose(ctx context.Context, composer *studio.Composer, brief studio.Brief) {
	defer onUI(func() { c.setRunning(false) })
	_, brief, err := c.st.ws.StartCampaign(ctx, brief.Topic, brief)
	if err != nil {
		showError(c.st.win, err)
		return
	}
	index := map[string]int{}
	c.mu.Lock()
	for i, cd := range c.cards {
		index[cd.target.Key()] = i
	}
	c.mu.Unlock()
	_, err = composer.Compose(ctx, brief, func(e studio.Event) { c.onEvent(index[e.Target.Key()], e) })
	if err != nil && !errors.Is(err, context.Canceled) {
		showError(c.st.win, err)
	}
}

// onEvent records a compose event on its card; the refresh loop draws it.
func (c *composeScreen) onEvent(i int, e studio.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i >= len(c.cards) {
		return
	}
	cd := c.cards[i]
	cd.pieceID = e.PieceID
	switch e.Kind {
	case studio.EventStart:
		cd.status = lang.L("drafting…")
		if e.Attempt > 0 {
			cd.status = fmt.Sprintf("%s %d/%d", lang.L("repairing"), e.Attempt, studio.MaxRepairs)
		}
		cd.report = nil
	case studio.EventStream:
		cd.text = e.Text
		cd.count = len([]rune(e.Text))
	case studio.EventDone:
		cd.text, cd.origin = e.Version.Text, e.Version.Origin
		cd.count = brandkit.Length(e.Version.Text, string(cd.target.Platform.Counting), cd.target.Platform.URLLength)
		rep := e.Report
		cd.report = &rep
		cd.status = fmt.Sprintf("v%d · %s", e.Version.Number, lang.L(string(e.Version.Status)))
	case studio.EventError:
		cd.err = e.Err
		cd.status = sentence(e.Err)
		if e.Version.ID != 0 {
			cd.text = e.Version.Text
			cd.status = fmt.Sprintf("v%d · %s — %s", e.Version.Number, lang.L("interrupted"), sentence(e.Err))
		}
	}
	c.dirty = true
}

func (c *composeScreen) onCancel() {
	if c.cancel != nil {
		c.cancel()
	}
}

func (c *composeScreen) onCardSelected(id widget.GridWrapItemID) {
	c.selected = id
	if !c.running {
		c.applyBtn.Enable()
	}
	c.showDetail()
}

// showDetail shows the selected card's text and check.
func (c *composeScreen) showDetail() {
	cd, ok := c.selectedCard()
	if !ok {
		return
	}
	highlighted(c.preview, cd.text, -1, -1)
	c.edit.load(cd.text, cd.target.Platform, studio.TextTarget(cd.target))
	c.check.show(cd.report)
	c.audio.setPiece(cd.pieceID, cd.text, cd.target.Language)
	c.images.setPiece(cd.pieceID, cd.target.Platform.ID)
	c.video.setPiece(cd.pieceID)
}

// selectedCard returns a copy of the selected card, if one is selected.
func (c *composeScreen) selectedCard() (card, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.selected < 0 || c.selected >= len(c.cards) {
		return card{}, false
	}
	return *c.cards[c.selected], true
}

func (c *composeScreen) onFindingSelected(f brandkit.Finding) {
	if cd, ok := c.selectedCard(); ok {
		highlighted(c.preview, cd.text, f.Start, f.End)
	}
}

// onApplyFix applies a safe fix to the selected variant as a new version.
func (c *composeScreen) onApplyFix(f brandkit.Finding) {
	cd, ok := c.selectedCard()
	if !ok {
		return
	}
	i, pieceID := c.selected, cd.pieceID
	composer := &studio.Composer{WS: c.st.ws, User: c.st.user()}
	goBackground(func() {
		v, rep, err := composer.ApplyFix(context.Background(), pieceID, f)
		if err != nil {
			showError(c.st.win, err)
			return
		}
		c.onEvent(i, studio.Event{Kind: studio.EventDone, PieceID: pieceID, Version: v, Report: rep})
		onUI(c.showDetail)
	})
}

// onApply runs the chosen edit action on the selected variant.
func (c *composeScreen) onApply() {
	c.mu.Lock()
	if c.selected < 0 || c.selected >= len(c.cards) || c.cards[c.selected].pieceID == 0 {
		c.mu.Unlock()
		return
	}
	i, pieceID := c.selected, c.cards[c.selected].pieceID
	c.mu.Unlock()
	action := studio.Action(c.actions.ids[c.action.Selected])
	if action == studio.ActionTranslate && c.toLang.Selected == "" {
		showError(c.st.win, said(lang.L("Choose the language to translate to.")))
		return
	}
	composer := &studio.Composer{WS: c.st.ws, User: c.st.user()}
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.setRunning(true)
	to := c.languageChoices.ids[c.toLang.Selected]
	goBackground(func() {
		defer onUI(func() { c.setRunning(false) })
		composer.Drafter = c.st.drafter(ctx).Drafter
		_, _, err := composer.Edit(ctx, pieceID, action, to, func(e studio.Event) {
			if action != studio.ActionTranslate {
				c.onEvent(i, e)
			}
		})
		if err != nil && !errors.Is(err, context.Canceled) {
			showError(c.st.win, err)
		}
	})
}

// actionNames are the edit actions as people call them.
var actionNames = map[string]string{
	string(studio.ActionRegenerate): "Write again", string(studio.ActionShorter): "Shorter", string(studio.ActionLonger): "Longer",
	string(studio.ActionFormal): "More formal", string(studio.ActionCasual): "More casual", string(studio.ActionTranslate): "Translate",
}

// actionName is an edit action's name in the UI's language.
func actionName(id string) string {
	if n, ok := actionNames[id]; ok {
		return lang.L(n)
	}
	return id
}

// onSaveEdit keeps the edited text as the variant's new version, checked,
// in the user's name.
func (c *composeScreen) onSaveEdit(text string) {
	cd, ok := c.selectedCard()
	if !ok || cd.pieceID == 0 {
		return
	}
	i, pieceID := c.selected, cd.pieceID
	composer := &studio.Composer{WS: c.st.ws, User: c.st.user()}
	goBackground(func() {
		v, rep, err := composer.SaveText(context.Background(), pieceID, text, "edit")
		if err != nil {
			onUI(func() { c.edit.failed(); showError(c.st.win, err) })
			return
		}
		c.onEvent(i, studio.Event{Kind: studio.EventDone, PieceID: pieceID, Version: v, Report: rep})
		onUI(c.showDetail)
	})
}
