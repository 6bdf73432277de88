package results

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// writeLargeExport writes an Instagram export of n rows, captions with
// commas, quotes and line breaks included.
func writeLargeExport(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "large_instagram.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprint(w, "\ufeff\"Post ID\",\"Account ID\",\"Account username\",\"Account name\",Description,\"Duration (sec)\",\"Publish time\",Permalink,\"Post type\",\"Data comment\",Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\n")
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * 7 * time.Minute)
		fmt.Fprintf(w, "%d,17841403398239763,maisonlumen,\"Maison Lumen\",\"Post %d: linen, \"\"indigo\"\"\nand moss #lin\",0,\"%s\",https://www.instagram.com/p/C%d/,\"IG image\",,Lifetime,\"%d\",%d,%d,%d,0,%d,%d\n",
			18000000000000000+i, i, at.Format("01/02/2006 15:04"), i, 1000+i%9000, 500+i%5000, i%300, i%20, i%40, i%60)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// importCounting streams a file and samples the heap every 50,000 rows.
func importCounting(t testing.TB, path string) (posts int, peak uint64, elapsed time.Duration) {
	t.Helper()
	var ms runtime.MemStats
	sample := func() {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	began := time.Now()
	_, err := ReadFile(path, Options{ExportedAt: exportDay}, Sink{Post: func(p Post) error {
		posts++
		if posts%50000 == 0 {
			sample()
		}
		return nil
	}})
	elapsed = time.Since(began)
	if err != nil {
		t.Fatal(err)
	}
	sample()
	return posts, peak, elapsed
}

func TestImportMillionRowsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 1,000,000-row file")
	}
	const n = 1_000_000
	path := writeLargeExport(t, n)
	st, _ := os.Stat(path)
	runtime.GC()
	posts, peak, elapsed := importCounting(t, path)
	if posts != n {
		t.Fatalf("%d posts, want %d", posts, n)
	}
	t.Logf("1,000,000 rows (%d MiB) in %v, peak heap in use %.1f MiB", st.Size()>>20, elapsed.Round(time.Millisecond), float64(peak)/(1<<20))
	if peak > 64<<20 {
		t.Errorf("peak heap in use %.1f MiB, want well under 200 MiB (≤ 64 MiB)", float64(peak)/(1<<20))
	}
}
