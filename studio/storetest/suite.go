// Package storetest is the conformance suite every studio.Store passes:
// the SQLite store of one person and the PostgreSQL store of a team run
// the same tests and so behave the same. A store that records the
// session's user as the author of every write (the team store) says so by
// having an Actor method; the suite then expects that name wherever it
// passed another.
package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"atelier/studio"
)

// Opener returns a new store on an empty database, closed when the test
// ends.
type Opener func(t *testing.T) studio.Store

// Run runs every conformance test against the stores open makes.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, studio.Store)
	}{
		{"Migrations", testMigrations},
		{"BriefPieceVersion", testBriefPieceVersion},
		{"PiecesFilter", testPiecesFilter},
		{"Search", testSearch},
		{"SearchIsLiteral", testSearchIsLiteral},
		{"Transitions", testTransitions},
		{"Comments", testComments},
		{"Suggestions", testSuggestions},
		{"AssetsAndChecks", testAssetsAndChecks},
		{"Variants", testVariants},
		{"Export", testExport},
		{"Audit", testAudit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// actor is the name s records for a write the client says given made.
func actor(t *testing.T, s studio.Store, given string) string {
	t.Helper()
	a, ok := s.(interface {
		Actor(context.Context) (string, error)
	})
	if !ok {
		return given
	}
	who, err := a.Actor(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return who
}

func seed(t *testing.T, s studio.Store) (studio.Brief, studio.Piece) {
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

// testMigrations: a new store is at the schema of the four shared
// migrations or later, and says so twice alike.
func testMigrations(t *testing.T, s studio.Store) {
	ctx := context.Background()
	v1, err := s.SchemaVersion(ctx)
	if err != nil || v1 < 4 {
		t.Fatalf("schema version %d, %v; want 4 or more", v1, err)
	}
	if v2, _ := s.SchemaVersion(ctx); v2 != v1 {
		t.Fatalf("schema version changed by reading it: %d → %d", v1, v2)
	}
	if cs, err := s.Campaigns(ctx); err != nil || len(cs) != 0 {
		t.Fatalf("a new store holds campaigns %v, %v", cs, err)
	}
	if s.Location() == "" {
		t.Fatal("Location is empty")
	}
}

func testBriefPieceVersion(t *testing.T, s studio.Store) {
	ctx := context.Background()
	b, p := seed(t, s)
	got, err := s.Brief(ctx, b.ID)
	if err != nil || got.Topic != b.Topic || strings.Join(got.Platforms, ",") != "x,linkedin" || got.Partner != "Atelier Cire" || got.Language != "fr-FR" {
		t.Fatalf("brief %+v %v", got, err)
	}
	if de, ok := got.Text("de"); !ok || de.Topic != "Herbst-Nachfüllung" || de.KeyMessage != b.KeyMessage {
		t.Fatalf("the de-CH text: %+v %v", de, ok)
	}
	if p.CampaignID != b.CampaignID || p.State != studio.StateDraft || p.Author != actor(t, s, "Camille") {
		t.Fatalf("piece %+v", p)
	}
	for i, text := range []string{"Première version", "Deuxième version"} {
		v, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: text, Origin: studio.OriginModel, Model: "tiny", Seed: 7, EvalCount: 12,
			Payload: []byte(`{"text":"x"}`), Author: "Camille"})
		if err != nil || v.Number != i+1 || v.ID == 0 {
			t.Fatalf("version %d: %+v %v", i, v, err)
		}
	}
	vs, err := s.Versions(ctx, p.ID)
	if err != nil || len(vs) != 2 || vs[1].Text != "Deuxième version" || vs[0].Seed != 7 || vs[0].Status != studio.VersionComplete ||
		vs[0].Author != actor(t, s, "Camille") || !strings.Contains(string(vs[0].Payload), `"text"`) {
		t.Fatalf("versions %+v %v", vs, err)
	}
	last, err := s.LatestVersion(ctx, p.ID)
	if err != nil || last.Number != 2 {
		t.Fatalf("latest %+v %v", last, err)
	}
	if one, err := s.Version(ctx, vs[0].ID); err != nil || one.Text != "Première version" {
		t.Fatalf("version by id %+v %v", one, err)
	}
	for _, err := range []error{errOf(s.Piece(ctx, 9999)), errOf(s.Brief(ctx, 9999)), errOf(s.Version(ctx, 9999)), errOf(s.LatestVersion(ctx, 9999))} {
		if !errors.Is(err, studio.ErrNotFound) {
			t.Fatalf("a missing row: %v, want ErrNotFound", err)
		}
	}
	if _, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "x", Origin: "guess"}); err == nil {
		t.Fatal("an unknown origin must be refused by the schema")
	}
	if vs, _ := s.Versions(ctx, p.ID); len(vs) != 2 {
		t.Fatalf("a refused version left %d versions", len(vs))
	}
}

func errOf[T any](_ T, err error) error { return err }

func testPiecesFilter(t *testing.T, s studio.Store) {
	ctx := context.Background()
	b, _ := seed(t, s)
	for _, pl := range []string{"linkedin", "linkedin", "instagram"} {
		if _, err := s.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: pl, Language: "en-GB"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreatePieces(ctx, []studio.Piece{{BriefID: b.ID, CampaignID: b.CampaignID, Platform: "threads", Language: "fr-FR"},
		{BriefID: b.ID, CampaignID: b.CampaignID, Platform: "threads", Language: "en-GB"}}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		f    studio.PieceFilter
		want int
	}{
		{studio.PieceFilter{}, 6},
		{studio.PieceFilter{Platform: "linkedin"}, 2},
		{studio.PieceFilter{Language: "en-GB", Platform: "instagram"}, 1},
		{studio.PieceFilter{CampaignID: b.CampaignID, BriefID: b.ID, State: studio.StateDraft}, 6},
		{studio.PieceFilter{State: studio.StateApproved}, 0},
		{studio.PieceFilter{Persona: "design-lovers"}, 1},
		{studio.PieceFilter{Limit: 2, Offset: 5}, 1},
		{studio.PieceFilter{Platform: "x' OR '1'='1"}, 0},
	}
	for _, c := range cases {
		ps, err := s.Pieces(ctx, c.f)
		if err != nil || len(ps) != c.want {
			t.Errorf("%+v: %d pieces, want %d (%v)", c.f, len(ps), c.want, err)
		}
	}
	ps, _ := s.Pieces(ctx, studio.PieceFilter{})
	if !slices.IsSortedFunc(ps, func(a, b studio.Piece) int { return int(a.ID - b.ID) }) {
		t.Error("pieces are not listed oldest first")
	}
}
