package studio

import (
	"atelier/brandkit"
	"context"
	"errors"
	"slices"
	"strings"
)

// BoardFilter chooses the pieces the review board shows; empty fields do
// not filter. Query is a full-text search over briefs and version text.
type BoardFilter struct {
	CampaignID int64
	Platform   string
	Persona    string
	Language   string
	Author     string
	Query      string
}

// Board is the review board: the campaigns to filter by, the pieces in
// each workflow state, and the authors seen.
type Board struct {
	Campaigns []Campaign
	Columns   map[State][]Piece
	Authors   []string
}

// Board reads the review board. A search hit on a brief brings all of its
// pieces.
func (w *Workspace) Board(ctx context.Context, f BoardFilter) (Board, error) {
	var b Board
	var err error
	if b.Campaigns, err = w.store.Campaigns(ctx); err != nil {
		return b, err
	}
	pf := PieceFilter{CampaignID: f.CampaignID, Platform: f.Platform, Persona: f.Persona, Language: f.Language, Author: f.Author}
	var match map[int64]bool
	if q := strings.TrimSpace(f.Query); q != "" {
		match = map[int64]bool{}
		hits, err := w.store.Search(ctx, q, 500)
		if err != nil {
			return b, err
		}
		for _, h := range hits {
			match[h.PieceID] = true
			if h.Kind == "brief" {
				ps, err := w.store.Pieces(ctx, PieceFilter{BriefID: h.ID})
				if err != nil {
					return b, err
				}
				for _, p := range ps {
					match[p.ID] = true
				}
			}
		}
	}
	b.Columns = map[State][]Piece{}
	authors := map[string]bool{}
	for _, st := range States {
		pf.State = st
		ps, err := w.store.Pieces(ctx, pf)
		if err != nil {
			return b, err
		}
		if match != nil {
			ps = slices.DeleteFunc(ps, func(p Piece) bool { return !match[p.ID] })
		}
		for _, p := range ps {
			if p.Author != "" {
				authors[p.Author] = true
			}
		}
		b.Columns[st] = ps
	}
	for a := range authors {
		b.Authors = append(b.Authors, a)
	}
	slices.Sort(b.Authors)
	return b, nil
}

// PieceDetail is what the review shows of one piece.
type PieceDetail struct {
	Piece       Piece
	Target      Target           // what the piece is checked against: platform, language, partner
	Latest      Version          // zero when the piece has no version yet
	Report      *brandkit.Report // its latest check; nil when never checked
	Transitions []Transition
	Versions    []Version
	Comments    []Comment
}

// PieceDetail reads a piece with its versions, latest check, moves and
// comments.
func (w *Workspace) PieceDetail(ctx context.Context, id int64) (PieceDetail, error) {
	var d PieceDetail
	var err error
	if d.Piece, err = w.store.Piece(ctx, id); err != nil {
		return d, err
	}
	brief, err := w.store.Brief(ctx, d.Piece.BriefID)
	if err != nil {
		return d, err
	}
	plat, _ := w.registry.Get(d.Piece.Platform)
	d.Target = Target{Platform: plat, Language: d.Piece.Language, Partner: brief.Partner}
	if k := w.Kit(); k != nil {
		d.Target.Persona, _ = k.Persona(d.Piece.Persona)
	}
	if d.Versions, err = w.store.Versions(ctx, id); err != nil {
		return d, err
	}
	if n := len(d.Versions); n > 0 {
		d.Latest = d.Versions[n-1]
	}
	if d.Report, err = w.LatestReport(ctx, id); err != nil && !errors.Is(err, ErrNotFound) {
		return d, err
	}
	if d.Transitions, err = w.store.Transitions(ctx, id); err != nil {
		return d, err
	}
	d.Comments, err = w.store.Comments(ctx, id)
	return d, err
}
