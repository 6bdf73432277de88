package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/platform"
)

// videoOptions are `atelier video`'s options.
type videoOptions struct {
	kitDir, images, text, lang, placement, out, headline, cta, partner, ffmpeg string
	seconds                                                                    int
	captions                                                                   assets.CaptionStyle
	cuts, json                                                                 bool
}

func parseVideo(args []string) (videoOptions, error) {
	var o videoOptions
	fs := newFlags("video", "usage: atelier video [--kit DIR] --image A.jpg[,B.jpg...] --text FILE --placement ID [--lang L] [--seconds 15|30|60] --out clip.mp4\n\t[--headline TEXT] [--cta TEXT] [--partner NAME] [--captions heading|body] [--position low|middle|high] [--cuts] [--ffmpeg PATH] [--json]\n\nMakes a clip for Reels, TikTok, Shorts and the other video placements, offline:\nthe images panned and zoomed around their focal points, the post spoken by the\nsystem's voice between the kit's sonic logo, captions timed to the voice with the\nword being said highlighted, the logo, a title and an outro, and a partnership\nlabel kept on screen. It writes clip.mp4, clip.srt, clip.vtt, clip.jpg (the\ncover) and clip.mp4.atelier.json side by side, then checks the clip.")
	kitFlag(fs, &o.kitDir)
	fs.StringVar(&o.images, "image", "", "the images, in order, comma-separated")
	fs.StringVar(&o.text, "text", "", "the post (a text file): spoken and captioned")
	fs.StringVar(&o.lang, "lang", "", "the post's language (default: the kit's first)")
	fs.StringVar(&o.placement, "placement", "", "a video placement: "+strings.Join(videoIDs(), ", "))
	fs.IntVar(&o.seconds, "seconds", 0, "15, 30 or 60 (default: the placement's recommendation, at most 30)")
	fs.StringVar(&o.out, "out", "clip.mp4", "the MP4 to write")
	fs.StringVar(&o.headline, "headline", "", "the title card's words (default: the script's first sentence)")
	fs.StringVar(&o.cta, "cta", "", "the outro's words, such as the call to action")
	fs.StringVar(&o.partner, "partner", "", "the partner of a paid partnership: the disclosure stays on screen")
	fs.StringVar(&o.captions.Font, "captions", "heading", "the captions' font: the kit's heading or body")
	fs.StringVar(&o.captions.Position, "position", "low", "where captions sit in the caption zone: low, middle or high")
	fs.BoolVar(&o.cuts, "cuts", false, "cut between images instead of cross-fading")
	fs.StringVar(&o.ffmpeg, "ffmpeg", "", "ffmpeg's path (default: the one on PATH)")
	fs.BoolVar(&o.json, "json", false, "print the sidecar and the check as JSON")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.images == "" || o.text == "" || o.placement == "" || fs.NArg() > 0 {
		fs.Usage()
		return o, errFailed
	}
	return o, nil
}

func videoIDs() []string {
	var ids []string
	for _, v := range platform.VideoPlacements() {
		ids = append(ids, v.ID)
	}
	return ids
}

// runVideo renders the clip, prints what it made and noted, then checks it;
// it fails when the check finds an error.
func runVideo(ctx context.Context, s streams, o videoOptions) error {
	vp, ok := platform.Default().VideoPlacement(o.placement)
	if !ok {
		return fmt.Errorf("unknown video placement %q; known: %s", o.placement, strings.Join(videoIDs(), ", "))
	}
	text, err := os.ReadFile(o.text)
	if err != nil {
		return err
	}
	kit, closeKit, err := loadKit(o.kitDir)
	defer closeKit()
	if err != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate`:\n%w", err)
	}
	if o.lang == "" {
		o.lang = kit.Language()
	}
	req := &assets.VideoRequest{Kit: kit, Target: studio.VideoTarget(vp), Text: string(text), Language: o.lang, Seconds: o.seconds,
		Headline: o.headline, CTA: o.cta, Captions: o.captions, Cuts: o.cuts, FFmpeg: o.ffmpeg, Out: o.out}
	for _, p := range strings.Split(o.images, ",") {
		req.Images = append(req.Images, assets.VideoImage{Path: strings.TrimSpace(p)})
	}
	if o.partner != "" {
		req.Label = brandkit.Disclosure(o.lang)
	}
	start := time.Now()
	last := ""
	progress := func(step string, f float64) {
		if !o.json && step != last {
			fmt.Fprintf(s.log, "%s… %.0f%%\n", step, 100*f)
			last = step
		}
	}
	if err := assets.RenderVideo(ctx, req, progress); err != nil {
		return err
	}
	took := time.Since(start)
	meta, err := assets.ReadVideoMeta(o.out)
	if err != nil {
		return err
	}
	rep, err := studio.CheckVideoFile(ctx, kit, req.Target, o.out, o.ffmpeg, o.partner != "")
	if err != nil {
		return err
	}
	if o.json {
		return printVideoJSON(s, o.out, meta, rep)
	}
	printVideo(s, o.out, vp, meta, rep, took)
	if rep.Count(brandkit.SeverityError) > 0 {
		return errFailed
	}
	return nil
}

func printVideoJSON(s streams, out string, meta *brandkit.VideoMeta, rep brandkit.Report) error {
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"files": assets.VideoFiles(out), "video": meta, "check": rep}); err != nil {
		return err
	}
	if rep.Count(brandkit.SeverityError) > 0 {
		return errFailed
	}
	return nil
}

func printVideo(s streams, out string, vp platform.VideoPlacement, meta *brandkit.VideoMeta, rep brandkit.Report, took time.Duration) {
	fmt.Fprintf(s.out, "%s: %s, %d×%d at %d fps, %.1f s, %d captions, in %.1f s\n", out, vp.Name, meta.Width, meta.Height, meta.FPS,
		float64(meta.DurationMS)/1000, len(meta.Captions), took.Seconds())
	for _, f := range assets.VideoFiles(out)[1:] {
		fmt.Fprintln(s.out, "  +", f)
	}
	if meta.Loudness != nil {
		fmt.Fprintf(s.out, "  sound: %.1f LUFS, true peak %.1f dBTP\n", meta.Loudness.IntegratedLUFS, meta.Loudness.TruePeakDBTP)
	}
	for _, n := range meta.Notes {
		fmt.Fprintln(s.out, "  "+s.finding(n))
	}
	fmt.Fprintf(s.out, "  check: score %d\n", rep.Score)
	for _, f := range rep.Findings {
		fmt.Fprintln(s.out, "  "+s.finding(f))
	}
}
