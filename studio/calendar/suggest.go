package calendar

import (
	"sort"
	"time"
)

// DefaultHours are the hours (on the brand's clock) a platform's posts are
// suggested at before any result is imported: the weekday mornings and
// lunchtimes that published studies of engagement by hour agree on
// (docs/schedulers.md names them). They are defaults, not measurements of
// this brand's audience; imported results replace them.
var DefaultHours = map[string][]int{
	"instagram": {11, 13, 9, 17}, "facebook": {9, 13, 11}, "linkedin": {10, 8, 12},
	"x": {9, 12, 15, 18}, "tiktok": {18, 14, 20}, "youtube": {15, 17}, "pinterest": {20, 14}, "threads": {10, 13}, "bluesky": {9, 12},
}

// Weights are the mean engagement rates by weekday (Monday first) and
// hour, as results.BestSlots measures them.
type Weights = [7][24]float64

// Suggest returns up to n times, from from to to, for a post on platform:
// the best-weighted hours of each day when weights are given, else the
// platform's DefaultHours; never a time that would break a rule given the
// items already planned (a gap, the day's cap, the quiet hours, the
// review lead).
func Suggest(platform string, from, to time.Time, items []Item, p Policy, weights *Weights, now time.Time, n int) []time.Time {
	if p.Location == nil {
		p.Location = time.UTC
	}
	var out []time.Time
	start := from.In(p.Location)
	for day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, p.Location); day.Before(to) && len(out) < n; day = day.AddDate(0, 0, 1) {
		if p.MaxPerDay > 0 && postsOn(items, day, p.Location) >= p.MaxPerDay {
			continue // a full day stays full, though one more post would raise no new conflict
		}
		for _, h := range hoursFor(platform, day.Weekday(), weights) {
			at := time.Date(day.Year(), day.Month(), day.Day(), h, 0, 0, 0, p.Location).UTC()
			if at.Before(from) || !at.Before(to) || at.Before(now.Add(p.ReviewLead)) {
				continue
			}
			candidate := append(append([]Item(nil), items...), Item{PieceID: -1, Platform: platform, Approved: true, At: at})
			if len(Check(candidate, p, now)) > len(Check(items, p, now)) {
				continue
			}
			out = append(out, at)
			items = candidate
			break // one suggestion a day, so they spread over the range
		}
	}
	return out
}

// postsOn counts the items planned on day, on the brand's calendar.
func postsOn(items []Item, day time.Time, loc *time.Location) int {
	n := 0
	for _, it := range items {
		if t := it.At.In(loc); t.Year() == day.Year() && t.YearDay() == day.YearDay() {
			n++
		}
	}
	return n
}

// hoursFor ranks a weekday's hours: by weight, best first, or the
// platform's defaults.
func hoursFor(platform string, wd time.Weekday, weights *Weights) []int {
	if weights == nil {
		if hs, ok := DefaultHours[platform]; ok {
			return hs
		}
		return []int{10, 13}
	}
	row := weights[(int(wd)+6)%7]
	hours := make([]int, 24)
	for h := range hours {
		hours[h] = h
	}
	sort.SliceStable(hours, func(i, j int) bool { return row[hours[i]] > row[hours[j]] })
	return hours[:6]
}
