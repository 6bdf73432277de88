package store

import (
	"atelier/studio"
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RecordTransition moves the piece from t.From to t.To and stores the move,
// in one transaction. Whether the move is allowed is the workflow's call.
func (s *Store) RecordTransition(ctx context.Context, t studio.Transition) (studio.Transition, error) {
	at := now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE piece SET state = ?, updated_at = ? WHERE id = ? AND state = ?`, t.To, at, t.PieceID, t.From)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("piece %d, %s → %s: %w", t.PieceID, t.From, t.To, studio.ErrStale)
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
func (s *Store) Transitions(ctx context.Context, pieceID int64) ([]studio.Transition, error) {
	return queryAll(ctx, s, "listing transitions in", func(rows *sql.Rows) (studio.Transition, error) {
		var t studio.Transition
		var at string
		err := rows.Scan(&t.ID, &t.PieceID, &t.From, &t.To, &t.Who, &t.Note, &t.OverrideReason, &at)
		t.At = parseTime(at)
		return t, err
	}, `SELECT id, piece_id, from_state, to_state, who, note, override_reason, at FROM transition WHERE piece_id = ? ORDER BY id`, pieceID)
}

// AddComment stores a comment.
func (s *Store) AddComment(ctx context.Context, c studio.Comment) (studio.Comment, error) {
	if c.Body == "" || c.Author == "" {
		return c, errors.New("a comment needs an author and a body")
	}
	at := now()
	var err error
	c.ID, err = s.insert(ctx, `INSERT INTO comment(piece_id, version_id, parent_id, author, body, anchor, suggestion, created_at) VALUES (?,?,?,?,?,?,?,?)`,
		c.PieceID, nullID(c.VersionID), nullID(c.ParentID), c.Author, c.Body, c.Anchor, c.Suggestion, at)
	c.CreatedAt = parseTime(at)
	return c, err
}

// Comments lists a piece's comments, oldest first.
func (s *Store) Comments(ctx context.Context, pieceID int64) ([]studio.Comment, error) {
	return queryAll(ctx, s, "listing comments in", func(rows *sql.Rows) (studio.Comment, error) {
		var c studio.Comment
		var at string
		err := rows.Scan(&c.ID, &c.PieceID, &c.VersionID, &c.ParentID, &c.Author, &c.Body, &c.Anchor, &c.Suggestion, &c.Resolution, &at)
		c.CreatedAt = parseTime(at)
		return c, err
	}, `SELECT id, piece_id, COALESCE(version_id,0), COALESCE(parent_id,0), author, body, anchor, suggestion, resolution, created_at
		FROM comment WHERE piece_id = ? ORDER BY id`, pieceID)
}

// ResolveSuggestion records an answer to a suggestion not yet answered.
func (s *Store) ResolveSuggestion(ctx context.Context, commentID int64, resolution string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE comment SET resolution = ? WHERE id = ? AND suggestion <> '' AND resolution = ''`, resolution, commentID)
	if err != nil {
		return fmt.Errorf("answering suggestion %d in %s: %w", commentID, s.path, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return studio.ErrStale
	}
	return nil
}

// SaveCheckResult stores a brand check's outcome.
func (s *Store) SaveCheckResult(ctx context.Context, c studio.CheckResult) (studio.CheckResult, error) {
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
func (s *Store) LatestCheck(ctx context.Context, pieceID int64) (studio.CheckResult, error) {
	var c studio.CheckResult
	var at string
	err := s.r.QueryRowContext(ctx, `SELECT id, COALESCE(piece_id,0), COALESCE(version_id,0), COALESCE(asset_id,0), score, errors, warnings, findings, created_at
		FROM check_result WHERE piece_id = ? ORDER BY id DESC LIMIT 1`, pieceID).
		Scan(&c.ID, &c.PieceID, &c.VersionID, &c.AssetID, &c.Score, &c.Errors, &c.Warnings, &c.Findings, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("piece %d has not been checked: %w", pieceID, studio.ErrNotFound)
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
			res, err := tx.ExecContext(ctx, `UPDATE piece SET state = ?, updated_at = ? WHERE id = ? AND state = ?`, studio.StateExported, at, id, studio.StateApproved)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("piece %d, approved → exported: %w", id, studio.ErrStale)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO transition(piece_id, from_state, to_state, who, note, at) VALUES (?,?,?,?,?,?)`,
				id, studio.StateApproved, studio.StateExported, who, "campaign export", at); err != nil {
				return err
			}
		}
		return finalize()
	})
}
