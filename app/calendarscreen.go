package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/calendar"
	"atelier/translations"
)

// Calendar views.
const (
	viewMonth  = "Month"
	viewWeek   = "Week"
	viewAgenda = "Agenda"
)

// calendarViews are the views, as the UI names them in English.
var calendarViews = []string{viewMonth, viewWeek, viewAgenda}

// calendarScreen plans the pieces in time: a month, a week or an agenda,
// and a tray of the pieces not planned yet. A piece is dragged onto a day
// (keeping its time of day), moved with the arrow keys, or sent back to
// the tray; Ctrl+Z undoes the last move.
type calendarScreen struct {
	st *Studio
	ws *studio.Workspace

	view     string
	anchor   time.Time // midnight, in the brand's zone, of a day shown
	platform *widget.Select
	campaign *widget.Select
	camps    map[string]int64

	items     []studio.Scheduled
	tray      []studio.Piece
	conflicts map[int64]string // a piece's first rule broken, said in words

	heading  *widget.Label
	zones    *widget.Label
	status   *widget.Label
	grid     *fyne.Container // the day cells of the month or week
	cells    []*dayCell
	agenda   *widget.List
	trayBox  *fyne.Container
	trayMore *widget.Label
	trayArea *fyne.Container
	body     *fyne.Container
	overlay  *fyne.Container // holds the ghost a drag moves
	ghost    *chip

	dragFrom fyne.Position // where the dragged chip's ghost is
	dragging bool
	selected int64
	undo     []scheduleStep
}

// scheduleStep is one move, kept for undo.
type scheduleStep struct {
	pieceID  int64
	from, to time.Time
}

// trayCap is how many tray pieces are shown as chips; the rest are counted.
const trayCap = 60

func newCalendarScreen(st *Studio) *calendarScreen {
	return &calendarScreen{st: st, ws: st.ws, view: viewMonth, conflicts: map[int64]string{}}
}

func (c *calendarScreen) title() string       { return lang.L("Calendar") }
func (c *calendarScreen) icon() fyne.Resource { return theme.GridIcon() }

func (c *calendarScreen) build() fyne.CanvasObject {
	loc := c.ws.Zone()
	now := time.Now().In(loc)
	c.anchor = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	c.heading = sectionTitle("")
	c.zones = widget.NewLabel("")
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	views := widget.NewRadioGroup(nil, nil)
	for _, v := range calendarViews {
		views.Options = append(views.Options, lang.L(v))
	}
	views.Horizontal = true
	views.Selected = lang.L(c.view)
	views.OnChanged = func(label string) {
		for _, v := range calendarViews {
			if label == lang.L(v) && v != c.view {
				c.view = v
				c.refresh()
			}
		}
	}
	c.platform = widget.NewSelect(nil, func(string) { c.refresh() })
	c.platform.PlaceHolder = lang.L("All platforms")
	c.campaign = widget.NewSelect(nil, func(string) { c.refresh() })
	c.campaign.PlaceHolder = lang.L("All campaigns")
	bar := container.NewHBox(
		widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(-1) }),
		widget.NewButton(lang.L("Today"), func() { c.anchor = time.Now().In(c.ws.Zone()).Truncate(time.Hour); c.today() }),
		widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(1) }),
		c.heading, layout.NewSpacer(), views, c.campaign, c.platform)
	c.agenda = c.newAgenda()
	c.trayBox = container.NewVBox()
	c.trayMore = widget.NewLabel("")
	trayTitle := widget.NewLabelWithStyle(lang.L("To schedule"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	trayHint := widget.NewLabel(lang.L("Drag a piece onto a day."))
	trayHint.Wrapping = fyne.TextWrapWord
	c.trayArea = container.NewBorder(container.NewVBox(trayTitle, trayHint), c.trayMore, nil, nil, container.NewVScroll(c.trayBox))
	c.ghost = newChip(c)
	c.ghost.Hide()
	c.overlay = container.NewWithoutLayout(c.ghost)
	c.body = container.NewStack()
	split := c.st.split("calendar.split", true, c.body, c.trayArea, 0.8)
	c.addShortcuts()
	c.refresh()
	return container.NewStack(container.NewBorder(container.NewVBox(bar, c.zones), c.status, nil, nil, split), c.overlay)
}

// today shows the current day's month or week.
func (c *calendarScreen) today() {
	a := c.anchor
	c.anchor = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, a.Location())
	c.refresh()
}

// step shows the previous (-1) or next (1) month or week.
func (c *calendarScreen) step(dir int) {
	if c.view == viewMonth {
		c.anchor = time.Date(c.anchor.Year(), c.anchor.Month()+time.Month(dir), 1, 0, 0, 0, 0, c.anchor.Location())
	} else {
		c.anchor = c.anchor.AddDate(0, 0, 7*dir)
	}
	c.refresh()
}

func (c *calendarScreen) addShortcuts() {
	c.st.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if _, ok := c.st.screens[c.st.current].(*calendarScreen); ok {
			c.undoLast()
		}
	})
}

// filter is the pieces the selects keep.
func (c *calendarScreen) filter() studio.PieceFilter {
	f := studio.PieceFilter{CampaignID: c.camps[c.campaign.Selected]}
	for _, p := range c.ws.Registry().All() {
		if (names{c.ws}).platform(p.ID) == c.platform.Selected {
			f.Platform = p.ID
		}
	}
	return f
}

