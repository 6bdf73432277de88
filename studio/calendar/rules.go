package calendar

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Item is a scheduled piece as the rules see it.
type Item struct {
	PieceID  int64
	Platform string    // a registry id: "instagram", "x"…
	Approved bool      // approved or exported: no review is waiting (State "approved" or "exported" means the same)
	At       time.Time // UTC
	State    string    // the workflow state, optional
	Title    string    // for front-ends, optional
}

// approved reports whether no review is waiting for the item.
func (it Item) approved() bool {
	return it.Approved || it.State == "approved" || it.State == "exported"
}

// MinGapFloor is the least time between two posts of one brand account,
// whatever a kit says: closer posts compete with each other in the feed.
const MinGapFloor = 30 * time.Minute

// DefaultGaps are Atelier's defaults for the least time between two posts
// on one platform, used when the kit sets no gap. The platform registry
// (studio/platform) holds no such figure, so they live here. They are
// editorial defaults, not platform rules: posting-frequency guidance
// (Hootsuite, "How often to post on social media", 2024; Buffer, "How
// often to post on social media", 2024; LinkedIn Marketing Solutions'
// "post once a day at most" advice) turned into a spacing between two posts
// of one account. docs/schedulers.md gives the reasoning per platform.
var DefaultGaps = map[string]time.Duration{
	"instagram": 4 * time.Hour, "facebook": 4 * time.Hour, "tiktok": 4 * time.Hour, "threads": time.Hour,
	"linkedin": 12 * time.Hour, "youtube": 24 * time.Hour, "pinterest": MinGapFloor, "x": MinGapFloor,
	"bluesky": MinGapFloor, "mastodon": MinGapFloor,
}

// Policy is the calendar's rules for one brand.
type Policy struct {
	Location   *time.Location // the brand's zone: days and quiet hours are counted in it; nil is UTC
	MinGap     time.Duration  // the kit's gap for every platform; 0: DefaultGaps per platform; never under MinGapFloor
	MaxPerDay  int            // posts a day, all platforms together; 0: no cap
	ReviewLead time.Duration  // a piece not approved this close to its time is flagged
	QuietFrom  time.Duration  // since local midnight; QuietFrom == QuietTo: no quiet hours
	QuietTo    time.Duration  // may be before QuietFrom: the span crosses midnight

	// MinGapByPlatform overrides MinGap for one platform (still never
	// under MinGapFloor).
	MinGapByPlatform map[string]time.Duration
	// MaxPerDayByPlatform caps one platform's posts a day; 0 or absent: no cap.
	MaxPerDayByPlatform map[string]int
}

// Gap is the least time between two posts on platform: the kit's gap for
// that platform, else the kit's gap for all, else DefaultGaps, and never
// under MinGapFloor.
func (p Policy) Gap(platform string) time.Duration {
	g := p.MinGapByPlatform[platform]
	if g == 0 {
		g = p.MinGap
	}
	if g == 0 {
		g = DefaultGaps[platform]
	}
	return max(g, MinGapFloor)
}

// Quiet reports whether t falls in the quiet hours (which may cross
// midnight), on the brand's clock. QuietFrom is inside the quiet hours,
// QuietTo is not.
func (p Policy) Quiet(t time.Time) bool {
	if p.QuietFrom == p.QuietTo {
		return false
	}
	l := t.In(p.loc())
	since := time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute
	if p.QuietFrom < p.QuietTo {
		return since >= p.QuietFrom && since < p.QuietTo
	}
	return since >= p.QuietFrom || since < p.QuietTo
}

func (p Policy) loc() *time.Location {
	if p.Location == nil {
		return time.UTC
	}
	return p.Location
}

// ClockError is a time of day that does not parse.
type ClockError struct{ Input string }

func (e *ClockError) Error() string {
	return fmt.Sprintf("%q is not a time of day: write it on a 24-hour clock, such as 22:00 or 07:30", e.Input)
}

// ParseClock reads "22:00" as the time since midnight.
func ParseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, &ClockError{Input: s}
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// Check returns every rule the items break, now being the current time:
// the gaps first, then the days over a cap, then each item's own
// conflicts, in time order.
func Check(items []Item, p Policy, now time.Time) []Conflict {
	p.Location = p.loc()
	sorted := append([]Item(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	out := checkGaps(sorted, p)
	out = append(out, checkDays(sorted, p)...)
	for _, it := range sorted {
		out = append(out, checkItem(it, p, now)...)
	}
	return out
}

// checkItem flags one item's own conflicts: in the past, inside the
// review lead, inside the quiet hours.
func checkItem(it Item, p Policy, now time.Time) []Conflict {
	var out []Conflict
	local := it.At.In(p.Location)
	switch {
	case !it.approved() && it.At.Before(now):
		out = append(out, Conflict{Rule: RulePast, PieceIDs: []int64{it.PieceID}, At: it.At, Args: map[string]string{"time": local.Format("2006-01-02 15:04")}})
	case !it.approved() && it.At.Before(now.Add(p.ReviewLead)):
		out = append(out, Conflict{Rule: RuleReviewLead, PieceIDs: []int64{it.PieceID}, At: it.At,
			Args: map[string]string{"left": span(it.At.Sub(now)), "lead": span(p.ReviewLead)}})
	}
	if p.Quiet(it.At) {
		out = append(out, Conflict{Rule: RuleQuietHours, PieceIDs: []int64{it.PieceID}, At: it.At,
			Args: map[string]string{"time": local.Format("15:04"), "from": clock(p.QuietFrom), "to": clock(p.QuietTo)}})
	}
	return out
}

// checkGaps flags posts on one platform closer than its gap. Exactly the
// gap is fine.
func checkGaps(sorted []Item, p Policy) []Conflict {
	var out []Conflict
	last := map[string]Item{}
	for _, it := range sorted {
		if prev, ok := last[it.Platform]; ok {
			if d := it.At.Sub(prev.At); d < p.Gap(it.Platform) {
				out = append(out, Conflict{Rule: RuleMinGap, PieceIDs: []int64{prev.PieceID, it.PieceID}, At: it.At,
					Args: map[string]string{"platform": it.Platform, "gap": span(d), "min": span(p.Gap(it.Platform))}})
			}
		}
		last[it.Platform] = it
	}
	return out
}

// span says a duration in hours and minutes: "1 h 30 min", "45 min".
func span(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}
