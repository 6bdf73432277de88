package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/packaging"
	"atelier/samples"
	"atelier/studio"
	"atelier/studio/calendar"
	"atelier/studio/ollama"
	"atelier/studio/store"
)

// demoOptions are `atelier demo`'s options.
type demoOptions struct {
	home string // the data folder; a new temporary one when ""
}

func parseDemo(args []string) (demoOptions, error) {
	var o demoOptions
	fs := newFlags("demo", "usage: atelier demo [--home DIR]\n\nRuns the whole pipeline on the sample brand kit without a display.")
	fs.StringVar(&o.home, "home", "", "data folder to use (default: a new temporary folder)")
	return o, fs.Parse(args)
}

// demoStep is one step of the demo, which prints what it did.
type demoStep struct {
	title string
	run   func(ctx context.Context, s streams, ws *studio.Workspace, home string) error
}

// demoSteps are what Atelier can do, in the order a user would do it.
var demoSteps = []demoStep{
	{"Platforms", demoPlatforms},
	{"Campaign and brief in the store", demoCampaign},
	{"Drafting", demoDraft},
	{"Brand checks of files from anywhere", demoCheck},
	{"Audio snippet", demoAudio},
	{"Image variants", demoVariants},
	{"Video clip", demoVideo},
	{"Calendar", demoCalendar},
	{"Review, approval and export", demoApproveAndExport},
	{"What the window shows on first run", demoFirstRun},
}

// runDemo runs what Atelier can do, headless, on the sample kit, in a
// fresh data folder unless --home names one. Each step prints what it did.
func runDemo(ctx context.Context, s streams, o demoOptions) error {
	out := s.out
	if o.home == "" {
		dir, err := os.MkdirTemp("", "atelier-demo-")
		if err != nil {
			return err
		}
		o.home = dir
	}
	fmt.Fprintln(out, "Atelier demo — data folder:", o.home)
	fmt.Fprintf(out, "\n[1] Brand kit\n")
	kitDir, err := studio.DefaultKitDir(o.home, samples.Kit())
	if err != nil {
		return err
	}
	ws, err := store.OpenWorkspace(ctx, o.home, kitDir)
	if err != nil {
		return err
	}
	defer ws.Close()
	if ws.KitErr() != nil {
		return fmt.Errorf("the sample kit does not validate: %w", ws.KitErr())
	}
	fmt.Fprintln(out, "    installed in", kitDir)
	fmt.Fprintln(out, "    ok:", kitSummary(ws.Kit()))
	for i, step := range demoSteps {
		fmt.Fprintf(out, "\n[%d] %s\n", i+2, step.title)
		if err := step.run(ctx, s, ws, o.home); err != nil {
			return err
		}
	}
	fmt.Fprintln(out, "\nDemo finished.")
	return nil
}

// demoFirstRun makes, in a new data folder beside the demo's, what a
// newcomer's window opens on, and says what it holds.
func demoFirstRun(ctx context.Context, s streams, ws *studio.Workspace, home string) error {
	out := s.out
	dir := filepath.Join(home, "first-run")
	kitDir, err := studio.DefaultKitDir(dir, samples.Kit())
	if err != nil {
		return err
	}
	fresh, err := store.OpenWorkspace(ctx, dir, kitDir)
	if err != nil {
		return err
	}
	defer fresh.Close()
	start := time.Now()
	c, _, err := fresh.FillSample(ctx, samples.Photo, nil)
	if err != nil {
		return err
	}
	b, err := fresh.Board(ctx, studio.BoardFilter{})
	if err != nil {
		return err
	}
	var states []string
	for _, st := range studio.States {
		if n := len(b.Columns[st]); n > 0 {
			states = append(states, fmt.Sprintf("%d %s", n, st))
		}
	}
	fmt.Fprintf(out, "    %s: %d pieces drafted from the kit's templates (%s), %d renders, snippet %v, in %v\n",
		c.Campaign.Name, c.Pieces, strings.Join(states, ", "), c.Renders, c.Snippet, time.Since(start).Round(time.Millisecond))
	if c.Note != "" {
		fmt.Fprintln(out, "   ", c.Note)
	}
	fmt.Fprintln(out, "    models that fit this computer's memory, for when Ollama is installed:")
	for _, s := range ollama.Suggest(ollama.TotalMemory()) {
		fmt.Fprintf(out, "      %-12s %4.1f GB  %s\n", s.Name, float64(s.Download)/1e9, s.Note)
	}
	return nil
}

