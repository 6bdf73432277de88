package studio

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// DiffOp is one step of a word diff.
type DiffOp struct {
	Kind string // "same", "add", "del"
	Text string // the words, with the spacing that followed them
}

// splitWords cuts text into words, each with its trailing spaces, so the
// pieces join back into the text.
func splitWords(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if inSpace && !space {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// WordDiff compares two texts word by word (a longest common subsequence),
// merging neighbouring steps of the same kind.
func WordDiff(a, b string) []DiffOp {
	x, y := splitWords(a), splitWords(b)
	if len(x)*len(y) > 4_000_000 { // very long texts: say they differ wholly
		return []DiffOp{{Kind: "del", Text: a}, {Kind: "add", Text: b}}
	}
	key := func(w string) string { return strings.TrimRightFunc(w, unicode.IsSpace) }
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if key(x[i]) == key(y[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []DiffOp
	push := func(kind, text string) {
		if n := len(ops); n > 0 && ops[n-1].Kind == kind {
			ops[n-1].Text += text
			return
		}
		ops = append(ops, DiffOp{Kind: kind, Text: text})
	}
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case key(x[i]) == key(y[j]):
			push("same", y[j])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			push("del", x[i])
			i++
		default:
			push("add", y[j])
			j++
		}
	}
	for ; i < len(x); i++ {
		push("del", x[i])
	}
	for ; j < len(y); j++ {
		push("add", y[j])
	}
	return ops
}

// Restore makes an old version the newest again, as a new version with
// origin "restore"; an approved piece returns to draft.
func (w *Workspace) Restore(ctx context.Context, pieceID int64, number int, user User) (Version, error) {
	vs, err := w.store.Versions(ctx, pieceID)
	if err != nil {
		return Version{}, err
	}
	for _, v := range vs {
		if v.Number == number {
			nv, err := w.store.AddVersion(ctx, Version{PieceID: pieceID, Text: v.Text, Status: VersionComplete, Origin: OriginRestore,
				Action: fmt.Sprintf("restore:v%d", number), Model: v.Model, Payload: v.Payload, Author: user.orLocal().Name})
			if err != nil {
				return nv, err
			}
			return nv, w.demoteIfApproved(ctx, pieceID, user)
		}
	}
	return Version{}, fmt.Errorf("piece %d has no version %d", pieceID, number)
}
