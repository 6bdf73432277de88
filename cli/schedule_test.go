package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/studio"
	"atelier/studio/calendar"
)

// TestScheduleAndCalendarCommands plans two pieces in the brand's zone,
// refuses the time the clocks skip and a date that is none, prints the
// agenda with the gap they break, and writes the feed.
func TestScheduleAndCalendarCommands(t *testing.T) {
	home := t.TempDir()
	t.Setenv("ATELIER_HOME", home)
	ws, err := openWorkspace("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	brief := studio.SampleBrief(0)
	brief.Platforms, brief.Personas = []string{"x"}, []string{"design-lovers"}
	_, b, err := ws.StartCampaign(ctx, "Calendar", brief)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, b, nil); err != nil {
		t.Fatal(err)
	}
	ps, _ := ws.Pieces(ctx, studio.PieceFilter{BriefID: b.ID})
	ws.Close()
	if len(ps) != 2 {
		t.Fatalf("%d pieces", len(ps))
	}
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := commands[args[0]](ctx, streams{out: &out, log: io.Discard, ui: "en"}, args[1:])
		return out.String(), err
	}
	id := func(i int) string { return string(rune('0' + ps[i].ID)) }
	if _, err := run("schedule", id(0), "2027-03-28 02:30"); !errors.As(err, new(*calendar.NonexistentTimeError)) || !strings.Contains(err.Error(), "03:00 CEST") {
		t.Fatalf("a skipped time: %v", err)
	}
	if _, err := run("schedule", id(0), "next tuesday"); !errors.Is(err, calendar.ErrUnparsable) {
		t.Fatalf("no date: %v", err)
	}
	out, err := run("schedule", id(0), "2027-03-29 09:00")
	if err != nil || !strings.Contains(out, "Mon 29 Mar 2027 09:00 (Europe/Paris, 07:00 UTC)") {
		t.Fatalf("schedule: %v %q", err, out)
	}
	if out, err = run("schedule", id(1), "2027-03-29T07:10:00Z"); err != nil || !strings.Contains(out, "calendar.min_gap") {
		t.Fatalf("the second, 10 min later: %v %q", err, out)
	}
	ics := filepath.Join(home, "plan.ics")
	if out, err = run("calendar", "--json", "--ics", ics); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Zone    string `json:"zone"`
		Planned []struct {
			PieceID int64  `json:"piece_id"`
			Local   string `json:"local"`
		} `json:"planned"`
		Conflicts []calendar.Conflict `json:"conflicts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Zone != "Europe/Paris" || len(got.Planned) != 2 || got.Planned[0].Local != "2027-03-29T09:00:00+02:00" || len(got.Conflicts) != 1 || got.Conflicts[0].Rule != calendar.RuleMinGap {
		t.Fatalf("calendar --json: %s", out)
	}
	if feed, err := os.ReadFile(ics); err != nil || strings.Count(string(feed), "BEGIN:VEVENT") != 2 || !strings.Contains(string(feed), "DTSTART:20270329T070000Z") {
		t.Fatalf("the feed: %v\n%s", err, feed)
	}
	if out, err = run("schedule", "--clear", id(1)); err != nil || !strings.Contains(out, "unscheduled") {
		t.Fatalf("--clear: %v %q", err, out)
	}
}