// demoPlatforms lists the platforms with their limits and placements.
func demoPlatforms(_ context.Context, s streams, ws *studio.Workspace, _ string) error {
	out := s.out
	for _, p := range ws.Registry().All() {
		var pls []string
		for _, pl := range p.Placements {
			pls = append(pls, fmt.Sprintf("%s %d×%d", pl.ID, pl.Width, pl.Height))
		}
		fmt.Fprintf(out, "    %-10s %5d %-9s %s\n", p.Name, p.TextLimit, p.Counting, strings.Join(pls, ", "))
	}
	return nil
}

// demoCampaign makes the sample campaign and searches the store for it.
func demoCampaign(ctx context.Context, s streams, ws *studio.Workspace, home string) error {
	out := s.out
	if err := ws.EnsureSampleCampaign(ctx); err != nil {
		return err
	}
	cs, err := ws.Campaigns(ctx)
	if err != nil {
		return err
	}
	v, _ := ws.SchemaVersion(ctx)
	fmt.Fprintf(out, "    %s (schema %d)\n    campaign %d: %s\n", ws.Location(), v, cs[0].ID, cs[0].Name)
	hits, err := ws.Search(ctx, "recharge automne", 5)
	if err != nil {
		return err
	}
	for _, h := range hits {
		fmt.Fprintf(out, "    search \"recharge automne\" → %s %d: %s\n", h.Kind, h.ID, h.Snippet)
	}
	return nil
}

// demoDraft drafts the sample brief for two platforms, two personas and two
// languages: with the default model when a server has it, otherwise with the
// kit's templates, and says which.
func demoDraft(ctx context.Context, s streams, ws *studio.Workspace, _ string) error {
	out := s.out
	conn, connErr := ollama.Connect(ctx, ws.DataDir())
	if conn != nil {
		defer conn.Close()
		fmt.Fprintln(out, "   ", conn.Describe())
	}
	choice, err := studio.ChooseDrafter(ctx, conn, connErr, studio.DefaultModel, 0, true)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "    →", choice.Label())
	drafter := choice.Drafter
	cs, err := ws.Campaigns(ctx)
	if err != nil {
		return err
	}
	brief := studio.SampleBrief(cs[0].ID)
	brief.Platforms = []string{"instagram", "x"}
	if brief, err = ws.AddBrief(ctx, brief); err != nil {
		return err
	}
	c := &studio.Composer{WS: ws, Drafter: drafter, User: studio.User{Name: "Camille", Role: studio.RoleAuthor}, Parallel: choice.Slots}
	start := time.Now()
	outs, err := c.Compose(ctx, brief, nil)
	if err != nil {
		return err
	}
	for _, o := range outs {
		status := string(o.Version.Status)
		if o.Err != nil {
			status = o.Err.Error()
		}
		fmt.Fprintf(out, "    %-32s v%d %-8s score %3d  %s\n", o.Target.Key(), o.Version.Number, o.Version.Model, o.Report.Score, status)
	}
	fmt.Fprintf(out, "    %d variants drafted, checked and stored in %s\n", len(outs), time.Since(start).Round(time.Millisecond))
	return nil
}

