package cli

import (
	"atelier/studio/store"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"atelier/samples"
	"atelier/studio"
)

// TestStressWriterChild is the headless load the crash-safety test runs
// (as a re-exec of this test binary, so no test-only command ships in
// atelier) and kills at random: it writes pieces, versions and approvals in
// a loop and prints a line for each committed write, so the test knows what
// must survive.
func TestStressWriterChild(t *testing.T) {
	home := os.Getenv("ATELIER_STRESS_HOME")
	if home == "" {
		return // only as the crash test's child
	}
	if err := stressWrite(os.Stdout, home, 1_000_000); err != nil {
		t.Fatal(err)
	}
}

func stressWrite(out io.Writer, home string, n int) error {
	ctx := context.Background()
	kitDir, err := studio.DefaultKitDir(home, samples.Kit())
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, filepath.Join(filepath.Clean(home), store.FileName))
	if err != nil {
		return err
	}
	ws := studio.New(st, filepath.Clean(home), kitDir)
	defer ws.Close()
	c, err := st.CreateCampaign(ctx, studio.Campaign{Name: "stress"})
	if err != nil {
		return err
	}
	b, err := st.CreateBrief(ctx, studio.Brief{CampaignID: c.ID, Topic: "stress"})
	if err != nil {
		return err
	}
	reviewer := studio.User{Name: "stress", Role: studio.RoleBrandOwner}
	for i := 0; i < n; i++ {
		p, err := st.CreatePiece(ctx, studio.Piece{BriefID: b.ID, Platform: "x", Language: "fr-FR"})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "committed piece %d\n", p.ID)
		v, err := st.AddVersion(ctx, studio.Version{PieceID: p.ID, Text: fmt.Sprintf("version of piece %d", p.ID), Origin: studio.OriginUser})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "committed version %d\n", v.ID)
		for _, to := range []studio.State{studio.StateInReview, studio.StateApproved} {
			if _, err := ws.Move(ctx, p.ID, to, reviewer, "stress", ""); err != nil {
				return err
			}
		}
		fmt.Fprintf(out, "committed approval %d\n", p.ID)
	}
	return nil
}
