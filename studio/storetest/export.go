package storetest

import (
	"context"
	"errors"
	"testing"

	"atelier/studio"
)

// approve moves a piece draft → in_review → approved.
func approve(t *testing.T, s studio.Store, pieceID int64) {
	t.Helper()
	ctx := context.Background()
	for _, to := range []studio.State{studio.StateInReview, studio.StateApproved} {
		p, err := s.Piece(ctx, pieceID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordTransition(ctx, studio.Transition{PieceID: pieceID, From: p.State, To: to, Who: "Léa"}); err != nil {
			t.Fatal(err)
		}
	}
}

// testExport: exporting moves approved pieces to exported only when
// finalize succeeds; a failed finalize or a piece no longer approved
// leaves every piece as it was.
func testExport(t *testing.T, s studio.Store) {
	ctx := context.Background()
	b, p := seed(t, s)
	q, err := s.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: "linkedin", Language: "fr-FR"})
	if err != nil {
		t.Fatal(err)
	}
	approve(t, s, p.ID)
	approve(t, s, q.ID)
	boom := errors.New("the disk is full")
	if err := s.ExportPieces(ctx, []int64{p.ID, q.ID}, "Camille", func() error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("a failed finalize: %v", err)
	}
	r, err := s.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: "threads", Language: "fr-FR"})
	if err != nil {
		t.Fatal(err)
	}
	called := false
	if err := s.ExportPieces(ctx, []int64{p.ID, r.ID}, "Camille", func() error { called = true; return nil }); !errors.Is(err, studio.ErrStale) || called {
		t.Fatalf("exporting a draft: %v (finalize called: %v)", err, called)
	}
	for _, id := range []int64{p.ID, q.ID} {
		if got, _ := s.Piece(ctx, id); got.State != studio.StateApproved {
			t.Fatalf("piece %d is %s after failed exports", id, got.State)
		}
		if trs, _ := s.Transitions(ctx, id); len(trs) != 2 {
			t.Fatalf("piece %d has %d transitions after failed exports", id, len(trs))
		}
	}
	if err := s.ExportPieces(ctx, []int64{p.ID, q.ID}, "Camille", func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{p.ID, q.ID} {
		got, _ := s.Piece(ctx, id)
		trs, _ := s.Transitions(ctx, id)
		if got.State != studio.StateExported || len(trs) != 3 || trs[2].Who != actor(t, s, "Camille") || trs[2].Note != "campaign export" {
			t.Fatalf("piece %d: %s, %+v", id, got.State, trs)
		}
	}
}

// testAudit: the workspace's timeline of a campaign, built on the store,
// holds every move and comment in order with who made it.
func testAudit(t *testing.T, s studio.Store) {
	ctx := context.Background()
	w := studio.New(s, t.TempDir(), t.TempDir())
	_, p := seed(t, s)
	reviewer := studio.User{Name: "Léa", Role: studio.RoleReviewer}
	if _, err := w.Move(ctx, p.ID, studio.StateInReview, studio.User{Name: "Camille", Role: studio.RoleAuthor}, "prêt", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddComment(ctx, reviewer, studio.Comment{PieceID: p.ID, Body: "La cire est-elle certifiée ?"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Move(ctx, p.ID, studio.StateChangesRequested, reviewer, "sourcer la certification", ""); err != nil {
		t.Fatal(err)
	}
	events, err := w.Audit(ctx, p.CampaignID)
	if err != nil || len(events) != 3 {
		t.Fatalf("audit %+v %v", events, err)
	}
	want := []struct{ kind, who, what string }{
		{"transition", actor(t, s, "Camille"), "draft → in_review"},
		{"comment", actor(t, s, "Léa"), "La cire est-elle certifiée ?"},
		{"transition", actor(t, s, "Léa"), "in_review → changes_requested"},
	}
	for i, e := range events {
		if e.Kind != want[i].kind || e.Who != want[i].who || e.What != want[i].what || e.PieceID != p.ID {
			t.Errorf("event %d: %+v, want %+v", i, e, want[i])
		}
	}
}
