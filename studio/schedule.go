package studio

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"time"

	"atelier/studio/calendar"
	"atelier/studio/results"
)

// ErrNotSchedulable is wrapped by Schedule's error for a piece that will
// not be posted: rejected, or already exported.
var ErrNotSchedulable = errors.New("the piece cannot be scheduled")

// rfc3339 writes a time in UTC for the audit; the zero time is "".
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// FeedID names this data folder in the calendar feed's UIDs: the same
// folder always gives the same, so calendar apps update events in place.
func (w *Workspace) FeedID() string {
	sum := sha256.Sum256([]byte(w.DataDir()))
	return hex.EncodeToString(sum[:6])
}

// Zone is the brand's time zone, in which the calendar shows times.
func (w *Workspace) Zone() *time.Location { return w.Kit().Location() }

// Schedule plans a piece for at (stored in UTC; the zero time unschedules
// it), and keeps the change with user as its actor. A rejected or exported
// piece is refused; so is a change made from a stale view (ErrStale), when
// someone moved the piece meanwhile.
func (w *Workspace) Schedule(ctx context.Context, pieceID int64, at time.Time, user User) (ScheduleChange, error) {
	user = user.orLocal()
	p, err := w.store.Piece(ctx, pieceID)
	if err != nil {
		return ScheduleChange{}, err
	}
	switch p.State {
	case StateRejected:
		return ScheduleChange{}, fmt.Errorf("%w: piece %d was rejected; move a new draft instead", ErrNotSchedulable, pieceID)
	case StateExported:
		return ScheduleChange{}, fmt.Errorf("%w: piece %d was exported already; its time is the scheduling tool's now", ErrNotSchedulable, pieceID)
	}
	scheds, err := w.store.Schedules(ctx, p.CampaignID)
	if err != nil {
		return ScheduleChange{}, err
	}
	from := scheds[pieceID]
	if !at.IsZero() {
		at = at.UTC().Truncate(time.Minute)
	}
	if from.Equal(at) {
		return ScheduleChange{PieceID: pieceID, From: from, To: at, Who: user.Name}, nil
	}
	return w.store.SetSchedule(ctx, ScheduleChange{PieceID: pieceID, From: from, To: at, Who: user.Name})
}

// Scheduled is a piece with its planned time (UTC).
type Scheduled struct {
	Piece
	At time.Time
}

// Plan returns the pieces that match f: the scheduled ones in time order,
// and the tray of those still to plan (neither rejected nor exported).
func (w *Workspace) Plan(ctx context.Context, f PieceFilter) (scheduled []Scheduled, tray []Piece, err error) {
	ps, err := w.store.Pieces(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	at, err := w.store.Schedules(ctx, f.CampaignID)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range ps {
		switch t, ok := at[p.ID]; {
		case ok:
			scheduled = append(scheduled, Scheduled{Piece: p, At: t})
		case p.State != StateRejected && p.State != StateExported:
			tray = append(tray, p)
		}
	}
	sort.SliceStable(scheduled, func(i, j int) bool { return scheduled[i].At.Before(scheduled[j].At) })
	return scheduled, tray, nil
}

// Policy is the calendar's rules as the kit sets them, in the brand's zone.
func (w *Workspace) Policy() calendar.Policy {
	k := w.Kit()
	c := k.Calendar
	p := calendar.Policy{Location: k.Location(), MinGap: time.Duration(c.MinGapMinutes) * time.Minute, MaxPerDay: c.MaxPerDay,
		ReviewLead: time.Duration(c.ReviewLeadHours) * time.Hour}
	if len(c.QuietHours) == 2 {
		from, err1 := calendar.ParseClock(c.QuietHours[0])
		to, err2 := calendar.ParseClock(c.QuietHours[1])
		if err1 == nil && err2 == nil {
			p.QuietFrom, p.QuietTo = from, to
		}
	}
	return p
}

// items are the scheduled pieces as the calendar's rules see them.
func items(scheduled []Scheduled) []calendar.Item {
	out := make([]calendar.Item, len(scheduled))
	for i, s := range scheduled {
		out[i] = calendar.Item{PieceID: s.ID, Platform: s.Platform, Approved: s.State == StateApproved || s.State == StateExported, At: s.At}
	}
	return out
}

// PlanConflicts returns the rules the whole plan breaks (every campaign's
// pieces share the brand's accounts), now.
func (w *Workspace) PlanConflicts(ctx context.Context) ([]calendar.Conflict, error) {
	scheduled, _, err := w.Plan(ctx, PieceFilter{})
	if err != nil {
		return nil, err
	}
	return calendar.Check(items(scheduled), w.Policy(), time.Now()), nil
}

// SuggestSlots proposes up to n times from from to to for a post on
// platform that keep every rule, given what is planned already.
func (w *Workspace) SuggestSlots(ctx context.Context, platform string, from, to time.Time, n int) ([]time.Time, error) {
	scheduled, _, err := w.Plan(ctx, PieceFilter{})
	if err != nil {
		return nil, err
	}
	return calendar.Suggest(platform, from, to, items(scheduled), w.Policy(), w.slotWeights(ctx, platform), time.Now(), n), nil
}

// slotWeights are the engagement rates by weekday and hour measured from
// the imported results of platform, in the brand's zone; nil while fewer
// posts than the minimum sample are imported for it.
func (w *Workspace) slotWeights(ctx context.Context, platform string) *calendar.Weights {
	scored, err := w.Scored(ctx)
	if err != nil {
		return nil
	}
	var mine []results.Scored
	for _, s := range scored {
		if string(s.Platform) == platform {
			mine = append(mine, s)
		}
	}
	if len(mine) < results.DefaultMinSample {
		return nil
	}
	weights := results.BestSlots(mine, w.Zone())
	return &weights
}
