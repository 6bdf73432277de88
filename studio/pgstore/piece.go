package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"atelier/studio"
)

// CreatePiece stores a new piece in the draft state; its author is the
// session's user.
func (s *Store) CreatePiece(ctx context.Context, p studio.Piece) (studio.Piece, error) {
	if p.Platform == "" || p.Language == "" {
		return p, errors.New("a piece needs a platform and a language")
	}
	if p.Format == "" {
		p.Format = "text"
	}
	p.State = studio.StateDraft
	err := s.tx(ctx, "creating a piece in", func(tx pgx.Tx) error {
		if p.CampaignID == 0 {
			if err := tx.QueryRow(ctx, `SELECT campaign_id FROM brief WHERE id = $1`, p.BriefID).Scan(&p.CampaignID); err != nil {
				return fmt.Errorf("brief %d: %w", p.BriefID, studio.ErrNotFound)
			}
		}
		return tx.QueryRow(ctx, `INSERT INTO piece(brief_id, campaign_id, platform, persona, language, format, state, author)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id, author, created_at, updated_at`,
			p.BriefID, p.CampaignID, p.Platform, p.Persona, p.Language, p.Format, p.State, p.Author).Scan(&p.ID, &p.Author, &p.CreatedAt, &p.UpdatedAt)
	})
	return p, err
}

// CreatePieces stores many pieces in one transaction, each in the draft
// state.
func (s *Store) CreatePieces(ctx context.Context, ps []studio.Piece) error {
	return s.tx(ctx, "creating pieces in", func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, p := range ps {
			if p.Format == "" {
				p.Format = "text"
			}
			b.Queue(`INSERT INTO piece(brief_id, campaign_id, platform, persona, language, format, state, author) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
				p.BriefID, p.CampaignID, p.Platform, p.Persona, p.Language, p.Format, studio.StateDraft, p.Author)
		}
		return tx.SendBatch(ctx, b).Close()
	})
}

const pieceColumns = `id, brief_id, campaign_id, platform, persona, language, format, state, author, created_at, updated_at`

func scanPiece(row pgx.Row) (studio.Piece, error) {
	var p studio.Piece
	err := row.Scan(&p.ID, &p.BriefID, &p.CampaignID, &p.Platform, &p.Persona, &p.Language, &p.Format, &p.State, &p.Author, &p.CreatedAt, &p.UpdatedAt)
	return p, err
}

// Piece returns one piece.
func (s *Store) Piece(ctx context.Context, id int64) (studio.Piece, error) {
	p, err := scanPiece(s.pool.QueryRow(ctx, `SELECT `+pieceColumns+` FROM piece WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, fmt.Errorf("piece %d: %w", id, studio.ErrNotFound)
	}
	return p, s.wrap("reading a piece from", err)
}

// Pieces lists the pieces that match the filter, oldest first.
func (s *Store) Pieces(ctx context.Context, f studio.PieceFilter) ([]studio.Piece, error) {
	var where []string
	var args []any
	add := func(column string, v any, set bool) {
		if set {
			args = append(args, v)
			where = append(where, fmt.Sprintf("%s = $%d", column, len(args)))
		}
	}
	add("campaign_id", f.CampaignID, f.CampaignID != 0)
	add("brief_id", f.BriefID, f.BriefID != 0)
	add("state", string(f.State), f.State != "")
	add("platform", f.Platform, f.Platform != "")
	add("persona", f.Persona, f.Persona != "")
	add("language", f.Language, f.Language != "")
	add("author", f.Author, f.Author != "")
	q := `SELECT ` + pieceColumns + ` FROM piece`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	return queryAll(ctx, s, "listing pieces in", func(rows pgx.Rows) (studio.Piece, error) { return scanPiece(rows) }, q, args...)
}

// AddVersion stores a new version of a piece, numbered after the last one;
// its author is the session's user. The piece's row is locked first, so
// two people saving at once get consecutive numbers.
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
	err := s.tx(ctx, "adding a version in", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE piece SET updated_at = clock_timestamp() WHERE id = $1`, v.PieceID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("piece %d: %w", v.PieceID, studio.ErrNotFound)
		}
		return tx.QueryRow(ctx, `INSERT INTO version(piece_id, number, text, status, origin, action, model, prompt_hash, seed,
			prompt_eval_count, eval_count, prompt_eval_ns, eval_ns, total_ns, payload, author)
			VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM version WHERE piece_id = $1), $2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::jsonb,$15)
			RETURNING id, number, author, created_at`,
			v.PieceID, v.Text, v.Status, v.Origin, v.Action, v.Model, v.PromptHash, v.Seed,
			v.PromptEvalCount, v.EvalCount, int64(v.PromptEvalTime), int64(v.EvalTime), int64(v.TotalTime), string(v.Payload), v.Author).
			Scan(&v.ID, &v.Number, &v.Author, &v.CreatedAt)
	})
	return v, err
}

const versionColumns = `id, piece_id, number, text, status, origin, action, model, prompt_hash, seed,
	prompt_eval_count, eval_count, prompt_eval_ns, eval_ns, total_ns, payload, author, created_at`

func scanVersion(row pgx.Row) (studio.Version, error) {
	var v studio.Version
	var pe, ev, tot int64
	var payload []byte
	err := row.Scan(&v.ID, &v.PieceID, &v.Number, &v.Text, &v.Status, &v.Origin, &v.Action, &v.Model, &v.PromptHash, &v.Seed,
		&v.PromptEvalCount, &v.EvalCount, &pe, &ev, &tot, &payload, &v.Author, &v.CreatedAt)
	v.PromptEvalTime, v.EvalTime, v.TotalTime = time.Duration(pe), time.Duration(ev), time.Duration(tot)
	v.Payload = json.RawMessage(payload)
	return v, err
}

// Version returns one version by id.
func (s *Store) Version(ctx context.Context, id int64) (studio.Version, error) {
	v, err := scanVersion(s.pool.QueryRow(ctx, `SELECT `+versionColumns+` FROM version WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return v, fmt.Errorf("version %d: %w", id, studio.ErrNotFound)
	}
	return v, s.wrap("reading a version from", err)
}

// Versions lists a piece's versions, oldest first.
func (s *Store) Versions(ctx context.Context, pieceID int64) ([]studio.Version, error) {
	return queryAll(ctx, s, "listing versions in", func(rows pgx.Rows) (studio.Version, error) { return scanVersion(rows) },
		`SELECT `+versionColumns+` FROM version WHERE piece_id = $1 ORDER BY number`, pieceID)
}

// LatestVersion returns a piece's newest version.
func (s *Store) LatestVersion(ctx context.Context, pieceID int64) (studio.Version, error) {
	v, err := scanVersion(s.pool.QueryRow(ctx, `SELECT `+versionColumns+` FROM version WHERE piece_id = $1 ORDER BY number DESC LIMIT 1`, pieceID))
	if errors.Is(err, pgx.ErrNoRows) {
		return v, fmt.Errorf("piece %d has no version: %w", pieceID, studio.ErrNotFound)
	}
	return v, s.wrap("reading a version from", err)
}
