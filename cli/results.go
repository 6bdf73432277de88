package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/results"
)

const resultsUsage = `usage: atelier results import FILE...      read the platforms' own exports (Meta, LinkedIn, X, TikTok, YouTube)
       atelier results [--by persona,platform] [--json] [--png DIR] [--csv FILE]
                                               what the posts did, grouped, with the number of posts and a 95 % interval
       atelier results confirm POST PIECE      settle an uncertain match (PIECE 0: the post is not Atelier's)
       atelier results permalink PIECE URL     record where a piece was published, and match again
       atelier results map FILE --platform P --column "Header=field"... [--day-first] [--decimal-comma]
                                               read a file Atelier does not recognise: say which column is which
                                               field, once; the mapping is kept for the next files like it`

// runResults runs a results subcommand, or prints the insights.
func runResults(ctx context.Context, s streams, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return resultsImport(ctx, s, args[1:])
		case "confirm":
			return resultsConfirm(ctx, s, args[1:])
		case "permalink":
			return resultsPermalink(ctx, s, args[1:])
		case "map":
			return resultsMap(ctx, s, args[1:])
		}
	}
	fs := newFlags("results", resultsUsage)
	by := fs.String("by", "platform", "group by: platform, persona, language, format, placement, claim, origin, hook_length, weekday, hour")
	asJSON := fs.Bool("json", false, "print the posts and the groups as JSON")
	png := fs.String("png", "", "write the charts (engagement by group, best-time heatmap) into DIR")
	csvOut := fs.String("csv", "", "write the groups as CSV to FILE")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dims, err := results.ParseDimensions(*by)
	if err != nil {
		return err
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	in, err := ws.Insights(ctx, dims)
	if err != nil {
		return err
	}
	if err := writeResultFiles(s, ws, in, *png, *csvOut); err != nil {
		return err
	}
	if *asJSON {
		posts, err := ws.ResultPosts(ctx)
		if err != nil {
			return err
		}
		return printResultsJSON(s, posts, in.Groups)
	}
	printGroups(s, in)
	return nil
}

func resultsImport(ctx context.Context, s streams, files []string) error {
	if len(files) == 0 {
		fmt.Fprintln(s.log, resultsUsage)
		return errFailed
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	failed := false
	for _, f := range files {
		rep, err := ws.ImportResults(ctx, f)
		var unknown *results.UnknownFormatError
		switch {
		case errors.As(err, &unknown):
			fmt.Fprintf(s.out, "%s: refused, nothing imported: %v\n", f, err)
			failed = true
		case err != nil:
			fmt.Fprintf(s.out, "%s: nothing imported: %v\n", f, err)
			failed = true
		default:
			fmt.Fprintf(s.out, "%s: %s (%s), %d rows: %d added, %d updated, %d unchanged; now %d posts matched to pieces, %d to confirm, %d external\n",
				f, rep.Format, rep.Platform, rep.Rows, rep.Added, rep.Updated, rep.Unchanged, rep.Matched, rep.Uncertain, rep.External)
		}
	}
	if failed {
		return errFailed
	}
	return nil
}

func resultsConfirm(ctx context.Context, s streams, args []string) error {
	if len(args) != 2 {
		fmt.Fprintln(s.log, resultsUsage)
		return errFailed
	}
	piece, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not a piece number (0 for none)", args[1])
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	if err := ws.ConfirmMatch(ctx, args[0], piece); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "post %s: piece %d\n", args[0], piece)
	return nil
}

func resultsPermalink(ctx context.Context, s streams, args []string) error {
	if len(args) != 2 {
		fmt.Fprintln(s.log, resultsUsage)
		return errFailed
	}
	piece, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not a piece number", args[0])
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	if err := ws.SetPermalink(ctx, piece, args[1]); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "piece %d: published at %s\n", piece, args[1])
	return nil
}

// printGroups prints one line a group, with its sample and interval, or
// that it has too few posts to compare.
func printGroups(s streams, in studio.Insights) {
	fmt.Fprintf(s.out, "%d posts\n", in.Posts)
	for _, g := range in.Groups {
		line := fmt.Sprintf("  %-32s n=%-4d", strings.Join(g.Keys, " · "), g.N)
		if g.Enough {
			line += fmt.Sprintf(" engagement %.2f%% (95%% interval %.2f–%.2f%%)", 100*g.Mean, 100*g.Low, 100*g.High)
		} else {
			line += fmt.Sprintf(" too few posts to compare (n < %d)", results.DefaultMinSample)
		}
		fmt.Fprintln(s.out, line)
	}
}

