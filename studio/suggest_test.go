package studio_test

import (
	"context"
	"errors"
	"testing"

	"atelier/studio"
)

// TestSuggestionAcceptedAndRefused: a reviewer's suggestion becomes the
// author's new version when accepted, in the author's name; a refused one
// changes nothing and keeps the reason; an answered or outdated one cannot
// be accepted.
func TestSuggestionAcceptedAndRefused(t *testing.T) {
	ctx := context.Background()
	ws := newWorkspace(t)
	pieceID := pieceIn(t, ws).ID
	lea := studio.User{Name: "Léa", Role: studio.RoleReviewer}
	camille := studio.User{Name: "Camille", Role: studio.RoleAuthor}
	v1, _ := ws.LatestVersion(ctx, pieceID)
	if _, err := ws.Suggest(ctx, lea, pieceID, v1.Text, ""); err == nil {
		t.Fatal("a suggestion that changes nothing was taken")
	}
	s1, err := ws.Suggest(ctx, lea, pieceID, "Une lueur d'automne, enfin. #MaisonLumen", "plus court")
	if err != nil || s1.Author != "Léa" || s1.VersionID != v1.ID {
		t.Fatalf("suggest: %+v %v", s1, err)
	}
	v2, _, err := ws.AcceptSuggestion(ctx, camille, pieceID, s1.ID)
	if err != nil || v2.Text != s1.Suggestion || v2.Author != "Camille" || v2.Number != v1.Number+1 {
		t.Fatalf("accept: %+v %v", v2, err)
	}
	if _, _, err := ws.AcceptSuggestion(ctx, camille, pieceID, s1.ID); !errors.Is(err, studio.ErrStale) {
		t.Fatalf("accepting twice: %v", err)
	}
	s2, _ := ws.Suggest(ctx, lea, pieceID, "Autre chose #MaisonLumen", "")
	s3, _ := ws.Suggest(ctx, lea, pieceID, "Encore autre chose #MaisonLumen", "")
	if err := ws.RefuseSuggestion(ctx, camille, pieceID, s2.ID, "le ton n'y est pas"); err != nil {
		t.Fatal(err)
	}
	if v, _ := ws.LatestVersion(ctx, pieceID); v.ID != v2.ID {
		t.Fatalf("a refusal wrote v%d", v.Number)
	}
	cs, _ := ws.Comments(ctx, pieceID)
	var refused, reply bool
	for _, c := range cs {
		refused = refused || c.ID == s2.ID && c.Resolution == studio.SuggestionRefused
		reply = reply || c.ParentID == s2.ID && c.Body == "le ton n'y est pas" && c.Author == "Camille"
	}
	if !refused || !reply {
		t.Fatalf("after the refusal: %+v", cs)
	}
	composer := &studio.Composer{WS: ws, User: camille}
	if _, _, err := composer.SaveText(ctx, pieceID, "Réécrit à la main #MaisonLumen", "edit"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ws.AcceptSuggestion(ctx, camille, pieceID, s3.ID); !errors.Is(err, studio.ErrSuggestionOutdated) {
		t.Fatalf("an outdated suggestion: %v", err)
	}
}
