package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/store"
)

// writerCommand is the headless load the crash-safety test kills at random:
// it writes pieces, versions and approvals in a loop and prints a line for
// each committed write, so the test knows what must survive.
func writerCommand(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("stress-writer", flag.ContinueOnError)
	home := fs.String("home", "", "data folder")
	n := fs.Int("n", 1_000_000, "writes before stopping")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *home == "" {
		return fmt.Errorf("stress-writer needs --home")
	}
	ctx := context.Background()
	kitDir, err := studio.DefaultKitDir(*home, samples.Kit())
	if err != nil {
		return err
	}
	ws, err := studio.Open(ctx, filepath.Clean(*home), kitDir)
	if err != nil {
		return err
	}
	defer ws.Close()
	c, err := ws.Store.CreateCampaign(ctx, store.Campaign{Name: "stress"})
	if err != nil {
		return err
	}
	b, err := ws.Store.CreateBrief(ctx, store.Brief{CampaignID: c.ID, Topic: "stress"})
	if err != nil {
		return err
	}
	reviewer := studio.User{Name: "stress", Role: studio.RoleBrandOwner}
	for i := 0; i < *n; i++ {
		p, err := ws.Store.CreatePiece(ctx, store.Piece{BriefID: b.ID, Platform: "x", Language: "fr-FR"})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "committed piece %d\n", p.ID)
		v, err := ws.Store.AddVersion(ctx, store.Version{PieceID: p.ID, Text: fmt.Sprintf("version of piece %d", p.ID), Origin: store.OriginUser})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "committed version %d\n", v.ID)
		for _, to := range []store.State{store.StateInReview, store.StateApproved} {
			if _, err := ws.Move(ctx, p.ID, to, reviewer, "stress", ""); err != nil {
				return err
			}
		}
		fmt.Fprintf(out, "committed approval %d\n", p.ID)
	}
	return nil
}
