package calendar

import (
	"bytes"
	"context"
	"io"
	"net/http"
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
	var again bytes.Buffer
	WriteICS(&again, sampleFeed(), stamp)
	if again.String() != raw {
		t.Error("the same plan gave a different feed")
	}
}

func TestFeedServerIsLocalAndReadOnly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := Serve(ctx, "0.0.0.0:0", nil); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("serving on every interface: %v", err)
	}
	url, err := Serve(ctx, "127.0.0.1:0", func() ([]byte, error) { return []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), nil })
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" || !strings.HasPrefix(string(body), "BEGIN:VCALENDAR") {
		t.Fatalf("GET: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, err = http.Post(url, "text/calendar", strings.NewReader("x"))
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := http.Get(url); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the feed still answers after its context ended")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
