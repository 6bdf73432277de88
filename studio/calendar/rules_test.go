package calendar

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// it is a planned item for the rule tables.
func it(id int64, platform string, approved bool, at time.Time) Item {
	return Item{PieceID: id, Platform: platform, Approved: approved, At: at}
}

// conflictKeys writes conflicts as "rule:id,id" for comparison.
func conflictKeys(t *testing.T, name string, cs []Conflict) []string {
	var got []string
	for _, k := range cs {
		ids := make([]string, len(k.PieceIDs))
		for i, id := range k.PieceIDs {
			ids[i] = fmt.Sprint(id)
		}
		got = append(got, k.Rule+":"+strings.Join(ids, ","))
		if m := k.Message(); m == "" || strings.Contains(m, "{{") {
			t.Errorf("%s: message %q leaves a placeholder", name, m)
		}
	}
	return got
}

// TestRules is the table of the calendar's rules: each case is a plan and
// the conflicts it must raise, no more.
func TestRules(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, paris)
	at := func(day, h, m int) time.Time { return time.Date(2026, 3, day, h, m, 0, 0, paris).UTC() }
	base := Policy{Location: paris}
	with := func(f func(*Policy)) Policy { p := base; f(&p); return p }
	quiet := with(func(p *Policy) { p.QuietFrom, p.QuietTo = 22*time.Hour, 7*time.Hour })
	day := with(func(p *Policy) { p.QuietFrom, p.QuietTo = 12*time.Hour, 14*time.Hour })
	capped := with(func(p *Policy) { p.MaxPerDay = 2 })
	perPlatform := with(func(p *Policy) { p.MaxPerDayByPlatform = map[string]int{"x": 1} })
	lead := with(func(p *Policy) { p.ReviewLead = 48 * time.Hour })
	gap := with(func(p *Policy) { p.MinGap = 2 * time.Hour })
	tooSmall := with(func(p *Policy) { p.MinGap = 5 * time.Minute })
	byPlatform := with(func(p *Policy) {
		p.MinGap = 2 * time.Hour
		p.MinGapByPlatform = map[string]time.Duration{"x": 3 * time.Hour}
	})
	cases := []struct {
		name  string
		p     Policy
		items []Item
		want  []string // rule:piece ids
	}{
		{"x exactly 30 min apart is fine", base, []Item{it(1, "x", true, at(25, 9, 0)), it(2, "x", true, at(25, 9, 30))}, nil},
		{"x 29 min apart", base, []Item{it(1, "x", true, at(25, 9, 0)), it(2, "x", true, at(25, 9, 29))}, []string{"calendar.min_gap:1,2"}},
		{"the order given does not matter", base, []Item{it(2, "x", true, at(25, 9, 29)), it(1, "x", true, at(25, 9, 0))}, []string{"calendar.min_gap:1,2"}},
		{"two platforms at once are fine", base, []Item{it(1, "x", true, at(25, 9, 0)), it(2, "linkedin", true, at(25, 9, 0))}, nil},
		{"linkedin's own gap is 12 h", base, []Item{it(1, "linkedin", true, at(25, 9, 0)), it(2, "linkedin", true, at(25, 20, 0))}, []string{"calendar.min_gap:1,2"}},
		{"linkedin exactly 12 h apart", base, []Item{it(1, "linkedin", true, at(25, 8, 0)), it(2, "linkedin", true, at(25, 20, 0))}, nil},
		{"an unknown platform gets the floor", base, []Item{it(1, "myspace", true, at(25, 9, 0)), it(2, "myspace", true, at(25, 9, 20))}, []string{"calendar.min_gap:1,2"}},
		{"the kit's gap replaces the platform's", gap, []Item{it(1, "linkedin", true, at(25, 9, 0)), it(2, "linkedin", true, at(25, 11, 0))}, nil},
		{"a kit's gap never goes under 30 min", tooSmall, []Item{it(1, "x", true, at(25, 9, 0)), it(2, "x", true, at(25, 9, 10))}, []string{"calendar.min_gap:1,2"}},
		{"a platform's own gap beats the kit's", byPlatform, []Item{it(1, "x", true, at(25, 9, 0)), it(2, "x", true, at(25, 11, 30)), it(3, "facebook", true, at(25, 9, 0)), it(4, "facebook", true, at(25, 11, 0))}, []string{"calendar.min_gap:1,2"}},
		{"three posts a day over a cap of two", capped, []Item{it(1, "x", true, at(25, 8, 0)), it(2, "instagram", true, at(25, 12, 0)), it(3, "linkedin", true, at(25, 18, 0))}, []string{"calendar.max_per_day:1,2,3"}},
		{"two a day under a cap of two", capped, []Item{it(1, "x", true, at(25, 8, 0)), it(2, "instagram", true, at(25, 12, 0))}, nil},
		{"the cap counts the brand's days: 23:30 and 00:30 are two days", capped, []Item{it(1, "x", true, at(25, 23, 30)), it(2, "x", true, at(26, 0, 30)), it(3, "x", true, at(26, 9, 0))}, nil},
		{"the short day of the clock change is still one day", capped, []Item{it(1, "x", true, at(29, 0, 30)), it(2, "x", true, at(29, 12, 0)), it(3, "x", true, at(29, 23, 30))}, []string{"calendar.max_per_day:1,2,3"}},
		{"a platform's own cap", perPlatform, []Item{it(1, "x", true, at(25, 8, 0)), it(2, "instagram", true, at(25, 9, 0)), it(3, "x", true, at(25, 18, 0)), it(4, "x", true, at(26, 9, 0))}, []string{"calendar.max_per_day_platform:1,3"}},
		{"not approved within the review lead", lead, []Item{it(1, "x", false, at(21, 12, 0)), it(2, "x", true, at(21, 13, 0)), it(3, "x", false, at(23, 12, 0))}, []string{"calendar.review_lead:1"}},
		{"exactly the review lead is fine", lead, []Item{it(1, "x", false, at(22, 12, 0))}, nil},
		{"a state of approved counts as approved", lead, []Item{{PieceID: 1, Platform: "x", State: "approved", At: at(21, 12, 0)}, {PieceID: 2, Platform: "instagram", State: "in_review", At: at(21, 12, 0)}}, []string{"calendar.review_lead:2"}},
		{"in the past and not exported", base, []Item{it(1, "x", false, at(19, 9, 0))}, []string{"calendar.past:1"}},
		{"quiet hours across midnight", quiet, []Item{it(1, "x", true, at(25, 22, 0)), it(2, "x", true, at(26, 6, 59)), it(3, "pinterest", true, at(26, 7, 0)), it(4, "bluesky", true, at(25, 21, 59))}, []string{"calendar.quiet_hours:1", "calendar.quiet_hours:2"}},
		{"quiet hours within a day", day, []Item{it(1, "x", true, at(25, 11, 59)), it(2, "x", true, at(25, 12, 30)), it(3, "x", true, at(25, 14, 0))}, []string{"calendar.quiet_hours:2"}},
		{"quiet hours on the brand's clock after the change", quiet, []Item{it(1, "x", true, time.Date(2026, 3, 29, 5, 30, 0, 0, time.UTC)), it(2, "x", true, time.Date(2026, 3, 28, 5, 30, 0, 0, time.UTC))}, []string{"calendar.quiet_hours:2"}},
	}
	for _, c := range cases {
		got := conflictKeys(t, c.name, Check(c.items, c.p, now))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestDaysInNewYork: the 25-hour day of 1 November 2026 is one day, and
// 23:30 local on it is still that day although it is 04:30 UTC the next.
func TestDaysInNewYork(t *testing.T) {
	ny := zone(t, "America/New_York")
	p := Policy{Location: ny, MaxPerDay: 2}
	now := time.Date(2026, 10, 1, 0, 0, 0, 0, ny)
	items := []Item{
		it(1, "x", true, time.Date(2026, 11, 1, 0, 30, 0, 0, ny).UTC()),
		it(2, "x", true, time.Date(2026, 11, 1, 1, 30, 0, 0, time.FixedZone("EST", -5*3600)).UTC()),
		it(3, "x", true, time.Date(2026, 11, 1, 23, 30, 0, 0, ny).UTC()),
		it(4, "x", true, time.Date(2026, 11, 2, 0, 30, 0, 0, ny).UTC()),
	}
	got := conflictKeys(t, "new york", Check(items, p, now))
	if !reflect.DeepEqual(got, []string{"calendar.max_per_day:1,2,3"}) {
		t.Errorf("%v", got)
	}
	c := Check(items, p, now)[0]
	if c.Args["day"] != "2026-11-01" || c.Message() != "3 posts on 2026-11-01; the kit allows 2 a day" {
		t.Errorf("%q %v", c.Message(), c.Args)
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]time.Duration{"22:00": 22 * time.Hour, " 07:30 ": 7*time.Hour + 30*time.Minute, "00:00": 0} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, in := range []string{"25:00", "7h", ""} {
		var ce *ClockError
		if _, err := ParseClock(in); err == nil || !strings.Contains(err.Error(), "22:00") || !asClock(err, &ce) {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func asClock(err error, target **ClockError) bool {
	ce, ok := err.(*ClockError)
	*target = ce
	return ok
}
