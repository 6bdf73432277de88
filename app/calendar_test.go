package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"atelier/studio"
)

// showMonth shows the calendar on the month of day, drawn.
func showMonth(t *testing.T, s *Studio, day time.Time) *calendarScreen {
	t.Helper()
	c := showScreen[*calendarScreen](s)
	c.anchor = day
	pump(t, c.refresh())
	return c
}

// chipOf finds the chip showing a piece on the calendar.
func chipOf(t *testing.T, c *calendarScreen, id int64) *chip {
	t.Helper()
	for _, d := range c.cells {
		for _, ch := range d.chips {
			if ch.Visible() && ch.item.ID == id {
				return ch
			}
		}
	}
	for _, o := range c.trayBox.Objects {
		if ch := o.(*chip); ch.Visible() && ch.item.ID == id {
			return ch
		}
	}
	t.Fatalf("piece %d is not on the calendar", id)
	return nil
}

// dragOnto drags a chip, in steps, to the middle of the cell of day.
func dragOnto(t *testing.T, c *calendarScreen, ch *chip, day int) {
	t.Helper()
	for _, d := range c.cells {
		if d.day.Day() == day && d.day.Month() == c.anchor.Month() {
			from := fyne.CurrentApp().Driver().AbsolutePositionForObject(ch)
			to := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.box).Add(fyne.NewPos(d.box.Size().Width/2, d.box.Size().Height/2))
			for i := 1; i <= 4; i++ {
				f := float32(i) / 4
				ch.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f)}})
			}
			ch.DragEnd()
			return
		}
	}
	t.Fatalf("no cell for day %d", day)
}

// seedPieces stores n draft pieces in the first campaign.
func seedPieces(t testing.TB, ws *studio.Workspace, n int) []studio.Piece {
	ctx := context.Background()
	camps, _ := ws.Campaigns(ctx)
	b, err := storeOf(ws).CreateBrief(ctx, studio.Brief{CampaignID: camps[0].ID, Topic: "calendar"})
	if err != nil {
		t.Fatal(err)
	}
	platforms := []string{"instagram", "linkedin", "x", "facebook"}
	var ps []studio.Piece
	for i := range n {
		ps = append(ps, studio.Piece{BriefID: b.ID, CampaignID: b.CampaignID, Platform: platforms[i%4], Persona: "design-lovers", Language: "fr-FR", Author: "test"})
	}
	if err := storeOf(ws).CreatePieces(ctx, ps); err != nil {
		t.Fatal(err)
	}
	ps, _ = ws.Pieces(ctx, studio.PieceFilter{BriefID: b.ID})
	return ps
}

func scheduledAt(t *testing.T, ws *studio.Workspace, id int64) time.Time {
	t.Helper()
	s, err := ws.Schedules(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return s[id]
}

// TestCalendarDragKeepsTheTimeOfDay drags a piece across the night the
// clocks go forward in Paris, and it stays at 09:15 Paris time; a piece
// from the tray lands at 10:00; the arrow keys move a day, Ctrl+Z undoes,
// and the tray takes a piece back.
func TestCalendarDragKeepsTheTimeOfDay(t *testing.T) {
	s, ws := newTestStudio(t)
	ctx := context.Background()
	paris := ws.Zone()
	if paris.String() != "Europe/Paris" {
		t.Fatalf("the sample kit's zone is %v", paris)
	}
	ps := seedPieces(t, ws, 2)
	a, b := ps[0], ps[1]
	if _, err := ws.Schedule(ctx, a.ID, time.Date(2026, 3, 27, 9, 15, 0, 0, paris), s.user()); err != nil {
		t.Fatal(err)
	}
	c := showMonth(t, s, time.Date(2026, 3, 1, 0, 0, 0, 0, paris))
	dragOnto(t, c, chipOf(t, c, a.ID), 30)
	waitFor(t, "the drop", func() bool { return scheduledAt(t, ws, a.ID).Equal(time.Date(2026, 3, 30, 7, 15, 0, 0, time.UTC)) })
	if got := scheduledAt(t, ws, a.ID).In(paris).Format("2006-01-02 15:04 MST"); got != "2026-03-30 09:15 CEST" {
		t.Fatalf("after the drag: %s", got)
	}

	waitFor(t, "the calendar to redraw", func() bool { return chipOf(t, c, a.ID).item.At.Day() == 30 })
	ch := chipOf(t, c, a.ID)
	c.selectChip(ch)
	ch.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	waitFor(t, "the key move", func() bool { return scheduledAt(t, ws, a.ID).In(paris).Format("02 15:04") == "29 09:15" })
	c.undoLast()
	waitFor(t, "the undo", func() bool { return scheduledAt(t, ws, a.ID).In(paris).Format("02 15:04") == "30 09:15" })

	pump(t, c.refresh())
	dragOnto(t, c, chipOf(t, c, b.ID), 12) // from the tray
	waitFor(t, "the tray drop", func() bool {
		return scheduledAt(t, ws, b.ID).Equal(time.Date(2026, 3, 12, 10, 0, 0, 0, paris))
	})

	pump(t, c.refresh())
	ch = chipOf(t, c, a.ID)
	c.dragTo(ch, fyne.CurrentApp().Driver().AbsolutePositionForObject(c.trayArea).Add(fyne.NewPos(20, 80)))
	c.drop(ch)
	waitFor(t, "the return to the tray", func() bool { return scheduledAt(t, ws, a.ID).IsZero() })
	chs, _ := ws.ScheduleChanges(ctx, a.ID)
	if len(chs) != 5 || chs[4].Who == "" || chs[4].Who != chs[0].Who {
		t.Fatalf("audit of the moves: %+v", chs)
	}
	waitBackground(t)
}
