package store

import (
	"atelier/studio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// CreatePiece stores a new piece in the draft state.
func (s *Store) CreatePiece(ctx context.Context, p studio.Piece) (studio.Piece, error) {
	if p.Platform == "" || p.Language == "" {
		return p, errors.New("a piece needs a platform and a language")
	}
	if p.Format == "" {
		p.Format = "text"
	}
	at := now()
	p.State = studio.StateDraft
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if p.CampaignID == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT campaign_id FROM brief WHERE id = ?`, p.BriefID).Scan(&p.CampaignID); err != nil {
				return fmt.Errorf("brief %d: %w", p.BriefID, studio.ErrNotFound)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO piece(brief_id, campaign_id, platform, persona, language, format, state, author, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, p.BriefID, p.CampaignID, p.Platform, p.Persona, p.Language, p.Format, p.State, p.Author, at, at)
		if err != nil {
			return err
		}
		p.ID, err = res.LastInsertId()
		return err
	})
	p.CreatedAt, p.UpdatedAt = parseTime(at), parseTime(at)
	return p, err
}

const pieceColumns = `id, brief_id, campaign_id, platform, persona, language, format, state, author, created_at, updated_at`

func scanPiece(row interface{ Scan(...any) error }) (studio.Piece, error) {
	var p studio.Piece
	var created, updated string
	err := row.Scan(&p.ID, &p.BriefID, &p.CampaignID, &p.Platform, &p.Persona, &p.Language, &p.Format, &p.State, &p.Author, &created, &updated)
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	return p, err
}

// Piece returns one piece.
func (s *Store) Piece(ctx context.Context, id int64) (studio.Piece, error) {
	p, err := scanPiece(s.r.QueryRowContext(ctx, `SELECT `+pieceColumns+` FROM piece WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("piece %d: %w", id, studio.ErrNotFound)
	}
	return p, err
}

// Pieces lists the pieces that match the filter, oldest first.
func (s *Store) Pieces(ctx context.Context, f studio.PieceFilter) ([]studio.Piece, error) {
	var where []string
	var args []any
	add := func(cond string, v any, set bool) {
		if set {
			where = append(where, cond)
			args = append(args, v)
		}
	}
	add("campaign_id = ?", f.CampaignID, f.CampaignID != 0)
	add("brief_id = ?", f.BriefID, f.BriefID != 0)
	add("state = ?", f.State, f.State != "")
	add("platform = ?", f.Platform, f.Platform != "")
	add("persona = ?", f.Persona, f.Persona != "")
	add("language = ?", f.Language, f.Language != "")
	add("author = ?", f.Author, f.Author != "")
	q := `SELECT ` + pieceColumns + ` FROM piece`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	return queryAll(ctx, s, "listing pieces in", func(rows *sql.Rows) (studio.Piece, error) { return scanPiece(rows) }, q, args...)
}

// AddVersion stores a new version of a piece, numbered after the last one.
func (s *Store) AddVersion(ctx context.Context, v studio.Version) (studio.Version, error) {
	if v.Status == "" {
		v.Status = studio.VersionComplete
	}
	if v.Action == "" {
		v.Action = "generate"
	}
	if len(v.Payload) == 0 {
		v.Payload = json.RawMessage("{}")
	}
	at := now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM version WHERE piece_id = ?`, v.PieceID).Scan(&v.Number); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO version(piece_id, number, text, status, origin, action, model, prompt_hash, seed,
			prompt_eval_count, eval_count, prompt_eval_ns, eval_ns, total_ns, payload, author, created_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			v.PieceID, v.Number, v.Text, v.Status, v.Origin, v.Action, v.Model, v.PromptHash, v.Seed,
			v.PromptEvalCount, v.EvalCount, int64(v.PromptEvalTime), int64(v.EvalTime), int64(v.TotalTime), string(v.Payload), v.Author, at)
		if err != nil {
			return err
		}
		if v.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE piece SET updated_at = ? WHERE id = ?`, at, v.PieceID)
		return err
	})
	v.CreatedAt = parseTime(at)
	return v, err
}

const versionColumns = `id, piece_id, number, text, status, origin, action, model, prompt_hash, seed,
	prompt_eval_count, eval_count, prompt_eval_ns, eval_ns, total_ns, payload, author, created_at`

func scanVersion(row interface{ Scan(...any) error }) (studio.Version, error) {
	var v studio.Version
	var pe, ev, tot int64
	var payload, at string
	err := row.Scan(&v.ID, &v.PieceID, &v.Number, &v.Text, &v.Status, &v.Origin, &v.Action, &v.Model, &v.PromptHash, &v.Seed,
		&v.PromptEvalCount, &v.EvalCount, &pe, &ev, &tot, &payload, &v.Author, &at)
	v.PromptEvalTime, v.EvalTime, v.TotalTime = time.Duration(pe), time.Duration(ev), time.Duration(tot)
	v.Payload = json.RawMessage(payload)
	v.CreatedAt = parseTime(at)
	return v, err
}

// Versions lists a piece's versions, oldest first.
func (s *Store) Versions(ctx context.Context, pieceID int64) ([]studio.Version, error) {
	return queryAll(ctx, s, "listing versions in", func(rows *sql.Rows) (studio.Version, error) { return scanVersion(rows) },
		`SELECT `+versionColumns+` FROM version WHERE piece_id = ? ORDER BY number`, pieceID)
}

// LatestVersion returns a piece's newest version.
func (s *Store) LatestVersion(ctx context.Context, pieceID int64) (studio.Version, error) {
	v, err := scanVersion(s.r.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM version WHERE piece_id = ? ORDER BY number DESC LIMIT 1`, pieceID))
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("piece %d has no version: %w", pieceID, studio.ErrNotFound)
	}
	return v, err
}

// CreatePieces stores many pieces in one transaction (an import, or a
// benchmark's seed); each takes the draft state.
func (s *Store) CreatePieces(ctx context.Context, ps []studio.Piece) error {
	at := now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO piece(brief_id, campaign_id, platform, persona, language, format, state, author, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, p := range ps {
			if p.Format == "" {
				p.Format = "text"
			}
			if _, err := stmt.ExecContext(ctx, p.BriefID, p.CampaignID, p.Platform, p.Persona, p.Language, p.Format, studio.StateDraft, p.Author, at, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// Version returns one version by id.
func (s *Store) Version(ctx context.Context, id int64) (studio.Version, error) {
	v, err := scanVersion(s.r.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM version WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("version %d: %w", id, studio.ErrNotFound)
	}
	return v, err
}
