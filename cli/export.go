package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"atelier/packaging"
	"atelier/studio"
)

func exportCommand(ctx context.Context, out io.Writer, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	campaign := fs.Int64("campaign", 0, "campaign id (see the demo or the Review screen)")
	dest := fs.String("out", "", "a new folder, or FILE.zip")
	start := fs.String("start", "", "first post's date and time, e.g. 2026-12-01T09:00 (default: tomorrow 09:00)")
	every := fs.Duration("every", 24*time.Hour, "time between posts")
	localFormat := fs.String("local-format", "02/01/2006 15:04", "schedule.csv's local date column, as a Go time layout")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier export --campaign ID --out DIR|FILE.zip [--start 2026-12-01T09:00] [--every 24h]\n\nExports the campaign's approved pieces (text, alt text, audio, manifest.json,\nschedule.csv, index.html) and marks them exported, all or nothing.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *campaign == 0 || *dest == "" {
		fs.Usage()
		return errFailed
	}
	opt := packaging.ExportOptions{CampaignID: *campaign, Out: *dest, Every: *every, LocalFormat: *localFormat, User: studio.LocalUser()}
	if *start != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", *start, time.Local)
		if err != nil {
			return fmt.Errorf("--start %q is not a date such as 2026-12-01T09:00", *start)
		}
		opt.Start = t
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	m, err := packaging.ExportCampaign(ctx, ws, opt, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "exported %d pieces of %q to %s\n", len(m.Pieces), m.Campaign.Name, *dest)
	return nil
}
