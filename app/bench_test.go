//go:build bench

package app

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"atelier/studio"
)

func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// TestBenchBoard prints how long the review board takes to fill with
// 10,000 pieces, and a scroll step through them.
func TestBenchBoard(t *testing.T) {
	s, ws := newTestStudio(t)
	ctx := context.Background()
	camps, _ := ws.Campaigns(ctx)
	b, _ := storeOf(ws).CreateBrief(ctx, studio.Brief{CampaignID: camps[0].ID, Topic: "bench"})
	var ps []studio.Piece
	platforms := []string{"x", "linkedin", "instagram", "facebook"}
	for i := 0; i < 10000; i++ {
		ps = append(ps, studio.Piece{BriefID: b.ID, CampaignID: b.CampaignID, Platform: platforms[i%4], Persona: "design-lovers", Language: "fr-FR", Author: "bench"})
	}
	if err := storeOf(ws).CreatePieces(ctx, ps); err != nil {
		t.Fatal(err)
	}
	r := showScreen[*reviewScreen](s)
	var fills, scrolls []time.Duration
	for range 9 {
		start := time.Now()
		pump(t, r.refresh())
		fills = append(fills, time.Since(start))
		l := r.lists[studio.StateDraft]
		for step := 0; step < 5; step++ {
			start = time.Now()
			l.ScrollTo(2000 * step)
			l.Refresh()
			scrolls = append(scrolls, time.Since(start))
		}
	}
	fmt.Printf("BENCH review board with %d pieces: fill median %v, scroll step median %v\n",
		len(r.cols[studio.StateDraft]), median(fills).Round(time.Microsecond), median(scrolls).Round(time.Microsecond))
}
