package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
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

// TestWorkflowInTheTeamDatabase drafts as a CM with --team, moves a piece
// to review, is refused the approval, and has the reviewer approve and
// comment with their own login: the database records each by name.
func TestWorkflowInTheTeamDatabase(t *testing.T) {
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
	t.Setenv("ATELIER_HOME", t.TempDir())
	run := func(args ...string) (int, string, string) {
		var out, log bytes.Buffer
		code := Run(ctx, args, &out, &log)
		return code, out.String(), log.String()
	}
	if code, out, log := run("team", "init", "--db", owner, "--kit", kit); code != 0 {
		t.Fatalf("init: %d %s %s", code, out, log)
	}
	login := func(name, role string) string {
		code, out, log := run("team", "invite", "--db", owner, "--name", name, "--role", role)
		if code != 0 {
			t.Fatalf("invite %s: %s %s", name, out, log)
		}
		return strings.TrimSpace(out)
	}
	camille, lea := login("Camille", "cm"), login("Léa", "reviewer")
	if code, out, log := run("--team", camille, "draft", "--brief", "../samples/brief.toml", "--template"); code > 1 {
		t.Fatalf("draft as the CM: %d %s %s", code, out, log)
	}
	code, out, log := run("--team", camille, "pieces", "--json")
	var ps []struct {
		ID     int64  `json:"id"`
		State  string `json:"state"`
		Author string `json:"author"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &ps) != nil || len(ps) == 0 || ps[0].Author != "Camille" {
		t.Fatalf("pieces: %d %s %s", code, out, log)
	}
	id := strconv.FormatInt(ps[0].ID, 10)
	if code, out, log := run("--team", camille, "move", id, "in_review"); code != 0 || !strings.Contains(out, "by Camille") {
		t.Fatalf("to review: %d %s %s", code, out, log)
	}
	if code, _, log := run("--team", camille, "move", id, "approved", "--override", "test"); code == 0 || !strings.Contains(log, "reviewer") {
		t.Fatalf("the CM approved: %d %s", code, log)
	}
	if code, out, log := run("--team", lea, "move", id, "approved", "--override", "checked by hand"); code != 0 || !strings.Contains(out, "by Léa") {
		t.Fatalf("the reviewer's approval: %d %s %s", code, out, log)
	}
	if code, out, log := run("--team", lea, "comment", id, "Parfait ; merci !"); code != 0 || !strings.Contains(out, "by Léa") {
		t.Fatalf("comment: %d %s %s", code, out, log)
	}
	if code, out, _ := run("pieces", "--json"); code != 0 || strings.Contains(out, `"author": "Camille"`) {
		t.Fatalf("without --team the personal workspace is used: %d %s", code, out)
	}
}
