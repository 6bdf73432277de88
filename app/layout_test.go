package app

import (
	"testing"
)

// TestEveryScreenFitsALaptop: with the first-run content, no screen asks
// for more than 1280×720, so each fits a 1366×768 screen with the
// window's frame and the desktop's bars.
func TestEveryScreenFitsALaptop(t *testing.T) {
	ws := testWorkspace(t)
	s := openTestStudio(t, ws, noOllama)
	waitBackground(t)
	for i := range s.screens {
		s.nav.Select(i)
		waitBackground(t)
		min := s.win.Content().MinSize()
		t.Logf("%-14s %v", s.screens[i].title(), min)
		if min.Width > 1280 || min.Height > 720 {
			t.Errorf("%s needs %v, more than 1280×720", s.screens[i].title(), min)
		}
	}
}
