package calendar

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Item is a scheduled piece as the rules see it.
type Item struct {
	PieceID  int64
	Platform string
	Approved bool      // approved or exported: no review is waiting
	At       time.Time // UTC
}

// MinGapFloor is the least time between two posts of one brand account,
// whatever a kit says: closer posts compete with each other in the feed.
const MinGapFloor = 30 * time.Minute

// DefaultGaps are Atelier's defaults for the least time between two posts
// on one platform, used when the kit sets no calendar.min_gap_minutes
// (docs/schedulers.md says why each).
var DefaultGaps = map[string]time.Duration{
	"instagram": 4 * time.Hour, "facebook": 4 * time.Hour, "tiktok": 4 * time.Hour, "threads": time.Hour,
	"linkedin": 12 * time.Hour, "youtube": 24 * time.Hour, "x": MinGapFloor, "pinterest": MinGapFloor, "bluesky": MinGapFloor,
}

// Policy is the calendar's rules for one brand.
type Policy struct {
	Location   *time.Location // the brand's zone: days and quiet hours are counted in it
	MinGap     time.Duration  // 0: DefaultGaps per platform; never under MinGapFloor
	MaxPerDay  int            // 0: no cap
	ReviewLead time.Duration  // a piece not approved this close to its time is flagged
	QuietFrom  time.Duration  // since local midnight; QuietFrom == QuietTo: no quiet hours
	QuietTo    time.Duration
}

// Gap is the least time between two posts on platform.
func (p Policy) Gap(platform string) time.Duration {
	g := p.MinGap
	if g == 0 {
		g = DefaultGaps[platform]
	}
	return max(g, MinGapFloor)
}

// Quiet reports whether t falls in the quiet hours (which may cross
// midnight), on the brand's clock.
func (p Policy) Quiet(t time.Time) bool {
	if p.QuietFrom == p.QuietTo {
		return false
	}
	l := t.In(p.Location)
	since := time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute
	if p.QuietFrom < p.QuietTo {
		return since >= p.QuietFrom && since < p.QuietTo
	}
	return since >= p.QuietFrom || since < p.QuietTo
}

// ParseClock reads "22:00" as the time since midnight.
func ParseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a time of day such as 22:00", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// Rule keys, for front-ends to say a Conflict in their language.
const (
	RuleMinGap     = "calendar.min_gap"
	RuleMaxPerDay  = "calendar.max_per_day"
	RuleReviewLead = "calendar.review_lead"
	RuleQuietHours = "calendar.quiet_hours"
	RulePast       = "calendar.past"
)

// Rules are every rule's key.
var Rules = []string{RuleMinGap, RuleMaxPerDay, RuleReviewLead, RuleQuietHours, RulePast}

// Conflict is a rule the plan breaks: which pieces, when, and the figures
// its message quotes.
type Conflict struct {
	Rule     string            `json:"rule"`
	PieceIDs []int64           `json:"piece_ids"`
	At       time.Time         `json:"at"`
	Args     map[string]string `json:"args"`
}

// conflictPhrases are the conflicts in English, with {{.name}} for Args.
var conflictPhrases = map[string]string{
	RuleMinGap:     "two {{.platform}} posts {{.gap}} apart; leave at least {{.min}} between them",
	RuleMaxPerDay:  "{{.count}} posts on {{.day}}; the kit allows {{.max}} a day",
	RuleReviewLead: "scheduled in {{.left}} but not approved yet; review takes {{.lead}}",
	RuleQuietHours: "scheduled at {{.time}}, inside the quiet hours ({{.from}}–{{.to}})",
	RulePast:       "scheduled in the past ({{.time}}) and not exported",
}

// Phrase is a rule's English message, with {{.name}} placeholders.
func Phrase(rule string) string { return conflictPhrases[rule] }

// Message says the conflict in English.
func (c Conflict) Message() string {
	s := conflictPhrases[c.Rule]
	for k, v := range c.Args {
		s = strings.ReplaceAll(s, "{{."+k+"}}", v)
	}
	return s
}

// Check returns every rule the items break, now being the current time.
func Check(items []Item, p Policy, now time.Time) []Conflict {
	if p.Location == nil {
		p.Location = time.UTC
	}
	sorted := append([]Item(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	out := checkGaps(sorted, p)
	out = append(out, checkDays(sorted, p)...)
	for _, it := range sorted {
		local := it.At.In(p.Location)
		switch {
		case !it.Approved && it.At.Before(now):
			out = append(out, Conflict{Rule: RulePast, PieceIDs: []int64{it.PieceID}, At: it.At, Args: map[string]string{"time": local.Format("2006-01-02 15:04")}})
		case !it.Approved && it.At.Before(now.Add(p.ReviewLead)):
			out = append(out, Conflict{Rule: RuleReviewLead, PieceIDs: []int64{it.PieceID}, At: it.At,
				Args: map[string]string{"left": span(it.At.Sub(now)), "lead": span(p.ReviewLead)}})
		}
		if p.Quiet(it.At) {
			out = append(out, Conflict{Rule: RuleQuietHours, PieceIDs: []int64{it.PieceID}, At: it.At,
				Args: map[string]string{"time": local.Format("15:04"), "from": clock(p.QuietFrom), "to": clock(p.QuietTo)}})
		}
	}
	return out
}

// checkGaps flags posts on one platform closer than its gap.
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

// checkDays flags the days, on the brand's calendar, with more posts than
// the kit allows.
func checkDays(sorted []Item, p Policy) []Conflict {
	if p.MaxPerDay <= 0 {
		return nil
	}
	var out []Conflict
	for i := 0; i < len(sorted); {
		day := sorted[i].At.In(p.Location).Format("2006-01-02")
		j := i
		for j < len(sorted) && sorted[j].At.In(p.Location).Format("2006-01-02") == day {
			j++
		}
		if n := j - i; n > p.MaxPerDay {
			c := Conflict{Rule: RuleMaxPerDay, At: sorted[i].At, Args: map[string]string{"count": strconv.Itoa(n), "day": day, "max": strconv.Itoa(p.MaxPerDay)}}
			for _, it := range sorted[i:j] {
				c.PieceIDs = append(c.PieceIDs, it.PieceID)
			}
			out = append(out, c)
		}
		i = j
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
