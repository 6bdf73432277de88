package studio

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// This file holds the studio's data: what a store keeps. A store (package
// store for one person's SQLite file) only persists these types.

// Store persists the studio's data. Every write the studio makes goes
// through it; front-ends reach it only through the Workspace.
type Store interface {
	reads
	CreateCampaign(ctx context.Context, c Campaign) (Campaign, error)
	CreateBrief(ctx context.Context, b Brief) (Brief, error)
	CreatePiece(ctx context.Context, p Piece) (Piece, error)
	CreatePieces(ctx context.Context, ps []Piece) error
	AddVersion(ctx context.Context, v Version) (Version, error)
	// RecordTransition moves a piece from t.From to t.To and keeps the
	// move, atomically; ErrStale when the piece is no longer in t.From.
	RecordTransition(ctx context.Context, t Transition) (Transition, error)
	AddComment(ctx context.Context, c Comment) (Comment, error)
	// ResolveSuggestion records what the author did with a suggestion;
	// ErrStale when it was already answered.
	ResolveSuggestion(ctx context.Context, commentID int64, resolution string) error
	SaveCheckResult(ctx context.Context, c CheckResult) (CheckResult, error)
	// ExportPieces moves approved pieces to exported around finalize: when
	// finalize fails, nothing changes.
	ExportPieces(ctx context.Context, ids []int64, who string, finalize func() error) error
	PutAsset(ctx context.Context, a Asset) (Asset, error)
	SetAssetMeta(ctx context.Context, id int64, meta string) error
	SetVariant(ctx context.Context, pieceID, assetID int64, placement string) error
	LinkAsset(ctx context.Context, pieceID, assetID int64, role, placement string) error
	// SetSchedule plans a piece for c.To (zero: unscheduled) and keeps the
	// change, atomically; ErrStale when its time is no longer c.From.
	SetSchedule(ctx context.Context, c ScheduleChange) (ScheduleChange, error)
	Close() error
}

// reads are the store's queries. The Workspace answers them itself, so
// front-ends read through it; writes are studio tasks that record who.
type reads interface {
	// Location says where the data lives (a file path), for display.
	Location() string
	SchemaVersion(ctx context.Context) (int, error)
	Campaigns(ctx context.Context) ([]Campaign, error)
	Brief(ctx context.Context, id int64) (Brief, error)
	Piece(ctx context.Context, id int64) (Piece, error)
	Pieces(ctx context.Context, f PieceFilter) ([]Piece, error)
	Version(ctx context.Context, id int64) (Version, error)
	Versions(ctx context.Context, pieceID int64) ([]Version, error)
	LatestVersion(ctx context.Context, pieceID int64) (Version, error)
	Transitions(ctx context.Context, pieceID int64) ([]Transition, error)
	Comments(ctx context.Context, pieceID int64) ([]Comment, error)
	LatestCheck(ctx context.Context, pieceID int64) (CheckResult, error)
	// Search finds briefs and versions holding every word of query.
	Search(ctx context.Context, query string, limit int) ([]Hit, error)
	Asset(ctx context.Context, id int64) (Asset, error)
	Images(ctx context.Context) ([]Asset, error)
	PieceAssets(ctx context.Context, pieceID int64, role string) ([]Asset, error)
	// Schedules is the planned time of every scheduled piece of a campaign
	// (0: of all), in UTC.
	Schedules(ctx context.Context, campaignID int64) (map[int64]time.Time, error)
	ScheduleChanges(ctx context.Context, pieceID int64) ([]ScheduleChange, error)
}

// Campaign groups the briefs made for one launch or theme.
type Campaign struct {
	ID         int64
	Name       string
	KitName    string
	KitVersion string
	CreatedAt  time.Time
}

// Brief is what the CM asks for: one message for several platforms,
// personas and languages. Topic, KeyMessage, CTA and Link are written in
// Language; ByLanguage gives them in other languages, and a language left
// out is translated by the model. Partner names the partner of a paid
// partnership ("" when the brief is not paid).
type Brief struct {
	ID         int64
	CampaignID int64
	Topic      string
	KeyMessage string
	CTA        string
	Link       string
	Personas   []string
	Platforms  []string
	Languages  []string
	Formats    []string
	Language   string
	ByLanguage map[string]BriefText
	Partner    string
	CreatedAt  time.Time
}

// BriefText is a brief's words in one language.
type BriefText struct {
	Topic      string `json:"topic,omitempty" toml:"topic"`
	KeyMessage string `json:"key_message,omitempty" toml:"key_message"`
	CTA        string `json:"cta,omitempty" toml:"cta"`
	Link       string `json:"link,omitempty" toml:"link"`
}

// Text returns the brief's words for a language: its own text for its own
// language (or when it names none), the text given for that language, or,
// with translated false, its own text, which then still needs translating.
// A field left empty in a language's text falls back to the brief's own.
func (b Brief) Text(language string) (t BriefText, translated bool) {
	own := BriefText{Topic: b.Topic, KeyMessage: b.KeyMessage, CTA: b.CTA, Link: b.Link}
	if b.Language == "" || sameBase(b.Language, language) {
		return own, true
	}
	for tag, lt := range b.ByLanguage {
		if tag == language || sameBase(tag, language) {
			if lt.Topic == "" {
				lt.Topic = own.Topic
			}
			if lt.KeyMessage == "" {
				lt.KeyMessage = own.KeyMessage
			}
			if lt.CTA == "" {
				lt.CTA = own.CTA
			}
			if lt.Link == "" {
				lt.Link = own.Link
			}
			return lt, true
		}
	}
	return own, false
}

