package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"atelier/studio"
	"atelier/studio/store"
)

func open(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrationsRunTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", store.FileName)
	ctx := context.Background()
	s := open(t, path)
	v1, err := s.SchemaVersion(ctx)
	if err != nil || v1 < 1 {
		t.Fatalf("schema version %d, %v", v1, err)
	}
	if _, err := s.CreateCampaign(ctx, studio.Campaign{Name: "kept"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2 := open(t, path)
	v2, _ := s2.SchemaVersion(ctx)
	cs, err := s2.Campaigns(ctx)
	if v2 != v1 || err != nil || len(cs) != 1 || cs[0].Name != "kept" {
		t.Fatalf("second open: version %d→%d, campaigns %v, %v", v1, v2, cs, err)
	}
	if ok, err := s2.IntegrityCheck(ctx); ok != "ok" || err != nil {
		t.Fatalf("integrity %q %v", ok, err)
	}
}

func seed(t *testing.T, s *store.Store) (studio.Brief, studio.Piece) {
	t.Helper()
	ctx := context.Background()
	c, err := s.CreateCampaign(ctx, studio.Campaign{Name: "Automne", KitName: "Maison Lumen", KitVersion: "1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateBrief(ctx, studio.Brief{CampaignID: c.ID, Topic: "Recharge d'automne", KeyMessage: "Gardez la bougie, changez la cire",
		Platforms: []string{"x", "linkedin"}, Personas: []string{"design-lovers"}, Languages: []string{"fr-FR", "de-CH"},
		Language: "fr-FR", Partner: "Atelier Cire", ByLanguage: map[string]studio.BriefText{"de-CH": {Topic: "Herbst-Nachfüllung"}}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: "x", Persona: "design-lovers", Language: "fr-FR", Author: "Camille"})
	if err != nil {
		t.Fatal(err)
	}
	return b, p
}

func TestBriefPieceVersionRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), store.FileName))
	b, p := seed(t, s)
	got, err := s.Brief(ctx, b.ID)
	if err != nil || got.Topic != b.Topic || strings.Join(got.Platforms, ",") != "x,linkedin" || got.Partner != "Atelier Cire" || got.Language != "fr-FR" {
		t.Fatalf("brief %+v %v", got, err)
	}
	if de, ok := got.Text("de"); !ok || de.Topic != "Herbst-Nachfüllung" || de.KeyMessage != b.KeyMessage {
		t.Fatalf("the de-CH text: %+v %v (a field left out falls back to the brief's own)", de, ok)
	}
	if _, ok := got.Text("en-GB"); ok {
		t.Fatal("a language with no text is not translated")
	}
	if p.CampaignID != b.CampaignID || p.State != studio.StateDraft {
		t.Fatalf("piece %+v", p)
	}
	for i, text := range []string{"Première version", "Deuxième version"} {
		v, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: text, Origin: studio.OriginModel, Model: "tiny", Seed: 7, EvalCount: 12})
		if err != nil || v.Number != i+1 {
			t.Fatalf("version %d: %+v %v", i, v, err)
		}
	}
	vs, err := s.Versions(ctx, p.ID)
	if err != nil || len(vs) != 2 || vs[1].Text != "Deuxième version" || vs[0].Seed != 7 || vs[0].Status != studio.VersionComplete {
		t.Fatalf("versions %+v %v", vs, err)
	}
	last, err := s.LatestVersion(ctx, p.ID)
	if err != nil || last.Number != 2 {
		t.Fatalf("latest %+v %v", last, err)
	}
	if _, err := s.Piece(ctx, 9999); !errors.Is(err, studio.ErrNotFound) {
		t.Fatalf("missing piece: %v", err)
	}
	if _, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "x", Origin: "guess"}); err == nil {
		t.Fatal("an unknown origin must be refused by the schema")
	}
}

