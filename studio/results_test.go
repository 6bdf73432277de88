package studio_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atelier/studio"
	"atelier/studio/results"
)

// TestImportResultsIsIdempotentAndMatches imports an X export twice (the
// second adds nothing), then a newer export of the same posts (it updates
// one), refuses a bank statement without storing a row, and ties a post to
// the piece whose permalink the CM recorded.
func TestImportResultsIsIdempotentAndMatches(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	src := filepath.Join("results", "testdata", "x_tweet_activity_en.csv")
	rep, err := ws.ImportResults(ctx, src)
	if err != nil || rep.Added != 2 || rep.Format == results.FormatUnknown {
		t.Fatalf("first import: %+v %v", rep, err)
	}
	if rep, err = ws.ImportResults(ctx, src); err != nil || rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != 2 {
		t.Fatalf("the same file again: %+v %v", rep, err)
	}
	data, _ := os.ReadFile(src)
	newer := filepath.Join(t.TempDir(), "x_newer.csv")
	os.WriteFile(newer, []byte(strings.Replace(string(data), `"12500.0"`, `"13900.0"`, 1)), 0o644)
	later := time.Now().Add(time.Hour)
	os.Chtimes(newer, later, later)
	if rep, err = ws.ImportResults(ctx, newer); err != nil || rep.Added != 0 || rep.Updated != 1 || rep.Unchanged != 1 {
		t.Fatalf("a newer export: %+v %v", rep, err)
	}
	var unknown *results.UnknownFormatError
	if _, err := ws.ImportResults(ctx, filepath.Join("results", "testdata", "unknown_bank.csv")); !errors.As(err, &unknown) || strings.Contains(err.Error(), "writing") {
		t.Fatalf("a bank statement: %v", err)
	}
	posts, _ := ws.ResultPosts(ctx)
	if len(posts) != 2 || posts[0].Impressions != 13900 {
		t.Fatalf("stored posts: %d, first %+v", len(posts), posts[0].Post)
	}

	p := pieceIn(t, ws, studio.StateInReview)
	if _, err := ws.Schedule(ctx, p.ID, posts[0].PublishedAt, studio.User{Name: "Camille"}); err != nil {
		t.Fatal(err)
	}
	if err := ws.SetPermalink(ctx, p.ID, "not a link"); err == nil {
		t.Fatal("a permalink that is no link was kept")
	}
	if err := ws.SetPermalink(ctx, p.ID, "https://x.com/maisonlumen/status/2068257546040258617"); err != nil {
		t.Fatal(err)
	}
	posts, _ = ws.ResultPosts(ctx)
	if posts[0].PieceID != p.ID || posts[0].By != "permalink" || posts[1].PieceID != 0 {
		t.Fatalf("after the permalink: %+v / %+v", posts[0], posts[1])
	}
	scored, _ := ws.Scored(ctx)
	if scored[0].Persona != p.Persona || scored[0].Language != p.Language || scored[1].Persona != "" {
		t.Fatalf("scored: %+v", scored[:2])
	}
	if err := ws.ConfirmMatch(ctx, posts[0].Key(), 0); err != nil {
		t.Fatal(err)
	}
	if posts, _ = ws.ResultPosts(ctx); posts[0].PieceID != 0 || !posts[0].Confirmed {
		t.Fatalf("refused by the CM: %+v", posts[0])
	}
}