// refresh reads the plan off the UI goroutine, then draws it; the
// channel closes once it is drawn.
func (c *calendarScreen) refresh() <-chan struct{} {
	f := c.filter()
	done := make(chan struct{})
	goBackground(func() {
		ctx := context.Background()
		items, tray, err := c.ws.Plan(ctx, f)
		conflicts, cerr := c.ws.PlanConflicts(ctx)
		err = errors.Join(err, cerr)
		camps, _ := c.ws.Campaigns(ctx)
		onUI(func() {
			defer close(done)
			if err != nil {
				c.status.SetText(sentence(err))
				return
			}
			c.items, c.tray, c.conflicts = items, tray, map[int64]string{}
			for _, k := range conflicts {
				for _, id := range k.PieceIDs {
					if _, ok := c.conflicts[id]; !ok {
						c.conflicts[id] = conflictSentence(k)
					}
				}
			}
			c.fillSelects(camps)
			c.draw()
		})
	})
	return done
}

// fillSelects lists the campaigns and platforms to filter by.
func (c *calendarScreen) fillSelects(camps []studio.Campaign) {
	c.camps = map[string]int64{}
	var labels []string
	for _, cp := range camps {
		labels = append(labels, cp.Name)
		c.camps[cp.Name] = cp.ID
	}
	c.campaign.Options = labels
	var plats []string
	for _, p := range c.ws.Registry().All() {
		plats = append(plats, (names{c.ws}).platform(p.ID))
	}
	sort.Strings(plats)
	c.platform.Options = plats
}

// draw shows the plan in the chosen view, the tray and the time zones.
func (c *calendarScreen) draw() {
	loc := c.ws.Zone()
	c.zones.SetText(zonesLine(loc, brandkit.SystemZone()))
	switch c.view {
	case viewAgenda:
		c.heading.SetText(lang.L("Agenda"))
		c.body.Objects = []fyne.CanvasObject{c.agenda}
		c.agenda.Refresh()
	default:
		c.drawDays()
	}
	c.body.Refresh()
	c.drawTray()
	n := len(c.conflicts)
	switch {
	case n == 0:
		c.status.SetText(fmt.Sprintf(lang.L("%d scheduled, %d to schedule; no rule is broken."), len(c.items), len(c.tray)))
	default:
		c.status.SetText(fmt.Sprintf(lang.L("%d scheduled, %d to schedule; %d break a rule, marked on their right edge."), len(c.items), len(c.tray), n))
	}
}

// drawTray shows the first unscheduled pieces as chips.
func (c *calendarScreen) drawTray() {
	n := min(len(c.tray), trayCap)
	for len(c.trayBox.Objects) < n {
		c.trayBox.Add(newChip(c))
	}
	for i, o := range c.trayBox.Objects {
		ch := o.(*chip)
		if i >= n {
			ch.Hide()
			continue
		}
		p := c.tray[i]
		ch.show(studio.Scheduled{Piece: p}, c.chipText(p, time.Time{}), false)
	}
	c.trayMore.SetText("")
	if more := len(c.tray) - n; more > 0 {
		c.trayMore.SetText(fmt.Sprintf(lang.L("and %d more"), more))
	}
	c.trayBox.Refresh()
}

// chipText says a piece in a few words: its time, platform, persona and
// state.
func (c *calendarScreen) chipText(p studio.Piece, at time.Time) string {
	n := names{c.ws}
	s := n.platform(p.Platform) + " · " + n.persona(p.Persona) + " · " + lang.L(string(p.State))
	if !at.IsZero() {
		s = at.In(c.ws.Zone()).Format("15:04") + " " + s
	}
	return s
}

// zonesLine says which zone the times are in, and the viewer's own when
// it differs.
func zonesLine(brand, viewer *time.Location) string {
	now := time.Now()
	if _, b := now.In(brand).Zone(); func() bool { _, v := now.In(viewer).Zone(); return v == b }() {
		return fmt.Sprintf(lang.L("Times are in %s, the brand's time zone."), brand)
	}
	return fmt.Sprintf(lang.L("Times are in %s, the brand's time zone; it is %s here (%s)."), brand, now.In(viewer).Format("15:04"), viewer)
}

// newAgenda lists the scheduled pieces in time order, with their time
// in the brand's zone and any rule they break.
func (c *calendarScreen) newAgenda() *widget.List {
	l := &widget.List{
		Length: func() int { return len(c.items) },
		CreateItem: func() fyne.CanvasObject {
			l := widget.NewLabel("Monday 30 September 2026 09:00 · Instagram · Design lovers · in review")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			it := c.items[id]
			text := longDate(it.At.In(c.ws.Zone())) + " " + c.chipText(it.Piece, it.At)
			if why, ok := c.conflicts[it.ID]; ok {
				text += " ⚠ " + why
			}
			o.(*widget.Label).SetText(text)
		},
		OnSelected: func(id widget.ListItemID) { c.open(c.items[id].Piece) },
	}
	l.ExtendBaseWidget(l)
	return l
}

// open shows the piece on the Review screen.
func (c *calendarScreen) open(p studio.Piece) { c.st.openPiece(p) }

// styleCell fills a day cell: today outlined, another month's day dimmed.
func styleCell(r *canvas.Rectangle, today, outside bool) {
	r.FillColor = theme.Color(theme.ColorNameInputBackground)
	if outside {
		r.FillColor = theme.Color(theme.ColorNameBackground)
	}
	r.StrokeColor, r.StrokeWidth = nil, 0
	if today {
		r.StrokeColor, r.StrokeWidth = theme.Color(theme.ColorNamePrimary), 2
	}
}

// conflictSentence says the rule a piece breaks, in the UI's language.
func conflictSentence(k calendar.Conflict) string {
	return translations.Say(uiLanguage(), k.Rule, calendar.Phrase(k.Rule), k.Args)
}
