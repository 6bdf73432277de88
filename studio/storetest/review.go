package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"atelier/studio"
)

// testTransitions: a move is recorded with who, note and reason; a move
// from a state the piece has left is ErrStale and changes nothing.
func testTransitions(t *testing.T, s studio.Store) {
	ctx := context.Background()
	_, p := seed(t, s)
	tr, err := s.RecordTransition(ctx, studio.Transition{PieceID: p.ID, From: studio.StateDraft, To: studio.StateInReview, Who: "Camille", Note: "prêt"})
	if err != nil || tr.ID == 0 || tr.Who != actor(t, s, "Camille") || tr.At.IsZero() {
		t.Fatal(tr, err)
	}
	if _, err := s.RecordTransition(ctx, studio.Transition{PieceID: p.ID, From: studio.StateDraft, To: studio.StateInReview, Who: "Léa"}); !errors.Is(err, studio.ErrStale) {
		t.Fatalf("a move from a state the piece has left must be stale, got %v", err)
	}
	if _, err := s.RecordTransition(ctx, studio.Transition{PieceID: p.ID, From: studio.StateInReview, To: studio.StateApproved, Who: "Léa",
		Note: "ok", OverrideReason: "claim substantiated by the 2025 audit"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Piece(ctx, p.ID)
	trs, err := s.Transitions(ctx, p.ID)
	if err != nil || got.State != studio.StateApproved || len(trs) != 2 {
		t.Fatalf("piece %v, transitions %+v, %v", got.State, trs, err)
	}
	want := []studio.Transition{
		{PieceID: p.ID, From: studio.StateDraft, To: studio.StateInReview, Who: actor(t, s, "Camille"), Note: "prêt"},
		{PieceID: p.ID, From: studio.StateInReview, To: studio.StateApproved, Who: actor(t, s, "Léa"), Note: "ok", OverrideReason: "claim substantiated by the 2025 audit"},
	}
	for i, w := range want {
		g := trs[i]
		if g.PieceID != w.PieceID || g.From != w.From || g.To != w.To || g.Who != w.Who || g.Note != w.Note || g.OverrideReason != w.OverrideReason {
			t.Errorf("transition %d: %+v, want %+v", i, g, w)
		}
	}
	if !got.UpdatedAt.After(p.UpdatedAt) && !got.UpdatedAt.Equal(p.UpdatedAt) {
		t.Errorf("updated_at went back: %v → %v", p.UpdatedAt, got.UpdatedAt)
	}
}

func testComments(t *testing.T, s studio.Store) {
	ctx := context.Background()
	_, p := seed(t, s)
	v, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "Trop long pour X", Origin: studio.OriginUser})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, VersionID: v.ID, Author: "Léa", Body: "Trop long", Anchor: `{"start":0,"end":10}`})
	if err != nil || c.Author != actor(t, s, "Léa") {
		t.Fatal(c, err)
	}
	body := `Robert'); DROP TABLE comment; -- "quoted" \ 100%`
	if _, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, ParentID: c.ID, Author: "Camille", Body: body}); err != nil {
		t.Fatal(err)
	}
	cs, err := s.Comments(ctx, p.ID)
	if err != nil || len(cs) != 2 || cs[1].ParentID != c.ID || cs[0].VersionID != v.ID || cs[0].Anchor == "" || cs[1].Body != body || cs[1].VersionID != 0 {
		t.Fatalf("comments %+v %v", cs, err)
	}
	if _, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, Author: "x"}); err == nil {
		t.Fatal("an empty comment must be refused")
	}
	if _, err := s.AddComment(ctx, studio.Comment{PieceID: 9999, Author: "x", Body: "where?"}); err == nil {
		t.Fatal("a comment on a missing piece must be refused")
	}
}