// sameBase compares the base languages of two tags ("fr-FR", "fr").
func sameBase(a, b string) bool {
	cut := func(s string) string { s, _, _ = strings.Cut(strings.ToLower(s), "-"); return s }
	return cut(a) == cut(b)
}

// State is where a piece stands in the approval workflow.
type State string

const (
	StateDraft            State = "draft"
	StateInReview         State = "in_review"
	StateChangesRequested State = "changes_requested"
	StateApproved         State = "approved"
	StateExported         State = "exported"
	StateRejected         State = "rejected"
)

// States lists every workflow state in board order.
var States = []State{StateDraft, StateInReview, StateChangesRequested, StateApproved, StateExported, StateRejected}

// Piece is one platform × persona × language × format of a brief.
type Piece struct {
	ID         int64
	BriefID    int64
	CampaignID int64
	Platform   string
	Persona    string
	Language   string
	Format     string
	State      State
	Author     string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// VersionStatus says whether a version is whole.
type VersionStatus string

const (
	VersionComplete    VersionStatus = "complete"
	VersionInterrupted VersionStatus = "interrupted"  // the stream broke or was cancelled; the text is partial
	VersionFailedCheck VersionStatus = "failed_check" // kept with its findings after the repair attempts
)

// Origin says what made a version.
type Origin string

const (
	OriginModel    Origin = "model"
	OriginTemplate Origin = "template"
	OriginUser     Origin = "user"
	OriginRestore  Origin = "restore"
)

// Version is one state of a piece's text, with where it came from.
type Version struct {
	ID              int64
	PieceID         int64
	Number          int
	Text            string
	Status          VersionStatus
	Origin          Origin
	Action          string // generate, regenerate, shorter, translate:en, edit...
	Model           string
	PromptHash      string
	Seed            int64
	PromptEvalCount int
	EvalCount       int
	PromptEvalTime  time.Duration
	EvalTime        time.Duration
	TotalTime       time.Duration
	Payload         json.RawMessage // the structured draft
	Author          string
	CreatedAt       time.Time
}

// PieceFilter narrows a piece listing; zero fields match everything.
type PieceFilter struct {
	CampaignID int64
	BriefID    int64
	State      State
	Platform   string
	Persona    string
	Language   string
	Author     string
	Limit      int
	Offset     int
}

// Transition is one move of a piece through the workflow: who moved it,
// when, from where to where, and why.
type Transition struct {
	ID             int64
	PieceID        int64
	From, To       State
	Who            string
	Note           string
	OverrideReason string // set when a piece that fails its brand check is approved anyway
	At             time.Time
}

// ScheduleChange is one change of a piece's planned time, kept for the
// audit: From is zero when it was unscheduled, To when it becomes so.
type ScheduleChange struct {
	ID       int64
	PieceID  int64
	From, To time.Time
	Who      string
	At       time.Time
}

// ErrStale is returned when a piece is no longer in the state a change
// expected: someone else moved it first.
var ErrStale = errors.New("the piece changed state meanwhile; reload it")

// Comment is a reviewer's or author's note on a piece, optionally a reply
// and optionally anchored to a text range or image region.
type Comment struct {
	ID        int64
	PieceID   int64
	VersionID int64 // 0 when not tied to a version
	ParentID  int64 // 0 for a thread's first comment
	Author    string
	Body      string
	Anchor    string // JSON, e.g. {"start":10,"end":24} or {"x":0,"y":0,"w":100,"h":50}
	// Suggestion is the whole text a reviewer proposes for the piece
	// ("" for a plain comment); Resolution says what the author did with
	// it: "" not yet, "accepted" or "refused".
	Suggestion string
	Resolution string
	CreatedAt  time.Time
}

// What an author did with a suggestion.
const (
	SuggestionAccepted = "accepted"
	SuggestionRefused  = "refused"
)

// CheckResult is the outcome of a brand check of a version or an asset.
type CheckResult struct {
	ID        int64
	PieceID   int64
	VersionID int64
	AssetID   int64
	Score     int
	Errors    int
	Warnings  int
	Findings  string // JSON list of findings
	CreatedAt time.Time
}

// Hit is one full-text search result.
type Hit struct {
	Kind    string // "brief" or "version"
	ID      int64  // the brief's or the version's id
	PieceID int64  // for a version, its piece
	Snippet string // the matching text, with the match in [brackets]
}

// Asset is a file kept in the data dir under its sha256, with what is known
// of it.
type Asset struct {
	ID         int64
	SHA256     string
	Kind       string // image, audio, font, other
	MIME       string
	Size       int64
	Width      int
	Height     int
	DurationMS int
	Source     string // the file name it was imported from, or what rendered it
	Meta       string // JSON: EXIF orientation, focal point, logo box...
	CreatedAt  time.Time
	Placement  string // for a piece's variant: the placement it was rendered for
}

// ErrNotFound is returned when a row asked for by id does not exist.
var ErrNotFound = errors.New("not found")
