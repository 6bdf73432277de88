package studio

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"atelier/studio/results"
)

// ResultPost is a post read back from a platform's export, with the piece
// it came from (PieceID 0: an external post).
type ResultPost struct {
	results.Post
	PieceID   int64
	By        string // "permalink", "text" or "confirmed"
	Score     float64
	Uncertain bool // a text match for the CM to confirm
	Confirmed bool
}

// ImportCounts say what an import did to the stored posts.
type ImportCounts struct{ Added, Updated, Unchanged int }

// ResultStore keeps imported results; the SQLite store does.
type ResultStore interface {
	ImportResults(ctx context.Context, read func(put func(results.Post) error) error) (ImportCounts, error)
	ResultPosts(ctx context.Context) ([]ResultPost, error)
	ResultPostsBetween(ctx context.Context, from, to time.Time) ([]ResultPost, error)
	ResultCounts(ctx context.Context) (matched, uncertain, external int, err error)
	SetMatches(ctx context.Context, ms []results.MatchResult) error
	ConfirmMatch(ctx context.Context, key string, pieceID int64) error
	SetPermalink(ctx context.Context, pieceID int64, url string) error
	Permalinks(ctx context.Context) (map[int64]string, error)
}

// ErrNoResults is returned by a store that does not keep results.
var ErrNoResults = errors.New("this workspace's store does not keep results yet; import them in a personal (SQLite) workspace")

func (w *Workspace) results() (ResultStore, error) {
	if rs, ok := w.reads.(ResultStore); ok {
		return rs, nil
	}
	return nil, ErrNoResults
}

// ImportReport says what one file held and what became of it.
type ImportReport struct {
	results.Summary
	ImportCounts
	Matched, Uncertain, External int // over every stored post, after matching
}

// matchWindow is how far a post's publication may be from its piece's
// planned (or export) time for a text match.
const matchWindow = 72 * time.Hour

// ImportResults reads a platform's export and stores its posts, then
// matches every post not settled by the CM to the pieces. Importing the
// same file again adds nothing; a newer export of the same posts updates
// them. A file that is none of the known exports, and has no saved
// mapping (SaveResultMapping), is refused, and nothing is stored.
func (w *Workspace) ImportResults(ctx context.Context, path string) (ImportReport, error) {
	rs, err := w.results()
	if err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	var readErr error // the file's own error, said as it is rather than as a failed write
	rep.ImportCounts, err = rs.ImportResults(ctx, func(put func(results.Post) error) error {
		rep.Summary, readErr = w.readResults(path, results.Sink{Post: put})
		return readErr
	})
	if readErr != nil {
		return rep, readErr
	}
	if err != nil {
		return rep, err
	}
	if err := w.matchResults(ctx, rs); err != nil {
		return rep, err
	}
	rep.Matched, rep.Uncertain, rep.External, err = rs.ResultCounts(ctx)
	w.changed(Change{Kind: ChangeResults})
	return rep, err
}

// publishedWithin is how long after its planned or export time a post is
// looked for; a post published later stays external until the CM ties it.
const publishedWithin = 30 * 24 * time.Hour

// matchResults ties the posts the CM has not settled to the pieces that
// were planned or exported, and stores the matches that changed. Only the
// posts published around the pieces' times (and those matched already)
// are read, so an import of a year of posts matches in the time of the
// campaign's.
func (w *Workspace) matchResults(ctx context.Context, rs ResultStore) error {
	cands, err := w.candidates(ctx, rs)
	if err != nil || len(cands) == 0 {
		return err
	}
	from, to := candidateSpan(cands)
	stored, err := rs.ResultPostsBetween(ctx, from.Add(-matchWindow), to.Add(publishedWithin))
	if err != nil {
		return err
	}
	var posts []results.Post
	var open []int // stored's index of each post matched
	for i, p := range stored {
		if !p.Confirmed {
			posts = append(posts, p.Post)
			open = append(open, i)
		}
	}
	var changed []results.MatchResult
	for i, m := range results.Match(posts, cands, matchWindow) {
		if p := stored[open[i]]; p.PieceID != m.PieceID || p.By != m.By || p.Uncertain != m.Uncertain || p.Score != m.Score {
			changed = append(changed, m)
		}
	}
	return rs.SetMatches(ctx, changed)
}

// candidateSpan is the first and last of the pieces' times.
func candidateSpan(cands []results.Candidate) (from, to time.Time) {
	for _, c := range cands {
		t := c.ScheduledAt
		if t.IsZero() {
			t = c.ExportedAt
		}
		if from.IsZero() || t.Before(from) {
			from = t
		}
		if t.After(to) {
			to = t
		}
	}
	return from, to
}

