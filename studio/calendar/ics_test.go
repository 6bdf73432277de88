package calendar

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

func sampleFeed() Feed {
	return Feed{Name: "Maison Lumen, automne", Workspace: "a1b2", Events: []Event{
		{PieceID: 7, At: time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC), Summary: "Instagram · Design lovers; «Feu de bois», recharge",
			Description: strings.Repeat("La recharge d'automne arrive, changez seulement la cire. ", 4) + "\nLigne 2 \\ fin", Platform: "instagram", Status: "approved"},
		{PieceID: 8, At: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), Summary: "X · Parents urbains 🕯️", Platform: "x", Status: "in_review"},
	}}
}

// TestFeedFollowsRFC5545 checks the feed against the RFC's grammar (CRLF,
// 75-octet folding on character boundaries, escaping, UTC times, stable
// UIDs), then parses it with golang-ical and finds every event whole.
func TestFeedFollowsRFC5545(t *testing.T) {
	var b bytes.Buffer
	stamp := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := WriteICS(&b, sampleFeed(), stamp); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") || !strings.HasSuffix(raw, "\r\n") {
		t.Fatal("a line does not end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("line %d is %d octets or splits a character: %q", i+1, len(l), l)
		}
	}
	unfolded := strings.ReplaceAll(raw, "\r\n ", "")
	content := regexp.MustCompile(`^[A-Z-]+(;[^:]*)?:.*$`)
	var starts []string
	for _, l := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		if !content.MatchString(l) {
			t.Errorf("not a content line: %q", l)
		}
		if v, ok := strings.CutPrefix(l, "DTSTART:"); ok {
			starts = append(starts, v)
		}
	}
	if strings.Join(starts, " ") != "20260329T070000Z 20261025T013000Z" {
		t.Errorf("DTSTART %v", starts)
	}
	for _, want := range []string{`SUMMARY:Instagram · Design lovers\; «Feu de bois»\, recharge`, `\nLigne 2 \\ fin`, "UID:piece-7@a1b2.atelier", "DTSTAMP:20260301T120000Z", "STATUS:CONFIRMED", "STATUS:TENTATIVE"} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("the feed lacks %q", want)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("golang-ical refuses the feed: %v", err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events parsed", len(events))
	}
	start, err := events[0].GetStartAt()
	if err != nil || !start.Equal(sampleFeed().Events[0].At) {
		t.Errorf("first event starts %v (%v)", start, err)
	}
	if got := events[0].GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(got, "fin") || strings.Contains(got, "\r\n ") {
		t.Errorf("description after unfolding: %q", got)
	}
	if got := events[0].GetProperty(ics.ComponentPropertySummary).Value; got != sampleFeed().Events[0].Summary {
		t.Errorf("golang-ical reads the summary as %q", got)
	}
	var again bytes.Buffer
	WriteICS(&again, sampleFeed(), stamp)
	if again.String() != raw {
		t.Error("the same plan gave a different feed")
	}
}

// unfold undoes RFC 5545 §3.1 folding.
func unfold(raw string) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(raw, "\r\n ", ""), "\r\n"), "\r\n")
}

// unescapeText undoes §3.3.11 escaping, strictly: a backslash before
// anything but \\ ; , n N is an error.
func unescapeText(t *testing.T, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			if s[i] == ';' || s[i] == ',' {
				t.Errorf("unescaped %q in %q", s[i], s)
			}
			b.WriteByte(s[i])
			continue
		}
		i++
		switch {
		case i == len(s):
			t.Errorf("trailing backslash in %q", s)
		case s[i] == 'n' || s[i] == 'N':
			b.WriteByte('\n')
		case s[i] == '\\' || s[i] == ';' || s[i] == ',':
			b.WriteByte(s[i])
		default:
			t.Errorf("bad escape \\%c in %q", s[i], s)
		}
	}
	return b.String()
}

