package studio

import (
	"context"
	"errors"
	"fmt"

	"atelier/brandkit"
)

// ErrSuggestionOutdated is a suggestion made on a version that is no
// longer the piece's latest: accepting it would undo the edits since.
var ErrSuggestionOutdated = errors.New("the text changed since the suggestion was made")

// Suggest records user's proposed text for a piece, against its latest
// version, with a note saying why; the piece's author accepts or refuses
// it.
func (w *Workspace) Suggest(ctx context.Context, user User, pieceID int64, text, note string) (Comment, error) {
	latest, err := w.store.LatestVersion(ctx, pieceID)
	if err != nil {
		return Comment{}, err
	}
	if text == latest.Text {
		return Comment{}, errors.New("the suggestion is the text as it stands: change it first")
	}
	if note == "" {
		note = "Suggested edit"
	}
	return w.AddComment(ctx, user, Comment{PieceID: pieceID, VersionID: latest.ID, Body: note, Suggestion: text})
}

// suggestion finds an unanswered suggestion of a piece.
func (w *Workspace) suggestion(ctx context.Context, pieceID, commentID int64) (Comment, error) {
	cs, err := w.store.Comments(ctx, pieceID)
	if err != nil {
		return Comment{}, err
	}
	for _, c := range cs {
		if c.ID == commentID && c.Suggestion != "" {
			if c.Resolution != "" {
				return c, fmt.Errorf("suggestion %d was already %s: %w", commentID, c.Resolution, ErrStale)
			}
			return c, nil
		}
	}
	return Comment{}, fmt.Errorf("piece %d has no suggestion %d: %w", pieceID, commentID, ErrNotFound)
}

// AcceptSuggestion saves a suggestion's text as the piece's new version,
// checked, in the name of user (who accepted it), and marks it accepted.
// It refuses with ErrSuggestionOutdated when the piece has a newer version
// than the one suggested against.
func (w *Workspace) AcceptSuggestion(ctx context.Context, user User, pieceID, commentID int64) (Version, brandkit.Report, error) {
	c, err := w.suggestion(ctx, pieceID, commentID)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	latest, err := w.store.LatestVersion(ctx, pieceID)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	if latest.ID != c.VersionID {
		return Version{}, brandkit.Report{}, fmt.Errorf("suggestion %d on v%d: %w", commentID, latest.Number, ErrSuggestionOutdated)
	}
	composer := &Composer{WS: w, User: user}
	v, rep, err := composer.SaveText(ctx, pieceID, c.Suggestion, fmt.Sprintf("suggestion:%d", commentID))
	if err != nil {
		return v, rep, err
	}
	// Saved first, so a failed save leaves the suggestion open; the
	// version check above keeps a second accept from saving again.
	return v, rep, w.store.ResolveSuggestion(ctx, commentID, SuggestionAccepted)
}

// RefuseSuggestion marks a suggestion refused, with user's reason as a
// reply when there is one.
func (w *Workspace) RefuseSuggestion(ctx context.Context, user User, pieceID, commentID int64, why string) error {
	if _, err := w.suggestion(ctx, pieceID, commentID); err != nil {
		return err
	}
	if err := w.store.ResolveSuggestion(ctx, commentID, SuggestionRefused); err != nil {
		return err
	}
	if why == "" {
		return nil
	}
	_, err := w.AddComment(ctx, user, Comment{PieceID: pieceID, ParentID: commentID, Body: why})
	return err
}
