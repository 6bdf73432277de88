package calendar

import (
	"testing"
	"time"
)

func TestSuggestKeepsTheRules(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, paris)
	p := Policy{Location: paris, MaxPerDay: 1, QuietFrom: 22 * time.Hour, QuietTo: 7 * time.Hour}
	from, to := time.Date(2026, 3, 2, 0, 0, 0, 0, paris), time.Date(2026, 3, 9, 0, 0, 0, 0, paris)
	// Tuesday is full already.
	planned := []Item{{PieceID: 1, Platform: "x", Approved: true, At: time.Date(2026, 3, 3, 9, 0, 0, 0, paris).UTC()}}
	got := Suggest("instagram", from, to, planned, p, nil, now, 10)
	if len(got) != 6 {
		t.Fatalf("%d suggestions in 7 days with one full: %v", len(got), got)
	}
	for _, at := range got {
		l := at.In(paris)
		if l.Day() == 3 || l.Hour() != 11 || len(Check(append(planned, Item{PieceID: 2, Platform: "instagram", Approved: true, At: at}), p, now)) > 0 {
			t.Errorf("suggested %v", l)
		}
	}
	// Measured weights: Friday 20:00 is best, but 20:00 is never quiet here; 23:00 would be.
	var w Weights
	for d := range w {
		w[d][23], w[d][20], w[d][8] = 0.09, 0.08, 0.01
	}
	got = Suggest("linkedin", from, to, nil, p, &w, now, 2)
	if len(got) != 2 || got[0].In(paris).Hour() != 20 {
		t.Fatalf("with weights: %v", got)
	}
	// A day already over its cap (planned by hand) gets no suggestion.
	capped := Policy{Location: paris, MaxPerDay: 1}
	over := []Item{{PieceID: 1, Platform: "x", Approved: true, At: time.Date(2026, 3, 2, 9, 0, 0, 0, paris).UTC()},
		{PieceID: 2, Platform: "x", Approved: true, At: time.Date(2026, 3, 2, 17, 0, 0, 0, paris).UTC()}}
	got = Suggest("instagram", from, from.AddDate(0, 0, 1), over, capped, nil, now, 3)
	if len(got) != 0 {
		t.Fatalf("suggested on a day over its cap: %v", got)
	}
}
