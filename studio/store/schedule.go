package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"atelier/studio"
)

// utc is how the schedule stores a time; the zero time is "".
func utc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// SetSchedule plans c.PieceID for c.To (the zero time unschedules it) and
// keeps the change, atomically; ErrStale when the piece's time is no
// longer c.From, because someone moved it first.
func (s *Store) SetSchedule(ctx context.Context, c studio.ScheduleChange) (studio.ScheduleChange, error) {
	at := now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT at FROM schedule WHERE piece_id = ?`, c.PieceID).Scan(&cur)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if cur != utc(c.From) {
			return fmt.Errorf("piece %d is planned for %q, not %q: %w", c.PieceID, cur, utc(c.From), studio.ErrStale)
		}
		if c.To.IsZero() {
			_, err = tx.ExecContext(ctx, `DELETE FROM schedule WHERE piece_id = ?`, c.PieceID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO schedule(piece_id, at) VALUES (?, ?)
				ON CONFLICT(piece_id) DO UPDATE SET at = excluded.at`, c.PieceID, utc(c.To))
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO schedule_change(piece_id, from_at, to_at, who, at) VALUES (?,?,?,?,?)`,
			c.PieceID, utc(c.From), utc(c.To), c.Who, at)
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	})
	c.At = parseTime(at)
	return c, err
}

// Schedules returns the planned time of every scheduled piece of a
// campaign (0: of every campaign).
func (s *Store) Schedules(ctx context.Context, campaignID int64) (map[int64]time.Time, error) {
	q, args := `SELECT s.piece_id, s.at FROM schedule s`, []any{}
	if campaignID != 0 {
		q += ` JOIN piece p ON p.id = s.piece_id WHERE p.campaign_id = ?`
		args = append(args, campaignID)
	}
	type row struct {
		id int64
		at time.Time
	}
	rows, err := queryAll(ctx, s, "reading the schedule in", func(rows *sql.Rows) (row, error) {
		var r row
		var at string
		err := rows.Scan(&r.id, &at)
		r.at = parseTime(at)
		return r, err
	}, q, args...)
	out := make(map[int64]time.Time, len(rows))
	for _, r := range rows {
		out[r.id] = r.at
	}
	return out, err
}

// ScheduleChanges lists a piece's schedule changes, oldest first.
func (s *Store) ScheduleChanges(ctx context.Context, pieceID int64) ([]studio.ScheduleChange, error) {
	return queryAll(ctx, s, "listing schedule changes in", func(rows *sql.Rows) (studio.ScheduleChange, error) {
		var c studio.ScheduleChange
		var from, to, at string
		err := rows.Scan(&c.ID, &c.PieceID, &from, &to, &c.Who, &at)
		c.From, c.To, c.At = parseTime(from), parseTime(to), parseTime(at)
		return c, err
	}, `SELECT id, piece_id, from_at, to_at, who, at FROM schedule_change WHERE piece_id = ? ORDER BY id`, pieceID)
}
