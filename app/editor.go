package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/studio"
)

// editorPane is where the selected variant is written: the text, checked
// live against the kit as it changes (findings in the Check tab), with
// Undo (Ctrl+Z) while typing, and Save, which keeps it as a new version in
// the user's name. The "Marked" tab shows the text with the selected
// finding marked.
func (c *composeScreen) editorPane() fyne.CanvasObject {
	c.editor = widget.NewMultiLineEntry()
	c.editor.Wrapping = fyne.TextWrapWord
	c.editor.OnChanged = c.onEdited
	c.editCount = widget.NewLabel("")
	c.saveBtn = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: c.onSaveEdit}
	c.revertBtn = &widget.Button{Icon: theme.ContentUndoIcon(), OnTapped: c.onRevertEdit} // back to the saved text
	c.saveBtn.Disable()
	c.revertBtn.Disable()
	bar := container.NewBorder(nil, nil, c.editCount, container.NewHBox(c.revertBtn, c.saveBtn))
	return container.NewAppTabs(
		container.NewTabItem(lang.L("Text"), container.NewBorder(nil, bar, nil, nil, c.editor)),
		container.NewTabItem(lang.L("Marked"), container.NewVScroll(c.preview)),
	)
}

// loadEditor shows a saved text in the editor, with nothing to save.
func (c *composeScreen) loadEditor(text string) {
	c.editMu.Lock()
	c.editGen++ // a check under way for the previous text is dropped
	c.editMu.Unlock()
	changed := c.editor.OnChanged
	c.editor.OnChanged = nil
	c.editor.SetText(text)
	c.editor.OnChanged = changed
	c.saveBtn.Disable()
	c.revertBtn.Disable()
	c.showCount(text)
}

// onEdited checks the text once typing pauses for 300 ms, off the UI
// goroutine, and offers to save it.
func (c *composeScreen) onEdited(text string) {
	cd, ok := c.selectedCard()
	if !ok || cd.pieceID == 0 {
		return
	}
	dirty := text != cd.text
	c.saveBtn.Disable()
	c.revertBtn.Disable()
	if dirty && !c.running {
		c.saveBtn.Enable()
		c.revertBtn.Enable()
	}
	c.showCount(text)
	c.editMu.Lock()
	defer c.editMu.Unlock()
	c.editGen++
	gen := c.editGen
	if c.editTimer != nil {
		c.editTimer.Stop()
	}
	kit, target := c.st.ws.Kit(), studio.TextTarget(cd.target)
	c.editTimer = time.AfterFunc(300*time.Millisecond, func() {
		goBackground(func() {
			rep := brandkit.CheckText(kit, target, text)
			onUI(func() {
				c.editMu.Lock()
				current := gen == c.editGen
				c.editMu.Unlock()
				if current {
					c.check.show(&rep)
				}
			})
		})
	})
}

// showCount says the text's length against the platform's limit.
func (c *composeScreen) showCount(text string) {
	cd, ok := c.selectedCard()
	if !ok {
		c.editCount.SetText("")
		return
	}
	p := cd.target.Platform
	c.editCount.SetText(fmt.Sprintf("%d / %d", brandkit.Length(text, string(p.Counting), p.URLLength), p.TextLimit))
}

// onSaveEdit keeps the edited text as the variant's new version, checked,
// in the user's name.
func (c *composeScreen) onSaveEdit() {
	cd, ok := c.selectedCard()
	if !ok || cd.pieceID == 0 {
		return
	}
	i, pieceID, text := c.selected, cd.pieceID, c.editor.Text
	composer := &studio.Composer{WS: c.st.ws, User: c.st.user()}
	c.saveBtn.Disable()
	goBackground(func() {
		v, rep, err := composer.SaveText(context.Background(), pieceID, text, "edit")
		if err != nil {
			onUI(func() { c.saveBtn.Enable(); showError(c.st.win, err) })
			return
		}
		c.onEvent(i, studio.Event{Kind: studio.EventDone, PieceID: pieceID, Version: v, Report: rep})
		onUI(c.showDetail)
	})
}

// onRevertEdit puts the saved text back in the editor.
func (c *composeScreen) onRevertEdit() {
	if cd, ok := c.selectedCard(); ok {
		c.loadEditor(cd.text)
		c.check.show(cd.report)
	}
}
