package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"time"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/calendar"
	"atelier/translations"
)

type scheduleOptions struct {
	piece int64
	when  string
	clear bool
}

func parseSchedule(args []string) (scheduleOptions, error) {
	var o scheduleOptions
	fs := newFlags("schedule", "usage: atelier schedule PIECE WHEN\n       atelier schedule --clear PIECE\n\nPlans a piece: WHEN is RFC 3339 (2026-03-02T09:00:00+01:00) or a date and time in the\nbrand's zone (identity.timezone): \"2026-03-02 09:00\". A time the clocks skip or repeat\nat a daylight-saving change is refused with the nearest valid times.")
	fs.BoolVar(&o.clear, "clear", false, "unschedule the piece")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	want := 2
	if o.clear {
		want = 1
	}
	if fs.NArg() != want {
		fs.Usage()
		return o, errFailed
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return o, fmt.Errorf("%q is not a piece number (see atelier calendar --json)", fs.Arg(0))
	}
	o.piece, o.when = id, fs.Arg(1)
	return o, nil
}

func runSchedule(ctx context.Context, s streams, o scheduleOptions) error {
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	loc := ws.Zone()
	var at time.Time
	if !o.clear {
		if at, err = calendar.ParseWhen(o.when, loc); err != nil {
			return err
		}
	}
	c, err := ws.Schedule(ctx, o.piece, at, studio.LocalUser())
	if err != nil {
		return err
	}
	if o.clear {
		fmt.Fprintf(s.out, "piece %d is unscheduled\n", o.piece)
		return nil
	}
	fmt.Fprintf(s.out, "piece %d: %s (%s, %s UTC)\n", o.piece, c.To.In(loc).Format("Mon 2 Jan 2006 15:04"), loc, c.To.Format("15:04"))
	return printConflicts(ctx, s, ws, o.piece)
}

// printConflicts says the rules the plan breaks; only those of one piece
// when id is not 0.
func printConflicts(ctx context.Context, s streams, ws *studio.Workspace, id int64) error {
	cs, err := ws.PlanConflicts(ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if id == 0 || containsID(c.PieceIDs, id) {
			fmt.Fprintf(s.out, "  %s %s %v: %s\n", translations.Say(s.ui, "warning", "warning", nil), c.Rule, c.PieceIDs, translations.Say(s.ui, c.Rule, calendar.Phrase(c.Rule), c.Args))
		}
	}
	return nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

type calendarOptions struct {
	campaign int64
	from, to string
	ics      string
	serve    string
	json     bool
}

func parseCalendar(args []string) (calendarOptions, error) {
	var o calendarOptions
	fs := newFlags("calendar", "usage: atelier calendar [--campaign ID] [--from 2026-03-01] [--to 2026-04-01] [--ics FILE] [--serve 127.0.0.1:8765] [--json]\n\nPrints the agenda in the brand's zone and the rules it breaks (the gap between two posts on\none platform, posts a day, the review lead, quiet hours). --ics writes an RFC 5545 feed;\n--serve serves it read-only on loopback for a calendar app to subscribe to, until Ctrl+C.")
	fs.Int64Var(&o.campaign, "campaign", 0, "only this campaign's pieces")
	fs.StringVar(&o.from, "from", "", "first day, in the brand's zone (default: every planned piece)")
	fs.StringVar(&o.to, "to", "", "the day after the last")
	fs.StringVar(&o.ics, "ics", "", "write the feed to FILE")
	fs.StringVar(&o.serve, "serve", "", "serve the feed at this loopback address")
	fs.BoolVar(&o.json, "json", false, "print the agenda and the conflicts as JSON")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return o, errFailed
	}
	return o, nil
}

// agendaEntry is one planned piece in --json.
type agendaEntry struct {
	PieceID  int64  `json:"piece_id"`
	Platform string `json:"platform"`
	Persona  string `json:"persona"`
	Language string `json:"language"`
	State    string `json:"state"`
	At       string `json:"at"`    // RFC 3339, UTC
	Local    string `json:"local"` // in the brand's zone
}

