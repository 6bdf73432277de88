package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
)

// dayCell is one day of the month or week: its date, then its pieces'
// chips, up to as many as fit, then how many more there are.
type dayCell struct {
	day   time.Time // midnight in the brand's zone
	bg    *canvas.Rectangle
	date  *widget.Label
	chips []*chip
	more  *widget.Label
	box   *fyne.Container
}

// Chips a cell shows: a month's cells are short, a week's tall.
const (
	monthChips = 3
	weekChips  = 14
)

func (c *calendarScreen) newCell(chips int) *dayCell {
	d := &dayCell{bg: &canvas.Rectangle{}, date: widget.NewLabel(""), more: widget.NewLabel("")}
	list := container.NewVBox()
	for range chips {
		ch := newChip(c)
		d.chips = append(d.chips, ch)
		list.Add(ch)
	}
	list.Add(d.more)
	d.box = container.NewStack(d.bg, container.NewBorder(d.date, nil, nil, nil, list))
	return d
}

// days are the days shown: the weeks (Monday first) covering the month,
// or the week, of the anchor.
func (c *calendarScreen) days() []time.Time {
	a := c.anchor
	first := a
	n := 7
	if c.view == viewMonth {
		first = time.Date(a.Year(), a.Month(), 1, 0, 0, 0, 0, a.Location())
		n = 42
	}
	first = first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
	out := make([]time.Time, n)
	for i := range out {
		out[i] = time.Date(first.Year(), first.Month(), first.Day()+i, 0, 0, 0, 0, a.Location())
	}
	return out
}

