package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"atelier/studio"
	"atelier/studio/pgstore"
)

// fixture is a team database with one piece in each of draft, in_review
// and approved, made by the owner.
type fixture struct {
	owner                    string
	draft, review, approved  int64
	comment, suggestion, ver int64
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{owner: newTeam(t)}
	s := openAs(t, f.owner)
	c, err := s.CreateCampaign(ctx, studio.Campaign{Name: "Automne"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateBrief(ctx, studio.Brief{CampaignID: c.ID, Topic: "Recharge", Language: "fr-FR"})
	if err != nil {
		t.Fatal(err)
	}
	var ids [3]int64
	for i := range ids {
		p, err := s.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: "x", Language: "fr-FR"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = p.ID
		v, err := s.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "Une bougie", Origin: studio.OriginUser})
		if err != nil {
			t.Fatal(err)
		}
		f.ver = v.ID
	}
	f.draft, f.review, f.approved = ids[0], ids[1], ids[2]
	moves := [][3]any{{f.review, studio.StateDraft, studio.StateInReview}, {f.approved, studio.StateDraft, studio.StateInReview}, {f.approved, studio.StateInReview, studio.StateApproved}}
	for _, m := range moves {
		if _, err := s.RecordTransition(ctx, studio.Transition{PieceID: m[0].(int64), From: m[1].(studio.State), To: m[2].(studio.State)}); err != nil {
			t.Fatal(err)
		}
	}
	cm, err := s.AddComment(ctx, studio.Comment{PieceID: f.review, Author: "x", Body: "Bien"})
	if err != nil {
		t.Fatal(err)
	}
	sg, err := s.AddComment(ctx, studio.Comment{PieceID: f.review, Author: "x", Body: "Plus court ?", Suggestion: "Bougie."})
	if err != nil {
		t.Fatal(err)
	}
	f.comment, f.suggestion = cm.ID, sg.ID
	return f
}

// connect logs in with url as psql would: raw SQL, no Atelier code between.
func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// try runs sql in a transaction that is rolled back, so each case starts
// from the fixture, and returns the error.
func try(conn *pgx.Conn, sql string) error {
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, sql)
	return err
}

