package studio_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/store"
)

func openAt(t *testing.T, home string) *studio.Workspace {
	t.Helper()
	kitDir, err := studio.DefaultKitDir(home, samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	ws, err := store.OpenWorkspace(context.Background(), home, kitDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// TestProfileBelongsToItsDataFolder: who works in a data folder is kept
// in it; another data folder starts with nobody; a wrong role is refused
// and a damaged file says what to do.
func TestProfileBelongsToItsDataFolder(t *testing.T) {
	a, b := openAt(t, t.TempDir()), openAt(t, t.TempDir())
	if u, ok, err := a.Profile(); ok || err != nil || u.Role != studio.RoleAuthor {
		t.Fatalf("new folder: %+v %v %v", u, ok, err)
	}
	if err := a.SaveProfile(studio.User{Name: "Léa", Role: studio.RoleReviewer}); err != nil {
		t.Fatal(err)
	}
	if u, ok, err := a.Profile(); !ok || err != nil || u.Name != "Léa" || u.Role != studio.RoleReviewer {
		t.Fatalf("saved: %+v %v %v", u, ok, err)
	}
	if _, ok, _ := b.Profile(); ok {
		t.Fatal("another data folder inherited the profile")
	}
	if err := a.SaveProfile(studio.User{Name: "X", Role: "boss"}); err == nil {
		t.Fatal("a role that does not exist was saved")
	}
	os.WriteFile(filepath.Join(a.DataDir(), studio.ProfileFile), []byte("{"), 0o600)
	if _, _, err := a.Profile(); err == nil || !strings.Contains(err.Error(), "Settings") {
		t.Fatalf("damaged profile: %v", err)
	}
}