// demoCheck checks a post, an image and a sound made here against the kit.
func demoCheck(_ context.Context, s streams, ws *studio.Workspace, _ string) error {
	out := s.out
	dir, err := os.MkdirTemp("", "atelier-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	files, err := demoFiles(dir)
	if err != nil {
		return err
	}
	for _, c := range files {
		fc, err := studio.CheckFile(ws.Kit(), ws.Registry(), c.target, c.path)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("    %-18s score %3d, %d errors, %d warnings", filepath.Base(c.path), fc.Report.Score,
			fc.Report.Count(brandkit.SeverityError), fc.Report.Count(brandkit.SeverityWarning))
		if a := fc.Report.Audio; a != nil {
			line += fmt.Sprintf(" · %.1f LUFS, %.1f dBTP", a.IntegratedLUFS, a.TruePeakDBTP)
		}
		fmt.Fprintln(out, line)
		for _, fd := range fc.Report.Findings {
			fmt.Fprintf(out, "        %s\n", s.finding(fd))
			if fd.Cite != "" {
				fmt.Fprintf(out, "            [%s]\n", fd.Cite)
			}
		}
	}
	return nil
}

// demoFile is a file the demo checks, with what it is checked for.
type demoFile struct {
	path   string
	target studio.CheckTarget
}

// demoFiles writes into dir an agency's off-brand post, a paid French post
// whose disclosure hides among the closing hashtags (with an invisible
// character hiding a banned word), an off-palette visual and a too-loud
// jingle.
func demoFiles(dir string) ([]demoFile, error) {
	post := filepath.Join(dir, "agency-post.txt")
	if err := os.WriteFile(post, []byte("Our cheap eco-friendly candle is a game-changer for customers 🕯✨🍂 #Candles"), 0o644); err != nil {
		return nil, err
	}
	paid := filepath.Join(dir, "partner-post.txt")
	if err := os.WriteFile(paid, []byte("Nos bougies pas\u200b cher, neutres en carbone grâce à la compensation, avec l'atelier Cire & Co.\n\n#MaisonLumen #pub"), 0o644); err != nil {
		return nil, err
	}
	img := image.NewNRGBA(image.Rect(0, 0, 1080, 1080))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.NRGBA{0x10, 0xC0, 0x30, 0xFF}), image.Point{}, draw.Src)
	imgPath := filepath.Join(dir, "agency-visual.png")
	if err := writePNG(imgPath, img); err != nil {
		return nil, err
	}
	tone := make([]float64, 22050*3)
	for i := range tone {
		tone[i] = 0.7 * math.Sin(2*math.Pi*440*float64(i)/22050)
	}
	wavPath := filepath.Join(dir, "jingle.wav")
	var wav bytes.Buffer
	if err := brandkit.WriteWAV(&wav, &brandkit.PCM{Rate: 22050, Channels: [][]float64{tone}}); err != nil {
		return nil, err
	}
	if err := os.WriteFile(wavPath, wav.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return []demoFile{
		{post, studio.CheckTarget{Platform: "instagram", Language: "en-GB"}},
		{paid, studio.CheckTarget{Platform: "instagram", Partner: "Cire & Co"}}, // the language is detected
		{imgPath, studio.CheckTarget{Platform: "instagram"}},
		{wavPath, studio.CheckTarget{Platform: "instagram"}},
	}, nil
}

// writePNG writes img as a PNG, atomically.
func writePNG(path string, img image.Image) error {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return err
	}
	return brandkit.WriteFileAtomic(path, b.Bytes(), 0o644)
}

// demoAudio renders a 15 s snippet of the sample post, stores it with its
// piece, and writes its waveform beside the data.
func demoAudio(ctx context.Context, s streams, ws *studio.Workspace, home string) error {
	out := s.out
	ps, err := ws.Pieces(ctx, studio.PieceFilter{Language: "fr-FR", Platform: "instagram"})
	if err != nil || len(ps) == 0 {
		return fmt.Errorf("no French Instagram piece to voice: %v", err)
	}
	v, err := ws.LatestVersion(ctx, ps[0].ID)
	if err != nil {
		return err
	}
	snip, err := assets.RenderSnippet(ctx, &assets.SnippetRequest{Kit: ws.Kit(), Text: v.Text, Language: "fr-FR", Target: 15 * time.Second}, nil)
	if errors.Is(err, assets.ErrNoTTS) {
		fmt.Fprintln(out, "   ", err)
		return nil
	}
	if err != nil {
		return err
	}
	_, path, err := ws.SaveSnippet(ctx, ps[0].ID, snip)
	if err != nil {
		return err
	}
	wave := filepath.Join(home, "snippet-waveform.png")
	if err := writePNG(wave, assets.Waveform(snip.PCM, snip.Parts, 1200, 240, nil, snip.Label())); err != nil {
		return err
	}
	fmt.Fprintf(out, "    piece %d: %s\n    %q\n    stored as %s\n    waveform %s\n", ps[0].ID, snip.Label(), snip.Script.Text, path, wave)
	return nil
}

