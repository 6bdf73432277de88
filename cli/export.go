package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"atelier/packaging"
	"atelier/studio"
	"atelier/studio/platform"
)

func parseExport(args []string) (packaging.ExportOptions, error) {
	o := packaging.ExportOptions{User: studio.LocalUser()}
	var start, platforms string
	fs := newFlags("export", "usage: atelier export --campaign ID --out DIR|FILE.zip [--start 2026-12-01T09:00] [--every 24h] [--platforms instagram,x]\n\nExports the campaign's approved pieces (text, alt text, audio, manifest.json,\nschedule.csv, index.html) and marks them exported, all or nothing.")
	fs.Int64Var(&o.CampaignID, "campaign", 0, "campaign id (see the demo or the Review screen)")
	fs.StringVar(&o.Out, "out", "", "a new folder, or FILE.zip")
	fs.StringVar(&start, "start", "", "first post's date and time, e.g. 2026-12-01T09:00 (default: tomorrow 09:00)")
	fs.DurationVar(&o.Every, "every", 24*time.Hour, "time between posts")
	fs.StringVar(&platforms, "platforms", "", "only these platforms' pieces, comma-separated (default: every platform)")
	fs.StringVar(&o.LocalFormat, "local-format", "02/01/2006 15:04", "schedule.csv's local date column, as a Go time layout")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.CampaignID == 0 || o.Out == "" {
		fs.Usage()
		return o, errFailed
	}
	for _, p := range strings.Split(platforms, ",") {
		if p = strings.TrimSpace(p); p != "" {
			if _, ok := platform.Default().Get(p); !ok {
				return o, fmt.Errorf("--platforms: %q is not a platform; use %s", p, strings.Join(platform.Default().IDs(), ", "))
			}
			o.Platforms = append(o.Platforms, p)
		}
	}
	if start != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", start, time.Local)
		if err != nil {
			return o, fmt.Errorf("--start %q is not a date such as 2026-12-01T09:00", start)
		}
		o.Start = t
	}
	return o, nil
}

// runExport exports a campaign's approved pieces as a bundle.
func runExport(ctx context.Context, s streams, o packaging.ExportOptions) error {
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	m, err := packaging.ExportCampaign(ctx, ws, o, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "exported %d pieces of %q to %s\n", len(m.Pieces), m.Campaign.Name, o.Out)
	return nil
}
