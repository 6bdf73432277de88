package calendar

import (
	"testing"
	"time"

	"atelier/studio/results"
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
	// Measured weights: 23:00 is best but quiet; 20:00 is next.
	var w Weights
	for d := range w {
		w[d][23], w[d][20], w[d][8] = 0.09, 0.08, 0.01
	}
	got = Suggest("linkedin", from, to, nil, p, &w, now, 2)
	if len(got) != 2 || got[0].In(paris).Hour() != 20 {
		t.Fatalf("with weights: %v", got)
	}
}

// TestSuggestionsNeverAddToABrokenDay: a day already over its cap gets no
// suggestion, although one more post adds no new conflict there.
func TestSuggestionsNeverAddToABrokenDay(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, paris)
	p := Policy{Location: paris, MaxPerDay: 1}
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, paris).UTC() }
	planned := []Item{{PieceID: 1, Platform: "x", Approved: true, At: day(2, 8)}, {PieceID: 2, Platform: "linkedin", Approved: true, At: day(2, 18)}}
	got := Suggestions(SlotRequest{Platform: "instagram", From: day(2, 0), To: day(4, 0), Planned: planned, Policy: p, Now: now, N: 5})
	if len(got) != 1 || got[0].At.In(paris).Day() != 3 || got[0].Source != FromDefaults {
		t.Fatalf("%v", got)
	}
}

// TestSuggestionsFromResults: the measured hours are used where a cell
// holds the minimum sample, the defaults elsewhere, and each slot says
// which; the review lead and the spring-forward night are respected.
func TestSuggestionsFromResults(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	var posts []results.Scored
	add := func(n int, at time.Time, likes int) {
		for i := range n {
			post := results.Post{Platform: "instagram", PublishedAt: at.AddDate(0, 0, -7*i), Impressions: 1000, Likes: int64(likes)}
			post.Present = post.Present.With(results.FieldImpressions).With(results.FieldLikes)
			posts = append(posts, results.Scored{Post: post})
		}
	}
	add(5, time.Date(2026, 2, 23, 19, 10, 0, 0, paris), 90) // Mondays 19:00, five posts: trusted
	add(2, time.Date(2026, 2, 24, 7, 0, 0, 0, paris), 300)  // Tuesdays 07:00, two posts: not enough
	if m := Measure(posts, "x", paris, 0); m != nil {
		t.Fatalf("x has no posts but is measured: %+v", m)
	}
	m := Measure(posts, "instagram", paris, 5)
	if m == nil || m.Count[0][19] != 5 || m.Count[1][7] != 2 {
		t.Fatalf("measured %+v", m)
	}
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, paris)
	from, to := time.Date(2026, 3, 2, 0, 0, 0, 0, paris), time.Date(2026, 3, 4, 0, 0, 0, 0, paris)
	got := Suggestions(SlotRequest{Platform: "instagram", From: from, To: to, Policy: Policy{Location: paris}, Measured: m, Now: now, N: 5})
	if len(got) != 2 || got[0].At.In(paris).Hour() != 19 || got[0].Source != FromResults || got[0].Weight <= 0 ||
		got[1].At.In(paris).Hour() != 11 || got[1].Source != FromDefaults {
		t.Fatalf("%+v", got)
	}
	// The review lead pushes past Monday 19:00.
	got = Suggestions(SlotRequest{Platform: "instagram", From: from, To: to, Policy: Policy{Location: paris, ReviewLead: 36 * time.Hour}, Measured: m, Now: now, N: 5})
	if len(got) != 1 || got[0].At.In(paris).Day() != 3 {
		t.Fatalf("with a lead: %+v", got)
	}
	// 02:00 does not exist on 29 March in Paris: never suggested.
	var w Weights
	w[6][2] = 1
	night := Suggest("x", time.Date(2026, 3, 29, 0, 0, 0, 0, paris), time.Date(2026, 3, 30, 0, 0, 0, 0, paris), nil, Policy{Location: paris}, &w, now, 1)
	if len(night) != 1 || night[0].Equal(time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("the spring-forward night: %v", night)
	}
}
