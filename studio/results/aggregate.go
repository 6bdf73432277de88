package results

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Scored is a post with what Atelier knew of the piece it came from.
type Scored struct {
	Post      Post
	Platform  Platform // as planned; Post.Platform when empty
	Persona   string
	Language  string
	Format    string // text, image, audio, video
	Placement string // feed, story, reel…
	Claim     string // the claim used, "" for none
	Origin    string // "template" or "model"
	HookChars int    // length of the opening line, in characters
}

func (s Scored) platform() Platform {
	if s.Platform != "" {
		return s.Platform
	}
	return s.Post.Platform
}

// Dimension is what posts are grouped by.
type Dimension int

// The dimensions.
const (
	ByPlatform Dimension = iota + 1
	ByPersona
	ByLanguage
	ByFormat
	ByPlacement
	ByClaim
	ByOrigin     // template vs model
	ByHookLength // short < 40 characters ≤ medium ≤ 80 < long
	ByWeekday    // mon … sun, in Config.Location
	ByHour       // 00 … 23, in Config.Location
)

// DefaultMinSample is the number of posts below which a group is not
// enough to compare.
const DefaultMinSample = 5

// Config tunes aggregation; the zero value means DefaultMinSample and UTC.
type Config struct {
	MinSample int
	Location  *time.Location
}

func (c Config) min() int {
	if c.MinSample > 0 {
		return c.MinSample
	}
	return DefaultMinSample
}

func (c Config) loc() *time.Location {
	if c.Location != nil {
		return c.Location
	}
	return time.UTC
}

// Group is the engagement of the posts sharing one value per dimension.
// Mean is the mean of the per-post engagement rates; Low and High bound its
// 95 % t-interval. N counts the posts that have a rate, Posts all of them.
// Enough is false below the minimum sample: such a group says "too few
// posts" rather than compare.
type Group struct {
	Dims         []Dimension
	Keys         []string
	N, Posts     int
	Mean         float64
	Low, High    float64
	Enough       bool
	Interactions int64
	Denominator  int64
}

var weekdayKeys = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// WeekdayIndex is t's day in Monday-first order (Monday 0, Sunday 6), the
// order of BestSlots' rows.
func WeekdayIndex(t time.Time) int { return (int(t.Weekday()) + 6) % 7 }

func (s Scored) key(d Dimension, loc *time.Location) string {
	switch d {
	case ByPlatform:
		return string(s.platform())
	case ByPersona:
		return s.Persona
	case ByLanguage:
		return s.Language
	case ByFormat:
		return s.Format
	case ByPlacement:
		return s.Placement
	case ByClaim:
		return s.Claim
	case ByOrigin:
		return s.Origin
	case ByHookLength:
		return hookBucket(s.HookChars)
	case ByWeekday:
		return weekdayKeys[WeekdayIndex(s.Post.PublishedAt.In(loc))]
	case ByHour:
		return strconv.Itoa(s.Post.PublishedAt.In(loc).Hour())
	}
	return ""
}

func hookBucket(n int) string {
	switch {
	case n <= 0:
		return ""
	case n < 40:
		return "short"
	case n <= 80:
		return "medium"
	}
	return "long"
}

type groupAcc struct {
	g Group
	r running
}

// Aggregate groups posts by the dimensions and gives each group its mean
// engagement rate with a 95 % t-interval on the per-post rates. Groups come
// sorted by their keys.
func Aggregate(posts []Scored, by []Dimension, cfg Config) []Group {
	loc := cfg.loc()
	accs := map[string]*groupAcc{}
	keys := make([]string, len(by))
	for _, s := range posts {
		for i, d := range by {
			keys[i] = s.key(d, loc)
		}
		k := strings.Join(keys, "\x1f")
		a := accs[k]
		if a == nil {
			a = &groupAcc{g: Group{Dims: by, Keys: append([]string(nil), keys...)}}
			accs[k] = a
		}
		a.g.Posts++
		if rate, ok := EngagementRate(s.Post); ok {
			a.r.add(rate)
			n, _ := Interactions(s.Post)
			d, _, _ := Denominator(s.Post)
			a.g.Interactions += n
			a.g.Denominator += d
		}
	}
	out := make([]Group, 0, len(accs))
	for _, a := range accs {
		g := a.g
		g.N, g.Mean = a.r.n, a.r.mean
		g.Low, g.High = a.r.interval()
		g.Enough = g.N >= cfg.min()
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return lessKeys(out[i].Keys, out[j].Keys) })
	return out
}

func lessKeys(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// SlotWeights is the mean engagement rate per weekday (Monday first) and
// hour.
type SlotWeights = [7][24]float64

// BestSlots gives each weekday × hour (in loc) the mean engagement rate of
// the posts published then, shrunk toward the overall mean for sparse cells:
// (Σ rates + k × overall) ÷ (n + k) with k = DefaultMinSample, so a cell with
// one lucky post does not outrank a well-measured one. An empty cell gets the
// overall mean.
func BestSlots(posts []Scored, loc *time.Location) SlotWeights {
	if loc == nil {
		loc = time.UTC
	}
	var sum SlotWeights
	var n [7][24]int
	var all running
	for _, s := range posts {
		rate, ok := EngagementRate(s.Post)
		if !ok || s.Post.PublishedAt.IsZero() {
			continue
		}
		t := s.Post.PublishedAt.In(loc)
		d, h := WeekdayIndex(t), t.Hour()
		sum[d][h] += rate
		n[d][h]++
		all.add(rate)
	}
	const k = DefaultMinSample
	var w SlotWeights
	for d := range w {
		for h := range w[d] {
			w[d][h] = (sum[d][h] + k*all.mean) / float64(n[d][h]+k)
		}
	}
	return w
}

// Best returns up to n of the best past posts of one platform × persona ×
// language (an empty persona or language matches any), by engagement rate,
// for the drafting prompt; nil while that group has fewer than minSample
// posts with a rate, so a handful of posts is never held up as "what works".
func Best(posts []Scored, platform Platform, persona, language string, n, minSample int) []Post {
	if minSample <= 0 {
		minSample = DefaultMinSample
	}
	type ranked struct {
		p    Post
		rate float64
	}
	var pool []ranked
	for _, s := range posts {
		if s.platform() != platform || (persona != "" && s.Persona != persona) || (language != "" && s.Language != language) {
			continue
		}
		if r, ok := EngagementRate(s.Post); ok {
			pool = append(pool, ranked{s.Post, r})
		}
	}
	if len(pool) < minSample || n <= 0 {
		return nil
	}
	sort.SliceStable(pool, func(i, j int) bool {
		if pool[i].rate != pool[j].rate {
			return pool[i].rate > pool[j].rate
		}
		return pool[i].p.PublishedAt.After(pool[j].p.PublishedAt)
	})
	out := make([]Post, 0, min(n, len(pool)))
	for _, r := range pool[:min(n, len(pool))] {
		out = append(out, r.p)
	}
	return out
}
