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
}

func newHistoryPanel(st *Studio, onChange func()) *historyPanel {
	h := &historyPanel{st: st, selected: -1, onChange: onChange}
	h.list = &widget.List{
		Length:     func() int { return len(h.versions) },
		CreateItem: func() fyne.CanvasObject { return widget.NewLabel("v00 · regenerate · model · 23/11 16:00") },
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			v := h.versions[id]
			o.(*widget.Label).SetText(fmt.Sprintf("v%d · %s · %s · %s · %s", v.Number, v.Action, v.Origin, lang.L(string(v.Status)), v.CreatedAt.Local().Format("02/01 15:04")))
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
		OnSelected: func(id widget.ListItemID) { h.reply = h.comments[id].ID },
	}
	h.clist.ExtendBaseWidget(h.clist)
	h.entry = widget.NewEntry()
	h.entry.SetPlaceHolder(lang.L("Comment (select one to reply to it)"))
	h.entry.OnSubmitted = func(string) { h.onComment() }
	return h
}

func (h *historyPanel) versionsObject() fyne.CanvasObject {
	compare := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Compare with")), nil, h.against)
	return container.NewVSplit(h.list, container.NewBorder(compare, h.restore, nil, nil, container.NewVScroll(h.diff)))
}

func (h *historyPanel) commentsObject() fyne.CanvasObject {
	add := &widget.Button{Text: lang.L("Add"), Icon: theme.MailReplyIcon(), OnTapped: h.onComment}
	return container.NewBorder(nil, container.NewBorder(nil, nil, nil, add, h.entry), nil, nil, h.clist)
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
		where = " ⌖"
	}
	l.SetText(fmt.Sprintf("%s%s · %s%s: %s", strings.Repeat("    ↳ ", h.depth(c)), c.Author, c.CreatedAt.Local().Format("02/01 15:04"), where, c.Body))
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
	add := widget.RichTextStyleStrong
	add.ColorName = theme.ColorNameSuccess
	del := widget.RichTextStyleInline
	del.ColorName = theme.ColorNameError
	del.TextStyle.Italic = true
	var segs []widget.RichTextSegment
	for _, op := range studio.WordDiff(prev, h.versions[id].Text) {
		style := widget.RichTextStyleInline
		switch op.Kind {
		case "add":
			style = add
		case "del":
			style = del
		}
		segs = append(segs, &widget.TextSegment{Text: op.Text, Style: style})
	}
	h.diff.Segments = segs
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