func sqlstate(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// TestRolesThroughRawSQL logs in as one person of each group and sends raw
// SQL: what the group may do succeeds, and the rest is refused by the
// database itself (SQLSTATE 42501), so no client can get around it.
func TestRolesThroughRawSQL(t *testing.T) {
	f := newFixture(t)
	move := func(id int64, from, to string) string {
		return fmt.Sprintf("SELECT * FROM atelier.move(%d, '%s', '%s', 'note', '')", id, from, to)
	}
	forged := fmt.Sprintf("INSERT INTO atelier.transition(piece_id, from_state, to_state, who) VALUES (%d, 'in_review', 'approved', 'Boss')", f.review)
	kit := "INSERT INTO atelier.kit_version(name) VALUES ('Hijacked')"
	version := fmt.Sprintf("INSERT INTO atelier.version(piece_id, number, text, origin) VALUES (%d, 99, 'x', 'user')", f.draft)
	cases := map[string][]struct {
		sql     string
		allowed bool
	}{
		"cm": {
			{move(f.review, "in_review", "approved"), false},
			{move(f.review, "in_review", "rejected"), false},
			{fmt.Sprintf("UPDATE atelier.piece SET state = 'approved' WHERE id = %d", f.review), false},
			{forged, false},
			{kit, false},
			{"UPDATE atelier.kit_version SET name = 'x'", false},
			{fmt.Sprintf("UPDATE atelier.version SET text = 'rewritten' WHERE id = %d", f.ver), false},
			{fmt.Sprintf("DELETE FROM atelier.piece WHERE id = %d", f.draft), false},
			{"SET ROLE brand_owner", false},
			{"INSERT INTO atelier.audit(action, tbl) VALUES ('insert', 'piece')", false},
			{move(f.draft, "draft", "in_review"), true},
			{move(f.approved, "approved", "exported"), true},
			{version, true},
			{fmt.Sprintf("INSERT INTO atelier.comment(piece_id, author, body) VALUES (%d, 'x', 'ok')", f.review), true},
		},
		"designer": {
			{move(f.review, "in_review", "approved"), false},
			{kit, false},
			{forged, false},
			{move(f.review, "in_review", "changes_requested"), true},
			{version, true},
		},
		"reviewer": {
			{version, false},
			{move(f.draft, "draft", "in_review"), false},
			{kit, false},
			{fmt.Sprintf("UPDATE atelier.piece SET state = 'approved' WHERE id = %d", f.review), false},
			{move(f.review, "in_review", "approved"), true},
			{fmt.Sprintf("INSERT INTO atelier.comment(piece_id, author, body) VALUES (%d, 'x', 'ok')", f.review), true},
		},
		"brand_owner": {
			{fmt.Sprintf("UPDATE atelier.piece SET state = 'approved' WHERE id = %d", f.review), false},
			{forged, false},
			{kit, true},
			{move(f.review, "in_review", "approved"), true},
		},
	}
	audit := []string{"UPDATE atelier.audit SET actor = 'nobody'", "DELETE FROM atelier.audit", "TRUNCATE atelier.audit"}
	for group, list := range cases {
		conn := connect(t, invite(t, f.owner, uniqueName("raw "+group), group))
		for _, q := range audit {
			list = append(list, struct {
				sql     string
				allowed bool
			}{q, false})
		}
		for _, c := range list {
			err := try(conn, c.sql)
			switch {
			case c.allowed && err != nil:
				t.Errorf("%s: %s: %v, want it allowed", group, c.sql, err)
			case !c.allowed && sqlstate(err) != "42501":
				t.Errorf("%s: %s: %v, want a refusal (42501)", group, c.sql, err)
			}
		}
	}
}

// TestAuditAppendOnlyForOwner: even the owner (here the superuser) cannot
// change or remove an audit row; the trigger refuses.
func TestAuditAppendOnlyForOwner(t *testing.T) {
	f := newFixture(t)
	conn := connect(t, f.owner)
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM atelier.audit").Scan(&n); err != nil || n == 0 {
		t.Fatalf("the fixture's writes left %d audit rows, %v", n, err)
	}
	for _, q := range []string{"UPDATE atelier.audit SET actor = 'nobody'", "DELETE FROM atelier.audit", "TRUNCATE atelier.audit"} {
		if err := try(conn, q); sqlstate(err) != "42501" || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s as the owner: %v", q, err)
		}
	}
}

// TestActorIsTheSession: a name the client writes is replaced by the
// login's, through the store and through raw SQL, in the rows and in the
// audit.
func TestActorIsTheSession(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	name := uniqueName("Camille")
	url := invite(t, f.owner, name, "cm")
	s := openAs(t, url)
	c, err := s.AddComment(ctx, studio.Comment{PieceID: f.review, Author: "The Brand Owner", Body: "c'est validé"})
	if err != nil || c.Author != name {
		t.Fatalf("comment author %q, %v; want %q", c.Author, err, name)
	}
	tr, err := s.RecordTransition(ctx, studio.Transition{PieceID: f.draft, From: studio.StateDraft, To: studio.StateInReview, Who: "The Brand Owner"})
	if err != nil || tr.Who != name {
		t.Fatalf("transition by %q, %v", tr.Who, err)
	}
	conn := connect(t, url)
	var author string
	if err := conn.QueryRow(ctx, fmt.Sprintf(`INSERT INTO atelier.version(piece_id, number, text, origin, author) VALUES (%d, 50, 'x', 'user', 'Someone Else') RETURNING author`, f.draft)).Scan(&author); err != nil || author != name {
		t.Fatalf("raw insert author %q, %v", author, err)
	}
	var actors []string
	rows, _ := conn.Query(ctx, "SELECT DISTINCT actor FROM atelier.audit WHERE actor NOT IN ('postgres') ORDER BY 1")
	actors, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(actors) != 1 || actors[0] != name {
		t.Fatalf("audit actors %v, %v", actors, err)
	}
}

