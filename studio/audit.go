package studio

import (
	"context"
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"time"
)

// AuditEvent is one line of a campaign's timeline: a move or a comment.
type AuditEvent struct {
	At      time.Time
	PieceID int64
	Kind    string // "transition", "comment" or "schedule"
	Who     string
	What    string // "draft → in_review", the comment, or "2026-03-02T09:00:00Z → 2026-03-03T09:00:00Z" (UTC; "" unscheduled)
	Note    string
	Reason  string // an approval override
}

// Audit returns every transition and comment of a campaign's pieces, in
// time order.
func (w *Workspace) Audit(ctx context.Context, campaignID int64) ([]AuditEvent, error) {
	ps, err := w.store.Pieces(ctx, PieceFilter{CampaignID: campaignID})
	if err != nil {
		return nil, err
	}
	var out []AuditEvent
	for _, p := range ps {
		trs, err := w.store.Transitions(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, t := range trs {
			out = append(out, AuditEvent{At: t.At, PieceID: p.ID, Kind: "transition", Who: t.Who, What: string(t.From) + " → " + string(t.To), Note: t.Note, Reason: t.OverrideReason})
		}
		cs, err := w.store.Comments(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out = append(out, AuditEvent{At: c.CreatedAt, PieceID: p.ID, Kind: "comment", Who: c.Author, What: c.Body})
		}
		scs, err := w.store.ScheduleChanges(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, c := range scs {
			out = append(out, AuditEvent{At: c.At, PieceID: p.ID, Kind: "schedule", Who: c.Who, What: rfc3339(c.From) + " → " + rfc3339(c.To)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// WriteAuditCSV writes the timeline as CSV: time (RFC 3339), piece, kind,
// who, what, note, override reason.
func WriteAuditCSV(w io.Writer, events []AuditEvent) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"Time", "Piece", "Kind", "Who", "What", "Note", "Override reason"})
	for _, e := range events {
		cw.Write([]string{e.At.Format(time.RFC3339Nano), strconv.FormatInt(e.PieceID, 10), e.Kind, e.Who, e.What, e.Note, e.Reason})
	}
	cw.Flush()
	return cw.Error()
}
