package studio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"time"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio/platform"
)

// FileCheck is a brand check of a file from anywhere: what was checked and
// what was found. Image, Text or Sound holds the decoded content for a
// preview.
type FileCheck struct {
	File   string
	Kind   string // text, image, audio, video
	Report brandkit.Report
	Text   string
	Image  image.Image
	Sound  *brandkit.PCM
}

// CheckTarget says which rules a file is held to: a platform (optional), an
// image placement (default: the platform's first), a language (detected
// from a text when empty), and, for the regulatory packs, the partner of a
// paid partnership and whether the image of a person was retouched or
// generated (brandkit.ImageRetouched, brandkit.ImageVirtual).
type CheckTarget struct {
	Platform  string
	Placement string
	Language  string
	Partner   string
	Image     string
	FFmpeg    string // Settings' ffmpeg, for videos; "" = PATH
}

// ErrNotCheckable is a file of a kind the checks do not read.
var ErrNotCheckable = errors.New("files are not checked; use .txt, .md, .png, .jpg, .wav or .mp4")

// CheckFile reads a text, image or WAV file and checks it against the kit.
func CheckFile(kit *brandkit.Kit, reg *platform.Registry, t CheckTarget, path string) (*FileCheck, error) {
	p, ok := reg.Get(t.Platform)
	if t.Platform != "" && !ok {
		return nil, fmt.Errorf("unknown platform %q; known: %s", t.Platform, strings.Join(reg.IDs(), ", "))
	}
	if t.Image != "" && t.Image != brandkit.ImageRetouched && t.Image != brandkit.ImageVirtual {
		return nil, fmt.Errorf("the image can be %q or %q, not %q", brandkit.ImageRetouched, brandkit.ImageVirtual, t.Image)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mp4", ".m4v", ".mov":
		return checkVideoFile(kit, reg, p, t, path)
	}
	data, err := assets.ReadFileLimited(path, 256<<20)
	if err != nil {
		return nil, err
	}
	fc := &FileCheck{File: path}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".txt", ".md":
		fc.Kind, fc.Text = "text", string(data)
		tt := brandkit.TextTarget{Language: t.Language}
		if p.ID != "" {
			tt = TextTarget(Target{Platform: p, Language: t.Language})
		}
		tt.Partner, tt.Image = t.Partner, t.Image
		fc.Report = brandkit.CheckText(kit, tt, fc.Text)
	case ".png", ".jpg", ".jpeg", ".webp", ".gif":
		fc.Kind = "image"
		if fc.Image, _, err = assets.DecodeImage(path, data, assets.DefaultMaxPixels); err != nil {
			return nil, err
		}
		var meta *brandkit.ImageMeta
		if raw, err := os.ReadFile(path + ".atelier.json"); err == nil {
			meta = &brandkit.ImageMeta{}
			if err := json.Unmarshal(raw, meta); err != nil {
				return nil, fmt.Errorf("%s.atelier.json is not render metadata: %v", path, err)
			}
			if t.Placement == "" && t.Platform == "" {
				t.Placement = meta.Placement // a render says what it was made for
			}
		}
		it := brandkit.ImageTarget{Meta: meta}
		if pl, ok := placementFor(reg, p, t.Placement); ok {
			it = placementOf(pl).Target(meta)
		}
		fc.Report = brandkit.CheckImage(kit, it, fc.Image)
	case ".wav":
		fc.Kind = "audio"
		if fc.Sound, err = brandkit.ReadWAV(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		fc.Report = brandkit.CheckAudio(kit, brandkit.AudioTarget{Platform: p.ID, MaxSeconds: p.Audio.MaxSeconds}, fc.Sound)
	default:
		return nil, fmt.Errorf("%s: %q %w", path, ext, ErrNotCheckable)
	}
	return fc, nil
}

// videoCheckTime bounds reading a video with ffprobe and ffmpeg.
const videoCheckTime = 5 * time.Minute

// checkVideoFile checks a clip for the placement named, the one its
// sidecar was rendered for, or its platform's default video; its cover is
// the preview.
func checkVideoFile(kit *brandkit.Kit, reg *platform.Registry, p platform.Platform, t CheckTarget, path string) (*FileCheck, error) {
	meta, _ := assets.ReadVideoMeta(path)
	id := t.Placement
	if id == "" && meta != nil && (p.ID == "" || strings.HasPrefix(meta.Placement, p.ID+".")) {
		id = meta.Placement
	}
	if id == "" && p.ID == "" {
		return nil, fmt.Errorf("%s: name the platform (or the video placement) to check the video for", path)
	}
	vp, ok := reg.VideoPlacement(id)
	if id == "" {
		vp, ok = reg.DefaultVideo(p.ID)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %q is not a video placement of the registry", path, id+p.ID)
	}
	ctx, cancel := context.WithTimeout(context.Background(), videoCheckTime)
	defer cancel()
	rep, err := CheckVideoFile(ctx, kit, VideoTarget(vp), path, t.FFmpeg, t.Partner != "")
	if err != nil {
		return nil, err
	}
	fc := &FileCheck{File: path, Kind: "video", Report: rep}
	// The cover: clip.jpg beside clip.mp4, or NAME-cover.jpg in an export.
	for _, cover := range []string{assets.VideoFiles(path)[3], strings.TrimSuffix(path, filepath.Ext(path)) + "-cover.jpg"} {
		if data, err := os.ReadFile(cover); err == nil {
			fc.Image, _, _ = assets.DecodeImage(cover, data, assets.DefaultMaxPixels)
			break
		}
	}
	return fc, nil
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

// SaveFixedCopy applies a finding's fix to a checked text file and writes
// the result beside it as NAME.fixed.EXT (a fixed copy is fixed again in
// place), leaving the original as it was. It returns the copy's path.
func SaveFixedCopy(fc *FileCheck, f brandkit.Finding) (string, error) {
	if fc.Kind != "text" {
		return "", fmt.Errorf("%s is not a text file: only a text's findings are fixed automatically", fc.File)
	}
	if f.AutoFix == nil {
		return "", fmt.Errorf("%s has no automatic fix; edit the text by hand", f.Rule)
	}
	fixed, n := brandkit.ApplyFixes(fc.Text, []brandkit.Finding{f})
	if n == 0 {
		return "", fmt.Errorf("the fix for %s no longer fits the text; check the file again", f.Rule)
	}
	ext := filepath.Ext(fc.File)
	path := strings.TrimSuffix(fc.File, ext)
	if !strings.HasSuffix(path, ".fixed") {
		path += ".fixed"
	}
	path += ext
	if err := brandkit.WriteFileAtomic(path, []byte(fixed), 0o644); err != nil {
		return "", fmt.Errorf("writing the fixed copy %s: %w", path, err)
	}
	return path, nil
}
