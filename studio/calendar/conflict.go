package calendar

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Rule keys, for front-ends to say a Conflict in their language.
const (
	RuleMinGap     = "calendar.min_gap"
	RuleMaxPerDay  = "calendar.max_per_day"
	RuleReviewLead = "calendar.review_lead"
	RuleQuietHours = "calendar.quiet_hours"
	RulePast       = "calendar.past"
	// RuleMaxPerDayPlatform is a platform's own daily cap
	// (Policy.MaxPerDayByPlatform). It is not in Rules yet: the
	// translations do not have it, and Say falls back to Phrase.
	RuleMaxPerDayPlatform = "calendar.max_per_day_platform"
)

// Rules are the rule keys the translations carry.
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
	RuleMinGap:            "two {{.platform}} posts {{.gap}} apart; leave at least {{.min}} between them",
	RuleMaxPerDay:         "{{.count}} posts on {{.day}}; the kit allows {{.max}} a day",
	RuleMaxPerDayPlatform: "{{.count}} {{.platform}} posts on {{.day}}; the kit allows {{.max}} a day on {{.platform}}",
	RuleReviewLead:        "scheduled in {{.left}} but not approved yet; review takes {{.lead}}",
	RuleQuietHours:        "scheduled at {{.time}}, inside the quiet hours ({{.from}}–{{.to}})",
	RulePast:              "scheduled in the past ({{.time}}) and not exported",
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

// involves reports whether the conflict names the piece.
func (c Conflict) involves(id int64) bool {
	for _, p := range c.PieceIDs {
		if p == id {
			return true
		}
	}
	return false
}

// checkDays flags the days, on the brand's calendar, with more posts than
// the kit allows, all platforms together and per platform. A day is a
// calendar date in the brand's zone, so the 23-hour and 25-hour days of
// the clock changes are one day each.
func checkDays(sorted []Item, p Policy) []Conflict {
	type key struct{ day, platform string }
	groups := map[key][]Item{}
	var order []key
	add := func(k key, it Item) {
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], it)
	}
	for _, it := range sorted {
		day := it.At.In(p.Location).Format("2006-01-02")
		if p.MaxPerDay > 0 {
			add(key{day, ""}, it)
		}
		if p.MaxPerDayByPlatform[it.Platform] > 0 {
			add(key{day, it.Platform}, it)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].day < order[j].day })
	var out []Conflict
	for _, k := range order {
		its, limit, rule := groups[k], p.MaxPerDay, RuleMaxPerDay
		if k.platform != "" {
			limit, rule = p.MaxPerDayByPlatform[k.platform], RuleMaxPerDayPlatform
		}
		if len(its) <= limit {
			continue
		}
		c := Conflict{Rule: rule, At: its[0].At, Args: map[string]string{"count": strconv.Itoa(len(its)), "day": k.day, "max": strconv.Itoa(limit)}}
		if k.platform != "" {
			c.Args["platform"] = k.platform
		}
		for _, it := range its {
			c.PieceIDs = append(c.PieceIDs, it.PieceID)
		}
		out = append(out, c)
	}
	return out
}
