package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// split makes a divided pane whose divider stays where the user put it.
// Each side scrolls inside its pane, so no content (a long error, a wide
// label) moves the divider or makes the window larger; the position is
// kept in the preferences under key and read back when the screen is
// built again.
func (s *Studio) split(key string, horizontal bool, a, b fyne.CanvasObject, offset float64) *container.Split {
	newSplit := container.NewVSplit
	if horizontal {
		newSplit = container.NewHSplit
	}
	sp := newSplit(steady(a), steady(b))
	sp.Offset = s.app.Preferences().FloatWithFallback("split."+key, offset)
	s.splits[key] = sp
	return sp
}

// saveSplits remembers where every divider is, when the screens are made
// again and when the window closes; only a moved one is written.
func (s *Studio) saveSplits() {
	prefs := s.app.Preferences()
	for key, sp := range s.splits {
		if prefs.Float("split."+key) != sp.Offset {
			prefs.SetFloat("split."+key, sp.Offset)
		}
	}
}

// steady puts o in a scroll unless it scrolls already: its size then
// never pushes on the pane around it.
func steady(o fyne.CanvasObject) fyne.CanvasObject {
	switch o.(type) {
	case *widget.List, *widget.GridWrap, *widget.Table, *container.Scroll, *container.Split:
		return o
	}
	return container.NewScroll(o)
}
