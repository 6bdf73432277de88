package studio

import "context"

// ChangeKind says which data a Change touched.
type ChangeKind int

const (
	ChangePiece     ChangeKind = iota + 1 // a piece's versions, state, comments or check
	ChangeAssets                          // the asset library or a piece's renders
	ChangeCampaigns                       // a campaign or a brief was added
	ChangeSchedule                        // a piece was scheduled, moved or unscheduled
	ChangeResults                         // results were imported or a match settled
)

// Change is data the workspace wrote: screens that show it read it again.
// PieceID is the piece changed, or 0 for several.
type Change struct {
	Kind    ChangeKind
	PieceID int64
}

// OnChange registers fn to run after each write, on the writer's
// goroutine; fn must return quickly (hand the work to the UI's queue).
func (w *Workspace) OnChange(fn func(Change)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.onChange = append(w.onChange, fn)
}

func (w *Workspace) changed(c Change) {
	w.mu.Lock()
	fns := append([]func(Change){}, w.onChange...)
	w.mu.Unlock()
	for _, fn := range fns {
		fn(c)
	}
}

// announcing is the workspace's store: each write that succeeds is
// announced to OnChange's listeners, whichever task made it.
type announcing struct {
	Store
	w *Workspace
}

func (a announcing) done(err error, kind ChangeKind, pieceID int64) error {
	if err == nil {
		a.w.changed(Change{Kind: kind, PieceID: pieceID})
	}
	return err
}

func (a announcing) CreateCampaign(ctx context.Context, c Campaign) (Campaign, error) {
	c, err := a.Store.CreateCampaign(ctx, c)
	return c, a.done(err, ChangeCampaigns, 0)
}

func (a announcing) SetSchedule(ctx context.Context, c ScheduleChange) (ScheduleChange, error) {
	c, err := a.Store.SetSchedule(ctx, c)
	return c, a.done(err, ChangeSchedule, c.PieceID)
}

func (a announcing) CreateBrief(ctx context.Context, b Brief) (Brief, error) {
	b, err := a.Store.CreateBrief(ctx, b)
	return b, a.done(err, ChangeCampaigns, 0)
}

func (a announcing) CreatePiece(ctx context.Context, p Piece) (Piece, error) {
	p, err := a.Store.CreatePiece(ctx, p)
	return p, a.done(err, ChangePiece, p.ID)
}

func (a announcing) CreatePieces(ctx context.Context, ps []Piece) error {
	return a.done(a.Store.CreatePieces(ctx, ps), ChangePiece, 0)
}

func (a announcing) AddVersion(ctx context.Context, v Version) (Version, error) {
	v, err := a.Store.AddVersion(ctx, v)
	return v, a.done(err, ChangePiece, v.PieceID)
}

func (a announcing) RecordTransition(ctx context.Context, t Transition) (Transition, error) {
	t, err := a.Store.RecordTransition(ctx, t)
	return t, a.done(err, ChangePiece, t.PieceID)
}

func (a announcing) AddComment(ctx context.Context, c Comment) (Comment, error) {
	c, err := a.Store.AddComment(ctx, c)
	return c, a.done(err, ChangePiece, c.PieceID)
}

func (a announcing) ResolveSuggestion(ctx context.Context, commentID int64, resolution string) error {
	return a.done(a.Store.ResolveSuggestion(ctx, commentID, resolution), ChangePiece, 0)
}

func (a announcing) SaveCheckResult(ctx context.Context, c CheckResult) (CheckResult, error) {
	c, err := a.Store.SaveCheckResult(ctx, c)
	return c, a.done(err, ChangePiece, c.PieceID)
}

func (a announcing) ExportPieces(ctx context.Context, ids []int64, who string, finalize func() error) error {
	return a.done(a.Store.ExportPieces(ctx, ids, who, finalize), ChangePiece, 0)
}

func (a announcing) PutAsset(ctx context.Context, as Asset) (Asset, error) {
	as, err := a.Store.PutAsset(ctx, as)
	return as, a.done(err, ChangeAssets, 0)
}

func (a announcing) SetAssetMeta(ctx context.Context, id int64, meta string) error {
	return a.done(a.Store.SetAssetMeta(ctx, id, meta), ChangeAssets, 0)
}

func (a announcing) SetVariant(ctx context.Context, pieceID, assetID int64, placement string) error {
	return a.done(a.Store.SetVariant(ctx, pieceID, assetID, placement), ChangeAssets, pieceID)
}

func (a announcing) LinkAsset(ctx context.Context, pieceID, assetID int64, role, placement string) error {
	return a.done(a.Store.LinkAsset(ctx, pieceID, assetID, role, placement), ChangeAssets, pieceID)
}
