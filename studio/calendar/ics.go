package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one piece in the feed.
type Event struct {
	PieceID     int64
	At          time.Time // UTC
	Duration    time.Duration
	Summary     string
	Description string
	Platform    string
	Status      string // the workflow state
	URL         string
}

// Feed is a calendar of the brand's pieces.
type Feed struct {
	Name      string // X-WR-CALNAME
	Workspace string // makes the UIDs unique to this data folder
	Events    []Event
}

// UID is a piece's stable identifier in the feed: the same piece keeps it
// in every export, so a calendar app updates the event instead of adding one.
func (f Feed) UID(pieceID int64) string {
	return fmt.Sprintf("piece-%d@%s.atelier", pieceID, f.Workspace)
}

// WriteICS writes the feed as RFC 5545 iCalendar: CRLF line ends, lines
// folded at 75 octets without splitting a character, TEXT escaped, every
// time in UTC. stamp is DTSTAMP, the time the feed is made.
func WriteICS(w io.Writer, f Feed, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Atelier//Content calendar//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", escapeText(f.Name))
	for _, e := range f.Events {
		line("BEGIN", "VEVENT")
		line("UID", f.UID(e.PieceID))
		line("DTSTAMP", icsTime(stamp))
		line("DTSTART", icsTime(e.At))
		d := e.Duration
		if d <= 0 {
			d = 15 * time.Minute
		}
		line("DURATION", fmt.Sprintf("PT%dM", int(d.Minutes())))
		line("SUMMARY", escapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", escapeText(e.Description))
		}
		if e.Platform != "" {
			line("CATEGORIES", escapeText(e.Platform))
		}
		status := "TENTATIVE"
		if e.Status == "approved" || e.Status == "exported" {
			status = "CONFIRMED"
		}
		line("STATUS", status)
		if e.URL != "" {
			line("URL", e.URL)
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// writeFolded writes a content line, folded so that no line is longer
// than 75 octets (RFC 5545 §3.1): the continuation starts with a space.
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
