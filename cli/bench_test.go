//go:build bench

package cli

import (
	"atelier/studio/store"
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"atelier/samples"
	"atelier/studio"
)

// TestBenchColdStart starts the real binary under Xvfb on a data folder
// holding the first-run content and 10,000 pieces more, opening on the review board, and prints the time to the
// app's start (Fyne's Lifecycle OnStarted, after the window is shown) and
// the resident memory with the board open.
func TestBenchColdStart(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "atelier")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	home := filepath.Join(dir, "home")
	kitDir, err := studio.DefaultKitDir(home, samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(home, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	ws := studio.New(st, home, kitDir)
	if _, ok, err := ws.FillSample(ctx, samples.Photo, nil); err != nil || !ok {
		t.Fatalf("first-run content: %v %v", ok, err)
	}
	camps, _ := ws.Campaigns(ctx)
	b, _ := st.CreateBrief(ctx, studio.Brief{CampaignID: camps[0].ID, Topic: "bench"})
	ps := make([]studio.Piece, 10000)
	for i := range ps {
		ps[i] = studio.Piece{BriefID: b.ID, CampaignID: b.CampaignID, Platform: "x", Persona: "design-lovers", Language: "fr-FR"}
	}
	if err := st.CreatePieces(ctx, ps); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	display := startXvfb(t)
	var starts []time.Duration
	var rss []int
	for run := 0; run < 7; run++ {
		cmd := exec.Command(bin, "--screen", "review")
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "ATELIER_HOME="+home, "ATELIER_REPORT_START=1", "OLLAMA_HOST=127.0.0.1:9")
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if _, d, ok := strings.Cut(sc.Text(), "atelier: started in "); ok {
				v, err := time.ParseDuration(d)
				if err == nil {
					starts = append(starts, v)
				}
				break
			}
		}
		time.Sleep(time.Second)
		if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)); err == nil {
			for _, line := range strings.Split(string(status), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
					kb, _ := strconv.Atoi(f[1])
					rss = append(rss, kb)
				}
			}
		}
		cmd.Process.Kill()
		cmd.Wait()
	}
	if len(starts) == 0 {
		t.Fatal("the app never reported its start")
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	sort.Ints(rss)
	fmt.Printf("BENCH cold start with the first-run content and 10,000 pieces, real binary under Xvfb, opening on the board: median %v to start (goal <= 1.0 s), %d runs; RSS with the board open: median %d MiB\n",
		starts[len(starts)/2].Round(time.Millisecond), len(starts), rss[len(rss)/2]/1024)
}
