package calendar

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// readBack parses a bulk file the way its tool specifies: encoding/csv,
// the header in its exact order (or none), every row as wide as the
// format, and the date read with the format's exact layout in the
// account's zone.
func readBack(t *testing.T, f BulkFormat, data []byte, loc *time.Location) ([][]string, []time.Time) {
	t.Helper()
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("%s: a byte-order mark or no CRLF: %q", f.Name, data)
	}
	r := csv.NewReader(bytes.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	if f.Header != nil {
		if len(rows) == 0 || !reflect.DeepEqual(rows[0], f.Header) {
			t.Fatalf("%s header %q, want %q", f.Name, rows[0], f.Header)
		}
		rows = rows[1:]
	}
	dateCol, timeCol := -1, -1
	for i, h := range f.Header {
		switch h {
		case "Posting Time", "Date":
			dateCol = i
		case "Time":
			timeCol = i
		}
	}
	if f.Header == nil {
		dateCol = 0
	}
	var times []time.Time
	for _, row := range rows {
		s, layout := row[dateCol], f.DateLayout
		if timeCol >= 0 {
			s, layout = s+" "+row[timeCol], layout+" "+f.TimeLayout
		}
		at, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			t.Fatalf("%s: date %q does not parse with %q: %v", f.Name, s, layout, err)
		}
		times = append(times, at)
	}
	return rows, times
}

func sampleEntries(loc *time.Location) []Entry {
	return []Entry{
		{PieceID: 3, Platform: "instagram", At: time.Date(2026, 4, 2, 11, 0, 0, 0, loc).UTC(), Text: "Recharge d'automne, \"Feu de bois\";\nla cire seule.", MediaFiles: []string{"instagram/03.jpg", "instagram/03b.jpg"}},
		{PieceID: 1, Platform: "facebook", At: time.Date(2026, 4, 1, 9, 0, 0, 0, loc).UTC(), Text: "Bonjour", Link: "https://lumen.example/r", MediaFiles: []string{"https://cdn.example/1.jpg"}},
		{PieceID: 2, Platform: "instagram", At: time.Date(2026, 3, 29, 3, 0, 0, 0, loc).UTC(), Text: "Après le changement d'heure", MediaFiles: []string{"instagram/02.jpg"}},
	}
}

// TestBulkFilesReadBack writes every tool's files for a plan on two
// platforms and reads each back as the tool does: one file per platform,
// in time order, the text whole, the times equal to the plan's on the
// account's clock (across the spring change), the media as URLs.
func TestBulkFilesReadBack(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, paris)
	for _, f := range BulkFormats() {
		files, err := BulkCSVs(f.Tool, sampleEntries(paris), BulkOptions{Location: paris, Now: now, MediaBaseURL: "https://files.example/bundle/"})
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if len(files) != 2 || files[0].Platform != "instagram" || files[1].Platform != "facebook" || files[0].Name != string(f.Tool)+"-instagram.csv" || files[0].Rows != 2 {
			t.Fatalf("%s: files %+v", f.Name, files)
		}
		rows, times := readBack(t, f, files[0].Data, paris)
		if len(rows) != 2 || !times[0].Equal(sampleEntries(paris)[2].At) || !times[1].Equal(sampleEntries(paris)[0].At) {
			t.Errorf("%s: times %v", f.Name, times)
		}
		for _, row := range rows {
			if len(row) != max(len(f.Header), 3) {
				t.Errorf("%s: row %q", f.Name, row)
			}
		}
		joined := strings.Join(rows[1], "|")
		if !strings.Contains(joined, sampleEntries(paris)[0].Text) {
			t.Errorf("%s: text lost: %q", f.Name, rows[1])
		}
		if f.MediaURLs > 0 && !strings.Contains(joined, "https://files.example/bundle/instagram/03.jpg") {
			t.Errorf("%s: media URL missing: %q", f.Name, rows[1])
		}
		if len(files[0].Notes) == 0 || !strings.Contains(strings.Join(files[0].Notes, " "), "03b.jpg") {
			t.Errorf("%s: notes %q", f.Name, files[0].Notes)
		}
	}
}

// TestBulkLayouts pins each tool's exact row.
func TestBulkLayouts(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, paris)
	e := []Entry{{PieceID: 1, Platform: "facebook", At: time.Date(2026, 4, 1, 9, 5, 0, 0, paris).UTC(), Text: "Bonjour", Link: "https://lumen.example/r", MediaFiles: []string{"https://cdn.example/1.jpg"}}}
	want := map[Tool]string{
		Hootsuite:         "04/01/2026 09:05,Bonjour,https://lumen.example/r\r\n",
		Buffer:            "Text,Image URL,Tags,Posting Time\r\n\"Bonjour\r\nhttps://lumen.example/r\",https://cdn.example/1.jpg,,2026-04-01 09:05\r\n",
		Later:             "Date,Time,Caption,Media URL,Link\r\n2026-04-01,09:05,Bonjour,https://cdn.example/1.jpg,https://lumen.example/r\r\n",
		MetaBusinessSuite: "Text,Link,Media URL,Date,Time\r\nBonjour,https://lumen.example/r,https://cdn.example/1.jpg,04/01/2026,09:05\r\n",
	}
	for tool, w := range want {
		var b bytes.Buffer
		if _, err := WriteBulkCSV(&b, tool, e, BulkOptions{Location: paris, Now: now}); err != nil || b.String() != w {
			t.Errorf("%s: %q (%v), want %q", tool, b.String(), err, w)
		}
	}
	var b bytes.Buffer
	if _, err := WriteBulkCSV(&b, Hootsuite, e, BulkOptions{Location: paris, Now: now, DayFirst: true}); err != nil || !strings.HasPrefix(b.String(), "01/04/2026 09:05,") {
		t.Errorf("day first: %q %v", b.String(), err)
	}
	if _, err := WriteBulkCSV(&b, "sprout", e, BulkOptions{}); err == nil || !strings.Contains(err.Error(), "buffer, hootsuite, later and meta") {
		t.Errorf("unknown tool: %v", err)
	}
}

