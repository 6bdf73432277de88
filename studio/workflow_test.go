package studio_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio"
)

func TestTransitionTable(t *testing.T) {
	legal := map[[2]studio.State]bool{
		{studio.StateDraft, studio.StateInReview}: true, {studio.StateDraft, studio.StateRejected}: true,
		{studio.StateInReview, studio.StateApproved}: true, {studio.StateInReview, studio.StateChangesRequested}: true, {studio.StateInReview, studio.StateRejected}: true,
		{studio.StateChangesRequested, studio.StateDraft}: true, {studio.StateChangesRequested, studio.StateRejected}: true,
		{studio.StateApproved, studio.StateExported}: true, {studio.StateApproved, studio.StateRejected}: true,
	}
	for _, from := range studio.States {
		for _, to := range studio.States {
			if got := studio.CanMove(from, to); got != legal[[2]studio.State{from, to}] {
				t.Errorf("%s → %s: allowed %v, want %v", from, to, got, !got)
			}
		}
	}
}

// pieceIn drafts one template piece and moves it to state through the store.
func pieceIn(t *testing.T, ws *studio.Workspace, path ...studio.State) studio.Piece {
	t.Helper()
	ctx := context.Background()
	brief := newBrief(t, ws, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	outs, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, brief, nil)
	if err != nil {
		t.Fatal(err)
	}
	from := studio.StateDraft
	for _, to := range path {
		if _, err := studio.StoreOf(ws).RecordTransition(ctx, studio.Transition{PieceID: outs[0].Piece.ID, From: from, To: to, Who: "setup"}); err != nil {
			t.Fatal(err)
		}
		from = to
	}
	p, _ := ws.Piece(ctx, outs[0].Piece.ID)
	return p
}

func TestMoveEnforcesTheWorkflow(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	author := studio.User{Name: "Camille", Role: studio.RoleAuthor}
	reviewer := studio.User{Name: "Léa", Role: studio.RoleReviewer}
	for _, from := range studio.States {
		for _, to := range studio.States {
			t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
				var path []studio.State
				switch from {
				case studio.StateInReview:
					path = []studio.State{studio.StateInReview}
				case studio.StateChangesRequested:
					path = []studio.State{studio.StateInReview, studio.StateChangesRequested}
				case studio.StateApproved:
					path = []studio.State{studio.StateInReview, studio.StateApproved}
				case studio.StateExported:
					path = []studio.State{studio.StateInReview, studio.StateApproved, studio.StateExported}
				case studio.StateRejected:
					path = []studio.State{studio.StateRejected}
				}
				p := pieceIn(t, ws, path...)
				_, err := ws.Move(ctx, p.ID, to, reviewer, "a note", "")
				if studio.CanMove(from, to) != (err == nil) {
					t.Fatalf("%v", err)
				}
				if err != nil && !errors.Is(err, studio.ErrIllegalTransition) {
					t.Fatalf("refused for another reason: %v", err)
				}
			})
		}
	}
	p := pieceIn(t, ws, studio.StateInReview)
	if _, err := ws.Move(ctx, p.ID, studio.StateApproved, author, "", ""); !errors.Is(err, studio.ErrNotAllowed) {
		t.Errorf("an author approved: %v", err)
	}
	if _, err := ws.Move(ctx, p.ID, studio.StateChangesRequested, reviewer, "", ""); err == nil {
		t.Error("changes were requested without saying which")
	}
}

func TestApprovingAFailingPieceNeedsAReason(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	p := pieceIn(t, ws, studio.StateInReview)
	if _, err := studio.StoreOf(ws).SaveCheckResult(ctx, studio.CheckResult{PieceID: p.ID, Score: 50, Errors: 2}); err != nil {
		t.Fatal(err)
	}
	owner := studio.User{Name: "Inès", Role: studio.RoleBrandOwner}
	if _, err := ws.Move(ctx, p.ID, studio.StateApproved, owner, "", ""); !errors.Is(err, studio.ErrOverrideNeeded) {
		t.Fatalf("approved without a reason: %v", err)
	}
	tr, err := ws.Move(ctx, p.ID, studio.StateApproved, owner, "ok", "Legal approved the claim on 23/11")
	if err != nil {
		t.Fatal(err)
	}
	trs, _ := ws.Transitions(ctx, p.ID)
	if last := trs[len(trs)-1]; last.ID != tr.ID || last.OverrideReason != "Legal approved the claim on 23/11" || last.Who != "Inès" {
		t.Fatalf("audit trail %+v", last)
	}
}

