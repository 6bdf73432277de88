package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"atelier/studio"
)

// TestVideoMigrationKeepsAssets opens a database written at schema 3 (an
// image linked to a piece, with a check): migration 4 rebuilds the asset
// table to take videos, and keeps every row and link.
func TestVideoMigrationKeepsAssets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "atelier.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"0001_init.sql", "0002_brief_languages.sql", "0003_suggestions.sql"} {
		data, err := os.ReadFile(filepath.Join("migrations", f))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(data)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	for _, q := range []string{
		`INSERT INTO campaign(id, name, created_at) VALUES (1, 'c', '2026-01-01T00:00:00Z')`,
		`INSERT INTO brief(id, campaign_id, topic, created_at) VALUES (1, 1, 't', '2026-01-01T00:00:00Z')`,
		`INSERT INTO piece(id, brief_id, campaign_id, platform, persona, language, format, state, created_at, updated_at) VALUES (1, 1, 1, 'x', 'p', 'fr', 'text', 'draft', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
		`INSERT INTO asset(id, sha256, kind, mime, size, created_at) VALUES (7, 'abc', 'image', 'image/png', 10, '2026-01-01T00:00:00Z')`,
		`INSERT INTO piece_asset(piece_id, asset_id, role, placement) VALUES (1, 7, 'variant', 'x.image')`,
		`INSERT INTO check_result(piece_id, asset_id, score, created_at) VALUES (1, 7, 90, '2026-01-01T00:00:00Z')`,
		`PRAGMA user_version = 3`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s := open(t, path)
	ctx := context.Background()
	if v, _ := s.SchemaVersion(ctx); v < 4 {
		t.Fatalf("schema %d", v)
	}
	list, err := s.PieceAssets(ctx, 1, "variant")
	if err != nil || len(list) != 1 || list[0].ID != 7 || list[0].SHA256 != "abc" {
		t.Fatalf("the image and its link after the migration: %+v %v", list, err)
	}
	v, err := s.PutAsset(ctx, studio.Asset{SHA256: strings.Repeat("d", 64), Kind: "video", MIME: "video/mp4", Size: 100})
	if err != nil {
		t.Fatalf("a video asset after the migration: %v", err)
	}
	if err := s.LinkAsset(ctx, 1, v.ID, "video", "tiktok.video"); err != nil {
		t.Fatal(err)
	}
}
