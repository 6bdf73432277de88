package studio_test

import (
	"atelier/studio/store"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
)

func TestDataDirHonoursAtelierHome(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ATELIER_HOME", dir)
	got, err := studio.DataDir()
	if err != nil || got != dir {
		t.Fatalf("DataDir = %q, %v; want %q", got, err, dir)
	}
	t.Setenv("ATELIER_HOME", "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	if got, _ := studio.DataDir(); got == dir {
		t.Fatal("without ATELIER_HOME the OS data folder is used")
	}
}

func TestFirstRunInstallsSampleKitAndCampaign(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()
	kitDir, err := studio.DefaultKitDir(home, samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(kitDir, "fonts", "Lato-Regular.ttf")); err != nil {
		t.Fatalf("sample kit files not installed: %v", err)
	}
	ws, err := store.OpenWorkspace(ctx, home, kitDir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if ws.KitErr() != nil || ws.Kit().Identity.Name != "Maison Lumen" {
		t.Fatalf("kit %v", ws.KitErr())
	}
	for i := 0; i < 2; i++ { // the second call must not add a second sample
		if err := ws.EnsureSampleCampaign(ctx); err != nil {
			t.Fatal(err)
		}
	}
	cs, _ := ws.Campaigns(ctx)
	if len(cs) != 1 || cs[0].KitName != "Maison Lumen" {
		t.Fatalf("campaigns %+v", cs)
	}

	// An edited kit is kept on the next start, not overwritten by the sample.
	ws.Kit().Identity.Tagline = "edited"
	if err := ws.Kit().Save(ws.KitOptions()); err != nil {
		t.Fatal(err)
	}
	again, _ := studio.DefaultKitDir(home, samples.Kit())
	k, err := brandkit.Load(again, ws.KitOptions())
	if err != nil || k.Identity.Tagline != "edited" {
		t.Fatalf("edit lost: %v %v", k, err)
	}
}

func TestBrokenKitStillOpensWithProblems(t *testing.T) {
	home := t.TempDir()
	kitDir := filepath.Join(home, "kit")
	os.MkdirAll(kitDir, 0o755)
	os.WriteFile(filepath.Join(kitDir, brandkit.FileName), []byte("[identity]\nname = \"X\"\n"), 0o644)
	ws, err := store.OpenWorkspace(context.Background(), home, kitDir)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if len(ws.KitProblems()) == 0 || ws.Kit() == nil {
		t.Fatalf("problems %v", ws.KitErr())
	}
}

func TestUnwritableDataDirSaysWhatToDo(t *testing.T) {
	home := t.TempDir()
	blocker := filepath.Join(home, "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	_, err := store.OpenWorkspace(context.Background(), filepath.Join(blocker, "data"), filepath.Join(home, "kit"))
	if err == nil {
		t.Fatal("opening under a file must fail")
	}
	if got := err.Error(); !strings.Contains(got, "ATELIER_HOME") {
		t.Fatalf("error does not say what to do: %s", got)
	}
}
