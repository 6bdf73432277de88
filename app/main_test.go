package app

import (
	"fmt"
	"os"
	"testing"
)

// TestMain loads the translations as the app does, so that the screens
// show their real English strings, plurals included.
func TestMain(m *testing.M) {
	if err := LoadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "translations:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
