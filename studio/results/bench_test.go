//go:build bench

package results

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestBenchResultsImport: importing 100,000 rows, goal ≤ 2 s.
func TestBenchResultsImport(t *testing.T) {
	path := writeLargeExport(t, 100_000)
	importCounting(t, path) // warm the page cache
	posts, peak, elapsed := importCounting(t, path)
	fmt.Printf("BENCH results import 100k rows: %.2f s, peak heap %.1f MiB (goal ≤ 2 s)\n", elapsed.Seconds(), float64(peak)/(1<<20))
	if posts != 100_000 || elapsed > 2*time.Second {
		t.Errorf("%d posts in %v", posts, elapsed)
	}
}

// TestBenchResultsInsights: recomputing the Results screen's insights
// (persona × platform groups, best slots, best posts) at 100,000 posts,
// goal ≤ 200 ms.
func TestBenchResultsInsights(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	personas := []string{"etudiants", "pros", "familles", "seniors"}
	platforms := []Platform{Instagram, Facebook, LinkedIn, X, TikTok, YouTube}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	posts := make([]Scored, 100_000)
	for i := range posts {
		posts[i] = scored(personas[rng.IntN(len(personas))], platforms[rng.IntN(len(platforms))], rng.Float64()*0.1, start.Add(time.Duration(rng.IntN(365*24))*time.Hour))
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	var best time.Duration
	for range 3 {
		began := time.Now()
		groups := Aggregate(posts, []Dimension{ByPersona, ByPlatform}, Config{Location: paris})
		slots := BestSlots(posts, paris)
		top := Best(posts, LinkedIn, "pros", "fr", 5, DefaultMinSample)
		d := time.Since(began)
		if len(groups) != 24 || slots[0][0] == 0 || len(top) != 5 {
			t.Fatalf("%d groups, %d best", len(groups), len(top))
		}
		if best == 0 || d < best {
			best = d
		}
	}
	fmt.Printf("BENCH results insights 100k posts: %.0f ms (goal ≤ 200 ms)\n", float64(best.Microseconds())/1000)
	if best > 200*time.Millisecond {
		t.Errorf("insights took %v", best)
	}
}
