package studio

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"atelier/assets"
)

// The people of the sample campaign, who make it the way a team would.
var (
	sampleAuthor   = User{Name: "Camille", Role: RoleAuthor}
	sampleReviewer = User{Name: "Léa", Role: RoleReviewer}
	sampleOwner    = User{Name: "Inès", Role: RoleBrandOwner}
)

// SampleContent is what FillSample made, for a status line.
type SampleContent struct {
	Campaign Campaign
	Pieces   int
	Renders  int
	Snippet  bool   // false when no speech engine is installed
	Note     string // why something was left out, "" when nothing was
}

// FillSample makes the first-run content when the workspace has no
// campaign yet and the kit in force is the sample kit, with the same tasks
// a user runs: the sample campaign drafted from the kit's templates
// (labelled as such), pieces sent to review, approved, and sent back with
// a comment, the sample photo imported and rendered for a piece's
// placements, and an audio snippet of that piece. photo is the sample
// photo's file. It returns ok false, having done nothing, when the
// workspace is not new or the kit is another brand's.
func (w *Workspace) FillSample(ctx context.Context, photo []byte, fn assets.ProgressFunc) (c SampleContent, ok bool, err error) {
	if fn == nil {
		fn = func(string, float64) {}
	}
	if cs, err := w.store.Campaigns(ctx); err != nil || len(cs) > 0 || !w.isSampleKit() {
		return c, false, err
	}
	fn("drafting", 0)
	var brief Brief
	c.Campaign, brief, err = w.StartCampaign(ctx, sampleCampaignName, SampleBrief(0))
	if err != nil {
		return c, false, err
	}
	outs, err := (&Composer{WS: w, Drafter: TemplateDrafter{}, User: sampleAuthor}).Compose(ctx, brief, nil)
	if err != nil {
		return c, false, err
	}
	c.Pieces = len(outs)
	fn("review", 0.3)
	if err := w.sampleReview(ctx, outs); err != nil {
		return c, false, err
	}
	piece := outs[0].Piece // French, Instagram: it has image placements and gets a snippet
	fn("image", 0.45)
	if c.Renders, err = w.sampleRenders(ctx, piece, photo); err != nil {
		return c, false, err
	}
	fn("audio", 0.7)
	s, err := assets.RenderSnippet(ctx, &assets.SnippetRequest{Kit: w.Kit(), Text: outs[0].Version.Text, Language: piece.Language, Target: 15 * time.Second}, nil)
	switch {
	case errors.Is(err, assets.ErrNoTTS):
		c.Note = err.Error()
	case err != nil:
		return c, false, err
	default:
		if _, _, err := w.SaveSnippet(ctx, piece.ID, s); err != nil {
			return c, false, err
		}
		c.Snippet = true
	}
	fn("done", 1)
	return c, true, nil
}

const sampleCampaignName = "Sample · Lancement recharge d'automne"

// isSampleKit reports whether the kit in force has the sample brief's
// personas and languages, so the sample brief can be drafted with it.
func (w *Workspace) isSampleKit() bool {
	k := w.Kit()
	if k == nil || w.KitErr() != nil {
		return false
	}
	b := SampleBrief(0)
	for _, id := range b.Personas {
		if _, ok := k.Persona(id); !ok {
			return false
		}
	}
	for _, l := range b.Languages {
		if !k.SpeaksLanguage(l) {
			return false
		}
	}
	return true
}

// sampleReview moves the sample pieces as a team would: the first two
// approved by the brand owner, the third sent back by the reviewer with a
// comment, the next two in review; the rest stay drafts.
func (w *Workspace) sampleReview(ctx context.Context, outs []Outcome) error {
	for i, o := range outs[:min(5, len(outs))] {
		id := o.Piece.ID
		if _, err := w.Move(ctx, id, StateInReview, sampleAuthor, "prêt à relire", ""); err != nil {
			return err
		}
		switch i {
		case 0, 1:
			_, err := w.Move(ctx, id, StateApproved, sampleOwner, "", "")
			if errors.Is(err, ErrOverrideNeeded) {
				_, err = w.Move(ctx, id, StateApproved, sampleOwner, "", "sample: approved despite the check")
			}
			if err != nil {
				return err
			}
		case 2:
			note := "Plus court, et le lien en fin de texte."
			if _, err := w.Move(ctx, id, StateChangesRequested, sampleReviewer, note, ""); err != nil {
				return err
			}
			if _, err := w.AddComment(ctx, sampleReviewer, Comment{PieceID: id, Body: "Le premier paragraphe peut tenir en une phrase."}); err != nil {
				return err
			}
		}
	}
	return nil
}

// sampleRenders imports the sample photo and renders it for the piece's
// placements.
func (w *Workspace) sampleRenders(ctx context.Context, piece Piece, photo []byte) (int, error) {
	dir, err := os.MkdirTemp("", "atelier-sample-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bougie.jpg")
	if err := os.WriteFile(path, photo, 0o644); err != nil {
		return 0, err
	}
	img, err := w.ImportImage(ctx, path)
	if err != nil {
		return 0, err
	}
	vs, err := w.RenderVariants(ctx, &RenderRequest{PieceID: piece.ID, SourceID: img.ID}, nil)
	return len(vs), err
}