// TestApprovalOverrideInTheDatabase: approving a piece whose latest check
// has errors needs a written reason, whoever calls move.
func TestApprovalOverrideInTheDatabase(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	owner := openAs(t, f.owner)
	if _, err := owner.SaveCheckResult(ctx, studio.CheckResult{PieceID: f.review, Score: 40, Errors: 2}); err != nil {
		t.Fatal(err)
	}
	s := openAs(t, invite(t, f.owner, uniqueName("Léa"), "reviewer"))
	if _, err := s.RecordTransition(ctx, studio.Transition{PieceID: f.review, From: studio.StateInReview, To: studio.StateApproved}); !errors.Is(err, studio.ErrOverrideNeeded) {
		t.Fatalf("approving a failing piece without a reason: %v", err)
	}
	tr, err := s.RecordTransition(ctx, studio.Transition{PieceID: f.review, From: studio.StateInReview, To: studio.StateApproved, OverrideReason: "legal approved the claim"})
	if err != nil || tr.OverrideReason != "legal approved the claim" {
		t.Fatalf("with a reason: %+v %v", tr, err)
	}
}

// TestStaleMoveSaysCurrentState: two people move the same piece; the
// second, from the state they saw, is refused and told the state now.
func TestStaleMoveSaysCurrentState(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := openAs(t, invite(t, f.owner, uniqueName("Léa"), "reviewer"))
	b := openAs(t, invite(t, f.owner, uniqueName("Rémi"), "brand_owner"))
	if _, err := a.RecordTransition(ctx, studio.Transition{PieceID: f.review, From: studio.StateInReview, To: studio.StateApproved}); err != nil {
		t.Fatal(err)
	}
	_, err := b.RecordTransition(ctx, studio.Transition{PieceID: f.review, From: studio.StateInReview, To: studio.StateRejected})
	var stale *pgstore.StaleError
	if !errors.Is(err, studio.ErrStale) || !errors.As(err, &stale) || stale.Current != studio.StateApproved {
		t.Fatalf("the stale move: %v", err)
	}
	if trs, _ := b.Transitions(ctx, f.review); len(trs) != 2 {
		t.Fatalf("the refused move was recorded: %+v", trs)
	}
	if _, err := b.RecordTransition(ctx, studio.Transition{PieceID: f.draft, From: studio.StateDraft, To: studio.StateExported}); !errors.Is(err, studio.ErrIllegalTransition) {
		t.Fatalf("draft → exported: %v", err)
	}
}

// TestSuggestionAnsweredOnceByRLS: row-level security lets a member answer
// a suggestion once and never a plain comment, even with raw SQL.
func TestSuggestionAnsweredOnceByRLS(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	conn := connect(t, invite(t, f.owner, uniqueName("Camille"), "cm"))
	update := func(id int64, res string) (int64, error) {
		tag, err := conn.Exec(ctx, "UPDATE atelier.comment SET resolution = $1 WHERE id = $2", res, id)
		return tag.RowsAffected(), err
	}
	if n, err := update(f.comment, "accepted"); n != 0 || err != nil {
		t.Fatalf("answering a plain comment changed %d rows, %v", n, err)
	}
	if n, err := update(f.suggestion, "bogus"); err == nil {
		t.Fatalf("an unknown answer changed %d rows", n)
	}
	if n, err := update(f.suggestion, "accepted"); n != 1 || err != nil {
		t.Fatalf("answering the suggestion: %d rows, %v", n, err)
	}
	if n, err := update(f.suggestion, "refused"); n != 0 || err != nil {
		t.Fatalf("answering it again changed %d rows, %v", n, err)
	}
	if err := try(conn, fmt.Sprintf("UPDATE atelier.comment SET body = 'rewritten' WHERE id = %d", f.comment)); sqlstate(err) != "42501" {
		t.Fatalf("rewriting a comment: %v", err)
	}
}