func TestEditAfterApprovalDemotes(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	p := pieceIn(t, ws, studio.StateInReview, studio.StateApproved)
	c := &studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}, User: studio.User{Name: "Camille", Role: studio.RoleAuthor}}
	if _, _, err := c.Edit(ctx, p.ID, studio.ActionRegenerate, "", nil); err != nil {
		t.Fatal(err)
	}
	got, _ := ws.Piece(ctx, p.ID)
	trs, _ := ws.Transitions(ctx, p.ID)
	last := trs[len(trs)-1]
	if got.State != studio.StateDraft || last.From != studio.StateApproved || !strings.Contains(last.Note, "changed after approval") {
		t.Fatalf("state %s, last move %+v", got.State, last)
	}
}

func TestWordDiff(t *testing.T) {
	cases := []struct {
		a, b string
		want string // ops as kind:text|
	}{
		{"la cire de colza", "la cire de colza", "same:la cire de colza|"},
		{"la cire de colza", "la cire française de colza", "same:la cire |add:française |same:de colza|"},
		{"gardez votre bougie", "gardez la bougie", "same:gardez |del:votre |add:la |same:bougie|"},
		{"", "nouveau texte", "add:nouveau texte|"},
		{"ancien texte", "", "del:ancien texte|"},
	}
	for _, c := range cases {
		var b strings.Builder
		for _, op := range studio.WordDiff(c.a, c.b) {
			b.WriteString(op.Kind + ":" + op.Text + "|")
		}
		if b.String() != c.want {
			t.Errorf("%q → %q: %s, want %s", c.a, c.b, b.String(), c.want)
		}
	}
}

func TestRestoreMakesANewVersionAndDemotes(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	p := pieceIn(t, ws)
	first, _ := ws.LatestVersion(ctx, p.ID)
	studio.StoreOf(ws).AddVersion(ctx, studio.Version{PieceID: p.ID, Text: "une autre version", Origin: studio.OriginUser})
	studio.StoreOf(ws).RecordTransition(ctx, studio.Transition{PieceID: p.ID, From: studio.StateDraft, To: studio.StateInReview, Who: "a"})
	studio.StoreOf(ws).RecordTransition(ctx, studio.Transition{PieceID: p.ID, From: studio.StateInReview, To: studio.StateApproved, Who: "b"})
	v, err := ws.Restore(ctx, p.ID, first.Number, studio.User{Name: "Camille", Role: studio.RoleAuthor})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := ws.Piece(ctx, p.ID)
	if v.Number != 3 || v.Text != first.Text || v.Origin != studio.OriginRestore || got.State != studio.StateDraft {
		t.Fatalf("restored %+v, state %s", v, got.State)
	}
	if _, err := ws.Restore(ctx, p.ID, 99, studio.User{Name: "Camille"}); err == nil {
		t.Fatal("restoring a version that does not exist must fail")
	}
}

func TestAuditTimeline(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	p := pieceIn(t, ws, studio.StateInReview)
	studio.StoreOf(ws).AddComment(ctx, studio.Comment{PieceID: p.ID, Author: "Léa", Body: "Trop long"})
	ws.Move(ctx, p.ID, studio.StateChangesRequested, studio.User{Name: "Léa", Role: studio.RoleReviewer}, "raccourcir", "")
	events, err := ws.Audit(ctx, p.CampaignID)
	if err != nil || len(events) != 3 || events[1].Kind != "comment" || events[2].What != "in_review → changes_requested" {
		t.Fatalf("events %+v %v", events, err)
	}
	var b strings.Builder
	if err := studio.WriteAuditCSV(&b, events); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(b.String()), "\n"); len(lines) != 4 || !strings.Contains(lines[3], "raccourcir") {
		t.Fatalf("csv:\n%s", b.String())
	}
}

func TestCheckFileRefusesHugeImagesBeforeDecoding(t *testing.T) {
	ws := newWorkspace(t)
	// A PNG whose header claims 60000×60000 pixels, with no pixel data.
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := []byte{0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 2, 0, 0, 0}
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.WriteString("IHDR")
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	path := filepath.Join(t.TempDir(), "huge.png")
	os.WriteFile(path, b.Bytes(), 0o644)
	_, err := studio.CheckFile(ws.Kit(), ws.Registry(), studio.CheckTarget{}, path)
	if !errors.Is(err, assets.ErrImageTooLarge) || !strings.Contains(err.Error(), "60000×60000") || !strings.Contains(err.Error(), "100 MP") {
		t.Fatalf("huge image: %v", err)
	}
}

func TestHugeTextGetsOneFinding(t *testing.T) {
	ws := newWorkspace(t)
	r := brandkit.CheckText(ws.Kit(), brandkit.TextTarget{}, strings.Repeat("a", 300<<10))
	if len(r.Findings) != 1 || r.Findings[0].Rule != "text.too_large" {
		t.Fatalf("%+v", r.Findings)
	}
}
