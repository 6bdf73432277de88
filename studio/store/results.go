package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"atelier/studio"
	"atelier/studio/results"
)

// ImportResults stores the posts read hands to put, all in one
// transaction, so a file that fails halfway adds nothing: a post seen
// before is merged with what is stored (results.Merge: the newer export's
// figures win) and counts as updated only when that changes it.
func (s *Store) ImportResults(ctx context.Context, read func(put func(results.Post) error) error) (studio.ImportCounts, error) {
	var n studio.ImportCounts
	at := now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n = studio.ImportCounts{}
		add, err := tx.PrepareContext(ctx, `INSERT INTO result_post(key, platform, published_at, post, imported_at, updated_at) VALUES (?,?,?,?,?,?) ON CONFLICT(key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer add.Close()
		get, err := tx.PrepareContext(ctx, `SELECT post FROM result_post WHERE key = ?`)
		if err != nil {
			return err
		}
		defer get.Close()
		set, err := tx.PrepareContext(ctx, `UPDATE result_post SET published_at = ?, post = ?, updated_at = ? WHERE key = ?`)
		if err != nil {
			return err
		}
		defer set.Close()
		return read(func(p results.Post) error {
			b, err := json.Marshal(p)
			if err != nil {
				return err
			}
			res, err := add.ExecContext(ctx, p.Key(), string(p.Platform), utc(p.PublishedAt), string(b), at, at)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 1 {
				n.Added++
				return nil
			}
			var old string
			if err := get.QueryRowContext(ctx, p.Key()).Scan(&old); err != nil {
				return err
			}
			var prev results.Post
			if err := json.Unmarshal([]byte(old), &prev); err != nil {
				return fmt.Errorf("the stored post %s is damaged: %w", p.Key(), err)
			}
			if p = results.Merge(prev, p); sameFigures(prev, p) {
				n.Unchanged++
				return nil
			}
			n.Updated++
			if b, err = json.Marshal(p); err != nil {
				return err
			}
			_, err = set.ExecContext(ctx, utc(p.PublishedAt), string(b), at, p.Key())
			return err
		})
	})
	return n, err
}

// ResultPosts lists every imported post with its match, oldest first.
func (s *Store) ResultPosts(ctx context.Context) ([]studio.ResultPost, error) {
	return s.resultPosts(ctx, "")
}

// ResultPostsBetween lists the posts published from from to to, and those
// matched to a piece, oldest first: the ones a match could concern.
func (s *Store) ResultPostsBetween(ctx context.Context, from, to time.Time) ([]studio.ResultPost, error) {
	return s.resultPosts(ctx, `WHERE (published_at >= ? AND published_at < ?) OR piece_id IS NOT NULL`, utc(from), utc(to))
}

func (s *Store) resultPosts(ctx context.Context, where string, args ...any) ([]studio.ResultPost, error) {
	return queryAll(ctx, s, "listing results in", func(rows *sql.Rows) (studio.ResultPost, error) {
		var r studio.ResultPost
		var post string
		var piece sql.NullInt64
		err := rows.Scan(&post, &piece, &r.By, &r.Score, &r.Uncertain, &r.Confirmed)
		if err == nil {
			err = json.Unmarshal([]byte(post), &r.Post)
		}
		r.PieceID = piece.Int64
		return r, err
	}, `SELECT post, piece_id, match_by, score, uncertain, confirmed FROM result_post `+where+` ORDER BY published_at, key`, args...)
}

// ResultCounts counts the posts matched to a piece, those to confirm, and
// the external ones.
func (s *Store) ResultCounts(ctx context.Context) (matched, uncertain, external int, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(piece_id IS NOT NULL AND uncertain = 0), 0), COALESCE(SUM(piece_id IS NOT NULL AND uncertain = 1), 0), COALESCE(SUM(piece_id IS NULL), 0)
		FROM result_post`).Scan(&matched, &uncertain, &external)
	if err != nil {
		return 0, 0, 0, s.wrap("counting results in", err)
	}
	return matched, uncertain, external, nil
}

// SetMatches records what the matcher found for posts the CM has not
// confirmed or refused.
func (s *Store) SetMatches(ctx context.Context, ms []results.MatchResult) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `UPDATE result_post SET piece_id = ?, match_by = ?, score = ?, uncertain = ? WHERE key = ? AND confirmed = 0`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, m := range ms {
			piece := sql.NullInt64{Int64: m.PieceID, Valid: m.PieceID != 0}
			if _, err := stmt.ExecContext(ctx, piece, m.By, m.Score, m.Uncertain, m.PostID); err != nil {
				return err
			}
		}
		return nil
	})
}

// ConfirmMatch settles a post's piece as the CM says: pieceID, or none
// (an external post) when it is 0.
func (s *Store) ConfirmMatch(ctx context.Context, key string, pieceID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		piece := sql.NullInt64{Int64: pieceID, Valid: pieceID != 0}
		res, err := tx.ExecContext(ctx, `UPDATE result_post SET piece_id = ?, match_by = 'confirmed', uncertain = 0, confirmed = 1 WHERE key = ?`, piece, key)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("post %q: %w", key, studio.ErrNotFound)
		}
		return nil
	})
}

// SetPermalink records where a piece was published.
func (s *Store) SetPermalink(ctx context.Context, pieceID int64, url string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE piece SET permalink = ? WHERE id = ?`, url, pieceID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("piece %d: %w", pieceID, studio.ErrNotFound)
		}
		return nil
	})
}

// Permalinks are the published links the CM recorded, by piece.
func (s *Store) Permalinks(ctx context.Context) (map[int64]string, error) {
	type row struct {
		id  int64
		url string
	}
	rows, err := queryAll(ctx, s, "reading permalinks in", func(rows *sql.Rows) (row, error) {
		var r row
		return r, rows.Scan(&r.id, &r.url)
	}, `SELECT id, permalink FROM piece WHERE permalink <> ''`)
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.id] = r.url
	}
	return out, err
}

// sameFigures reports whether two reads of a post say the same, whichever
// file and row they came from.
func sameFigures(a, b results.Post) bool {
	for _, p := range []*results.Post{&a, &b} {
		p.Source, p.Line, p.ExportedAt = "", 0, time.Time{}
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