// resultJSON is one post in --json.
type resultJSON struct {
	PostID          string   `json:"post_id"`
	Platform        string   `json:"platform"`
	PublishedAt     string   `json:"published_at"`
	PieceID         *int64   `json:"piece_id"`
	MatchedBy       string   `json:"matched_by,omitempty"`
	Uncertain       bool     `json:"uncertain"`
	Permalink       string   `json:"permalink,omitempty"`
	EngagementRate  *float64 `json:"engagement_rate"`
	Interactions    *int64   `json:"interactions"`
	ClickThrough    *float64 `json:"click_through_rate"`
	AvgWatchSeconds *float64 `json:"avg_watch_seconds"`
	Impressions     int64    `json:"impressions"`
	Reach           int64    `json:"reach"`
}

func printResultsJSON(s streams, posts []studio.ResultPost, groups []results.Group) error {
	out := struct {
		Posts  []resultJSON    `json:"posts"`
		Groups []results.Group `json:"groups"`
	}{Posts: []resultJSON{}, Groups: groups}
	for _, p := range posts {
		r := resultJSON{PostID: p.Key(), Platform: string(p.Platform), PublishedAt: p.PublishedAt.UTC().Format(time.RFC3339),
			MatchedBy: p.By, Uncertain: p.Uncertain, Permalink: p.Permalink, Impressions: p.Impressions, Reach: p.Reach}
		if p.PieceID != 0 {
			r.PieceID = &p.PieceID
		}
		if v, ok := results.EngagementRate(p.Post); ok {
			r.EngagementRate = &v
		}
		if v, ok := results.Interactions(p.Post); ok {
			r.Interactions = &v
		}
		if v, ok := results.ClickThroughRate(p.Post); ok {
			r.ClickThrough = &v
		}
		if v, ok := results.AvgWatchTime(p.Post); ok {
			r.AvgWatchSeconds = &v
		}
		out.Posts = append(out.Posts, r)
	}
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeResultFiles writes the charts and the CSV the flags ask for.
func writeResultFiles(s streams, ws *studio.Workspace, in studio.Insights, dir, csvPath string) error {
	if csvPath != "" {
		var b bytes.Buffer
		if err := results.WriteCSV(&b, in.Groups); err != nil {
			return err
		}
		if err := brandkit.WriteFileAtomic(csvPath, b.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(s.log, "groups written to", csvPath)
	}
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bars, err := results.EngagementChart(in.ByPersona, results.ChartLabels{Title: "Engagement rate by persona and platform", YAxis: "Engagement rate",
		Names: map[string]string{"": "not Atelier's"}, TooFew: fmt.Sprintf("pale: fewer than %d posts", results.DefaultMinSample)})
	if err != nil {
		return err
	}
	heat, err := results.HeatmapChart(in.Slots, results.HeatmapLabels{Title: "Best time to post (" + ws.Zone().String() + ")",
		Days: [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}, XAxis: "Hour", Legend: "low → high engagement"})
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{"engagement.png": bars, "best-time.png": heat} {
		if err := brandkit.WriteFileAtomic(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintln(s.log, "charts written to", filepath.Join(dir, "engagement.png"), "and", filepath.Join(dir, "best-time.png"))
	return nil
}

// columnFlags collects --column "Header=field".
type columnFlags map[string]results.Field

func (c columnFlags) String() string { return "" }

func (c columnFlags) Set(v string) error {
	header, name, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("%q: write the column's header, =, and the field, such as \"Vues=impressions\"", v)
	}
	f, err := results.ParseField(name)
	if err != nil {
		return err
	}
	c[strings.TrimSpace(header)] = f
	return nil
}

func resultsMap(ctx context.Context, s streams, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(s.log, resultsUsage)
		return errFailed
	}
	m := &results.Mapping{Columns: columnFlags{}}
	fs := newFlags("results map", resultsUsage+"\n\nfields: "+strings.Join(results.FieldNames(), ", "))
	platform := fs.String("platform", "", "the platform the file's posts were published on")
	fs.Var(columnFlags(m.Columns), "column", "a column and its field, \"Header=field\" (repeat)")
	fs.BoolVar(&m.DayFirst, "day-first", false, "dates are written day first (28/09/2026)")
	fs.BoolVar(&m.DecimalComma, "decimal-comma", false, "numbers use a decimal comma (3,5)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	m.Platform, m.Name = results.Platform(*platform), filepath.Base(args[0])
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	err = ws.SaveResultMapping(m)
	ws.Close()
	if err != nil {
		return err
	}
	return resultsImport(ctx, s, args[:1])
}
