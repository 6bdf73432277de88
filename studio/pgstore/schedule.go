package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"atelier/studio"
)

// orNull maps the zero time to NULL and any other to UTC, to the second
// (the SQLite store keeps RFC 3339 seconds).
func orNull(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}

// SetSchedule plans c.PieceID for c.To (the zero time unschedules it) and
// keeps the change with the session's user as who, atomically; ErrStale
// when the piece's time is no longer c.From. The piece's row is locked, so
// two people planning it at once cannot both win.
func (s *Store) SetSchedule(ctx context.Context, c studio.ScheduleChange) (studio.ScheduleChange, error) {
	err := s.tx(ctx, fmt.Sprintf("planning piece %d in", c.PieceID), func(tx pgx.Tx) error {
		var cur *time.Time
		err := tx.QueryRow(ctx, `SELECT s.at FROM piece p LEFT JOIN schedule s ON s.piece_id = p.id WHERE p.id = $1 FOR UPDATE OF p`, c.PieceID).Scan(&cur)
		if err == pgx.ErrNoRows {
			return fmt.Errorf("piece %d: %w", c.PieceID, studio.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if want := orNull(c.From); (cur == nil) != (want == nil) || (cur != nil && !cur.Equal(*want)) {
			return fmt.Errorf("piece %d is planned for %v, not %v: %w", c.PieceID, cur, want, studio.ErrStale)
		}
		if to := orNull(c.To); to == nil {
			_, err = tx.Exec(ctx, `DELETE FROM schedule WHERE piece_id = $1`, c.PieceID)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO schedule(piece_id, at) VALUES ($1, $2) ON CONFLICT (piece_id) DO UPDATE SET at = excluded.at`, c.PieceID, *to)
		}
		if err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO schedule_change(piece_id, from_at, to_at, who) VALUES ($1,$2,$3,$4) RETURNING id, who, at`,
			c.PieceID, orNull(c.From), orNull(c.To), c.Who).Scan(&c.ID, &c.Who, &c.At)
	})
	return c, err
}

// Schedules returns the planned time of every scheduled piece of a
// campaign (0: of every campaign), in UTC.
func (s *Store) Schedules(ctx context.Context, campaignID int64) (map[int64]time.Time, error) {
	type row struct {
		id int64
		at time.Time
	}
	rows, err := queryAll(ctx, s, "reading the schedule in", func(rows pgx.Rows) (row, error) {
		var r row
		err := rows.Scan(&r.id, &r.at)
		r.at = r.at.UTC()
		return r, err
	}, `SELECT s.piece_id, s.at FROM schedule s JOIN piece p ON p.id = s.piece_id WHERE $1 = 0 OR p.campaign_id = $1`, campaignID)
	out := make(map[int64]time.Time, len(rows))
	for _, r := range rows {
		out[r.id] = r.at
	}
	return out, err
}

// ScheduleChanges lists a piece's schedule changes, oldest first.
func (s *Store) ScheduleChanges(ctx context.Context, pieceID int64) ([]studio.ScheduleChange, error) {
	return queryAll(ctx, s, "listing schedule changes in", func(rows pgx.Rows) (studio.ScheduleChange, error) {
		var c studio.ScheduleChange
		var from, to *time.Time
		err := rows.Scan(&c.ID, &c.PieceID, &from, &to, &c.Who, &c.At)
		if from != nil {
			c.From = from.UTC()
		}
		if to != nil {
			c.To = to.UTC()
		}
		return c, err
	}, `SELECT id, piece_id, from_at, to_at, who, at FROM schedule_change WHERE piece_id = $1 ORDER BY id`, pieceID)
}
