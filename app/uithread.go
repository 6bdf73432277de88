package app

import (
	"sync"

	"fyne.io/fyne/v2"
)

// uiQueue, when set, receives the calls background goroutines make to the
// UI instead of fyne.Do. Fyne's test driver runs fyne.Do at once on the
// calling goroutine, so a background goroutine and a test would touch the
// same widgets at the same time; the tests set this queue and run its calls
// on their own goroutine, as the app's event loop runs them on the main one.
// It is nil in the app.
var uiQueue chan func()

// onUI runs fn on the UI goroutine, without waiting. Every goroutine other
// than the UI's touches widgets only through it.
func onUI(fn func()) {
	if uiQueue != nil {
		uiQueue <- fn
		return
	}
	fyne.Do(fn)
}

// onUIAndWait runs fn on the UI goroutine and waits for it.
func onUIAndWait(fn func()) {
	if uiQueue != nil {
		done := make(chan struct{})
		uiQueue <- func() { defer close(done); fn() }
		<-done
		return
	}
	fyne.DoAndWait(fn)
}

// background counts the goroutines the screens start for slow work, so that
// a test can wait for them before its folders are removed.
var background struct {
	sync.Mutex
	running int
}

// goBackground runs fn off the UI goroutine.
func goBackground(fn func()) {
	background.Lock()
	background.running++
	background.Unlock()
	go func() {
		defer func() {
			background.Lock()
			background.running--
			background.Unlock()
		}()
		fn()
	}()
}

// holdBackground counts work that is waiting to run (a timer) as
// background work until release is called.
func holdBackground() (release func()) {
	background.Lock()
	background.running++
	background.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			background.Lock()
			background.running--
			background.Unlock()
		})
	}
}

// backgroundBusy says whether any such goroutine is still running.
func backgroundBusy() bool {
	background.Lock()
	defer background.Unlock()
	return background.running > 0
}
