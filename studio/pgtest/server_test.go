package pgtest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"atelier/studio/pgtest"
)

// TestServerStartsAndStopsWhole starts a cluster, checks that it runs as
// an unprivileged user on loopback, then stops it: the postmaster and its
// backends are gone and the folder is removed.
func TestServerStartsAndStopsWhole(t *testing.T) {
	s, err := pgtest.StartIn("")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	var fsync, listen string
	var super bool
	if err := conn.QueryRow(ctx, `SELECT current_setting('fsync'), current_setting('listen_addresses'), rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&fsync, &listen, &super); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if fsync != "off" || listen != "127.0.0.1" || !super {
		t.Fatalf("fsync %s, listen %s, superuser %v", fsync, listen, super)
	}
	if uid := ownerUID(t, s.PID()); uid == 0 {
		t.Fatal("postgres runs as root")
	}
	pids := append([]int{s.PID()}, children(s.PID())...)
	if len(pids) < 2 {
		t.Fatalf("expected the postmaster's background processes, found %v", pids)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for _, pid := range pids {
		for alive(pid) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if alive(pid) {
			t.Errorf("process %d outlived Stop", pid)
		}
	}
	if _, err := os.Stat(s.Dir); !os.IsNotExist(err) {
		t.Errorf("the folder %s is still there: %v", s.Dir, err)
	}
}

// TestPasswordRequiredOverTCP: the cluster authenticates TCP logins by
// password, so the team's login tests mean something.
func TestPasswordRequiredOverTCP(t *testing.T) {
	s := pgtest.Start(t)
	bad := strings.Replace(s.URL("postgres"), s.Password, "wrong", 1)
	if conn, err := pgx.Connect(context.Background(), bad); err == nil {
		conn.Close(context.Background())
		t.Fatal("a wrong password was accepted")
	}
}

func ownerUID(t *testing.T, pid int) int {
	fi, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(fi), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "Uid:" {
			uid, _ := strconv.Atoi(f[1])
			return uid
		}
	}
	t.Fatal("no Uid line")
	return 0
}

func children(pid int) []int {
	entries, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []int
	for _, e := range entries {
		stat, err := os.ReadFile(e)
		if err != nil {
			continue
		}
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
		var state string
		var ppid int
		if _, err := fmt.Sscan(rest, &state, &ppid); err == nil && ppid == pid {
			child, _ := strconv.Atoi(filepath.Base(filepath.Dir(e)))
			out = append(out, child)
		}
	}
	return out
}

func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	return !strings.HasPrefix(strings.TrimSpace(rest), "Z")
}
