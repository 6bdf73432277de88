package app

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// TestMain loads the translations as the app does, so that the screens
// show their real English strings, plurals included, and queues the
// background goroutines' UI calls for the tests to run (see uiQueue).
func TestMain(m *testing.M) {
	uiQueue = make(chan func(), 4096)
	if err := LoadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "translations:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// runUI runs the UI calls queued so far, on the test's goroutine.
func runUI() {
	for {
		select {
		case fn := <-uiQueue:
			fn()
		default:
			return
		}
	}
}

// pump runs queued UI calls until done is closed, as the event loop would.
func pump(t *testing.T, done <-chan struct{}) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case fn := <-uiQueue:
			fn()
		case <-done:
			// A write's announcement may have started a newer refresh,
			// which superseded this one: wait for it too.
			waitBackground(t)
			return
		case <-timeout:
			t.Fatal("timed out waiting for the UI")
		}
	}
}

// waitBackground runs queued UI calls until every background goroutine has
// finished.
func waitBackground(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for runUI(); backgroundBusy(); runUI() {
		if time.Now().After(deadline) {
			t.Fatal("background work still running after 60 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
