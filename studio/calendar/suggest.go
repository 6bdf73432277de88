package calendar

import (
	"sort"
	"time"

	"atelier/studio/results"
)

// DefaultHours are the hours (on the brand's clock) a platform's posts are
// suggested at before enough results are imported, best first: the weekday
// mornings and lunchtimes that published "best time to post" studies agree
// on (Sprout Social, Hootsuite and Later publish them each year;
// docs/schedulers.md names them and says what they are worth). They are
// defaults, not measurements of this brand's audience; imported results
// replace them.
var DefaultHours = map[string][]int{
	"instagram": {11, 13, 9, 17}, "facebook": {9, 13, 11}, "linkedin": {10, 8, 12},
	"x": {9, 12, 15, 18}, "tiktok": {18, 14, 20}, "youtube": {15, 17}, "pinterest": {20, 14},
	"threads": {10, 13}, "bluesky": {9, 12}, "mastodon": {9, 12},
}

// fallbackHours are suggested for a platform DefaultHours does not know.
var fallbackHours = []int{10, 13}

// Weights are the mean engagement rates by weekday (Monday first) and
// hour, as results.BestSlots measures them.
type Weights = results.SlotWeights

// Source says where a suggested slot comes from.
type Source string

const (
	FromResults  Source = "results"  // the brand's own imported results
	FromDefaults Source = "defaults" // DefaultHours, no measurement
)

// Slot is a suggested time.
type Slot struct {
	At     time.Time `json:"at"` // UTC
	Source Source    `json:"source"`
	Weight float64   `json:"weight,omitempty"` // the measured mean engagement rate, for FromResults
}

// Measured is what imported results say about the hours of one platform:
// the weights and how many posts each cell holds.
type Measured struct {
	Weights   Weights
	Count     [7][24]int // posts per weekday (Monday first) × hour
	MinSample int        // a cell with fewer posts is not trusted; 0: results.DefaultMinSample
}

// Measure reads the imported results of one platform into weights by
// weekday × hour in loc; nil while fewer than minSample posts of that
// platform have a publication time (0: results.DefaultMinSample).
func Measure(posts []results.Scored, platform string, loc *time.Location, minSample int) *Measured {
	if minSample <= 0 {
		minSample = results.DefaultMinSample
	}
	if loc == nil {
		loc = time.UTC
	}
	var mine []results.Scored
	m := &Measured{MinSample: minSample}
	for _, s := range posts {
		p := s.Platform
		if p == "" {
			p = s.Post.Platform
		}
		if string(p) != platform || s.Post.PublishedAt.IsZero() {
			continue
		}
		mine = append(mine, s)
		t := s.Post.PublishedAt.In(loc)
		m.Count[results.WeekdayIndex(t)][t.Hour()]++
	}
	if len(mine) < minSample {
		return nil
	}
	m.Weights = results.BestSlots(mine, loc)
	return m
}

// Suggest returns up to n times, from from to to, for a post on platform:
// the best-weighted hours of each day when weights are given, else the
// platform's DefaultHours; never a time that would break a rule given the
// items already planned. It is Suggestions without the slots' sources.
func Suggest(platform string, from, to time.Time, items []Item, p Policy, weights *Weights, now time.Time, n int) []time.Time {
	var m *Measured
	if weights != nil {
		m = &Measured{Weights: *weights, MinSample: -1}
	}
	var out []time.Time
	for _, s := range Suggestions(SlotRequest{Platform: platform, From: from, To: to, Planned: items, Policy: p, Measured: m, Now: now, N: n}) {
		out = append(out, s.At)
	}
	return out
}

// SlotRequest asks Suggestions for slots.
type SlotRequest struct {
	Platform string
	From, To time.Time // the range, To excluded
	Planned  []Item    // what is scheduled already, every platform
	Policy   Policy
	Measured *Measured // nil: DefaultHours
	Now      time.Time
	N        int // at most this many slots, one a day so they spread over the range
}

// Suggestions returns up to r.N slots, at most one a day on the brand's
// calendar: on each day the best measured hour whose cell holds at least
// MinSample posts, else the platform's DefaultHours, skipping any time
// that would break a rule (gap, daily caps, quiet hours, review lead, the
// past) given what is planned and the slots already suggested.
func Suggestions(r SlotRequest) []Slot {
	loc := r.Policy.loc()
	r.Policy.Location = loc
	planned := append([]Item(nil), r.Planned...)
	var out []Slot
	start := r.From.In(loc)
	for day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc); day.Before(r.To) && len(out) < r.N; day = day.AddDate(0, 0, 1) {
		for _, c := range candidates(r.Platform, day, r.Measured) {
			at, ok := atHour(day, c.hour, loc)
			if !ok || at.Before(r.From) || !at.Before(r.To) || !r.fits(planned, at) {
				continue
			}
			out = append(out, Slot{At: at, Source: c.source, Weight: c.weight})
			planned = append(planned, Item{PieceID: candidateID, Platform: r.Platform, Approved: true, At: at})
			break
		}
	}
	return out
}

// candidateID marks the slot being tried among the planned items.
const candidateID = -1

// fits reports whether a post at at breaks no rule that names it.
func (r SlotRequest) fits(planned []Item, at time.Time) bool {
	if at.Before(r.Now.Add(r.Policy.ReviewLead)) || at.Before(r.Now) {
		return false
	}
	trial := append(append([]Item(nil), planned...), Item{PieceID: candidateID, Platform: r.Platform, Approved: true, At: at})
	for _, c := range Check(trial, r.Policy, r.Now) {
		if c.involves(candidateID) {
			return false
		}
	}
	return true
}

// atHour is h:00 on day in loc, false when that hour does not exist (the
// spring-forward night).
func atHour(day time.Time, h int, loc *time.Location) (time.Time, bool) {
	t := time.Date(day.Year(), day.Month(), day.Day(), h, 0, 0, 0, loc)
	return t.UTC(), t.Hour() == h && t.Day() == day.Day()
}

type candidate struct {
	hour   int
	source Source
	weight float64
}

// candidates ranks a day's hours: the trusted measured cells by weight,
// best first, then the platform's defaults.
func candidates(platform string, day time.Time, m *Measured) []candidate {
	var out []candidate
	if m != nil {
		wd := results.WeekdayIndex(day)
		for h := range 24 {
			if m.MinSample < 0 || m.Count[wd][h] >= m.MinSample {
				out = append(out, candidate{h, FromResults, m.Weights[wd][h]})
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
		if m.MinSample < 0 && len(out) > 6 {
			out = out[:6] // bare weights: every cell counts, keep the best few
		}
	}
	hours, ok := DefaultHours[platform]
	if !ok {
		hours = fallbackHours
	}
	for _, h := range hours {
		out = append(out, candidate{h, FromDefaults, 0})
	}
	return out
}