func testSuggestions(t *testing.T, s studio.Store) {
	ctx := context.Background()
	_, p := seed(t, s)
	c, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, Author: "Léa", Body: "Plus court ?", Suggestion: "Cire de colza, coulée à Lyon."})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := s.AddComment(ctx, studio.Comment{PieceID: p.ID, Author: "Léa", Body: "Bien"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ResolveSuggestion(ctx, c.ID, studio.SuggestionAccepted); err != nil {
		t.Fatal(err)
	}
	if err := s.ResolveSuggestion(ctx, c.ID, studio.SuggestionRefused); !errors.Is(err, studio.ErrStale) {
		t.Fatalf("answering twice: %v, want ErrStale", err)
	}
	if err := s.ResolveSuggestion(ctx, plain.ID, studio.SuggestionRefused); !errors.Is(err, studio.ErrStale) {
		t.Fatalf("answering a plain comment: %v, want ErrStale", err)
	}
	cs, _ := s.Comments(ctx, p.ID)
	if len(cs) != 2 || cs[0].Resolution != studio.SuggestionAccepted || cs[0].Suggestion == "" || cs[1].Resolution != "" {
		t.Fatalf("comments %+v", cs)
	}
}

func testAssetsAndChecks(t *testing.T, s studio.Store) {
	ctx := context.Background()
	_, p := seed(t, s)
	hash := strings.Repeat("ab", 32)
	a, err := s.PutAsset(ctx, studio.Asset{SHA256: hash, Kind: "image", MIME: "image/png", Size: 10, Width: 4, Height: 3, Source: "photo.png"})
	if err != nil || a.ID == 0 || a.Width != 4 || a.Meta != "{}" || a.CreatedAt.IsZero() {
		t.Fatal(a, err)
	}
	again, err := s.PutAsset(ctx, studio.Asset{SHA256: hash, Kind: "image", MIME: "image/png", Source: "copy.png"})
	if err != nil || again.ID != a.ID || again.Source != "photo.png" {
		t.Fatalf("the same content must map to the same asset: %+v %v", again, err)
	}
	for _, bad := range []studio.Asset{{SHA256: "../../x", Kind: "image"}, {SHA256: strings.Repeat("c", 64), Kind: "spreadsheet", MIME: "x"}} {
		if _, err := s.PutAsset(ctx, bad); err == nil {
			t.Fatalf("%+v must be refused", bad)
		}
	}
	video, err := s.PutAsset(ctx, studio.Asset{SHA256: strings.Repeat("d", 64), Kind: "video", MIME: "video/mp4", Size: 100, DurationMS: 15000})
	if err != nil || video.DurationMS != 15000 {
		t.Fatalf("a video asset: %+v %v", video, err)
	}
	if _, err := s.PutAsset(ctx, studio.Asset{SHA256: strings.Repeat("e", 64), Kind: "image", MIME: "image/jpeg", Source: "render:x.image"}); err != nil {
		t.Fatal(err)
	}
	if imgs, err := s.Images(ctx); err != nil || len(imgs) != 1 || imgs[0].ID != a.ID {
		t.Fatalf("Images lists imports, not renders or videos: %+v %v", imgs, err)
	}
	if err := s.SetAssetMeta(ctx, a.ID, `{"focal":[0.3,0.6]}`); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Asset(ctx, a.ID); got.Meta != `{"focal":[0.3,0.6]}` {
		t.Fatalf("meta %q", got.Meta)
	}
	if err := s.SetAssetMeta(ctx, 9999, `{}`); !errors.Is(err, studio.ErrNotFound) {
		t.Fatalf("meta of a missing asset: %v", err)
	}
	if _, err := s.SaveCheckResult(ctx, studio.CheckResult{PieceID: p.ID, Score: 82, Warnings: 1, Findings: `[{"rule":"x"}]`}); err != nil {
		t.Fatal(err)
	}
	cr, err := s.LatestCheck(ctx, p.ID)
	if err != nil || cr.Score != 82 || cr.Warnings != 1 || cr.PieceID != p.ID || cr.AssetID != 0 {
		t.Fatal(cr, err)
	}
	if _, err := s.SaveCheckResult(ctx, studio.CheckResult{PieceID: p.ID, Score: 120}); err == nil {
		t.Fatal("a score over 100 must be refused")
	}
	if _, err := s.LatestCheck(ctx, 9999); !errors.Is(err, studio.ErrNotFound) {
		t.Fatalf("an unchecked piece: %v", err)
	}
}

// testVariants: a piece's render per placement is replaced, links are
// idempotent, and each role lists its own assets.
func testVariants(t *testing.T, s studio.Store) {
	ctx := context.Background()
	_, p := seed(t, s)
	var ids []int64
	for _, h := range []string{"1", "2", "3"} {
		a, err := s.PutAsset(ctx, studio.Asset{SHA256: strings.Repeat(h, 64), Kind: "image", MIME: "image/png", Source: "render:" + h})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	steps := []error{
		s.SetVariant(ctx, p.ID, ids[0], "x.image"),
		s.SetVariant(ctx, p.ID, ids[1], "x.image"),
		s.SetVariant(ctx, p.ID, ids[2], "x.square"),
		s.LinkAsset(ctx, p.ID, ids[0], "source", ""),
		s.LinkAsset(ctx, p.ID, ids[0], "source", ""),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	vs, err := s.PieceAssets(ctx, p.ID, "variant")
	if err != nil || len(vs) != 2 || vs[0].ID != ids[1] || vs[0].Placement != "x.image" || vs[1].ID != ids[2] {
		t.Fatalf("variants %+v %v", vs, err)
	}
	if src, err := s.PieceAssets(ctx, p.ID, "source"); err != nil || len(src) != 1 || src[0].ID != ids[0] {
		t.Fatalf("sources %+v %v", src, err)
	}
	if err := s.SetVariant(ctx, p.ID, 9999, "x.image"); err == nil {
		t.Fatal("a variant of a missing asset must be refused")
	}
	if vs, _ := s.PieceAssets(ctx, p.ID, "variant"); len(vs) != 2 || vs[0].ID != ids[1] {
		t.Fatalf("a refused SetVariant removed the variant before: %+v", vs)
	}
}
