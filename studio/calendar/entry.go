package calendar

import (
	"sort"
	"strings"
	"time"
)

// Entry is one post for the outputs (the feed and the schedulers' CSVs),
// independent of the studio's types.
type Entry struct {
	PieceID    int64
	Platform   string    // a registry id: "instagram", "x"…
	At         time.Time // UTC
	Text       string    // the post as published
	Link       string    // optional
	MediaFiles []string  // images or the video: local paths (relative to the bundle) or http(s) URLs
	Title      string    // optional (YouTube, Pinterest); else the feed's summary is made from the platform
}

// Event is the entry as a feed event in the workflow state state.
func (e Entry) Event(state string) Event {
	summary := e.Title
	if summary == "" {
		summary = e.Platform + " · " + firstLine(e.Text, 60)
	}
	desc := e.Text
	if e.Link != "" {
		desc += "\n\n" + e.Link
	}
	return Event{PieceID: e.PieceID, At: e.At, Summary: summary, Description: desc, Platform: e.Platform, Status: state}
}

// FeedOf is a feed of the entries, in time order, all in the workflow
// state state.
func FeedOf(name, workspace string, entries []Entry, state string) Feed {
	f := Feed{Name: name, Workspace: workspace}
	for _, e := range sortedEntries(entries) {
		f.Events = append(f.Events, e.Event(state))
	}
	return f
}

// firstLine is s's first line, cut to n characters with an ellipsis.
func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// sortedEntries are the entries by time, then piece, without changing the
// caller's slice.
func sortedEntries(entries []Entry) []Entry {
	out := append([]Entry(nil), entries...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return out[i].PieceID < out[j].PieceID
	})
	return out
}
