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
	At          time.Time     // UTC; a zero time is not on the calendar and is left out
	Duration    time.Duration // 0: DefaultEventDuration
	Summary     string
	Description string
	Platform    string // CATEGORIES
	Status      string // the workflow state: approved and exported are CONFIRMED, cancelled/rejected CANCELLED, the rest TENTATIVE
	URL         string // optional; an absolute URI
}

// DefaultEventDuration is how long a post's event lasts in a calendar app:
// a post is an instant, but an event needs a length to be seen.
const DefaultEventDuration = 15 * time.Minute

// Feed is a calendar of the brand's pieces.
type Feed struct {
	Name      string // X-WR-CALNAME
	Workspace string // makes the UIDs unique to this data folder
	Events    []Event
}

// ProdID is the feed's PRODID (RFC 5545 §3.7.3).
const ProdID = "-//Atelier//Content calendar//EN"

// UID is a piece's stable identifier in the feed: the same piece keeps it
// in every export, so a calendar app updates the event instead of adding one.
func (f Feed) UID(pieceID int64) string {
	return fmt.Sprintf("piece-%d@%s.atelier", pieceID, f.Workspace)
}

// FeedError is an event the feed cannot carry.
type FeedError struct {
	PieceID int64
	Field   string
	Problem string
}

func (e *FeedError) Error() string {
	return fmt.Sprintf("calendar feed: piece %d: %s %s", e.PieceID, e.Field, e.Problem)
}

// WriteICS writes the feed as RFC 5545 iCalendar: CRLF line ends, lines
// folded at 75 octets without splitting a character, TEXT escaped, every
// time in UTC. stamp is DTSTAMP, the time the feed is made. Events with no
// time are left out; an URL with a space or a control character is a
// *FeedError and nothing is written.
func WriteICS(w io.Writer, f Feed, stamp time.Time) error {
	for _, e := range f.Events {
		if strings.ContainsFunc(e.URL, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			return &FeedError{PieceID: e.PieceID, Field: "URL", Problem: fmt.Sprintf("%q holds a space or a control character; percent-encode it", e.URL)}
		}
	}
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", escapeText(f.Name))
	line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H") // RFC 7986 §5.7: how often a subscriber reloads
	line("X-PUBLISHED-TTL", "PT1H")
	for _, e := range f.Events {
		if !e.At.IsZero() {
			writeEvent(line, f.UID(e.PieceID), e, stamp)
		}
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// writeEvent writes one VEVENT.
func writeEvent(line func(name, value string), uid string, e Event, stamp time.Time) {
	line("BEGIN", "VEVENT")
	line("UID", uid)
	line("DTSTAMP", icsTime(stamp))
	line("DTSTART", icsTime(e.At))
	d := e.Duration
	if d <= 0 {
		d = DefaultEventDuration
	}
	line("DURATION", icsDuration(d))
	line("SUMMARY", escapeText(e.Summary))
	if e.Description != "" {
		line("DESCRIPTION", escapeText(e.Description))
	}
	if e.Platform != "" {
		line("CATEGORIES", escapeText(e.Platform))
	}
	line("STATUS", icsStatus(e.Status))
	if e.URL != "" {
		line("URL", e.URL)
	}
	line("END", "VEVENT")
}

// icsStatus maps a workflow state to a VEVENT STATUS (§3.8.1.11).
func icsStatus(state string) string {
	switch state {
	case "approved", "exported":
		return "CONFIRMED"
	case "rejected", "cancelled":
		return "CANCELLED"
	}
	return "TENTATIVE"
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icsDuration writes a positive duration as dur-time (§3.3.6), in whole
// minutes at least one.
func icsDuration(d time.Duration) string {
	m := max(int(d.Minutes()), 1)
	if m%60 == 0 {
		return fmt.Sprintf("PT%dH", m/60)
	}
	return fmt.Sprintf("PT%dM", m)
}

// textEscaper escapes a TEXT value (RFC 5545 §3.3.11): backslash,
// semicolon, comma and line breaks.
var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func escapeText(s string) string { return textEscaper.Replace(stripControls(s)) }

// stripControls drops the control characters TEXT may not hold (§3.3.11
// excludes CONTROL but for HTAB; line breaks are escaped, not dropped).
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < ' ' && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// writeFolded writes a content line, folded so that no line is longer
// than 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence: the
// continuation starts with a space, which counts in its 75.
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
		limit = 74
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
