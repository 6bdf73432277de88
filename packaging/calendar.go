package packaging

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"atelier/studio/calendar"
)

// writeFeed writes the bundle's pieces as an RFC 5545 feed, for a calendar
// app to import: one event per post at its scheduled time, with the same
// UID as the studio's own feed (atelier calendar --ics).
func writeFeed(path string, m *Manifest, feedID string) error {
	f := calendar.Feed{Name: m.Campaign.Name, Workspace: feedID}
	for _, p := range m.Pieces {
		f.Events = append(f.Events, calendar.Event{PieceID: p.ID, At: p.ScheduledAt.UTC(), Platform: p.Platform, Status: "exported",
			Summary: fmt.Sprintf("%s · %s · %s", p.Platform, p.Persona, p.Language), Description: p.Text})
	}
	var b bytes.Buffer
	if err := calendar.WriteICS(&b, f, time.Now()); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// writeHootsuite writes the pieces as Hootsuite's bulk composer reads
// them, with the link a piece's text ends in, or says why Hootsuite would
// refuse the file (a time too soon or off its 5-minute grid, a text too
// long), writing nothing.
func writeHootsuite(path string, m *Manifest, loc *time.Location) error {
	var entries []calendar.Entry
	for _, p := range m.Pieces {
		entries = append(entries, calendar.Entry{PieceID: p.ID, Platform: p.Platform, At: p.ScheduledAt.UTC(), Text: p.Text})
	}
	var b bytes.Buffer
	if err := calendar.WriteHootsuiteCSV(&b, entries, loc, time.Now()); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