func runCalendar(ctx context.Context, s streams, o calendarOptions) error {
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	items, tray, err := agenda(ctx, ws, o)
	if err != nil {
		return err
	}
	if o.ics != "" {
		if err := writeFeed(ws, items, o.ics); err != nil {
			return err
		}
	}
	if o.serve != "" {
		return serveFeed(ctx, s, ws, o)
	}
	conflicts, err := ws.PlanConflicts(ctx)
	if err != nil {
		return err
	}
	if o.json {
		return printAgendaJSON(s, ws, items, len(tray), conflicts)
	}
	loc := ws.Zone()
	fmt.Fprintf(s.out, "%d planned, %d to plan; times in %s\n", len(items), len(tray), loc)
	for _, it := range items {
		fmt.Fprintf(s.out, "  %s  #%-5d %-10s %-16s %-6s %s\n", it.At.In(loc).Format("Mon 2006-01-02 15:04"), it.ID, it.Platform, it.Persona, it.Language, it.State)
	}
	if o.ics != "" {
		fmt.Fprintln(s.out, "feed written to", o.ics)
	}
	return printConflicts(ctx, s, ws, 0)
}

// agenda is the planned pieces within --from and --to, and the tray.
func agenda(ctx context.Context, ws *studio.Workspace, o calendarOptions) ([]studio.Scheduled, []studio.Piece, error) {
	items, tray, err := ws.Plan(ctx, studio.PieceFilter{CampaignID: o.campaign})
	if err != nil {
		return nil, nil, err
	}
	var from, to time.Time
	for _, b := range []struct {
		flag, v string
		t       *time.Time
	}{{"--from", o.from, &from}, {"--to", o.to, &to}} {
		if b.v == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", b.v, ws.Zone())
		if err != nil {
			return nil, nil, fmt.Errorf("%s %q is not a date such as 2026-03-01", b.flag, b.v)
		}
		*b.t = t
	}
	var kept []studio.Scheduled
	for _, it := range items {
		if (from.IsZero() || !it.At.Before(from)) && (to.IsZero() || it.At.Before(to)) {
			kept = append(kept, it)
		}
	}
	return kept, tray, nil
}

// feedOf is the plan as an iCalendar feed.
func feedOf(ws *studio.Workspace, items []studio.Scheduled) []byte {
	f := calendar.Feed{Name: ws.Kit().Identity.Name, Workspace: ws.FeedID()}
	for _, it := range items {
		f.Events = append(f.Events, calendar.Event{PieceID: it.ID, At: it.At, Platform: it.Platform, Status: string(it.State),
			Summary:     fmt.Sprintf("%s · %s · %s", it.Platform, it.Persona, it.Language),
			Description: fmt.Sprintf("Atelier piece %d, %s", it.ID, it.State)})
	}
	var b bytes.Buffer
	calendar.WriteICS(&b, f, time.Now())
	return b.Bytes()
}

func writeFeed(ws *studio.Workspace, items []studio.Scheduled, path string) error {
	if err := brandkit.WriteFileAtomic(path, feedOf(ws, items), 0o644); err != nil {
		return fmt.Errorf("writing the calendar feed: %w", err)
	}
	return nil
}

// serveFeed serves the feed on loopback until Ctrl+C, read afresh on each
// request so the calendar app sees every change.
func serveFeed(ctx context.Context, s streams, ws *studio.Workspace, o calendarOptions) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	url, err := calendar.Serve(ctx, o.serve, func() ([]byte, error) {
		items, _, err := agenda(context.Background(), ws, o)
		return feedOf(ws, items), err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "the calendar feed is at %s (read-only, this computer only); Ctrl+C stops it\n", url)
	<-ctx.Done()
	return nil
}

func printAgendaJSON(s streams, ws *studio.Workspace, items []studio.Scheduled, tray int, conflicts []calendar.Conflict) error {
	out := struct {
		Zone      string              `json:"zone"`
		Planned   []agendaEntry       `json:"planned"`
		ToPlan    int                 `json:"to_plan"`
		Conflicts []calendar.Conflict `json:"conflicts"`
	}{Zone: ws.Zone().String(), ToPlan: tray, Planned: []agendaEntry{}, Conflicts: conflicts}
	for _, it := range items {
		out.Planned = append(out.Planned, agendaEntry{PieceID: it.ID, Platform: it.Platform, Persona: it.Persona, Language: it.Language,
			State: string(it.State), At: it.At.UTC().Format(time.RFC3339), Local: it.At.In(ws.Zone()).Format("2006-01-02T15:04:05-07:00")})
	}
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
