package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Transition is one move of a piece through the workflow: who moved it,
// when, from where to where, and why.
type Transition struct {
	ID             int64
	PieceID        int64
	From, To       State
	Who            string
	Note           string
	OverrideReason string // set when a piece that fails its brand check is approved anyway
	At             time.Time
}

// ErrStale is returned when a piece is no longer in the state a change
// expected: someone else moved it first.
var ErrStale = errors.New("the piece changed state meanwhile; reload it")

// RecordTransition moves the piece from t.From to t.To and stores the move,
// in one transaction. Whether the move is allowed is the workflow's call.
func (s *Store) RecordTransition(ctx context.Context, t Transition) (Transition, error) {
	at := now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE piece SET state = ?, updated_at = ? WHERE id = ? AND state = ?`, t.To, at, t.PieceID, t.From)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("piece %d, %s → %s: %w", t.PieceID, t.From, t.To, ErrStale)
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO transition(piece_id, from_state, to_state, who, note, override_reason, at) VALUES (?,?,?,?,?,?,?)`,
			t.PieceID, t.From, t.To, t.Who, t.Note, t.OverrideReason, at)
		if err != nil {
			return err
		}
		t.ID, err = res.LastInsertId()
		return err
	})
	t.At = parseTime(at)
	return t, err
}

// Transitions lists a piece's moves, oldest first.
func (s *Store) Transitions(ctx context.Context, pieceID int64) ([]Transition, error) {
	return queryAll(ctx, s, "listing transitions in", func(rows *sql.Rows) (Transition, error) {
		var t Transition
		var at string
		err := rows.Scan(&t.ID, &t.PieceID, &t.From, &t.To, &t.Who, &t.Note, &t.OverrideReason, &at)
		t.At = parseTime(at)
		return t, err
	}, `SELECT id, piece_id, from_state, to_state, who, note, override_reason, at FROM transition WHERE piece_id = ? ORDER BY id`, pieceID)
}

// Comment is a reviewer's or author's note on a piece, optionally a reply
// and optionally anchored to a text range or image region.
type Comment struct {
	ID        int64
	PieceID   int64
	VersionID int64 // 0 when not tied to a version
	ParentID  int64 // 0 for a thread's first comment
	Author    string
	Body      string
	Anchor    string // JSON, e.g. {"start":10,"end":24} or {"x":0,"y":0,"w":100,"h":50}
	CreatedAt time.Time
}

// AddComment stores a comment.
func (s *Store) AddComment(ctx context.Context, c Comment) (Comment, error) {
	if c.Body == "" || c.Author == "" {
		return c, errors.New("a comment needs an author and a body")
	}
	at := now()
	var err error
	c.ID, err = s.insert(ctx, `INSERT INTO comment(piece_id, version_id, parent_id, author, body, anchor, created_at) VALUES (?,?,?,?,?,?,?)`,
		c.PieceID, nullID(c.VersionID), nullID(c.ParentID), c.Author, c.Body, c.Anchor, at)
	c.CreatedAt = parseTime(at)
	return c, err
}

// Comments lists a piece's comments, oldest first.
func (s *Store) Comments(ctx context.Context, pieceID int64) ([]Comment, error) {
	return queryAll(ctx, s, "listing comments in", func(rows *sql.Rows) (Comment, error) {
		var c Comment
		var at string
		err := rows.Scan(&c.ID, &c.PieceID, &c.VersionID, &c.ParentID, &c.Author, &c.Body, &c.Anchor, &at)
		c.CreatedAt = parseTime(at)
		return c, err
	}, `SELECT id, piece_id, COALESCE(version_id,0), COALESCE(parent_id,0), author, body, anchor, created_at
		FROM comment WHERE piece_id = ? ORDER BY id`, pieceID)
}

// CheckResult is the outcome of a brand check of a version or an asset.
type CheckResult struct {
	ID        int64
	PieceID   int64
	VersionID int64
	AssetID   int64
	Score     int
	Errors    int
	Warnings  int
	Findings  string // JSON list of findings
	CreatedAt time.Time
}

// SaveCheckResult stores a brand check's outcome.
func (s *Store) SaveCheckResult(ctx context.Context, c CheckResult) (CheckResult, error) {
	if c.Findings == "" {
		c.Findings = "[]"
	}
	at := now()
	var err error
	c.ID, err = s.insert(ctx, `INSERT INTO check_result(piece_id, version_id, asset_id, score, errors, warnings, findings, created_at) VALUES (?,?,?,?,?,?,?,?)`,
		nullID(c.PieceID), nullID(c.VersionID), nullID(c.AssetID), c.Score, c.Errors, c.Warnings, c.Findings, at)
	c.CreatedAt = parseTime(at)
	return c, err
}

// LatestCheck returns the newest check result of a piece.
func (s *Store) LatestCheck(ctx context.Context, pieceID int64) (CheckResult, error) {
	var c CheckResult
	var at string
	err := s.r.QueryRowContext(ctx, `SELECT id, COALESCE(piece_id,0), COALESCE(version_id,0), COALESCE(asset_id,0), score, errors, warnings, findings, created_at
		FROM check_result WHERE piece_id = ? ORDER BY id DESC LIMIT 1`, pieceID).
		Scan(&c.ID, &c.PieceID, &c.VersionID, &c.AssetID, &c.Score, &c.Errors, &c.Warnings, &c.Findings, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("piece %d has not been checked: %w", pieceID, ErrNotFound)
	}
	c.CreatedAt = parseTime(at)
	return c, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ExportPieces moves approved pieces to exported and records who did it, in
// one transaction around finalize (which puts the export in place): when
// finalize fails, nothing changes; when a piece is no longer approved,
// finalize is not called.
func (s *Store) ExportPieces(ctx context.Context, ids []int64, who string, finalize func() error) error {
	at := now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE piece SET state = ?, updated_at = ? WHERE id = ? AND state = ?`, StateExported, at, id, StateApproved)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("piece %d, approved → exported: %w", id, ErrStale)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO transition(piece_id, from_state, to_state, who, note, at) VALUES (?,?,?,?,?,?)`,
				id, StateApproved, StateExported, who, "campaign export", at); err != nil {
				return err
			}
		}
		return finalize()
	})
}
