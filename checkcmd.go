package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	_ "image/jpeg" // images to check
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/platform"
)

// maxCheckPixels refuses images larger than this before decoding them.
const maxCheckPixels = 100_000_000

// checkedFile is one file's report in `atelier check --json`.
type checkedFile struct {
	File           string             `json:"file"`
	Kind           string             `json:"kind"` // text, image, audio
	Score          int                `json:"score"`
	Errors         int                `json:"errors"`
	Findings       []brandkit.Finding `json:"findings"`
	IntegratedLUFS *float64           `json:"integrated_lufs,omitempty"`
	TruePeakDBTP   *float64           `json:"true_peak_dbtp,omitempty"`
	Error          string             `json:"error,omitempty"`
}

func checkCommand(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	kitDir := fs.String("kit", "", "brand kit folder (default: the sample kit in the data folder)")
	platformID := fs.String("platform", "", "platform whose rules apply (x, linkedin, instagram…)")
	placementID := fs.String("placement", "", "image placement (default: the platform's first)")
	lang := fs.String("lang", "", "language the text must be in (default: the kit's first)")
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier check [--kit DIR] [--platform P] [--placement ID] [--lang L] [--json] FILE...\n\nChecks text (.txt, .md), images (.png, .jpg) and sound (.wav) against the brand kit.\nAn image's Atelier render metadata is read from FILE.atelier.json when present.\nExits 1 when any file has an error finding, 2 when a file cannot be read.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errFailed
	}
	reg := platform.Default()
	var kit *brandkit.Kit
	var err error
	if *kitDir == "" {
		ws, err := openWorkspace("")
		if err != nil {
			return err
		}
		defer ws.Close()
		kit, err = ws.Kit, ws.KitErr
	} else {
		kit, err = brandkit.Load(*kitDir, brandkit.Options{Platforms: reg.IDs()})
	}
	if err != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate`:\n%w", err)
	}
	var p platform.Platform
	if *platformID != "" {
		var ok bool
		if p, ok = reg.Get(*platformID); !ok {
			return fmt.Errorf("unknown platform %q; known: %s", *platformID, strings.Join(reg.IDs(), ", "))
		}
	}
	if *lang == "" {
		*lang = kit.Language()
	}
	var results []checkedFile
	failed, unreadable := false, false
	for _, f := range fs.Args() {
		res := checkFile(kit, reg, p, *placementID, *lang, f)
		failed = failed || res.Errors > 0
		unreadable = unreadable || res.Error != ""
		results = append(results, res)
	}
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			printReport(out, r)
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

func checkFile(kit *brandkit.Kit, reg *platform.Registry, p platform.Platform, placementID, lang, path string) checkedFile {
	res := checkedFile{File: path}
	fail := func(err error) checkedFile { res.Error, res.Score = err.Error(), 0; return res }
	data, err := readLimited(path, 256<<20)
	if err != nil {
		return fail(err)
	}
	var r brandkit.Report
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".txt", ".md":
		res.Kind = "text"
		t := brandkit.TextTarget{Language: lang}
		if p.ID != "" {
			t = studio.TextTarget(studio.Target{Platform: p, Language: lang})
		}
		r = brandkit.CheckText(kit, t, string(data))
	case ".png", ".jpg", ".jpeg":
		res.Kind = "image"
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return fail(fmt.Errorf("%s is not a PNG or JPEG that can be read: %v", path, err))
		}
		if cfg.Width*cfg.Height > maxCheckPixels {
			return fail(fmt.Errorf("%s is %d×%d, over the %d MP limit", path, cfg.Width, cfg.Height, maxCheckPixels/1_000_000))
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return fail(fmt.Errorf("%s is damaged: %v", path, err))
		}
		t := brandkit.ImageTarget{}
		if pl, ok := placementFor(reg, p, placementID); ok {
			t = brandkit.ImageTarget{Placement: pl.ID, Width: pl.Width, Height: pl.Height,
				Safe: brandkit.SafeZone{Top: pl.Safe.Top, Bottom: pl.Safe.Bottom, Left: pl.Safe.Left, Right: pl.Safe.Right}}
		}
		if meta, err := os.ReadFile(path + ".atelier.json"); err == nil {
			t.Meta = &brandkit.ImageMeta{}
			if err := json.Unmarshal(meta, t.Meta); err != nil {
				return fail(fmt.Errorf("%s.atelier.json is not render metadata: %v", path, err))
			}
		}
		r = brandkit.CheckImage(kit, t, img)
	case ".wav":
		res.Kind = "audio"
		pcm, err := brandkit.ReadWAV(bytes.NewReader(data))
		if err != nil {
			return fail(fmt.Errorf("%s: %v", path, err))
		}
		r = brandkit.CheckAudio(kit, brandkit.AudioTarget{Platform: p.ID, MaxSeconds: p.Audio.MaxSeconds}, pcm)
		res.IntegratedLUFS, res.TruePeakDBTP = &r.Audio.IntegratedLUFS, &r.Audio.TruePeakDBTP
	default:
		return fail(fmt.Errorf("%s: %q files are not checked; use .txt, .md, .png, .jpg or .wav", path, ext))
	}
	res.Score, res.Findings, res.Errors = r.Score, r.Findings, r.Count(brandkit.SeverityError)
	return res
}

func placementFor(reg *platform.Registry, p platform.Platform, id string) (platform.Placement, bool) {
	if id != "" {
		return reg.Placement(id)
	}
	if len(p.Placements) > 0 {
		return p.Placements[0], true
	}
	return platform.Placement{}, false
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is over %d MB", path, limit>>20)
	}
	return data, nil
}

func printReport(out io.Writer, r checkedFile) {
	if r.Error != "" {
		fmt.Fprintf(out, "%s: cannot check: %s\n", r.File, r.Error)
		return
	}
	fmt.Fprintf(out, "%s (%s): score %d", r.File, r.Kind, r.Score)
	if r.IntegratedLUFS != nil {
		fmt.Fprintf(out, " · %.1f LUFS · %.1f dBTP", *r.IntegratedLUFS, *r.TruePeakDBTP)
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
		fmt.Fprintf(out, "  %-7s %s%s: %s", f.Severity, f.Rule, where, f.Message)
		if f.Fix != "" {
			fmt.Fprintf(out, " → %s", f.Fix)
		}
		fmt.Fprintln(out)
	}
}
