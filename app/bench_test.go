//go:build bench

package app

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"atelier/studio"
)

func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// TestBenchBoard prints how long the review board takes to fill with
// 10,000 pieces, and a scroll step through them.
func TestBenchBoard(t *testing.T) {
	s, ws := newTestStudio(t)
	ctx := context.Background()
	camps, _ := ws.Campaigns(ctx)
	b, _ := storeOf(ws).CreateBrief(ctx, studio.Brief{CampaignID: camps[0].ID, Topic: "bench"})
	var ps []studio.Piece
	platforms := []string{"x", "linkedin", "instagram", "facebook"}
	for i := 0; i < 10000; i++ {
		ps = append(ps, studio.Piece{BriefID: b.ID, CampaignID: b.CampaignID, Platform: platforms[i%4], Persona: "design-lovers", Language: "fr-FR", Author: "bench"})
	}
	if err := storeOf(ws).CreatePieces(ctx, ps); err != nil {
		t.Fatal(err)
	}
	r := showScreen[*reviewScreen](s)
	var fills, scrolls []time.Duration
	for range 9 {
		start := time.Now()
		pump(t, r.refresh())
		fills = append(fills, time.Since(start))
		l := r.lists[studio.StateDraft]
		for step := 0; step < 5; step++ {
			start = time.Now()
			l.ScrollTo(2000 * step)
			l.Refresh()
			scrolls = append(scrolls, time.Since(start))
		}
	}
	fmt.Printf("BENCH review board with %d pieces: fill median %v, scroll step median %v\n",
		len(r.cols[studio.StateDraft]), median(fills).Round(time.Microsecond), median(scrolls).Round(time.Microsecond))
}

// TestBenchCalendar prints how long the month view takes to draw 2,000
// scheduled pieces (read from the store as the screen does, then drawn),
// and one step of a drag.
func TestBenchCalendar(t *testing.T) {
	s, ws := newTestStudio(t)
	ctx := context.Background()
	ps := seedPieces(t, ws, 2000)
	loc := ws.Zone()
	start := time.Date(2026, 3, 1, 8, 0, 0, 0, loc)
	for i, p := range ps {
		at := start.Add(time.Duration(i%31)*24*time.Hour + time.Duration(i%12)*time.Hour)
		if _, err := storeOf(ws).SetSchedule(ctx, studio.ScheduleChange{PieceID: p.ID, To: at, Who: "bench"}); err != nil {
			t.Fatal(err)
		}
	}
	c := showScreen[*calendarScreen](s)
	c.anchor = time.Date(2026, 3, 1, 0, 0, 0, 0, loc)
	pump(t, c.refresh())
	if len(c.items) != 2000 {
		t.Fatalf("%d scheduled", len(c.items))
	}
	var draws, reads, drags []time.Duration
	for range 11 {
		t0 := time.Now()
		pump(t, c.refresh())
		reads = append(reads, time.Since(t0))
		t0 = time.Now()
		c.draw()
		draws = append(draws, time.Since(t0))
	}
	ch := chipOf(t, c, ps[0].ID)
	from := fyne.CurrentApp().Driver().AbsolutePositionForObject(ch)
	for i := range 200 {
		t0 := time.Now()
		ch.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: from.Add(fyne.NewPos(float32(i), float32(i)))}})
		drags = append(drags, time.Since(t0))
	}
	c.dragging = false
	c.ghost.Hide()
	fmt.Printf("BENCH calendar month view with %d scheduled pieces: draw median %v (goal <= 50 ms; read from the store and drawn %v); drag step median %v (goal <= 8 ms)\n",
		len(c.items), median(draws).Round(time.Microsecond), median(reads).Round(time.Microsecond), median(drags).Round(time.Microsecond))
}
