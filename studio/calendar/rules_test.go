package calendar

import (
	"reflect"
	"testing"
	"time"
)

// TestRules is the table of the calendar's rules: each case is a plan and
// the conflicts it must raise, no more.
func TestRules(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, paris)
	at := func(day, h, m int) time.Time { return time.Date(2026, 3, day, h, m, 0, 0, paris).UTC() }
	base := Policy{Location: paris}
	quiet := base
	quiet.QuietFrom, quiet.QuietTo = 22*time.Hour, 7*time.Hour
	capped := base
	capped.MaxPerDay = 2
	lead := base
	lead.ReviewLead = 48 * time.Hour
	gap := base
	gap.MinGap = 2 * time.Hour
	tooSmall := base
	tooSmall.MinGap = 5 * time.Minute
	cases := []struct {
		name  string
		p     Policy
		items []Item
		want  []string // rule:piece ids
	}{
		{"x exactly 30 min apart is fine", base, []Item{{1, "x", true, at(25, 9, 0)}, {2, "x", true, at(25, 9, 30)}}, nil},
		{"x 29 min apart", base, []Item{{1, "x", true, at(25, 9, 0)}, {2, "x", true, at(25, 9, 29)}}, []string{"calendar.min_gap:1,2"}},
		{"two platforms at once are fine", base, []Item{{1, "x", true, at(25, 9, 0)}, {2, "linkedin", true, at(25, 9, 0)}}, nil},
		{"linkedin's own gap is 12 h", base, []Item{{1, "linkedin", true, at(25, 9, 0)}, {2, "linkedin", true, at(25, 20, 0)}}, []string{"calendar.min_gap:1,2"}},
		{"the kit's gap replaces the platform's", gap, []Item{{1, "linkedin", true, at(25, 9, 0)}, {2, "linkedin", true, at(25, 11, 0)}}, nil},
		{"a kit's gap never goes under 30 min", tooSmall, []Item{{1, "x", true, at(25, 9, 0)}, {2, "x", true, at(25, 9, 10)}}, []string{"calendar.min_gap:1,2"}},
		{"three posts a day over a cap of two", capped, []Item{{1, "x", true, at(25, 8, 0)}, {2, "instagram", true, at(25, 12, 0)}, {3, "linkedin", true, at(25, 18, 0)}}, []string{"calendar.max_per_day:1,2,3"}},
		{"the cap counts the brand's days: 23:30 and 00:30 are two days", capped, []Item{{1, "x", true, at(25, 23, 30)}, {2, "x", true, at(26, 0, 30)}, {3, "x", true, at(26, 9, 0)}}, nil},
		{"the short day of the clock change is still one day", capped, []Item{{1, "x", true, at(29, 0, 30)}, {2, "x", true, at(29, 12, 0)}, {3, "x", true, at(29, 23, 30)}}, []string{"calendar.max_per_day:1,2,3"}},
		{"not approved within the review lead", lead, []Item{{1, "x", false, at(21, 12, 0)}, {2, "x", true, at(21, 13, 0)}, {3, "x", false, at(23, 12, 0)}}, []string{"calendar.review_lead:1"}},
		{"in the past and not exported", base, []Item{{1, "x", false, at(19, 9, 0)}}, []string{"calendar.past:1"}},
		{"quiet hours across midnight", quiet, []Item{{1, "x", true, at(25, 22, 0)}, {2, "x", true, at(26, 6, 59)}, {3, "pinterest", true, at(26, 7, 0)}, {4, "bluesky", true, at(25, 21, 59)}}, []string{"calendar.quiet_hours:1", "calendar.quiet_hours:2"}},
	}
	for _, c := range cases {
		var got []string
		for _, k := range Check(c.items, c.p, now) {
			s := k.Rule + ":"
			for i, id := range k.PieceIDs {
				if i > 0 {
					s += ","
				}
				s += string(rune('0' + id))
			}
			got = append(got, s)
			if k.Message() == "" || k.Message() == Phrase(k.Rule) {
				t.Errorf("%s: message %q", c.name, k.Message())
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
