package app

import (
	"sync"
	"time"

	"atelier/studio"
)

// dataWatcher is a screen that shows the workspace's data and reads it
// again when a write changes it, whichever screen or task wrote.
type dataWatcher interface {
	dataChanged(kinds map[studio.ChangeKind]bool)
}

// watchData passes the workspace's changes to the built screens that
// show that data. Changes are gathered for 150 ms, so a draft of twelve
// variants refreshes the board once, not thirty times.
func (s *Studio) watchData() {
	var mu sync.Mutex
	pending := map[studio.ChangeKind]bool{}
	var timer *time.Timer
	var release func() // the pending flush counts as background work
	flush := func() {
		mu.Lock()
		kinds, done := pending, release
		pending, timer = map[studio.ChangeKind]bool{}, nil
		mu.Unlock()
		select {
		case <-s.done: // the window is closed
			done()
		default:
			onUI(func() { defer done(); s.dataChanged(kinds) })
		}
	}
	s.ws.OnChange(func(c studio.Change) {
		mu.Lock()
		defer mu.Unlock()
		pending[c.Kind] = true
		if timer == nil {
			release = holdBackground()
			timer = time.AfterFunc(150*time.Millisecond, flush)
		}
	})
}

func (s *Studio) dataChanged(kinds map[studio.ChangeKind]bool) {
	for i, sc := range s.screens {
		if w, ok := sc.(dataWatcher); ok && s.built[i] != nil {
			w.dataChanged(kinds)
		}
	}
}

func (a *assetsScreen) dataChanged(kinds map[studio.ChangeKind]bool) {
	if kinds[studio.ChangeAssets] {
		a.reload()
	}
}

func (c *composeScreen) dataChanged(kinds map[studio.ChangeKind]bool) {
	if kinds[studio.ChangeAssets] {
		c.images.refreshSources()
		c.video.refreshImages()
	}
}

// dataChanged reads the board again, and the piece shown unless its text
// is being edited.
func (r *reviewScreen) dataChanged(kinds map[studio.ChangeKind]bool) {
	if !kinds[studio.ChangePiece] && !kinds[studio.ChangeCampaigns] {
		return
	}
	r.refresh()
	if r.current.ID != 0 && !r.edit.isDirty() {
		r.showPiece(r.current)
	}
}

// dataChanged draws the calendar again after a piece was planned, moved,
// made or changed state, wherever that happened.
func (c *calendarScreen) dataChanged(kinds map[studio.ChangeKind]bool) {
	if kinds[studio.ChangeSchedule] || kinds[studio.ChangePiece] || kinds[studio.ChangeCampaigns] {
		c.refresh()
	}
}
