//go:build bench

package store

import (
	"atelier/studio"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// TestBenchSearch seeds 100,000 versions and prints the p50 and p95 of
// full-text searches over them.
func TestBenchSearch(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, _ := s.CreateCampaign(ctx, studio.Campaign{Name: "bench"})
	b, _ := s.CreateBrief(ctx, studio.Brief{CampaignID: c.ID, Topic: "recharge"})
	words := []string{"bougie", "cire", "colza", "recharge", "automne", "lumière", "atelier", "verre", "parfum", "bois", "vanille", "ambre", "soirée", "maison", "lyon", "artisan"}
	const pieces, perPiece = 10000, 10
	start := time.Now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		for p := 0; p < pieces; p++ {
			res, err := tx.ExecContext(ctx, `INSERT INTO piece(brief_id, campaign_id, platform, language, created_at, updated_at) VALUES (?,?,?,?,?,?)`, b.ID, c.ID, "x", "fr-FR", now(), now())
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			for v := 0; v < perPiece; v++ {
				text := fmt.Sprintf("%s %s %s %s n%d", words[(p+v)%16], words[(p*3+v)%16], words[(p*7+v*5)%16], words[(p+v*11)%16], p*perPiece+v)
				if _, err := tx.ExecContext(ctx, `INSERT INTO version(piece_id, number, text, origin, created_at) VALUES (?,?,?,?,?)`, id, v+1, text, "user", now()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	seed := time.Since(start)
	queries := []string{"bougie", "cire colza", "recharge automne", "lumiere", "verre parfum", "bois vanille", "n12345", "art", "ambre soiree", "maison lyon"}
	var ds []time.Duration
	for round := 0; round < 20; round++ {
		for _, q := range queries {
			t0 := time.Now()
			if _, err := s.Search(ctx, q, 50); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(t0))
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	fmt.Printf("BENCH FTS5 search over %d versions (top 50): p50 %v, p95 %v (goal p95 <= 20 ms), %d queries; seeding took %v\n",
		pieces*perPiece, ds[len(ds)/2].Round(time.Microsecond), ds[len(ds)*95/100].Round(time.Microsecond), len(ds), seed.Round(time.Millisecond))
}
