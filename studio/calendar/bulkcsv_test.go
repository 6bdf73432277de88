package calendar

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestHootsuiteBulkFile writes a file and reads it back as Hootsuite's
// bulk composer does: no header, three columns, month-first dates on a
// 24-hour clock in the account's zone; then each rule it enforces.
func TestHootsuiteBulkFile(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, paris)
	entries := []Entry{
		{PieceID: 1, Platform: "x", At: time.Date(2026, 3, 29, 9, 0, 0, 0, paris).UTC(), Text: "Notre bougie, \"Feu de bois\", arrive;\nla cire se recharge.", Link: "https://maisonlumen.example/r"},
		{PieceID: 2, Platform: "linkedin", At: time.Date(2026, 3, 30, 18, 45, 0, 0, paris).UTC(), Text: "Recharge d'automne"},
	}
	var b bytes.Buffer
	if err := WriteHootsuiteCSV(&b, entries, paris, now); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	for i, r := range rows {
		if len(r) != 3 {
			t.Fatalf("row %d has %d columns", i, len(r))
		}
		at, err := time.ParseInLocation(HootsuiteLayout, r[0], paris)
		if err != nil || !at.Equal(entries[i].At) || r[1] != entries[i].Text || r[2] != entries[i].Link {
			t.Errorf("row %d: %q (%v)", i, r, err)
		}
	}
	if rows[0][0] != "03/29/2026 09:00" {
		t.Errorf("the date after the clocks changed: %q", rows[0][0])
	}
	bad := []struct {
		name string
		e    Entry
		says string
	}{
		{"too soon", Entry{PieceID: 7, Platform: "x", At: now.Add(5 * time.Minute)}, "10 minutes"},
		{"off the 5-minute grid", Entry{PieceID: 8, Platform: "x", At: time.Date(2026, 3, 29, 9, 2, 0, 0, paris)}, "09:00"},
		{"too long for X", Entry{PieceID: 9, Platform: "x", At: time.Date(2026, 3, 29, 9, 5, 0, 0, paris), Text: strings.Repeat("é", 281)}, "281 characters, over 280"},
	}
	for _, c := range bad {
		var out bytes.Buffer
		err := WriteHootsuiteCSV(&out, append(entries, c.e), paris, now)
		var be *BulkError
		if !errors.As(err, &be) || be.PieceID != c.e.PieceID || !strings.Contains(err.Error(), c.says) || out.Len() != 0 {
			t.Errorf("%s: %v (wrote %d bytes)", c.name, err, out.Len())
		}
	}
	many := make([]Entry, HootsuiteMaxRows+1)
	for i := range many {
		many[i] = Entry{PieceID: int64(i + 1), Platform: "x", At: time.Date(2026, 4, 1, 9, 0, 0, 0, paris).Add(time.Duration(i) * time.Hour)}
	}
	if err := WriteHootsuiteCSV(&bytes.Buffer{}, many, paris, now); err == nil || !strings.Contains(err.Error(), "at most 350") {
		t.Errorf("351 posts: %v", err)
	}
}
