package results

import (
	"sort"
	"time"
)

// Candidate is a piece Atelier made, as the matcher needs it.
type Candidate struct {
	PieceID     int64
	Platform    Platform
	Text        string
	Permalink   string    // where the CM pasted the published link, if they did
	ScheduledAt time.Time // when it was to go out
	ExportedAt  time.Time // when it left Atelier, if it was never scheduled
}

// MatchResult ties one post to the piece it came from; PieceID 0 means none.
type MatchResult struct {
	PostID    string // the post's Key()
	PieceID   int64
	By        string // "permalink" or "text"
	Score     float64
	Uncertain bool // for the CM to confirm
}

// The text-matching thresholds: a pair at or above MatchSure is taken as
// sure, one between MatchFloor and MatchSure is proposed as uncertain, and a
// best pair within MatchMargin of the runner-up is uncertain too.
const (
	MatchSure   = 0.5
	MatchFloor  = 0.3
	MatchMargin = 0.1
)

// Match finds each post's piece: first by permalink (both normalised with
// NormalizeURL), then by text similarity (words folded, hashtags, mentions
// and links stripped; Jaccard on words and word pairs) among pieces of the
// same platform whose time (scheduled, else exported) lies within window of
// the post's publication. Each piece goes to at most one post, the best
// pairs first. Results are in the order of posts.
func Match(posts []Post, pieces []Candidate, window time.Duration) []MatchResult {
	out := make([]MatchResult, len(posts))
	taken := make([]bool, len(pieces))
	done := make([]bool, len(posts))
	byLink := map[string][]int{}
	for j, c := range pieces {
		if c.Permalink != "" {
			k := string(c.Platform) + " " + NormalizeURL(c.Permalink)
			byLink[k] = append(byLink[k], j)
		}
	}
	for i, p := range posts {
		out[i] = MatchResult{PostID: p.Key()}
		if p.Permalink == "" {
			continue
		}
		for _, j := range byLink[string(p.Platform)+" "+NormalizeURL(p.Permalink)] {
			if !taken[j] {
				taken[j], done[i] = true, true
				out[i] = MatchResult{PostID: p.Key(), PieceID: pieces[j].PieceID, By: "permalink", Score: 1}
				break
			}
		}
	}
	matchText(posts, pieces, window, out, taken, done)
	return out
}

type pair struct {
	post, piece int
	score       float64
	gap         time.Duration
}

func matchText(posts []Post, pieces []Candidate, window time.Duration, out []MatchResult, taken, done []bool) {
	sigs := make([]textSig, len(pieces))
	for j, c := range pieces {
		sigs[j] = signature(c.Text)
	}
	var pairs []pair
	bestFor := make([][2]float64, len(posts)) // best and runner-up score per post
	for i, p := range posts {
		if done[i] || p.Text == "" {
			continue
		}
		ps := signature(p.Text)
		for j, c := range pieces {
			if taken[j] || c.Platform != p.Platform {
				continue
			}
			gap, ok := within(p.PublishedAt, c, window)
			if !ok {
				continue
			}
			s := similarity(ps, sigs[j])
			rank(&bestFor[i], s)
			if s >= MatchFloor {
				pairs = append(pairs, pair{i, j, s, gap})
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].score != pairs[b].score {
			return pairs[a].score > pairs[b].score
		}
		return pairs[a].gap < pairs[b].gap
	})
	for _, pr := range pairs {
		if done[pr.post] || taken[pr.piece] {
			continue
		}
		done[pr.post], taken[pr.piece] = true, true
		ambiguous := bestFor[pr.post][0]-bestFor[pr.post][1] < MatchMargin
		out[pr.post] = MatchResult{
			PostID: out[pr.post].PostID, PieceID: pieces[pr.piece].PieceID, By: "text", Score: pr.score,
			Uncertain: pr.score < MatchSure || ambiguous || pr.gap < 0,
		}
	}
}

// within reports whether the piece's time lies within window of the post's
// and how far apart they are; a missing time on either side passes, with a
// negative gap that marks the match uncertain.
func within(published time.Time, c Candidate, window time.Duration) (time.Duration, bool) {
	at := c.ScheduledAt
	if at.IsZero() {
		at = c.ExportedAt
	}
	if at.IsZero() || published.IsZero() {
		return -1, true
	}
	d := published.Sub(at)
	if d < 0 {
		d = -d
	}
	return d, d <= window
}

func rank(best *[2]float64, s float64) {
	switch {
	case s > best[0]:
		best[1], best[0] = best[0], s
	case s > best[1]:
		best[1] = s
	}
}