// TestICSFoldingAndEscapingRoundTrip: for texts of every width (ASCII,
// accents, CJK, emoji) and every special character, each physical line is
// at most 75 octets and valid UTF-8, and unfolding then unescaping gives
// the text back.
func TestICSFoldingAndEscapingRoundTrip(t *testing.T) {
	texts := []string{
		"plain",
		"a;b,c\\d\ne\r\nf",
		strings.Repeat("é", 100),
		strings.Repeat("日本語のテキスト", 20),
		strings.Repeat("🕯️ bougie, ", 30),
		strings.Repeat("x", 74) + "é" + strings.Repeat("y", 80),
		"\\;,\n" + strings.Repeat("\\", 80),
	}
	for _, text := range texts {
		var b bytes.Buffer
		f := Feed{Name: text, Workspace: "w", Events: []Event{{PieceID: 1, At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Summary: text, Description: text}}}
		if err := WriteICS(&b, f, time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
				t.Errorf("line of %d octets: %q", len(l), l)
			}
		}
		want := strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		found := 0
		for _, l := range unfold(b.String()) {
			for _, name := range []string{"SUMMARY:", "DESCRIPTION:", "X-WR-CALNAME:"} {
				if v, ok := strings.CutPrefix(l, name); ok {
					found++
					if got := unescapeText(t, v); got != want {
						t.Errorf("%s round trip: %q, want %q", name, got, want)
					}
				}
			}
		}
		if found != 3 {
			t.Errorf("%d text properties found", found)
		}
	}
}

// TestICSEventsFromEntries: the feed of entries has one event per
// scheduled entry, in time order, with a UID that depends only on the
// workspace and the piece, DTSTART in UTC, and an unscheduled entry left
// out; a URL with a space is refused.
func TestICSEventsFromEntries(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	entries := []Entry{
		{PieceID: 42, Platform: "linkedin", At: time.Date(2026, 10, 25, 2, 30, 0, 0, time.FixedZone("CET", 3600)), Text: "Second\nline two", Link: "https://ex.example/a"},
		{PieceID: 41, Platform: "x", At: time.Date(2026, 3, 29, 3, 0, 0, 0, paris), Text: "First"},
		{PieceID: 43, Platform: "x", Text: "not scheduled"},
	}
	var b bytes.Buffer
	if err := WriteICS(&b, FeedOf("Lumen", "ws1", entries, "approved"), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	start := regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	var uids, starts []string
	for _, l := range unfold(b.String()) {
		if v, ok := strings.CutPrefix(l, "UID:"); ok {
			uids = append(uids, v)
		}
		if v, ok := strings.CutPrefix(l, "DTSTART:"); ok {
			if !start.MatchString(v) {
				t.Errorf("DTSTART %q", v)
			}
			starts = append(starts, v)
		}
	}
	if strings.Join(uids, " ") != "piece-41@ws1.atelier piece-42@ws1.atelier" || strings.Join(starts, " ") != "20260329T010000Z 20261025T013000Z" {
		t.Errorf("uids %v starts %v", uids, starts)
	}
	for _, want := range []string{"SUMMARY:x · First", `DESCRIPTION:Second\nline two\n\nhttps://ex.example/a`, "CATEGORIES:linkedin", "DURATION:PT15M", "STATUS:CONFIRMED", "METHOD:PUBLISH", "CALSCALE:GREGORIAN", "PRODID:" + ProdID} {
		if !strings.Contains(strings.Join(unfold(b.String()), "\n"), want) {
			t.Errorf("the feed lacks %q", want)
		}
	}
	bad := Feed{Workspace: "w", Events: []Event{{PieceID: 5, At: time.Now(), URL: "https://ex.example/a b"}}}
	var fe *FeedError
	if err := WriteICS(&bytes.Buffer{}, bad, time.Now()); !errors.As(err, &fe) || fe.PieceID != 5 || !strings.Contains(err.Error(), "percent-encode") {
		t.Errorf("URL with a space: %v", err)
	}
}