// drawDays fills the day cells; the cells and their chips are made once
// for each view and reused, so a month of 2,000 pieces draws quickly.
func (c *calendarScreen) drawDays() {
	days := c.days()
	chips := monthChips
	if c.view == viewWeek {
		chips = weekChips
	}
	if len(c.cells) != len(days) || len(c.cells[0].chips) != chips {
		c.cells = nil
		c.grid = container.NewGridWithColumns(7)
		for range days {
			d := c.newCell(chips)
			c.cells = append(c.cells, d)
			c.grid.Add(d.box)
		}
	}
	byDay := map[int][]studio.Scheduled{}
	loc := c.anchor.Location()
	for _, it := range c.items {
		byDay[dayKey(it.At.In(loc))] = append(byDay[dayKey(it.At.In(loc))], it)
	}
	today := time.Now().In(loc)
	for i, day := range days {
		c.fillCell(c.cells[i], day, byDay[dayKey(day)], day.Month() != c.anchor.Month() && c.view == viewMonth,
			day.Year() == today.Year() && day.YearDay() == today.YearDay())
	}
	c.heading.SetText(c.period(days))
	weekdays := container.NewGridWithColumns(7)
	for _, d := range days[:7] {
		weekdays.Add(widget.NewLabelWithStyle(lang.L(d.Weekday().String()[:3]), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	c.body.Objects = []fyne.CanvasObject{container.NewBorder(weekdays, nil, nil, nil, c.grid)}
}

// dayKey is a date as one number, 20260329, to group times by day.
func dayKey(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

func (c *calendarScreen) fillCell(d *dayCell, day time.Time, items []studio.Scheduled, outside, today bool) {
	d.day = day
	d.date.SetText(fmt.Sprint(day.Day()))
	d.date.TextStyle.Bold = today
	styleCell(d.bg, today, outside)
	for i, ch := range d.chips {
		if i >= len(items) {
			ch.Hide()
			continue
		}
		_, conflict := c.conflicts[items[i].ID]
		ch.show(items[i], c.chipText(items[i].Piece, items[i].At), conflict)
	}
	d.more.SetText("")
	if more := len(items) - len(d.chips); more > 0 {
		d.more.SetText(fmt.Sprintf(lang.L("and %d more"), more))
	}
	d.bg.Refresh()
}

// period names the month ("March 2026") or the week's first and last days.
func (c *calendarScreen) period(days []time.Time) string {
	if c.view == viewMonth {
		return lang.L(c.anchor.Month().String()) + " " + fmt.Sprint(c.anchor.Year())
	}
	return shortDate(days[0]) + " – " + shortDate(days[6])
}

func shortDate(t time.Time) string {
	return fmt.Sprintf("%d %s", t.Day(), lang.L(t.Month().String()))
}

// longDate is "Mon 2 March 2026 09:00" in the UI's language.
func longDate(t time.Time) string {
	return fmt.Sprintf("%s %d %s %d %s", lang.L(t.Weekday().String()[:3]), t.Day(), lang.L(t.Month().String()), t.Year(), t.Format("15:04"))
}

// selectChip selects a chip's piece, for the arrow keys.
func (c *calendarScreen) selectChip(ch *chip) {
	c.selected = ch.item.ID
	c.st.win.Canvas().Focus(ch)
}

// dragTo moves the ghost of the dragged chip under the pointer.
func (c *calendarScreen) dragTo(ch *chip, abs fyne.Position) {
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.overlay)
	if !c.dragging {
		c.dragging = true
		c.ghost.show(ch.item, ch.text, false)
		c.ghost.Resize(ch.Size())
	}
	c.dragFrom = abs
	c.ghost.Move(abs.Subtract(origin).Subtract(fyne.NewPos(c.ghost.Size().Width/2, c.ghost.Size().Height/2)))
}

// drop schedules the dragged piece on the day under the pointer, at its
// time of day (a piece from the tray takes the day's first free slot);
// dropped on the tray, it is unscheduled.
func (c *calendarScreen) drop(ch *chip) {
	if !c.dragging {
		return
	}
	c.dragging = false
	c.ghost.Hide()
	if over(c.trayArea, c.dragFrom) {
		if !ch.item.At.IsZero() {
			c.unschedule(ch.item.Piece)
		}
		return
	}
	for _, d := range c.cells {
		switch {
		case c.view == viewAgenda || !over(d.box, c.dragFrom):
		case ch.item.At.IsZero():
			c.placeOnDay(ch.item, d.day)
			return
		default:
			c.reschedule(ch.item, onDay(ch.item.At, d.day, c.ws.Zone()))
			return
		}
	}
}

// over reports whether the absolute position is inside o.
func over(o fyne.CanvasObject, abs fyne.Position) bool {
	if !o.Visible() {
		return false
	}
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	s := o.Size()
	return abs.X >= p.X && abs.Y >= p.Y && abs.X < p.X+s.Width && abs.Y < p.Y+s.Height
}

// defaultHour is the time of day a piece from the tray is given on a day
// for which the calendar has no suggestion (a past day, or a full one).
const defaultHour = 10

// placeOnDay schedules a piece from the tray on day, at the day's
// suggested slot for its platform.
func (c *calendarScreen) placeOnDay(it studio.Scheduled, day time.Time) {
	goBackground(func() {
		at := onDay(time.Time{}, day, c.ws.Zone())
		if slots, err := c.ws.SuggestSlots(context.Background(), it.Platform, day, day.AddDate(0, 0, 1), 1); err == nil && len(slots) > 0 {
			at = slots[0]
		}
		onUI(func() { c.reschedule(it, at) })
	})
}

// onDay is day at at's time of day in loc, or at defaultHour when at is
// zero. A time of day that does not exist that day (the clocks went
// forward) moves on by the gap, as time.Date does.
func onDay(at, day time.Time, loc *time.Location) time.Time {
	h, m := defaultHour, 0
	if !at.IsZero() {
		t := at.In(loc)
		h, m = t.Hour(), t.Minute()
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
}

// moveBy moves a scheduled piece by days, keeping its time of day.
func (c *calendarScreen) moveBy(it studio.Scheduled, days int) {
	if it.At.IsZero() {
		return
	}
	t := it.At.In(c.ws.Zone())
	c.reschedule(it, onDay(it.At, t.AddDate(0, 0, days), c.ws.Zone()))
}

func (c *calendarScreen) unschedule(p studio.Piece) {
	for _, it := range c.items {
		if it.ID == p.ID {
			c.reschedule(it, time.Time{})
		}
	}
}

// reschedule writes the piece's new time off the UI goroutine and keeps
// the move for undo.
func (c *calendarScreen) reschedule(it studio.Scheduled, to time.Time) {
	c.write(it.ID, to, func() { c.undo = append(c.undo, scheduleStep{pieceID: it.ID, from: it.At, to: to}) })
}

// undoLast puts the last moved piece back where it was.
func (c *calendarScreen) undoLast() {
	if len(c.undo) == 0 {
		return
	}
	last := c.undo[len(c.undo)-1]
	c.undo = c.undo[:len(c.undo)-1]
	c.write(last.pieceID, last.from, nil)
}

func (c *calendarScreen) write(pieceID int64, to time.Time, then func()) {
	user := c.st.user()
	goBackground(func() {
		_, err := c.ws.Schedule(context.Background(), pieceID, to, user)
		onUI(func() {
			switch {
			case errors.Is(err, studio.ErrStale):
				c.status.SetText(lang.L("Someone moved this piece meanwhile; the calendar shows where it is now."))
			case err != nil:
				c.status.SetText(sentence(err))
			case then != nil:
				then()
			}
			c.refresh()
		})
	})
}
