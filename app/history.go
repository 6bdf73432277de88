package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
)

// historyPanel lists a piece's versions, shows the word diff of the selected
// one against the one before, and restores it; and holds the piece's
// threaded comments.
type historyPanel struct {
	st       *Studio
	pieceID  int64
	versions []studio.Version
	list     *widget.List
	diff     *widget.RichText
	restore  *widget.Button
	against  *widget.Select // the version the selected one is compared with
	selected int
	anchor   func() string // the text range or region a new comment is tied to, as JSON, or ""

	comments []studio.Comment
	clist    *widget.List
	entry    *widget.Entry
	reply    int64
	onChange func()

	// A selected suggestion shows what it would change, to accept or
	// refuse (with the comment entry as the reason).
	suggestion     *fyne.Container
	sugDiff        *widget.RichText
	accept, refuse *widget.Button
}

func newHistoryPanel(st *Studio, onChange func()) *historyPanel {
	h := &historyPanel{st: st, selected: -1, onChange: onChange}
	h.list = &widget.List{
		Length:     func() int { return len(h.versions) },
		CreateItem: func() fyne.CanvasObject { return widget.NewLabel("v00 · regenerate · model · 23/11 16:00") },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			v := h.versions[id]
			o.(*widget.Label).SetText(versionLine(v))
		},
		OnSelected: h.onVersion,
	}
	h.list.ExtendBaseWidget(h.list)
	h.diff = widget.NewRichText()
	h.diff.Wrapping = fyne.TextWrapWord
	h.restore = &widget.Button{Text: lang.L("Restore this version"), Icon: theme.HistoryIcon(), OnTapped: h.onRestore}
	h.restore.Disable()
	h.against = widget.NewSelect(nil, func(string) {
		if h.selected >= 0 {
			h.onVersion(h.selected)
		}
	})
	h.against.PlaceHolder = lang.L("the version before")

	h.clist = &widget.List{
		Length: func() int { return len(h.comments) },
		CreateItem: func() fyne.CanvasObject {
			l := widget.NewLabel("Léa · 23/11 16:00: comment")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		UpdateItem: h.updateComment,
		OnSelected: h.onCommentSelected,
	}
	h.clist.ExtendBaseWidget(h.clist)
	h.entry = widget.NewEntry()
	h.entry.SetPlaceHolder(lang.L("Comment (select one to reply to it)"))
	h.entry.OnSubmitted = func(string) { h.onComment() }
	h.sugDiff = widget.NewRichText()
	h.sugDiff.Wrapping = fyne.TextWrapWord
	h.accept = &widget.Button{Text: lang.L("Accept the suggestion"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: h.onAccept}
	h.refuse = &widget.Button{Text: lang.L("Refuse"), Icon: theme.CancelIcon(), OnTapped: h.onRefuse}
	h.suggestion = container.NewBorder(nil, container.NewHBox(h.accept, h.refuse), nil, nil, container.NewVScroll(h.sugDiff))
	h.suggestion.Hide()
	return h
}

func (h *historyPanel) versionsObject() fyne.CanvasObject {
	compare := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Compare with")), nil, h.against)
	return h.st.split("review.versions", false, h.list, container.NewBorder(compare, h.restore, nil, nil, container.NewVScroll(h.diff)), 0.5)
}

func (h *historyPanel) commentsObject() fyne.CanvasObject {
	add := &widget.Button{Text: lang.L("Add"), Icon: theme.MailReplyIcon(), OnTapped: h.onComment}
	return container.NewBorder(nil, container.NewVBox(h.suggestion, container.NewBorder(nil, nil, nil, add, h.entry)), nil, nil, h.clist)
}

// onCommentSelected makes the comment the one a new comment replies to;
// a suggestion shows what it changes, with Accept and Refuse while it is
// unanswered.
func (h *historyPanel) onCommentSelected(id widget.ListItemID) {
	c := h.comments[id]
	h.reply = c.ID
	if c.Suggestion == "" {
		h.suggestion.Hide()
		return
	}
	base := ""
	for _, v := range h.versions {
		if v.ID == c.VersionID {
			base = v.Text
		}
	}
	h.sugDiff.Segments = diffSegments(base, c.Suggestion)
	h.sugDiff.Refresh()
	if c.Resolution == "" {
		h.accept.Enable()
		h.refuse.Enable()
	} else {
		h.accept.Disable()
		h.refuse.Disable()
	}
	h.suggestion.Show()
}

// onAccept makes the selected suggestion the piece's new version, in the
// user's name.
func (h *historyPanel) onAccept() {
	pieceID, id := h.pieceID, h.reply
	h.accept.Disable()
	goBackground(func() {
		_, _, err := h.st.ws.AcceptSuggestion(context.Background(), h.st.user(), pieceID, id)
		onUI(func() { h.answered(err) })
	})
}

// onRefuse refuses the selected suggestion, with the comment entry's text
// as the reason.
func (h *historyPanel) onRefuse() {
	pieceID, id, why := h.pieceID, h.reply, strings.TrimSpace(h.entry.Text)
	h.refuse.Disable()
	goBackground(func() {
		err := h.st.ws.RefuseSuggestion(context.Background(), h.st.user(), pieceID, id, why)
		onUI(func() {
			if err == nil {
				h.entry.SetText("")
			}
			h.answered(err)
		})
	})
}

func (h *historyPanel) answered(err error) {
	if err != nil {
		showError(h.st.win, err)
	}
	h.suggestion.Hide()
	h.show(h.pieceID)
	h.onChange()
}

// show reads the piece's versions and comments again, off the UI
// goroutine, and shows them.
func (h *historyPanel) show(pieceID int64) {
	goBackground(func() {
		ctx := context.Background()
		versions, err := h.st.ws.Versions(ctx, pieceID)
		var comments []studio.Comment
		if err == nil {
			comments, err = h.st.ws.Comments(ctx, pieceID)
		}
		onUI(func() {
			if err != nil {
				showError(h.st.win, err)
				return
			}
			h.load(pieceID, versions, comments)
		})
	})
}

// load shows a piece's versions and comments.
func (h *historyPanel) load(pieceID int64, versions []studio.Version, comments []studio.Comment) {
	h.pieceID, h.selected, h.reply = pieceID, -1, 0
	h.versions, h.comments = versions, comments
	h.list.UnselectAll()
	h.list.Refresh()
	h.clist.UnselectAll()
	h.clist.Refresh()
	h.diff.Segments = nil
	h.diff.Refresh()
	h.suggestion.Hide()
	h.restore.Disable()
	h.against.Options = nil
	for _, v := range h.versions {
		h.against.Options = append(h.against.Options, fmt.Sprintf("v%d", v.Number))
	}
	h.against.ClearSelected()
}

func (h *historyPanel) depth(c studio.Comment) int {
	d := 0
	for parent := c.ParentID; parent != 0 && d < 5; d++ {
		next := int64(0)
		for _, o := range h.comments {
			if o.ID == parent {
				next = o.ParentID
			}
		}
		parent = next
	}
	return d
}

func (h *historyPanel) updateComment(id widget.ListItemID, o fyne.CanvasObject) {
	c := h.comments[id]
	l := o.(*widget.Label)
	where := ""
	if c.Anchor != "" {
		where = " · " + lang.L("on a passage")
	}
	body := c.Body
	switch {
	case c.Suggestion == "":
	case c.Resolution == studio.SuggestionAccepted:
		body += " — " + lang.L("suggested edit, accepted")
	case c.Resolution == studio.SuggestionRefused:
		body += " — " + lang.L("suggested edit, refused")
	default:
		body += " — " + lang.L("suggested edit, awaiting an answer")
	}
	l.SetText(strings.Repeat("    ↳ ", h.depth(c)) + labelled(c.Author+" · "+c.CreatedAt.Local().Format("02/01 15:04")+where, body))
	h.clist.SetItemHeight(id, l.MinSize().Height)
}

// onVersion shows what the version changed from the one before it.
func (h *historyPanel) onVersion(id widget.ListItemID) {
	h.selected = id
	prev := ""
	if id > 0 {
		prev = h.versions[id-1].Text
	}
	if i := h.against.SelectedIndex(); i >= 0 && i < len(h.versions) {
		prev = h.versions[i].Text
	}
	h.diff.Segments = diffSegments(prev, h.versions[id].Text)
	h.diff.Refresh()
	if id < len(h.versions)-1 {
		h.restore.Enable()
	} else {
		h.restore.Disable()
	}
}

func (h *historyPanel) onRestore() {
	if h.selected < 0 {
		return
	}
	if _, err := h.st.ws.Restore(context.Background(), h.pieceID, h.versions[h.selected].Number, h.st.user()); err != nil {
		showError(h.st.win, err)
		return
	}
	h.show(h.pieceID)
	h.onChange()
}

func (h *historyPanel) onComment() {
	body := strings.TrimSpace(h.entry.Text)
	if body == "" || h.pieceID == 0 {
		return
	}
	anchor := ""
	if h.anchor != nil {
		anchor = h.anchor()
	}
	if _, err := h.st.ws.AddComment(context.Background(), h.st.user(), studio.Comment{PieceID: h.pieceID, ParentID: h.reply, Body: body, Anchor: anchor}); err != nil {
		showError(h.st.win, err)
		return
	}
	h.entry.SetText("")
	h.show(h.pieceID)
}

// diffSegments shows the words next adds to prev in green and those it
// removes struck in red italics.
func diffSegments(prev, next string) []widget.RichTextSegment {
	add := widget.RichTextStyleStrong
	add.ColorName = theme.ColorNameSuccess
	del := widget.RichTextStyleInline
	del.ColorName = theme.ColorNameError
	del.TextStyle.Italic = true
	var segs []widget.RichTextSegment
	for _, op := range studio.WordDiff(prev, next) {
		style := widget.RichTextStyleInline
		switch op.Kind {
		case "add":
			style = add
		case "del":
			style = del
		}
		segs = append(segs, &widget.TextSegment{Text: op.Text, Style: style})
	}
	return segs
}