// candidates are the pieces a post may come from: those planned or
// exported, with their latest text and recorded link.
func (w *Workspace) candidates(ctx context.Context, rs ResultStore) ([]results.Candidate, error) {
	planned, err := w.store.Schedules(ctx, 0)
	if err != nil {
		return nil, err
	}
	links, err := rs.Permalinks(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := w.store.Pieces(ctx, PieceFilter{})
	if err != nil {
		return nil, err
	}
	var out []results.Candidate
	for _, p := range ps {
		at, ok := planned[p.ID]
		if !ok && p.State != StateExported {
			continue
		}
		v, err := w.store.LatestVersion(ctx, p.ID)
		if err != nil {
			continue // a piece with no text cannot be matched by it
		}
		c := results.Candidate{PieceID: p.ID, Platform: results.Platform(p.Platform), Text: v.Text, Permalink: links[p.ID], ScheduledAt: at}
		if p.State == StateExported {
			c.ExportedAt = p.UpdatedAt
		}
		out = append(out, c)
	}
	return out, nil
}

// ResultPosts lists every imported post with its match.
func (w *Workspace) ResultPosts(ctx context.Context) ([]ResultPost, error) {
	rs, err := w.results()
	if err != nil {
		return nil, err
	}
	return rs.ResultPosts(ctx)
}

// ConfirmMatch settles which piece a post came from (0: none, an external
// post), as the CM says.
func (w *Workspace) ConfirmMatch(ctx context.Context, key string, pieceID int64) error {
	rs, err := w.results()
	if err != nil {
		return err
	}
	if err := rs.ConfirmMatch(ctx, key, pieceID); err != nil {
		return err
	}
	w.changed(Change{Kind: ChangeResults})
	return nil
}

// SetPermalink records where a piece was published, then matches again.
func (w *Workspace) SetPermalink(ctx context.Context, pieceID int64, url string) error {
	rs, err := w.results()
	if err != nil {
		return err
	}
	url = strings.TrimSpace(url)
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return fmt.Errorf("%q is not a link to a post; paste the post's address, starting with https://", url)
	}
	if err := rs.SetPermalink(ctx, pieceID, url); err != nil {
		return err
	}
	return w.matchResults(ctx, rs)
}

// Scored are the imported posts with what Atelier knew of their pieces,
// for the insights.
func (w *Workspace) Scored(ctx context.Context) ([]results.Scored, error) {
	posts, err := w.ResultPosts(ctx)
	if err != nil {
		return nil, err
	}
	return w.scoredOf(ctx, posts)
}

func (w *Workspace) scoredOf(ctx context.Context, posts []ResultPost) ([]results.Scored, error) {
	out := make([]results.Scored, 0, len(posts))
	for _, p := range posts {
		s := results.Scored{Post: p.Post, Platform: p.Post.Platform, HookChars: len([]rune(firstLine(p.Text)))}
		if p.PieceID != 0 && !p.Uncertain {
			if pc, err := w.store.Piece(ctx, p.PieceID); err == nil {
				s.Platform, s.Persona, s.Language, s.Format = results.Platform(pc.Platform), pc.Persona, pc.Language, pc.Format
			}
			if v, err := w.store.LatestVersion(ctx, p.PieceID); err == nil {
				s.Origin = string(v.Origin)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// Insights are what the imported results say: the groups asked for, the
// persona × platform groups the chart draws, the best hours, the top and
// bottom posts by engagement rate, and the matches to confirm.
type Insights struct {
	Posts       int
	Groups      []results.Group
	ByPersona   []results.Group // persona × platform
	Slots       results.SlotWeights
	Top, Bottom []ResultPost
	ToConfirm   []ResultPost
}

// insightsShown is how many top and bottom posts Insights keeps.
const insightsShown = 5

// Insights computes what the results say, grouped by the dimensions by.
func (w *Workspace) Insights(ctx context.Context, by []results.Dimension) (Insights, error) {
	posts, err := w.ResultPosts(ctx)
	if err != nil {
		return Insights{}, err
	}
	scored, err := w.scoredOf(ctx, posts)
	if err != nil {
		return Insights{}, err
	}
	cfg := results.Config{Location: w.Zone()}
	in := Insights{Posts: len(posts), Groups: results.Aggregate(scored, by, cfg),
		ByPersona: results.Aggregate(scored, []results.Dimension{results.ByPersona, results.ByPlatform}, cfg), Slots: results.BestSlots(scored, w.Zone())}
	var rated []ResultPost
	for _, p := range posts {
		if p.Uncertain {
			in.ToConfirm = append(in.ToConfirm, p)
		}
		if _, ok := results.EngagementRate(p.Post); ok {
			rated = append(rated, p)
		}
	}
	sort.SliceStable(rated, func(i, j int) bool {
		a, _ := results.EngagementRate(rated[i].Post)
		b, _ := results.EngagementRate(rated[j].Post)
		return a > b
	})
	n := min(insightsShown, len(rated)/2)
	in.Top, in.Bottom = rated[:n], rated[len(rated)-n:]
	return in, nil
}
