package studio_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"atelier/studio"
)

// TestScheduleKeepsEveryChange plans, moves and unschedules a piece and
// reads each change back in the audit with its actor; a rejected piece and
// a change from a stale view are refused without a trace.
func TestScheduleKeepsEveryChange(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	camille := studio.User{Name: "Camille", Role: studio.RoleAuthor}
	p := pieceIn(t, ws)
	paris, _ := time.LoadLocation("Europe/Paris")
	first := time.Date(2026, 3, 28, 9, 0, 30, 0, paris)
	c, err := ws.Schedule(ctx, p.ID, first, camille)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 28, 8, 0, 0, 0, time.UTC); !c.To.Equal(want) || c.To.Location() != time.UTC || !c.From.IsZero() || c.Who != "Camille" {
		t.Fatalf("first change %+v, want %v UTC from nothing by Camille", c, want)
	}
	// The day after the clocks change, 09:00 in Paris is 07:00 UTC.
	if _, err := ws.Schedule(ctx, p.ID, first.AddDate(0, 0, 1).Truncate(time.Minute), studio.User{Name: "Inès", Role: studio.RoleBrandOwner}); err != nil {
		t.Fatal(err)
	}
	s, _ := ws.Schedules(ctx, p.CampaignID)
	if got := s[p.ID]; !got.Equal(time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC)) {
		t.Fatalf("moved to %v", got)
	}
	// A stale view: the store refuses a change from a time the piece no longer has.
	if _, err := studio.StoreOf(ws).SetSchedule(ctx, studio.ScheduleChange{PieceID: p.ID, From: c.To, To: c.To.Add(time.Hour), Who: "x"}); !errors.Is(err, studio.ErrStale) {
		t.Fatalf("a stale change: %v", err)
	}
	if _, err := ws.Schedule(ctx, p.ID, time.Time{}, camille); err != nil {
		t.Fatal(err)
	}
	if s, _ := ws.Schedules(ctx, p.CampaignID); len(s) != 0 {
		t.Fatalf("unscheduled, still %v", s)
	}
	events, err := ws.Audit(ctx, p.CampaignID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		if e.Kind == "schedule" {
			got = append(got, e.Who+": "+e.What)
		}
	}
	want := []string{"Camille:  → 2026-03-28T08:00:00Z", "Inès: 2026-03-28T08:00:00Z → 2026-03-29T07:00:00Z", "Camille: 2026-03-29T07:00:00Z → "}
	if len(got) != len(want) {
		t.Fatalf("audit %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("audit line %d %q, want %q", i, got[i], want[i])
		}
	}
	rejected := pieceIn(t, ws, studio.StateRejected)
	if _, err := ws.Schedule(ctx, rejected.ID, first, camille); !errors.Is(err, studio.ErrNotSchedulable) {
		t.Fatalf("scheduling a rejected piece: %v", err)
	}
	if chs, _ := ws.ScheduleChanges(ctx, rejected.ID); len(chs) != 0 {
		t.Fatalf("a refused change was kept: %+v", chs)
	}
}
