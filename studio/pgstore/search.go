package pgstore

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"atelier/studio"
)

// Search finds briefs and versions whose text holds every word of query,
// accent- and case-insensitively, each text in its own language's
// configuration (stemmed, unaccented); the last word matches as a prefix.
// The words go to PostgreSQL as one bound parameter and each is parsed by
// plainto_tsquery, so no text-search or SQL syntax in them has effect.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]studio.Hit, error) {
	words := strings.Fields(query)
	if len(words) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// q holds one tsquery per configuration in use, so each index scan
	// compares like with like.
	return queryAll(ctx, s, "searching", func(rows pgx.Rows) (studio.Hit, error) {
		var h studio.Hit
		var rank float32
		err := rows.Scan(&h.Kind, &h.ID, &h.PieceID, &h.Snippet, &rank)
		return h, err
	}, `
		WITH cfg AS (SELECT DISTINCT ts_cfg FROM brief UNION SELECT DISTINCT ts_cfg FROM version),
		q AS (SELECT cfg.ts_cfg, search_query(cfg.ts_cfg, $1) AS tsq FROM cfg),
		hits AS (
			(SELECT 'brief' AS kind, b.id, 0::bigint AS piece_id, b.topic || ' ' || b.key_message || ' ' || b.cta AS body, b.ts_cfg, q.tsq,
				ts_rank(b.tsv, q.tsq) AS rank
			FROM brief b JOIN q ON q.ts_cfg = b.ts_cfg WHERE q.tsq IS NOT NULL AND b.tsv @@ q.tsq ORDER BY rank DESC LIMIT $2)
			UNION ALL
			(SELECT 'version', v.id, v.piece_id, v.text, v.ts_cfg, q.tsq, ts_rank(v.tsv, q.tsq)
			FROM version v JOIN q ON q.ts_cfg = v.ts_cfg WHERE q.tsq IS NOT NULL AND v.tsv @@ q.tsq ORDER BY 7 DESC LIMIT $2))
		SELECT kind, id, piece_id, ts_headline(ts_cfg, body, tsq, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, FragmentDelimiter=…'), rank
		FROM hits ORDER BY rank DESC, kind, id LIMIT $2`, words, limit)
}
