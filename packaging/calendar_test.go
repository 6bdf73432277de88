package packaging_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"atelier/packaging"
	"atelier/studio"
	"atelier/studio/calendar"
)

// TestExportKeepsThePlan: a piece planned on the calendar is exported at
// its time, the other follows --start; the manifest lists them in time
// order and calendar.ics holds both, in UTC, with the studio's UIDs.
func TestExportKeepsThePlan(t *testing.T) {
	ws, c := approvedCampaign(t)
	ctx := context.Background()
	ps, _ := ws.Pieces(ctx, studio.PieceFilter{CampaignID: c.ID, State: studio.StateApproved})
	soon := time.Now().In(ws.Zone()).AddDate(0, 1, 0) // Hootsuite takes only times to come
	planned := time.Date(soon.Year(), soon.Month(), soon.Day(), 18, 45, 0, 0, ws.Zone())
	if _, err := ws.Schedule(ctx, ps[1].ID, planned, studio.User{Name: "Camille"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "bundle")
	start := time.Date(soon.Year(), soon.Month(), soon.Day()+1, 9, 0, 0, 0, ws.Zone())
	m, err := packaging.ExportCampaign(ctx, ws, packaging.ExportOptions{CampaignID: c.ID, Out: out, Start: start, User: studio.User{Name: "Camille"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Pieces) != 2 || m.Pieces[0].ID != ps[1].ID || !m.Pieces[0].ScheduledAt.Equal(planned) || !m.Pieces[1].ScheduledAt.Equal(start) {
		t.Fatalf("schedule in the manifest: %v %v / %v %v", m.Pieces[0].ID, m.Pieces[0].ScheduledAt, m.Pieces[1].ID, m.Pieces[1].ScheduledAt)
	}
	feed, err := os.ReadFile(filepath.Join(out, "calendar.ics"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DTSTART:" + planned.UTC().Format("20060102T150405Z"), "DTSTART:" + start.UTC().Format("20060102T150405Z"),
		"UID:piece-" + strconv.FormatInt(ps[1].ID, 10) + "@" + ws.FeedID() + ".atelier"} {
		if !strings.Contains(string(feed), want) {
			t.Errorf("calendar.ics lacks %q", want)
		}
	}
	rows, err := csv.NewReader(mustOpen(t, filepath.Join(out, "hootsuite.csv"))).ReadAll()
	if err != nil || len(rows) != 2 || rows[0][0] != planned.Format(calendar.HootsuiteLayout) || rows[1][1] != m.Pieces[1].Text {
		t.Fatalf("hootsuite.csv: %v %q; notes %v", err, rows, m.Notes)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