func TestFTSSearch(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), store.FileName))
	_, p := seed(t, s)
	if _, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "La cire de colza, coulée à Lyon.", Origin: studio.OriginUser}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query string
		kinds []string
	}{
		{"automne", []string{"brief"}},        // accent/case folding: "Recharge d'automne"
		{"COLZA", []string{"version"}},        // case-insensitive
		{"coulee lyon", []string{"version"}},  // accents removed, all words
		{"cir", []string{"brief", "version"}}, // last word is a prefix: cire in both
		{"bougie colza", nil},                 // no text holds both
		{`"unbalanced OR (`, nil},             // FTS syntax is taken literally
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
			if h.Kind == "version" && h.PieceID != p.ID {
				t.Errorf("%q: hit on piece %d", c.query, h.PieceID)
			}
		}
		if strings.Join(sorted(kinds), ",") != strings.Join(c.kinds, ",") {
			t.Errorf("%q: kinds %v, want %v", c.query, kinds, c.kinds)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestTransitionsAndComments(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), store.FileName))
	_, p := seed(t, s)
	tr, err := s.RecordTransition(ctx, studio.Transition{PieceID: p.ID, From: studio.StateDraft, To: studio.StateInReview, Who: "Camille", Note: "prêt"})
	if err != nil || tr.ID == 0 {
		t.Fatal(tr, err)
	}
	if _, err := s.RecordTransition(ctx, studio.Transition{PieceID: p.ID, From: studio.StateDraft, To: studio.StateInReview, Who: "Léa"}); !errors.Is(err, studio.ErrStale) {
		t.Fatalf("a move from a state the piece has left must be stale, got %v", err)
	}
	got, _ := s.Piece(ctx, p.ID)
	trs, _ := s.Transitions(ctx, p.ID)
	if got.State != studio.StateInReview || len(trs) != 1 || trs[0].Who != "Camille" {
		t.Fatalf("piece %v, transitions %+v", got.State, trs)
	}
	c, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, Author: "Léa", Body: "Trop long", Anchor: `{"start":0,"end":10}`})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, ParentID: c.ID, Author: "Camille", Body: "Raccourci"}); err != nil {
		t.Fatal(err)
	}
	cs, _ := s.Comments(ctx, p.ID)
	if len(cs) != 2 || cs[1].ParentID != c.ID || cs[0].Anchor == "" {
		t.Fatalf("comments %+v", cs)
	}
	if _, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, Author: "x"}); err == nil {
		t.Fatal("an empty comment must be refused")
	}
}

func TestAssetsAndChecks(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), store.FileName))
	_, p := seed(t, s)
	hash := strings.Repeat("ab", 32)
	a, err := s.PutAsset(ctx, studio.Asset{SHA256: hash, Kind: "image", MIME: "image/png", Size: 10, Width: 4, Height: 3, Source: "photo.png"})
	if err != nil || a.ID == 0 || a.Width != 4 {
		t.Fatal(a, err)
	}
	again, err := s.PutAsset(ctx, studio.Asset{SHA256: hash, Kind: "image", MIME: "image/png", Source: "copy.png"})
	if err != nil || again.ID != a.ID || again.Source != "photo.png" {
		t.Fatalf("the same content must map to the same asset: %+v %v", again, err)
	}
	if _, err := s.PutAsset(ctx, studio.Asset{SHA256: "../../x", Kind: "image"}); err == nil {
		t.Fatal("a malformed hash must be refused")
	}
	if err := s.LinkAsset(ctx, p.ID, a.ID, "variant", "x.image"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveCheckResult(ctx, studio.CheckResult{PieceID: p.ID, Score: 82, Warnings: 1}); err != nil {
		t.Fatal(err)
	}
	cr, err := s.LatestCheck(ctx, p.ID)
	if err != nil || cr.Score != 82 {
		t.Fatal(cr, err)
	}
	if _, err := s.SaveCheckResult(ctx, studio.CheckResult{PieceID: p.ID, Score: 120}); err == nil {
		t.Fatal("a score over 100 must be refused")
	}
}

func TestPiecesFilter(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), store.FileName))
	b, _ := seed(t, s)
	for _, pl := range []string{"linkedin", "linkedin", "instagram"} {
		if _, err := s.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: pl, Language: "en-GB"}); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		f    studio.PieceFilter
		want int
	}{
		{studio.PieceFilter{}, 4},
		{studio.PieceFilter{Platform: "linkedin"}, 2},
		{studio.PieceFilter{Language: "en-GB", Platform: "instagram"}, 1},
		{studio.PieceFilter{State: studio.StateApproved}, 0},
		{studio.PieceFilter{Limit: 2, Offset: 3}, 1},
	}
	for _, c := range cases {
		ps, err := s.Pieces(ctx, c.f)
		if err != nil || len(ps) != c.want {
			t.Errorf("%+v: %d pieces, want %d (%v)", c.f, len(ps), c.want, err)
		}
	}
}
