package studio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"atelier/brandkit"
)

// ErrNothingApproved is returned when a campaign has no approved piece.
var ErrNothingApproved = errors.New("the campaign has no approved piece to export")

// ApprovedPiece is an approved piece with what an export needs.
type ApprovedPiece struct {
	Piece
	Version    Version // the latest, the one approved
	Approver   string
	ApprovedAt time.Time
	CheckScore int
	AltText    string
	Files      []PieceFile
}

// PieceFile is one of a piece's files kept in the asset library.
type PieceFile struct {
	// Role is "audio", "image", "video", or one of a video's companions:
	// "captions" (SRT, WebVTT) and "cover" (JPEG).
	Role      string
	Placement string // an image's or a video's placement, "" for audio
	Path      string // where the library keeps it
	MetaPath  string // the render's .atelier.json beside it; "" when it has none
}

// ExportApproved exports a campaign's approved pieces for the platforms
// named (every platform when none is), ordered by platform. build writes the package out of sight and returns publish,
// which puts it in place; publish runs inside the transaction that moves
// the pieces to exported in user's name, so when build or publish fails,
// no piece changes state.
func (w *Workspace) ExportApproved(ctx context.Context, campaignID int64, platforms []string, user User,
	build func(Campaign, []ApprovedPiece) (publish func() error, err error)) error {
	c, err := w.campaign(ctx, campaignID)
	if err != nil {
		return err
	}
	pieces, err := w.store.Pieces(ctx, PieceFilter{CampaignID: campaignID, State: StateApproved})
	if err != nil {
		return err
	}
	if len(platforms) > 0 {
		pieces = slices.DeleteFunc(pieces, func(p Piece) bool { return !slices.Contains(platforms, p.Platform) })
	}
	if len(pieces) == 0 {
		return fmt.Errorf("%w (campaign %d): approve pieces in Review first", ErrNothingApproved, campaignID)
	}
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].Platform < pieces[j].Platform })
	approved := make([]ApprovedPiece, len(pieces))
	ids := make([]int64, len(pieces))
	for i, p := range pieces {
		if approved[i], err = w.approvedPiece(ctx, p); err != nil {
			return fmt.Errorf("piece %d: %w", p.ID, err)
		}
		ids[i] = p.ID
	}
	publish, err := build(c, approved)
	if err != nil {
		return err
	}
	if err := w.store.ExportPieces(ctx, ids, user.orLocal().Name, publish); err != nil {
		return fmt.Errorf("the export was not written and no piece changed state: %w", err)
	}
	return nil
}

func (w *Workspace) campaign(ctx context.Context, id int64) (Campaign, error) {
	cs, err := w.store.Campaigns(ctx)
	if err != nil {
		return Campaign{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			return c, nil
		}
	}
	return Campaign{}, fmt.Errorf("campaign %d: %w", id, ErrNotFound)
}

func (w *Workspace) approvedPiece(ctx context.Context, p Piece) (ApprovedPiece, error) {
	ap := ApprovedPiece{Piece: p}
	var err error
	if ap.Version, err = w.store.LatestVersion(ctx, p.ID); err != nil {
		return ap, err
	}
	trs, err := w.store.Transitions(ctx, p.ID)
	if err != nil {
		return ap, err
	}
	for _, t := range trs {
		if t.To == StateApproved {
			ap.Approver, ap.ApprovedAt = t.Who, t.At
		}
	}
	if cr, err := w.store.LatestCheck(ctx, p.ID); err == nil {
		ap.CheckScore = cr.Score
	}
	var draft Draft
	if json.Unmarshal(ap.Version.Payload, &draft) == nil {
		ap.AltText = strings.TrimSpace(draft.AltText)
	}
	lib := w.Library()
	for _, role := range []string{"audio", "variant"} {
		list, err := w.store.PieceAssets(ctx, p.ID, role)
		if err != nil {
			return ap, err
		}
		for _, a := range list {
			f := PieceFile{Role: "audio", Path: lib.Path(a.SHA256, a.MIME)}
			if role == "variant" {
				f.Role, f.Placement = "image", a.Placement
				if _, err := os.Stat(f.Path + ".atelier.json"); err == nil {
					f.MetaPath = f.Path + ".atelier.json"
				}
			}
			ap.Files = append(ap.Files, f)
		}
	}
	videos, err := w.Videos(ctx, p.ID)
	if err != nil {
		return ap, err
	}
	for _, v := range videos {
		ap.Files = append(ap.Files, videoFiles(v)...)
	}
	return ap, nil
}

// videoFiles are a clip's files for an export: the MP4 with its sidecar,
// its two captions files and its cover.
func videoFiles(v RenderedVideo) []PieceFile {
	pl := v.Asset.Placement
	fs := []PieceFile{{Role: "video", Placement: pl, Path: v.MP4(), MetaPath: v.Files[4]}}
	for _, f := range v.Files[1:3] {
		fs = append(fs, PieceFile{Role: "captions", Placement: pl, Path: f})
	}
	return append(fs, PieceFile{Role: "cover", Placement: pl, Path: v.Cover()})
}

// LatestReport returns the findings of a piece's latest brand check, or
// ErrNotFound when it was never checked.
func (w *Workspace) LatestReport(ctx context.Context, pieceID int64) (*brandkit.Report, error) {
	cr, err := w.store.LatestCheck(ctx, pieceID)
	if err != nil {
		return nil, err
	}
	rep := &brandkit.Report{Score: cr.Score}
	if err := json.Unmarshal([]byte(cr.Findings), &rep.Findings); err != nil {
		return nil, fmt.Errorf("the stored check of piece %d cannot be read: %w", pieceID, err)
	}
	return rep, nil
}
