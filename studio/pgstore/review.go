package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"atelier/studio"
)

// RecordTransition moves the piece from t.From to t.To through the
// database's move function, which checks the workflow and the session's
// role and records the session's user as who: a *StaleError (which is
// studio.ErrStale) says the state the piece is in now.
func (s *Store) RecordTransition(ctx context.Context, t studio.Transition) (studio.Transition, error) {
	err := s.tx(ctx, fmt.Sprintf("moving piece %d in", t.PieceID), func(tx pgx.Tx) error {
		var err error
		t, err = move(ctx, tx, t)
		return err
	})
	return t, err
}

// move calls the database's move function and returns the transition it
// recorded.
func move(ctx context.Context, tx pgx.Tx, t studio.Transition) (studio.Transition, error) {
	err := tx.QueryRow(ctx, `SELECT id, who, note, override_reason, at FROM move($1, $2, $3, $4, $5)`,
		t.PieceID, string(t.From), string(t.To), t.Note, t.OverrideReason).Scan(&t.ID, &t.Who, &t.Note, &t.OverrideReason, &t.At)
	return t, err
}

// Transitions lists a piece's moves, oldest first.
func (s *Store) Transitions(ctx context.Context, pieceID int64) ([]studio.Transition, error) {
	return queryAll(ctx, s, "listing transitions in", func(rows pgx.Rows) (studio.Transition, error) {
		var t studio.Transition
		err := rows.Scan(&t.ID, &t.PieceID, &t.From, &t.To, &t.Who, &t.Note, &t.OverrideReason, &t.At)
		return t, err
	}, `SELECT id, piece_id, from_state, to_state, who, note, override_reason, at FROM transition WHERE piece_id = $1 ORDER BY id`, pieceID)
}

// ExportPieces moves approved pieces to exported around finalize, in one
// transaction: when finalize fails or a piece is no longer approved,
// nothing changes.
func (s *Store) ExportPieces(ctx context.Context, ids []int64, who string, finalize func() error) error {
	return s.tx(ctx, "exporting pieces from", func(tx pgx.Tx) error {
		for _, id := range ids {
			if _, err := move(ctx, tx, studio.Transition{PieceID: id, From: studio.StateApproved, To: studio.StateExported, Note: "campaign export"}); err != nil {
				return err
			}
		}
		return finalize()
	})
}

// AddComment stores a comment; its author is the session's user.
func (s *Store) AddComment(ctx context.Context, c studio.Comment) (studio.Comment, error) {
	if c.Body == "" || c.Author == "" {
		return c, errors.New("a comment needs an author and a body")
	}
	err := s.tx(ctx, "adding a comment in", func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO comment(piece_id, version_id, parent_id, author, body, anchor, suggestion) VALUES ($1,$2,$3,$4,$5,$6,$7)
			RETURNING id, author, created_at`, c.PieceID, nullID(c.VersionID), nullID(c.ParentID), c.Author, c.Body, c.Anchor, c.Suggestion).
			Scan(&c.ID, &c.Author, &c.CreatedAt)
	})
	return c, err
}

// Comments lists a piece's comments, oldest first.
func (s *Store) Comments(ctx context.Context, pieceID int64) ([]studio.Comment, error) {
	return queryAll(ctx, s, "listing comments in", func(rows pgx.Rows) (studio.Comment, error) {
		var c studio.Comment
		err := rows.Scan(&c.ID, &c.PieceID, &c.VersionID, &c.ParentID, &c.Author, &c.Body, &c.Anchor, &c.Suggestion, &c.Resolution, &c.CreatedAt)
		return c, err
	}, `SELECT id, piece_id, coalesce(version_id, 0), coalesce(parent_id, 0), author, body, anchor, suggestion, resolution, created_at
		FROM comment WHERE piece_id = $1 ORDER BY id`, pieceID)
}

// ResolveSuggestion records an answer to a suggestion not yet answered;
// ErrStale when it was answered already (or is not a suggestion).
func (s *Store) ResolveSuggestion(ctx context.Context, commentID int64, resolution string) error {
	return s.tx(ctx, fmt.Sprintf("answering suggestion %d in", commentID), func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE comment SET resolution = $1 WHERE id = $2 AND suggestion <> '' AND resolution = ''`, resolution, commentID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("suggestion %d: %w", commentID, studio.ErrStale)
		}
		return nil
	})
}

// SaveCheckResult stores a brand check's outcome.
func (s *Store) SaveCheckResult(ctx context.Context, c studio.CheckResult) (studio.CheckResult, error) {
	if c.Findings == "" {
		c.Findings = "[]"
	}
	err := s.tx(ctx, "saving a check result in", func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO check_result(piece_id, version_id, asset_id, score, errors, warnings, findings) VALUES ($1,$2,$3,$4,$5,$6,$7)
			RETURNING id, created_at`, nullID(c.PieceID), nullID(c.VersionID), nullID(c.AssetID), c.Score, c.Errors, c.Warnings, c.Findings).
			Scan(&c.ID, &c.CreatedAt)
	})
	return c, err
}

// LatestCheck returns the newest check result of a piece.
func (s *Store) LatestCheck(ctx context.Context, pieceID int64) (studio.CheckResult, error) {
	var c studio.CheckResult
	err := s.pool.QueryRow(ctx, `SELECT id, coalesce(piece_id, 0), coalesce(version_id, 0), coalesce(asset_id, 0), score, errors, warnings, findings, created_at
		FROM check_result WHERE piece_id = $1 ORDER BY id DESC LIMIT 1`, pieceID).
		Scan(&c.ID, &c.PieceID, &c.VersionID, &c.AssetID, &c.Score, &c.Errors, &c.Warnings, &c.Findings, &c.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, fmt.Errorf("piece %d has not been checked: %w", pieceID, studio.ErrNotFound)
	}
	return c, s.wrap("reading a check result from", err)
}
