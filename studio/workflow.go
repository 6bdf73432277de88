package studio

import (
	"context"
	"errors"
	"fmt"
	"os"
	osuser "os/user"
	"slices"
	"strings"
)

// Role is what a local user may do.
type Role string

const (
	RoleAuthor     Role = "author"
	RoleReviewer   Role = "reviewer"
	RoleBrandOwner Role = "brand_owner"
)

// Roles lists every role.
var Roles = []Role{RoleAuthor, RoleReviewer, RoleBrandOwner}

// User is the person at the keyboard. Every write names one: versions,
// transitions, comments and exports record who made them, never a program.
type User struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// LocalUser is the person logged in to this computer, for a front-end whose
// user has not said who they are: the account's full name, or its login.
func LocalUser() User {
	name := "unknown user"
	if u, err := osuser.Current(); err == nil {
		name = u.Username
		if full, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(full) != "" {
			name = strings.TrimSpace(full)
		}
	} else if n := os.Getenv("USER"); n != "" {
		name = n
	}
	return User{Name: name, Role: RoleAuthor}
}

// orLocal returns u, or the local user when u names nobody.
func (u User) orLocal() User {
	if strings.TrimSpace(u.Name) == "" {
		return LocalUser()
	}
	return u
}

// transitions is the workflow of DESIGN.md: draft → in_review → approved →
// exported; in_review → changes_requested → draft; any state but exported
// → rejected. (approved → draft happens only through an edit.)
var transitions = map[State][]State{StateDraft: {StateInReview, StateRejected}, StateInReview: {StateApproved, StateChangesRequested, StateRejected}, StateChangesRequested: {StateDraft, StateRejected}, StateApproved: {StateExported, StateRejected}, StateRejected: {}, StateExported: {}}

// Typed workflow errors; test with errors.Is.
var (
	ErrIllegalTransition = errors.New("this move is not part of the workflow")
	ErrNotAllowed        = errors.New("your role does not allow this")
	ErrOverrideNeeded    = errors.New("the piece fails its brand check; approving it needs a written reason")
)

// CanMove reports whether the workflow allows from → to.
func CanMove(from, to State) bool { return slices.Contains(transitions[from], to) }

// Next lists the moves allowed from a state.
func Next(from State) []State { return slices.Clone(transitions[from]) }

// MayMoveTo says whether the user's role lets them move a piece to a
// state: nil, or ErrNotAllowed with the reason. Only reviewers and brand
// owners approve, request changes or reject; everyone says who they are.
// MayEditKit says whether u may change the brand kit: its authors and
// the brand owner write it; a reviewer checks work against it.
func (u User) MayEditKit() error {
	if u.Role == RoleReviewer {
		return fmt.Errorf("%w: a reviewer reads the brand kit; an author or the brand owner changes it", ErrNotAllowed)
	}
	return nil
}

func (u User) MayMoveTo(to State) error {
	if strings.TrimSpace(u.Name) == "" {
		return fmt.Errorf("%w: choose who you are in Settings first", ErrNotAllowed)
	}
	switch to {
	case StateApproved, StateChangesRequested, StateRejected:
		if u.Role != RoleReviewer && u.Role != RoleBrandOwner {
			return fmt.Errorf("%w: only reviewers and brand owners can move a piece to %s; %s is an %s", ErrNotAllowed, to, u.Name, u.Role)
		}
	}
	return nil
}

// Move moves a piece through the workflow as user, with a note. Approving a
// piece whose latest check has errors needs override, a written reason that
// is kept in the audit trail. Only reviewers and brand owners approve,
// request changes or reject.
func (w *Workspace) Move(ctx context.Context, pieceID int64, to State, user User, note, override string) (Transition, error) {
	p, err := w.store.Piece(ctx, pieceID)
	if err != nil {
		return Transition{}, err
	}
	if !CanMove(p.State, to) {
		return Transition{}, fmt.Errorf("%w: %s → %s (from %s the piece can go to %v)", ErrIllegalTransition, p.State, to, p.State, Next(p.State))
	}
	if err := user.MayMoveTo(to); err != nil {
		return Transition{}, err
	}
	if to == StateApproved {
		if cr, err := w.store.LatestCheck(ctx, pieceID); err == nil && cr.Errors > 0 && strings.TrimSpace(override) == "" {
			return Transition{}, fmt.Errorf("%w (%d errors, score %d)", ErrOverrideNeeded, cr.Errors, cr.Score)
		}
	} else {
		override = ""
	}
	if to == StateChangesRequested && strings.TrimSpace(note) == "" {
		return Transition{}, errors.New("say what should change: requesting changes needs a note")
	}
	return w.store.RecordTransition(ctx, Transition{PieceID: pieceID, From: p.State, To: to, Who: user.Name, Note: note, OverrideReason: override})
}

// demoteIfApproved returns an approved piece to draft after a change, and
// says so in the audit trail.
func (w *Workspace) demoteIfApproved(ctx context.Context, pieceID int64, user User) error {
	p, err := w.store.Piece(ctx, pieceID)
	if err != nil || p.State != StateApproved {
		return err
	}
	_, err = w.store.RecordTransition(ctx, Transition{PieceID: pieceID, From: StateApproved, To: StateDraft, Who: user.orLocal().Name,
		Note: "changed after approval: a new version was written"})
	return err
}

// AddComment stores user's comment on a piece, or a reply when c.ParentID
// is set.
func (w *Workspace) AddComment(ctx context.Context, user User, c Comment) (Comment, error) {
	c.Author = user.orLocal().Name
	return w.store.AddComment(ctx, c)
}

// identified is a store whose session is a person's own login (the team
// database): it says who and in which group.
type identified interface {
	Actor(ctx context.Context) (string, error)
	Group(ctx context.Context) (string, error)
}

// groupRoles are the roles the team database's groups act in here; the
// database checks every move again with its own, finer, rules.
var groupRoles = map[string]Role{"brand_owner": RoleBrandOwner, "reviewer": RoleReviewer, "designer": RoleReviewer, "cm": RoleAuthor}

// SessionUser is who the store's session is, for a team database; ok is
// false for a personal workspace, whose user is the one in Settings.
func (w *Workspace) SessionUser(ctx context.Context) (u User, ok bool, err error) {
	id, ok := w.reads.(identified)
	if !ok {
		return User{}, false, nil
	}
	name, err := id.Actor(ctx)
	if err != nil {
		return User{}, true, err
	}
	group, err := id.Group(ctx)
	return User{Name: name, Role: groupRoles[group]}, true, err
}
