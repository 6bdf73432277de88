package app

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// textEditor is where a piece's text is written, in Compose and in
// Review: the text, checked live against the kit as it changes (each
// report goes to onCheck), with Undo (Ctrl+Z) while typing, Revert to the
// saved text, and Save, which hands the text to onSave. With onSuggest,
// a "Suggest" button sends the edit as a suggestion instead.
type textEditor struct {
	entry           *widget.Entry
	count           *widget.Label
	save, revert    *widget.Button
	suggest         *widget.Button // nil without onSuggest
	kit             func() *brandkit.Kit
	onCheck         func(*brandkit.Report)
	onSave          func(text string)
	onSuggest       func(text string)
	saved           string // the text as last saved or loaded
	plat            platform.Platform
	target          brandkit.TextTarget
	loaded, blocked bool // a text is loaded; saving is blocked (a draft is running)

	mu    sync.Mutex
	timer *time.Timer // the live check waits for typing to pause
	gen   int         // of the latest edit; older checks are dropped
}

func newTextEditor(kit func() *brandkit.Kit, onCheck func(*brandkit.Report), onSave, onSuggest func(string)) *textEditor {
	e := &textEditor{kit: kit, onCheck: onCheck, onSave: onSave, onSuggest: onSuggest}
	e.entry = widget.NewMultiLineEntry()
	e.entry.Wrapping = fyne.TextWrapWord
	e.entry.OnChanged = e.onEdited
	e.count = widget.NewLabel("")
	e.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: func() { e.hand(e.onSave) }}
	e.revert = &widget.Button{Icon: theme.ContentUndoIcon(), OnTapped: e.onRevert} // back to the saved text
	if onSuggest != nil {
		e.suggest = &widget.Button{Text: lang.L("Suggest"), Icon: theme.MailSendIcon(), OnTapped: func() { e.hand(e.onSuggest) }}
	}
	e.dirty(false)
	return e
}

// object is the entry with its bar: the count, Revert, Suggest and Save.
func (e *textEditor) object() fyne.CanvasObject {
	buttons := container.NewHBox(e.revert)
	if e.suggest != nil {
		buttons.Add(e.suggest)
	}
	buttons.Add(e.save)
	return container.NewBorder(nil, container.NewBorder(nil, nil, e.count, buttons), nil, nil, e.entry)
}

// load shows a saved text for plat, checked against target, with nothing
// to save; a check under way for the previous text is dropped.
func (e *textEditor) load(text string, plat platform.Platform, target brandkit.TextTarget) {
	e.mu.Lock()
	e.gen++
	e.mu.Unlock()
	e.saved, e.plat, e.target, e.loaded = text, plat, target, true
	changed := e.entry.OnChanged
	e.entry.OnChanged = nil
	e.entry.SetText(text)
	e.entry.OnChanged = changed
	e.dirty(false)
	e.showCount(text)
}

// block stops saving while a draft is running.
func (e *textEditor) block(on bool) {
	e.blocked = on
	e.dirty(e.isDirty())
}

func (e *textEditor) dirty(on bool) {
	for _, b := range []*widget.Button{e.save, e.revert, e.suggest} {
		switch {
		case b == nil:
		case on && !e.blocked:
			b.Enable()
		default:
			b.Disable()
		}
	}
}

// onEdited checks the text once typing pauses for 300 ms, off the UI
// goroutine, and offers to save it.
func (e *textEditor) onEdited(text string) {
	if !e.loaded {
		return
	}
	e.dirty(text != e.saved)
	e.showCount(text)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.gen++
	gen := e.gen
	if e.timer != nil {
		e.timer.Stop()
	}
	kit, target := e.kit(), e.target
	e.timer = time.AfterFunc(300*time.Millisecond, func() {
		goBackground(func() {
			rep := brandkit.CheckText(kit, target, text)
			onUI(func() {
				e.mu.Lock()
				current := gen == e.gen
				e.mu.Unlock()
				if current {
					e.onCheck(&rep)
				}
			})
		})
	})
}

// showCount says the text's length against the platform's limit.
func (e *textEditor) showCount(text string) {
	p := e.plat
	if p.TextLimit == 0 {
		e.count.SetText("")
		return
	}
	e.count.SetText(fmt.Sprintf("%d / %d", brandkit.Length(text, string(p.Counting), p.URLLength), p.TextLimit))
}

// hand gives the text to fn and waits for the next load.
func (e *textEditor) hand(fn func(string)) {
	e.dirty(false)
	fn(e.entry.Text)
}

// isDirty reports whether the entry holds edits not saved.
func (e *textEditor) isDirty() bool { return e.loaded && e.entry.Text != e.saved }

// failed offers the text again after a save that did not happen.
func (e *textEditor) failed() { e.dirty(e.isDirty()) }

func (e *textEditor) onRevert() {
	e.load(e.saved, e.plat, e.target)
	rep := brandkit.CheckText(e.kit(), e.target, e.saved)
	e.onCheck(&rep)
}
