package store

import (
	"atelier/studio"
	"context"
	"strings"
)

// Search finds briefs and versions whose text holds every word of query,
// accent- and case-insensitively; the last word matches as a prefix.
// The user's words are quoted, so FTS5 syntax in them is taken literally.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]studio.Hit, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// Each side lets FTS5 sort by rank and stop at the limit, so snippets
	// are made for the rows returned only.
	rows, err := s.r.QueryContext(ctx, `
		SELECT * FROM (SELECT 'brief', rowid, 0, snippet(brief_fts, -1, '[', ']', '…', 12), rank
		  FROM brief_fts WHERE brief_fts MATCH ?1 ORDER BY rank LIMIT ?2)
		UNION ALL
		SELECT * FROM (SELECT 'version', rowid, (SELECT piece_id FROM version WHERE id = version_fts.rowid),
		  snippet(version_fts, 0, '[', ']', '…', 12), rank
		  FROM version_fts WHERE version_fts MATCH ?1 ORDER BY rank LIMIT ?2)
		ORDER BY 5 LIMIT ?2`, match, limit)
	if err != nil {
		return nil, s.wrap("searching", err)
	}
	defer rows.Close()
	var out []studio.Hit
	for rows.Next() {
		var h studio.Hit
		var rank float64
		if err := rows.Scan(&h.Kind, &h.ID, &h.PieceID, &h.Snippet, &rank); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func ftsQuery(q string) string {
	words := strings.Fields(q)
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	if n := len(words); n > 0 {
		words[n-1] += "*"
	}
	return strings.Join(words, " ")
}
