//go:build bench

package studio_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestBenchResultsImport prints how long importing an X export of 100,000
// posts takes through the store (read, stored in one transaction,
// matched), and importing it again, against reading the file alone.
func TestBenchResultsImport(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x100k.csv")
	writeXExport(t, path, 100000)
	start := time.Now()
	rep, err := ws.ImportResults(ctx, path)
	if err != nil || rep.Added != 100000 {
		t.Fatalf("%+v %v", rep, err)
	}
	first := time.Since(start)
	start = time.Now()
	if rep, err = ws.ImportResults(ctx, path); err != nil || rep.Unchanged != 100000 {
		t.Fatalf("%+v %v", rep, err)
	}
	again := time.Since(start)
	start = time.Now()
	scored, err := ws.Scored(ctx)
	if err != nil || len(scored) != 100000 {
		t.Fatal(err)
	}
	fmt.Printf("BENCH results import of 100,000 posts into the workspace: %v (goal <= 2 s), the same file again %v, reading them back for the insights %v\n",
		first.Round(time.Millisecond), again.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// writeXExport writes an X tweet-activity export of n posts.
func writeXExport(t *testing.T, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements", "engagement rate", "retweets", "replies", "likes", "user profile clicks", "url clicks"})
	for i := range n {
		id := strconv.Itoa(2068257546040258617 + i)
		w.Write([]string{id, "https://twitter.com/maisonlumen/status/" + id, "Post number " + id, fmt.Sprintf("2026-%02d-%02d %02d:00 +0000", 1+i%12, 1+i%28, i%24),
			strconv.Itoa(1000 + i%5000), "40", "0.04", "2", "3", "30", "1", "4"})
	}
	w.Flush()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
