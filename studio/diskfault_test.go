//go:build linux

package studio_test

import (
	"atelier/studio/store"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
)

// smallDisk mounts a tmpfs of size bytes, a real disk that fills up. It
// needs root (CI runs as root); elsewhere the test says so and falls back to
// SQLite's own page limit, which fails writes with the same SQLITE_FULL.
func smallDisk(t *testing.T, size string) (string, bool) {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Logf("mounting a tmpfs is not permitted here (%v): the disk-full case uses SQLite's max_page_count instead", err)
		return dir, false
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	return dir, true
}

// fill writes a file until the disk is full.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := bytes.Repeat([]byte{0xA5}, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return path
		}
	}
}

func openOn(t *testing.T, home string) *studio.Workspace {
	t.Helper()
	kitDir, err := studio.DefaultKitDir(t.TempDir(), samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	ws, err := store.OpenWorkspace(context.Background(), home, kitDir)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// committed is every version the store holds, by id, with its text.
func committed(t *testing.T, ws *studio.Workspace) map[int64]string {
	t.Helper()
	ps, err := ws.Pieces(context.Background(), studio.PieceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]string{}
	for _, p := range ps {
		vs, err := ws.Versions(context.Background(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			out[v.ID] = v.Text
		}
	}
	return out
}

// stillThere fails unless every version of before is present, unchanged.
func stillThere(t *testing.T, ws *studio.Workspace, before map[int64]string) {
	t.Helper()
	after := committed(t, ws)
	for id, text := range before {
		if got, ok := after[id]; !ok || got != text {
			t.Fatalf("version %d was lost or changed (%d versions before, %d after)", id, len(before), len(after))
		}
	}
}

func TestDiskFullLosesNothingCommitted(t *testing.T) {
	ctx := context.Background()
	home, mounted := smallDisk(t, "6m")
	ws := openOn(t, home)
	defer ws.Close()
	brief := newBrief(t, ws, []string{"x", "instagram"}, []string{"design-lovers"}, []string{"fr-FR", "en-GB"})
	composer := &studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}
	if _, err := composer.Compose(ctx, brief, nil); err != nil {
		t.Fatal(err)
	}
	before := committed(t, ws)
	photo := filepath.Join(t.TempDir(), "bougie.jpg")
	os.WriteFile(photo, samples.Photo, 0o644)

	var filler string
	if mounted {
		filler = fill(t, home)
	} else {
		if err := studio.StoreOf(ws).(*store.Store).LimitPages(ctx, 1); err != nil { // SQLite keeps the file's size: no page more
			t.Fatal(err)
		}
	}
	// Drafting more: every variant fails with a message that says the disk is full.
	outs, err := composer.Compose(ctx, brief, nil)
	if err == nil {
		for _, o := range outs {
			if o.Err != nil {
				err = o.Err
			}
		}
	}
	if err == nil || !strings.Contains(err.Error(), "the disk is full; free some space") {
		t.Fatalf("drafting on a full disk: %v", err)
	}
	if mounted {
		// Importing an image: the same message, and no temporary file left behind.
		_, err = ws.ImportImage(ctx, photo)
		if err == nil || !strings.Contains(err.Error(), "the disk is full") {
			t.Fatalf("importing on a full disk: %v", err)
		}
		if tmp, _ := filepath.Glob(filepath.Join(home, "assets", ".*.tmp")); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
		os.Remove(filler)
	} else {
		studio.StoreOf(ws).(*store.Store).LimitPages(ctx, 0)
	}
	// Space again: the database is whole, everything committed is there, and work goes on.
	if res, err := studio.StoreOf(ws).(*store.Store).IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check after a full disk: %q %v", res, err)
	}
	stillThere(t, ws, before)
	if _, err := composer.Compose(ctx, brief, nil); err != nil {
		t.Fatalf("drafting once there is space again: %v", err)
	}
	if _, err := ws.ImportImage(ctx, photo); err != nil {
		t.Fatalf("importing once there is space again: %v", err)
	}
	// The full disk was real: say which mechanism ran.
	t.Logf("disk full by %s", map[bool]string{true: "a 6 MB tmpfs filled to ENOSPC", false: "SQLite max_page_count"}[mounted])
}

func TestReadOnlyDataFolder(t *testing.T) {
	ctx := context.Background()
	home, mounted := smallDisk(t, "8m")
	if !mounted {
		t.Fatal("a read-only data folder needs a tmpfs to remount read-only: run the tests as root (CI does)")
	}
	ws := openOn(t, home)
	brief := newBrief(t, ws, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	if _, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, brief, nil); err != nil {
		t.Fatal(err)
	}
	before := committed(t, ws)
	ws.Close()
	if err := syscall.Mount("", home, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	_, err := store.OpenWorkspace(ctx, home, filepath.Join(t.TempDir(), "kit"))
	if err == nil || !strings.Contains(err.Error(), "set ATELIER_HOME to a writable folder") {
		t.Fatalf("opening a read-only data folder: %v", err)
	}
	err = brandkit.WriteFileAtomic(filepath.Join(home, "note.txt"), []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), "ATELIER_HOME") {
		t.Fatalf("writing into a read-only folder: %v", err)
	}
	if err := syscall.Mount("", home, "", syscall.MS_REMOUNT, ""); err != nil {
		t.Fatal(err)
	}
	ws = openOn(t, home)
	defer ws.Close()
	stillThere(t, ws, before)
}