// TestBulkLimits is the table of what each tool refuses: each case names
// the piece and the limit, and nothing is written.
func TestBulkLimits(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, paris)
	ok := time.Date(2026, 4, 1, 9, 0, 0, 0, paris).UTC()
	img := []string{"https://cdn.example/a.jpg"}
	cases := []struct {
		name  string
		tool  Tool
		e     Entry
		limit string
		says  string
	}{
		{"X over 280 on Buffer", Buffer, Entry{PieceID: 9, Platform: "x", At: ok, Text: strings.Repeat("a", 281)}, "text_limit", "281 characters, over 280"},
		{"a link counts as 23 on X", Hootsuite, Entry{PieceID: 9, Platform: "x", At: ok, Text: strings.Repeat("a", 257), Link: "https://lumen.example/a-very-long-path-that-is-shortened"}, "text_limit", "281 characters"},
		{"Bluesky counts graphemes", Buffer, Entry{PieceID: 9, Platform: "bluesky", At: ok, Text: strings.Repeat("👍🏽", 301)}, "text_limit", "301 characters, over 300"},
		{"Instagram without media on Later", Later, Entry{PieceID: 4, Platform: "instagram", At: ok, Text: "hi"}, "media", "need an image or a video"},
		{"LinkedIn on Meta", MetaBusinessSuite, Entry{PieceID: 5, Platform: "linkedin", At: ok, Text: "hi"}, "platform", "[facebook instagram]"},
		{"too soon for Meta", MetaBusinessSuite, Entry{PieceID: 6, Platform: "facebook", At: now.Add(9 * time.Minute), Text: "hi"}, "min_lead", "10 minutes"},
		{"in the past for Later", Later, Entry{PieceID: 6, Platform: "facebook", At: now.Add(-time.Minute), Text: "hi", MediaFiles: img}, "min_lead", "plan it later"},
		{"off Hootsuite's grid", Hootsuite, Entry{PieceID: 7, Platform: "facebook", At: ok.Add(7 * time.Minute), Text: "hi"}, "minute_step", "09:05"},
		{"twice at the autumn change", Buffer, Entry{PieceID: 8, Platform: "facebook", At: time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), Text: "hi"}, "ambiguous_time", "happens twice"},
		{"no schedule", Buffer, Entry{PieceID: 10, Platform: "facebook", Text: "hi"}, "time", "schedule it first"},
		{"nothing to post", Hootsuite, Entry{PieceID: 11, Platform: "facebook", At: ok}, "media", "neither text nor media"},
	}
	for _, c := range cases {
		var b bytes.Buffer
		_, err := WriteBulkCSV(&b, c.tool, []Entry{c.e}, BulkOptions{Location: paris, Now: now})
		var be *BulkError
		if !errors.As(err, &be) || be.PieceID != c.e.PieceID || be.Limit != c.limit || !strings.Contains(err.Error(), c.says) || b.Len() != 0 {
			t.Errorf("%s: %v (%+v, wrote %d bytes)", c.name, err, be, b.Len())
		}
	}
	dup := []Entry{{PieceID: 1, Platform: "facebook", At: ok, Text: "same"}, {PieceID: 2, Platform: "facebook", At: ok.Add(time.Hour), Text: "same"}}
	if _, err := WriteBulkCSV(&bytes.Buffer{}, Hootsuite, dup, BulkOptions{Location: paris, Now: now}); err == nil || !strings.Contains(err.Error(), "piece 2: the same text as piece 1") {
		t.Errorf("duplicates: %v", err)
	}
	mixed := []Entry{{PieceID: 1, Platform: "facebook", At: ok, Text: "a"}, {PieceID: 2, Platform: "x", At: ok, Text: "b"}}
	if _, err := WriteBulkCSV(&bytes.Buffer{}, Buffer, mixed, BulkOptions{Location: paris, Now: now}); err == nil || !strings.Contains(err.Error(), "one file per platform") {
		t.Errorf("mixed platforms: %v", err)
	}
	many := make([]Entry, 51)
	for i := range many {
		many[i] = Entry{PieceID: int64(i + 1), Platform: "facebook", At: ok.Add(time.Duration(i) * time.Hour), Text: "post " + strings.Repeat("!", i)}
	}
	if _, err := WriteBulkCSV(&bytes.Buffer{}, MetaBusinessSuite, many, BulkOptions{Location: paris, Now: now}); err == nil || !strings.Contains(err.Error(), "at most 50 posts") {
		t.Errorf("51 posts for Meta: %v", err)
	}
	if _, err := BulkCSVs(Later, append(mixed, Entry{PieceID: 3, Platform: "instagram", At: ok, Text: "c"}), BulkOptions{Location: paris, Now: now}); err == nil || !strings.Contains(err.Error(), "piece 3") {
		t.Errorf("one bad file among three: %v", err)
	}
}