// demoVariants imports the sample photo, renders every placement of the
// French Instagram piece with the draft's hook as headline, and draws the
// renders side by side in variants-sheet.png.
func demoVariants(ctx context.Context, s streams, ws *studio.Workspace, home string) error {
	out := s.out
	src := filepath.Join(home, "bougie.jpg")
	if err := os.WriteFile(src, samples.Photo, 0o644); err != nil {
		return err
	}
	img, err := ws.ImportImage(ctx, src)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "    imported %s: %d×%d, kept as %s…\n", img.Source, img.Width, img.Height, img.SHA256[:12])
	ps, err := ws.Pieces(ctx, studio.PieceFilter{Platform: "instagram", Language: "fr-FR", Persona: "design-lovers"})
	if err != nil || len(ps) == 0 {
		return fmt.Errorf("no French Instagram piece to illustrate: %v", err)
	}
	start := time.Now()
	vs, err := ws.RenderVariants(ctx, &studio.RenderRequest{PieceID: ps[0].ID, SourceID: img.ID}, nil)
	if err != nil {
		return err
	}
	var thumbs []image.Image
	for _, v := range vs {
		fmt.Fprintf(out, "    %-20s %d×%d, focal %.2f,%.2f (saliency), logo %s, headline %s; check %d/100\n", v.Placement.ID,
			v.Placement.Width, v.Placement.Height, v.Meta.Focal.X, v.Meta.Focal.Y, v.Meta.Corner, v.Meta.Text[0].Colour, v.Report.Score)
		thumbs = append(thumbs, v.Image)
	}
	sheet := filepath.Join(home, "variants-sheet.png")
	if err := writePNG(sheet, assets.Sheet(thumbs, 360)); err != nil {
		return err
	}
	fmt.Fprintf(out, "    %d placements rendered in %s; side by side in %s\n    alt text suggested: %q\n", len(vs), time.Since(start).Round(time.Millisecond), sheet, ws.AltText(ctx, ps[0].ID))
	return nil
}

// demoVideo makes the French Instagram piece's Reel from the image its
// variants were rendered from, and prints what the check of the clip found.
func demoVideo(ctx context.Context, s streams, ws *studio.Workspace, _ string) error {
	out := s.out
	ps, err := ws.Pieces(ctx, studio.PieceFilter{Platform: "instagram", Language: "fr-FR", Persona: "design-lovers"})
	if err != nil || len(ps) == 0 {
		return fmt.Errorf("no French Instagram piece to film: %v", err)
	}
	start := time.Now()
	rv, err := ws.RenderVideo(ctx, &studio.VideoRequest{PieceID: ps[0].ID, Seconds: 15}, nil)
	if errors.Is(err, assets.ErrFFmpegMissing) || errors.Is(err, assets.ErrNoTTS) {
		fmt.Fprintln(out, "   ", err)
		return nil
	}
	if err != nil {
		return err
	}
	m := rv.Meta
	fmt.Fprintf(out, "    piece %d: %s, %d×%d at %d fps, %.1f s, %d captions, rendered in %s\n    %s (with .srt, .vtt, cover .jpg)\n",
		ps[0].ID, m.Placement, m.Width, m.Height, m.FPS, float64(m.DurationMS)/1000, len(m.Captions), time.Since(start).Round(100*time.Millisecond), rv.MP4())
	for _, n := range m.Notes {
		fmt.Fprintf(out, "      %s\n", s.finding(n))
	}
	fmt.Fprintf(out, "    check %d/100\n", rv.Report.Score)
	for _, f := range rv.Report.Findings {
		fmt.Fprintf(out, "      %s\n", s.finding(f))
	}
	return nil
}

