package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"atelier/studio"
)

// testSearch: every word must match, accents and case do not matter, the
// last word is a prefix, and a version's hit names its piece.
func testSearch(t *testing.T, s studio.Store) {
	ctx := context.Background()
	b, p := seed(t, s)
	if _, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "La cire de colza, coulée à Lyon.", Origin: studio.OriginUser}); err != nil {
		t.Fatal(err)
	}
	en, err := s.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: "linkedin", Language: "en-GB"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVersion(ctx, studio.Version{PieceID: en.ID, Text: "Crème brûlée candles, poured in Zürich.", Origin: studio.OriginUser}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query string
		kinds []string
	}{
		{"automne", []string{"brief"}},
		{"COLZA", []string{"version"}},
		{"coulee lyon", []string{"version"}},
		{"Coulée LYON", []string{"version"}},
		{"cir", []string{"brief", "version"}},
		{"creme brulee", []string{"version"}},
		{"zurich", []string{"version"}},
		{"bougie colza", nil},
		{"   ", nil},
	}
	for _, c := range cases {
		hits, err := s.Search(ctx, c.query, 10)
		if err != nil {
			t.Fatalf("%q: %v", c.query, err)
		}
		var kinds []string
		for _, h := range hits {
			kinds = append(kinds, h.Kind)
			if h.Kind == "version" && h.PieceID != p.ID && h.PieceID != en.ID {
				t.Errorf("%q: hit on piece %d", c.query, h.PieceID)
			}
			if !strings.Contains(h.Snippet, "[") {
				t.Errorf("%q: the snippet %q does not mark the match", c.query, h.Snippet)
			}
		}
		slices.Sort(kinds)
		if strings.Join(kinds, ",") != strings.Join(c.kinds, ",") {
			t.Errorf("%q: kinds %v, want %v", c.query, kinds, c.kinds)
		}
	}
	if hits, err := s.Search(ctx, "cir", 1); err != nil || len(hits) != 1 {
		t.Errorf("limit 1: %d hits, %v", len(hits), err)
	}
}

// testSearchIsLiteral: query syntax and SQL typed in a search are words,
// not commands: no error, no hit, nothing changed.
func testSearchIsLiteral(t *testing.T, s studio.Store) {
	ctx := context.Background()
	_, p := seed(t, s)
	if _, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "Une bougie pour l'hiver", Origin: studio.OriginUser}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"unbalanced OR (`, `'; DROP TABLE piece; --`, `') OR 1=1 --`, `bougie' OR '1'='1`,
		`!bougie`, `bougie | hiver & !x`, `:*`, `NEAR(bougie hiver)`, `\`, `%`, `$1`} {
		hits, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Errorf("%q: %v", q, err)
		}
		for _, h := range hits {
			if !strings.Contains(strings.ToLower(h.Snippet), "bougie") {
				t.Errorf("%q found %+v", q, h)
			}
		}
	}
	if ps, err := s.Pieces(ctx, studio.PieceFilter{}); err != nil || len(ps) != 1 {
		t.Fatalf("after the searches: %d pieces, %v", len(ps), err)
	}
}
