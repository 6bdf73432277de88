package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/pgtest"
)

// TestTeamCommands: team init sets up a real PostgreSQL database and loads
// the kit, invite prints a URL that logs in as the person in their role,
// remove makes that URL fail, and missing options say what to give.
func TestTeamCommands(t *testing.T) {
	srv := pgtest.Start(t)
	ctx := context.Background()
	db, err := srv.CreateDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	owner := srv.URL(db)
	kit := filepath.Join(t.TempDir(), "kit")
	if err := studio.InstallKit(samples.Kit(), kit); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		var out, log bytes.Buffer
		code := Run(ctx, args, &out, &log)
		return code, out.String(), log.String()
	}
	if code, out, log := run("team", "init", "--db", owner, "--kit", kit); code != 0 || !strings.Contains(out, "team ready") {
		t.Fatalf("init: %d %s %s", code, out, log)
	}
	t.Setenv("ATELIER_TEAM", owner)
	code, out, log := run("team", "invite", "--name", "Léa Martin", "--role", "reviewer")
	if code != 0 || !strings.HasPrefix(out, "postgres://") {
		t.Fatalf("invite: %d %s %s", code, out, log)
	}
	url := strings.TrimSpace(out)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	var who string
	var reviewer bool
	err = conn.QueryRow(ctx, "SELECT session_user, pg_has_role(session_user, 'reviewer', 'MEMBER')").Scan(&who, &reviewer)
	conn.Close(ctx)
	if err != nil || who != "Léa Martin" || !reviewer {
		t.Fatalf("the invited login: %q reviewer=%v %v", who, reviewer, err)
	}
	if code, out, _ := run("team", "members"); code != 0 || !strings.Contains(out, "Léa Martin\treviewer") {
		t.Fatalf("members: %d %q", code, out)
	}
	if code, out, log := run("team", "remove", "Léa Martin"); code != 0 {
		t.Fatalf("remove: %d %s %s", code, out, log)
	}
	if conn, err := pgx.Connect(ctx, url); err == nil {
		conn.Close(ctx)
		t.Fatal("the removed login still connects")
	}
	for _, args := range [][]string{{"team", "invite", "--name", "X"}, {"team", "invite", "--name", "X", "--role", "admin"}, {"team", "init", "--db", owner}, {"team"}} {
		if code, _, log := run(args...); code == 0 {
			t.Errorf("%v succeeded: %s", args, log)
		}
	}
}