// demoCalendar plans the French pieces for design lovers at the slots the
// calendar suggests from next Monday, in the brand's zone, and shows what
// a time the clocks skip gets.
func demoCalendar(ctx context.Context, s streams, ws *studio.Workspace, _ string) error {
	out, loc := s.out, ws.Zone()
	ps, err := ws.Pieces(ctx, studio.PieceFilter{Language: "fr-FR", Persona: "design-lovers"})
	if err != nil {
		return err
	}
	now := time.Now().In(loc)
	monday := time.Date(now.Year(), now.Month(), now.Day()+7-(int(now.Weekday())+6)%7, 0, 0, 0, 0, loc)
	for _, p := range ps {
		slots, err := ws.SuggestSlots(ctx, p.Platform, monday, monday.AddDate(0, 0, 14), 1)
		if err != nil || len(slots) == 0 {
			return fmt.Errorf("no slot for piece %d: %v", p.ID, err)
		}
		if _, err := ws.Schedule(ctx, p.ID, slots[0], studio.User{Name: "Camille", Role: studio.RoleAuthor}); err != nil {
			return err
		}
		fmt.Fprintf(out, "    piece %d (%s) planned %s (%s)\n", p.ID, p.Platform, slots[0].In(loc).Format("Mon 2006-01-02 15:04"), loc)
	}
	if _, err := calendar.ParseWhen("2027-03-28 02:30", loc); err != nil {
		fmt.Fprintln(out, "    \"2027-03-28 02:30\":", err)
	}
	cs, err := ws.PlanConflicts(ctx)
	fmt.Fprintf(out, "    %d rules broken by the plan\n", len(cs))
	return err
}

// demoApproveAndExport sends the French pieces for design lovers through
// review to approval (overriding a failing check with a reason, as a brand
// owner would) and exports the campaign.
func demoApproveAndExport(ctx context.Context, s streams, ws *studio.Workspace, home string) error {
	out := s.out
	author := studio.User{Name: "Camille", Role: studio.RoleAuthor}
	owner := studio.User{Name: "Inès", Role: studio.RoleBrandOwner}
	ps, err := ws.Pieces(ctx, studio.PieceFilter{Language: "fr-FR", Persona: "design-lovers"})
	if err != nil {
		return err
	}
	if err := demoSuggestion(ctx, s, ws, ps[0].ID, author, owner); err != nil {
		return err
	}
	for _, p := range ps {
		if _, err := ws.Move(ctx, p.ID, studio.StateInReview, author, "prêt à relire", ""); err != nil {
			return err
		}
		_, err := ws.Move(ctx, p.ID, studio.StateApproved, owner, "", "")
		if errors.Is(err, studio.ErrOverrideNeeded) {
			_, err = ws.Move(ctx, p.ID, studio.StateApproved, owner, "", "demo: approved despite the check")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "    piece %d (%s): draft → in_review → approved by %s\n", p.ID, p.Platform, owner.Name)
	}
	bundle := filepath.Join(home, "export")
	start := time.Now().Add(24 * time.Hour).Truncate(time.Hour)
	m, err := packaging.ExportCampaign(ctx, ws, packaging.ExportOptions{CampaignID: ps[0].CampaignID, Out: bundle, User: owner,
		Start: start, Every: 48 * time.Hour}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "    exported %d pieces to %s (manifest.json, schedule.csv, calendar.ics, index.html) at their planned times\n",
		len(m.Pieces), bundle)
	return nil
}

// demoSuggestion has the brand owner suggest an edit, which the author
// accepts, and shows the check of the new version in French as well.
func demoSuggestion(ctx context.Context, s streams, ws *studio.Workspace, pieceID int64, author, owner studio.User) error {
	v, err := ws.LatestVersion(ctx, pieceID)
	if err != nil {
		return err
	}
	c, err := ws.Suggest(ctx, owner, pieceID, "Nos clients l'attendaient. "+v.Text, "une accroche pour les habitués")
	if err != nil {
		return err
	}
	nv, rep, err := ws.AcceptSuggestion(ctx, author, pieceID, c.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "    piece %d: %s suggested an edit, %s accepted it as v%d (score %d)\n", pieceID, owner.Name, author.Name, nv.Number, rep.Score)
	for _, f := range rep.Findings {
		fr := s
		fr.ui = "fr"
		fmt.Fprintf(s.out, "      %s\n      %s\n", s.finding(f), fr.finding(f))
	}
	return nil
}
