package pgstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
	"atelier/studio/pgstore"
	"atelier/studio/pgtest"
)

// TestRemovedLoginRefused: after team remove, the person's open session is
// ended and a new login is refused.
func TestRemovedLoginRefused(t *testing.T) {
	owner := newTeam(t)
	ctx := context.Background()
	name := uniqueName("Rémi")
	url, err := pgstore.Invite(ctx, owner, name, "cm")
	if err != nil {
		t.Fatal(err)
	}
	open := connect(t, url)
	if err := pgstore.Remove(ctx, owner, name); err != nil {
		t.Fatal(err)
	}
	if _, err := open.Exec(ctx, "SELECT 1"); err == nil {
		t.Error("the removed person's open session still answers")
	}
	if conn, err := pgx.Connect(ctx, url); err == nil {
		conn.Close(ctx)
		t.Fatal("a removed person's login was accepted")
	}
	if err := pgstore.Remove(ctx, owner, name); err == nil || !strings.Contains(err.Error(), "not a member") {
		t.Fatalf("removing twice: %v", err)
	}
}

// TestInjectionThroughNames: a person's name full of SQL becomes a quoted
// login name and nothing else; a made-up group is refused before any SQL.
func TestInjectionThroughNames(t *testing.T) {
	owner := newTeam(t)
	ctx := context.Background()
	for _, name := range []string{`x"; DROP ROLE cm; --`, `Robert'); DROP TABLE atelier.piece; --`, `O'Brien "the" \ Boss`} {
		url := invite(t, owner, name, "reviewer")
		s := openAs(t, url)
		if who, err := s.Actor(ctx); err != nil || who != name {
			t.Errorf("%q logs in as %q, %v", name, who, err)
		}
		if err := pgstore.Remove(ctx, owner, name); err != nil {
			t.Errorf("removing %q: %v", name, err)
		}
	}
	conn := connect(t, owner)
	var roles int
	var piece *string
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_roles WHERE rolname = ANY($1)", pgstore.Groups).Scan(&roles); err != nil || roles != 4 {
		t.Fatalf("the groups after the names: %d, %v", roles, err)
	}
	if err := conn.QueryRow(ctx, "SELECT to_regclass('atelier.piece')::text").Scan(&piece); err != nil || piece == nil {
		t.Fatalf("the piece table after the names: %v", err)
	}
	for _, c := range [][2]string{{"Eve", "cm; DROP ROLE reviewer"}, {"Eve", "postgres"}, {"pg_read_all_data", "cm"}, {"cm", "reviewer"}, {"", "cm"}} {
		if _, err := pgstore.Invite(ctx, owner, c[0], c[1]); err == nil {
			t.Errorf("inviting %q as %q was accepted", c[0], c[1])
		}
	}
}

// TestKitOnlyBrandOwner: a brand owner saves the kit with its files and
// who saved it; a cm cannot; the saved kit loads back from a local copy.
func TestKitOnlyBrandOwner(t *testing.T) {
	owner := newTeam(t)
	ctx := context.Background()
	kitDir := filepath.Join(t.TempDir(), "kit")
	if err := studio.InstallKit(samples.Kit(), kitDir); err != nil {
		t.Fatal(err)
	}
	cm := openAs(t, invite(t, owner, uniqueName("Camille"), "cm"))
	if _, err := cm.SaveKit(ctx, kitDir, "my own rules"); !errors.Is(err, studio.ErrNotAllowed) {
		t.Fatalf("a cm saving the kit: %v", err)
	}
	name := uniqueName("Élise")
	bo := openAs(t, invite(t, owner, name, "brand_owner"))
	kv, err := bo.SaveKit(ctx, kitDir, "first version")
	if err != nil || kv.Author != name || kv.Files < 2 || kv.Name == "" {
		t.Fatalf("saving the kit: %+v %v", kv, err)
	}
	os.WriteFile(filepath.Join(kitDir, brandkit.FileName), []byte("not = [toml"), 0o600)
	if _, err := bo.SaveKit(ctx, kitDir, "broken"); err == nil {
		t.Fatal("an invalid kit was saved")
	}
	cache := t.TempDir()
	got, err := cm.WriteKit(ctx, cache)
	if err != nil || got.ID != kv.ID {
		t.Fatalf("reading the kit back: %+v %v", got, err)
	}
	if k, err := brandkit.Load(cache, brandkit.Options{}); err != nil || k.Identity.Name != kv.Name {
		t.Fatalf("the local copy does not load: %v", err)
	}
	if vs, err := cm.KitVersions(ctx); err != nil || len(vs) != 1 {
		t.Fatalf("kit versions %+v %v", vs, err)
	}
}

// TestSetupTwice: setting up again changes nothing and keeps the data; the
// schema is at the last migration.
func TestSetupTwice(t *testing.T) {
	owner := newTeam(t)
	ctx := context.Background()
	s := openAs(t, owner)
	if _, err := s.CreateCampaign(ctx, studio.Campaign{Name: "kept"}); err != nil {
		t.Fatal(err)
	}
	if err := pgstore.Setup(ctx, owner); err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	cs, _ := s.Campaigns(ctx)
	if err != nil || v != pgstore.Migrations() || len(cs) != 1 {
		t.Fatalf("after a second setup: schema %d (want %d), campaigns %v, %v", v, pgstore.Migrations(), cs, err)
	}
}

// TestOpenRefusesUnsetDatabase: a database without the schema says who
// must set it up.
func TestOpenRefusesUnsetDatabase(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	bare := pgtest.Database(t)
	if _, err := pgstore.Open(ctx, bare); err == nil || !strings.Contains(err.Error(), "team init") {
		t.Fatalf("opening a bare database: %v", err)
	}
}

// TestTLSRequiredOffLoopback: a URL to another computer must ask for
// verify-full.
func TestTLSRequiredOffLoopback(t *testing.T) {
	cases := []struct {
		url string
		ok  bool
	}{
		{"postgres://u:secret@db.example.com/team", false},
		{"postgres://u:secret@db.example.com/team?sslmode=require", false},
		{"postgres://u:secret@db.example.com/team?sslmode=verify-full", true},
		{"postgres://u:secret@127.0.0.1:5432/team?sslmode=disable", true},
		{"postgres://u:secret@[::1]:5432/team", true},
		{"postgres://u:secret@localhost/team", true},
	}
	for _, c := range cases {
		_, err := pgstore.Config(c.url)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.url, err)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: the error shows the password: %v", c.url, err)
		}
	}
}
