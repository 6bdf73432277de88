package cli

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"atelier/studio"
	"atelier/studio/store"
)

// crashRounds runs the real binary writing in a loop, SIGKILLs it at a
// random moment, and checks the database: integrity_check says ok and every
// write the process reported as committed is there. It returns the rows
// checked.
func crashRounds(t *testing.T, rounds int) int {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	checked := 0
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStressWriterChild$")
		cmd.Env = append(os.Environ(), "ATELIER_STRESS_HOME="+home)
		stdout, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.Sleep(time.Duration(100+rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		var reported []string
		for l := range lines {
			reported = append(reported, l)
		}
		ctx := context.Background()
		s, err := store.Open(ctx, filepath.Join(home, store.FileName))
		if err != nil {
			t.Fatalf("round %d: the database does not open after SIGKILL: %v", round, err)
		}
		if ok, err := s.IntegrityCheck(ctx); ok != "ok" || err != nil {
			t.Fatalf("round %d: integrity_check says %q (%v)", round, ok, err)
		}
		for _, l := range reported {
			f := strings.Fields(l)
			if len(f) != 3 || f[0] != "committed" {
				continue
			}
			id, _ := strconv.ParseInt(f[2], 10, 64)
			switch f[1] {
			case "piece":
				_, err = s.Piece(ctx, id)
			case "version":
				_, err = s.Version(ctx, id)
			case "approval":
				var p studio.Piece
				if p, err = s.Piece(ctx, id); err == nil && p.State != studio.StateApproved {
					err = fmt.Errorf("piece %d is %s, but its approval was reported committed", id, p.State)
				}
			}
			if err != nil {
				t.Fatalf("round %d: %s was reported committed but is lost: %v", round, l, err)
			}
			checked++
		}
		s.Close()
	}
	return checked
}

func TestCrashSafety(t *testing.T) {
	rounds := 20
	if v := os.Getenv("ATELIER_CRASH_ROUNDS"); v != "" {
		rounds, _ = strconv.Atoi(v)
	}
	checked := crashRounds(t, rounds)
	if checked == 0 {
		t.Fatal("no write was reported before the kills; the harness tested nothing")
	}
	t.Logf("%d rounds, %d kills, %d committed writes checked", rounds, rounds, checked)
	if os.Getenv("ATELIER_CRASH_ROUNDS") != "" {
		fmt.Printf("STRESS %d rounds, %d SIGKILLs, %d committed writes checked, integrity ok every time\n", rounds, rounds, checked)
	}
}
