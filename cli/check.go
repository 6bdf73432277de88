package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/platform"
)

// checkedFile is one file's report in `atelier check --json`.
type checkedFile struct {
	File           string             `json:"file"`
	Kind           string             `json:"kind"` // text, image, audio, video
	Score          int                `json:"score"`
	Errors         int                `json:"errors"`
	Findings       []brandkit.Finding `json:"findings"`
	IntegratedLUFS *float64           `json:"integrated_lufs,omitempty"`
	TruePeakDBTP   *float64           `json:"true_peak_dbtp,omitempty"`
	LogoMethod     string             `json:"logo_method,omitempty"` // how an image's logo was located
	Error          string             `json:"error,omitempty"`
}

// checkOptions are `atelier check`'s options.
type checkOptions struct {
	kitDir string
	target studio.CheckTarget
	json   bool
	files  []string
}

func parseCheck(args []string) (checkOptions, error) {
	var o checkOptions
	fs := newFlags("check", "usage: atelier check [--kit DIR] [--platform P] [--placement ID] [--lang L] [--json] FILE...\n\nChecks text (.txt, .md), images (.png, .jpg), sound (.wav) and video (.mp4) against the\nbrand kit. A render's Atelier metadata is read from FILE.atelier.json when present; a\nvideo is read with ffprobe and its sound measured with ffmpeg.\nExits 1 when any file has an error finding, 2 when a file cannot be read.")
	kitFlag(fs, &o.kitDir)
	t := &o.target
	fs.StringVar(&t.Platform, "platform", "", "platform whose rules apply (x, linkedin, instagram…)")
	fs.StringVar(&t.Placement, "placement", "", "image or video placement (default: the platform's first image, its default video)")
	fs.StringVar(&t.FFmpeg, "ffmpeg", "", "ffmpeg's path, for videos (default: the one on PATH)")
	fs.StringVar(&t.Language, "lang", "", "language the text must be in (default: detected from the text, else the kit's first)")
	fs.StringVar(&t.Partner, "partner", "", "the partner's name when the post is a paid partnership (the regulatory packs' disclosure rules)")
	fs.StringVar(&t.Image, "image", "", `"retouched" or "virtual" when the post's picture of a person was edited or generated`)
	fs.BoolVar(&o.json, "json", false, "print the reports as JSON")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.files = fs.Args(); len(o.files) == 0 {
		fs.Usage()
		return o, errFailed
	}
	return o, nil
}

// runCheck checks each file against the kit and prints the reports; it
// fails when a file has an error finding or cannot be read.
func runCheck(_ context.Context, s streams, o checkOptions) error {
	reg := platform.Default()
	kit, closeKit, err := loadKit(o.kitDir)
	defer closeKit()
	if err != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate`:\n%w", err)
	}
	if _, ok := reg.Get(o.target.Platform); o.target.Platform != "" && !ok {
		return fmt.Errorf("unknown platform %q; known: %s", o.target.Platform, strings.Join(reg.IDs(), ", "))
	}
	var results []checkedFile
	failed, unreadable := false, false
	for _, f := range o.files {
		res := checkFile(kit, reg, o.target, f)
		failed = failed || res.Errors > 0
		unreadable = unreadable || res.Error != ""
		results = append(results, res)
	}
	if o.json {
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			s.printReport(r)
		}
	}
	switch {
	case unreadable:
		return errUnreadable
	case failed:
		return errFailed
	}
	return nil
}

// errUnreadable means a file could not be checked at all.
var errUnreadable = errors.New("a file could not be read")

// checkFile checks one file; a file that cannot be checked carries its error.
func checkFile(kit *brandkit.Kit, reg *platform.Registry, t studio.CheckTarget, path string) checkedFile {
	fc, err := studio.CheckFile(kit, reg, t, path)
	if err != nil {
		return checkedFile{File: path, Error: err.Error()}
	}
	res := checkedFile{File: path, Kind: fc.Kind, Score: fc.Report.Score, Findings: fc.Report.Findings,
		Errors: fc.Report.Count(brandkit.SeverityError), LogoMethod: fc.Report.LogoMethod}
	if a := fc.Report.Audio; a != nil {
		res.IntegratedLUFS, res.TruePeakDBTP = &a.IntegratedLUFS, &a.TruePeakDBTP
	}
	return res
}

// printReport prints one file's report.
func (s streams) printReport(r checkedFile) {
	out := s.out
	if r.Error != "" {
		fmt.Fprintf(out, "%s: cannot check: %s\n", r.File, r.Error)
		return
	}
	fmt.Fprintf(out, "%s (%s): score %d", r.File, r.Kind, r.Score)
	if r.IntegratedLUFS != nil {
		fmt.Fprintf(out, " · %.1f LUFS · %.1f dBTP", *r.IntegratedLUFS, *r.TruePeakDBTP)
	}
	if r.LogoMethod != "" {
		fmt.Fprintf(out, " · logo by %s", r.LogoMethod)
	}
	fmt.Fprintln(out)
	for _, f := range r.Findings {
		where := ""
		switch {
		case f.Region != nil:
			where = fmt.Sprintf(" [%d,%d %d×%d]", f.Region.X, f.Region.Y, f.Region.W, f.Region.H)
		case f.TimeMS != nil:
			where = fmt.Sprintf(" [%.1f–%.1f s]", float64(f.TimeMS[0])/1000, float64(f.TimeMS[1])/1000)
		case f.Start >= 0:
			where = fmt.Sprintf(" [chars %d–%d]", f.Start, f.End)
		}
		fmt.Fprintf(out, "  %s%s", s.finding(f), where)
		if f.Cite != "" {
			fmt.Fprintf(out, " [%s]", f.Cite)
		}
		fmt.Fprintln(out)
	}
}
