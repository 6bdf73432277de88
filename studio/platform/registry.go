// Package platform is the registry of social platforms: their text limits,
// "see more" folds, hashtag and link rules, image placements with their safe
// zones, audio norms and video placements (frame rate, codec, durations, size
// limit, caption and interface safe zones, loudness). The figures are data,
// in platforms.toml; SOURCES.md says where each one comes from.
package platform

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2"
)

//go:embed platforms.toml
var registryTOML []byte

// Counting says how a platform counts the length of a post.
type Counting string

const (
	CountChars     Counting = "chars"     // Unicode code points
	CountGraphemes Counting = "graphemes" // user-perceived characters
	CountWeighted  Counting = "weighted"  // links count as URLLength, wide scripts as two
)

// Layout is how a platform lays a post out in its app, which the preview
// copies.
type Layout string

const (
	TextFirst  Layout = "text_first"  // the text, then the media (X, LinkedIn, Facebook…)
	MediaFirst Layout = "media_first" // the media full width, then the caption (Instagram, Pinterest)
	FullScreen Layout = "full_screen" // 9:16 media with the interface drawn over it (TikTok)
)

// Platform is one social network's rules.
type Platform struct {
	ID               string      `toml:"id"`
	Name             string      `toml:"name"`
	TextLimit        int         `toml:"text_limit"`
	TitleLimit       int         `toml:"title_limit"`
	Counting         Counting    `toml:"counting"`
	URLLength        int         `toml:"url_length"`
	FoldMobile       int         `toml:"fold_mobile"`  // characters shown before "see more" on a phone; 0 = none
	FoldDesktop      int         `toml:"fold_desktop"` // the same on a desktop browser
	FoldLinesMobile  int         `toml:"fold_lines_mobile"`
	FoldLinesDesktop int         `toml:"fold_lines_desktop"`
	MaxHashtags      int         `toml:"max_hashtags"` // 0 = no platform limit
	Links            string      `toml:"links"`
	Preview          Layout      `toml:"preview"`
	Placements       []Placement `toml:"placement"`
	Audio            AudioNorm   `toml:"audio"`
	// Videos are the platform's video placements. Their ids are a namespace
	// of their own: "tiktok.video" is both the still cover placement (in
	// Placements) and the video placement (here).
	Videos []VideoPlacement `toml:"video"`
	// DefaultVideo is the id of the video placement a piece for this
	// platform gets when nothing else is asked for; set whenever Videos is.
	DefaultVideo string `toml:"default_video"`
}

// Placement is one image slot on a platform.
type Placement struct {
	ID     string `toml:"id"`
	Name   string `toml:"name"`
	Width  int    `toml:"width"`
	Height int    `toml:"height"`
	Safe   Insets `toml:"safe"`
}

// Insets are the margins, as fractions of the height (top, bottom) or width
// (left, right), that the platform's own interface may cover.
type Insets struct {
	Top    float64 `toml:"top"`
	Bottom float64 `toml:"bottom"`
	Left   float64 `toml:"left"`
	Right  float64 `toml:"right"`
}

// AudioNorm is what the platform expects of a sound track.
type AudioNorm struct {
	TargetLUFS float64 `toml:"target_lufs"`
	MaxSeconds int     `toml:"max_seconds"`
}

// Aspect returns the placement's width over height.
func (p Placement) Aspect() float64 { return float64(p.Width) / float64(p.Height) }

// Registry holds every platform, in display order.
type Registry struct {
	platforms []Platform
}

// Default returns the registry shipped with Atelier.
func Default() *Registry {
	r, err := Parse(registryTOML)
	if err != nil {
		panic("the embedded platform registry is invalid: " + err.Error())
	}
	return r
}

// Parse reads a registry from TOML and checks it.
func Parse(data []byte) (*Registry, error) {
	var doc struct {
		Platform []Platform `toml:"platform"`
	}
	if err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&doc); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) {
			var keys []string
			for _, e := range strict.Errors {
				line, _ := e.Position()
				keys = append(keys, fmt.Sprintf("line %d: %s", line, strings.Join(e.Key(), ".")))
			}
			return nil, fmt.Errorf("platform registry: unknown keys: %s", strings.Join(keys, "; "))
		}
		return nil, fmt.Errorf("platform registry: %w", err)
	}
	r := &Registry{platforms: doc.Platform}
	return r, r.check()
}

func (r *Registry) check() error {
	seen := map[string]bool{}
	var problems []string
	for _, p := range r.platforms {
		if p.ID == "" || seen[p.ID] {
			problems = append(problems, fmt.Sprintf("platform id %q is empty or repeated", p.ID))
		}
		seen[p.ID] = true
		if p.TextLimit <= 0 {
			problems = append(problems, p.ID+": text_limit must be positive")
		}
		if !slices.Contains([]Counting{CountChars, CountGraphemes, CountWeighted}, p.Counting) {
			problems = append(problems, fmt.Sprintf("%s: counting %q is not chars, graphemes or weighted", p.ID, p.Counting))
		}
		if !slices.Contains([]Layout{TextFirst, MediaFirst, FullScreen}, p.Preview) {
			problems = append(problems, fmt.Sprintf("%s: preview %q is not text_first, media_first or full_screen", p.ID, p.Preview))
		}
		if p.Counting == CountWeighted && p.URLLength <= 0 {
			problems = append(problems, p.ID+": weighted counting needs url_length")
		}
		for _, pl := range p.Placements {
			if !strings.HasPrefix(pl.ID, p.ID+".") || seen[pl.ID] {
				problems = append(problems, fmt.Sprintf("%s: placement id %q must start with %q and be unique", p.ID, pl.ID, p.ID+"."))
			}
			seen[pl.ID] = true
			if pl.Width <= 0 || pl.Height <= 0 {
				problems = append(problems, pl.ID+": width and height must be positive")
			}
			if s := pl.Safe; s.Top+s.Bottom >= 1 || s.Left+s.Right >= 1 || min(s.Top, s.Bottom, s.Left, s.Right) < 0 {
				problems = append(problems, pl.ID+": safe zone leaves no room")
			}
		}
		videoSeen := map[string]bool{}
		for i := range p.Videos {
			v := &p.Videos[i]
			v.Platform = p.ID
			if !strings.HasPrefix(v.ID, p.ID+".") || videoSeen[v.ID] {
				problems = append(problems, fmt.Sprintf("%s: video placement id %q must start with %q and be unique", p.ID, v.ID, p.ID+"."))
			}
			videoSeen[v.ID] = true
			problems = append(problems, v.problems()...)
		}
		switch {
		case p.DefaultVideo == "" && len(p.Videos) > 0:
			problems = append(problems, p.ID+": default_video must name one of its video placements")
		case p.DefaultVideo != "" && !videoSeen[p.DefaultVideo]:
			problems = append(problems, fmt.Sprintf("%s: default_video %q is not one of its video placements", p.ID, p.DefaultVideo))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("platform registry: %s", strings.Join(problems, "; "))
	}
	return nil
}

// All returns every platform in display order.
func (r *Registry) All() []Platform { return slices.Clone(r.platforms) }

// IDs returns every platform id in display order.
func (r *Registry) IDs() []string {
	ids := make([]string, len(r.platforms))
	for i, p := range r.platforms {
		ids[i] = p.ID
	}
	return ids
}

// Get returns the platform with the id.
func (r *Registry) Get(id string) (Platform, bool) {
	for _, p := range r.platforms {
		if p.ID == id {
			return p, true
		}
	}
	return Platform{}, false
}

// Placement returns the placement with the id ("instagram.story").
func (r *Registry) Placement(id string) (Placement, bool) {
	for _, p := range r.platforms {
		for _, pl := range p.Placements {
			if pl.ID == id {
				return pl, true
			}
		}
	}
	return Placement{}, false
}

// Placements returns every placement of every platform.
func (r *Registry) Placements() []Placement {
	var out []Placement
	for _, p := range r.platforms {
		out = append(out, p.Placements...)
	}
	return out
}

// Video codec, profile, pixel format and audio codec names a video placement
// may use, lower-case as ffprobe reports a stream (codec_name h264, profile
// High, pix_fmt yuv420p; AAC-LC is codec_name aac with profile LC).
const (
	VideoCodecH264  = "h264"
	ProfileHigh     = "high"
	PixFmtYUV420P   = "yuv420p"
	AudioCodecAACLC = "aac_lc"
)

var (
	videoCodecs = []string{VideoCodecH264, "hevc"}
	profiles    = []string{"baseline", "main", ProfileHigh}
	pixFmts     = []string{PixFmtYUV420P}
	audioCodecs = []string{AudioCodecAACLC}
)

// VideoPlacement is one video slot on a platform: what to render (size,
// frame rate, codecs), what the platform accepts (frame-rate range,
// durations, file size, bitrate), the loudness to master to, and where its
// interface covers the picture.
//
// Safe zones are fractions of the frame: Top and Bottom of the height, Left
// and Right of the width. Safe is the interface safe zone (the margins the
// platform's interface may cover: keep logos, text and faces out of them),
// Caption the caption safe zone (the margins burned-in captions keep clear
// of). Overlays, when the sources describe them, are the interface elements
// themselves as rectangles (TikTok's button column covers only part of the
// height); without them the interface is the bands of the Safe margins.
type VideoPlacement struct {
	ID   string `toml:"id"`
	Name string `toml:"name"`
	// Platform is the id of the platform the placement belongs to, set at load.
	Platform string `toml:"-"`

	Width  int `toml:"width"`
	Height int `toml:"height"`

	FPS    float64 `toml:"fps"`     // the frame rate to render
	FPSMin float64 `toml:"fps_min"` // the lowest frame rate the platform accepts
	FPSMax float64 `toml:"fps_max"` // the highest

	VideoCodec  string `toml:"video_codec"` // "h264"
	Profile     string `toml:"profile"`     // "high"
	PixelFormat string `toml:"pix_fmt"`     // "yuv420p"
	AudioCodec  string `toml:"audio_codec"` // "aac_lc"
	SampleRate  int    `toml:"sample_rate"` // Hz

	MinSeconds         int `toml:"min_seconds"`         // 0 = no published minimum
	MaxSeconds         int `toml:"max_seconds"`         // the longest the platform takes
	RecommendedSeconds int `toml:"recommended_seconds"` // aim at or under this

	MaxBytes        int64 `toml:"max_bytes"`        // file-size limit
	MaxKbps         int   `toml:"max_kbps"`         // video bitrate ceiling; 0 = none documented
	RecommendedKbps int   `toml:"recommended_kbps"` // the platform's recommendation; 0 = none

	TargetLUFS   float64 `toml:"target_lufs"`    // integrated loudness to master to
	TruePeakDBTP float64 `toml:"true_peak_dbtp"` // true-peak ceiling

	Safe     Insets    `toml:"safe"`    // interface safe zone
	Caption  Insets    `toml:"caption"` // caption safe zone
	Overlays []Overlay `toml:"overlay"` // interface elements, when known
}

// Overlay is one interface element drawn over the video (a button column, a
// caption bar), as fractions of the frame: X and W of the width, Y and H of
// the height, from the top-left corner.
type Overlay struct {
	Name string  `toml:"name"`
	X    float64 `toml:"x"`
	Y    float64 `toml:"y"`
	W    float64 `toml:"w"`
	H    float64 `toml:"h"`
}

// eps absorbs float error when fractions become pixels (0.07 × 100 is
// 7.000000000000001, which must round up to 7, not 8).
const eps = 1e-9

// Area is the rectangle of a w×h frame left free by the insets. Each margin
// is rounded up to whole pixels, so the area never reaches into a margin.
func (s Insets) Area(w, h int) image.Rectangle {
	// A literal, not image.Rect, which would swap edges that cross.
	r := image.Rectangle{
		Min: image.Pt(ceilPx(s.Left*float64(w)), ceilPx(s.Top*float64(h))),
		Max: image.Pt(w-ceilPx(s.Right*float64(w)), h-ceilPx(s.Bottom*float64(h))),
	}
	if r.Empty() {
		return image.Rectangle{}
	}
	return r
}

// Box is the overlay in pixels of a w×h frame, rounded outwards to whole
// pixels and clipped to the frame.
func (o Overlay) Box(w, h int) image.Rectangle {
	r := image.Rect(
		floorPx(o.X*float64(w)), floorPx(o.Y*float64(h)),
		ceilPx((o.X+o.W)*float64(w)), ceilPx((o.Y+o.H)*float64(h)))
	return r.Intersect(image.Rect(0, 0, w, h))
}

func ceilPx(v float64) int  { return int(math.Ceil(v - eps)) }
func floorPx(v float64) int { return int(math.Floor(v + eps)) }

// SafeBox is the image placement's area outside its safe zone, in pixels.
func (p Placement) SafeBox() image.Rectangle { return p.Safe.Area(p.Width, p.Height) }

// Aspect returns the video's width over height.
func (v VideoPlacement) Aspect() float64 { return float64(v.Width) / float64(v.Height) }

// Bounds is the whole frame.
func (v VideoPlacement) Bounds() image.Rectangle { return image.Rect(0, 0, v.Width, v.Height) }

// CaptionBox is where burned-in captions go: the frame inside the caption
// safe zone, in pixels. It overlaps none of InterfaceBoxes (checked at load).
func (v VideoPlacement) CaptionBox() image.Rectangle { return v.Caption.Area(v.Width, v.Height) }

// SafeBox is the frame inside the interface safe zone: what no interface
// element covers, in pixels.
func (v VideoPlacement) SafeBox() image.Rectangle { return v.Safe.Area(v.Width, v.Height) }

// InterfaceBoxes are the rectangles, in pixels, that the platform's interface
// draws over the video: the overlays when the registry lists them, otherwise
// the bands of the interface safe zone (top, bottom, left, right; the side
// bands between the top and bottom ones). Empty when the platform covers
// nothing.
func (v VideoPlacement) InterfaceBoxes() []image.Rectangle {
	var out []image.Rectangle
	if len(v.Overlays) > 0 {
		for _, o := range v.Overlays {
			if b := o.Box(v.Width, v.Height); !b.Empty() {
				out = append(out, b)
			}
		}
		return out
	}
	safe := v.SafeBox()
	if safe.Empty() {
		return []image.Rectangle{v.Bounds()}
	}
	w, h := v.Width, v.Height
	for _, b := range []image.Rectangle{
		image.Rect(0, 0, w, safe.Min.Y),                   // top
		image.Rect(0, safe.Max.Y, w, h),                   // bottom
		image.Rect(0, safe.Min.Y, safe.Min.X, safe.Max.Y), // left
		image.Rect(safe.Max.X, safe.Min.Y, w, safe.Max.Y), // right
	} {
		if !b.Empty() {
			out = append(out, b)
		}
	}
	return out
}

// AcceptsFPS reports whether the platform takes a video at this frame rate.
// The floor has a 1 % tolerance so that 23.976 fps passes a floor of 24
// (platforms write NTSC rates rounded); the ceiling has none.
func (v VideoPlacement) AcceptsFPS(fps float64) bool {
	return fps >= v.FPSMin*0.99 && fps <= v.FPSMax+eps
}

// AcceptsDuration reports whether the platform takes a video this long.
func (v VideoPlacement) AcceptsDuration(seconds float64) bool {
	return seconds >= float64(v.MinSeconds) && seconds <= float64(v.MaxSeconds)
}

// problems lists what is wrong with the placement, each naming it and the
// field.
func (v *VideoPlacement) problems() []string {
	var out []string
	bad := func(format string, args ...any) {
		out = append(out, v.ID+": "+fmt.Sprintf(format, args...))
	}
	if v.Name == "" {
		bad("name is empty")
	}
	if v.Width <= 0 || v.Height <= 0 {
		bad("width and height must be positive, not %d×%d", v.Width, v.Height)
	}
	switch {
	case v.FPS <= 0:
		bad("fps must be positive, not %g", v.FPS)
	case v.FPSMin <= 0 || v.FPSMax < v.FPSMin:
		bad("fps_min %g and fps_max %g must be positive and in order", v.FPSMin, v.FPSMax)
	case v.FPS < v.FPSMin || v.FPS > v.FPSMax:
		bad("fps %g is outside fps_min %g to fps_max %g", v.FPS, v.FPSMin, v.FPSMax)
	}
	for _, f := range []struct {
		key, value string
		known      []string
	}{
		{"video_codec", v.VideoCodec, videoCodecs},
		{"profile", v.Profile, profiles},
		{"pix_fmt", v.PixelFormat, pixFmts},
		{"audio_codec", v.AudioCodec, audioCodecs},
	} {
		if !slices.Contains(f.known, f.value) {
			bad("%s %q is not one of %s", f.key, f.value, strings.Join(f.known, ", "))
		}
	}
	if v.SampleRate <= 0 {
		bad("sample_rate must be positive, not %d", v.SampleRate)
	}
	switch {
	case v.MinSeconds < 0:
		bad("min_seconds must not be negative, not %d", v.MinSeconds)
	case v.RecommendedSeconds <= 0:
		bad("recommended_seconds must be positive, not %d", v.RecommendedSeconds)
	case v.RecommendedSeconds < v.MinSeconds:
		bad("recommended_seconds %d is below min_seconds %d", v.RecommendedSeconds, v.MinSeconds)
	case v.MaxSeconds < v.RecommendedSeconds:
		bad("max_seconds %d is below recommended_seconds %d", v.MaxSeconds, v.RecommendedSeconds)
	}
	if v.MaxBytes <= 0 {
		bad("max_bytes must be positive, not %d", v.MaxBytes)
	}
	if v.MaxKbps < 0 || v.RecommendedKbps < 0 {
		bad("max_kbps and recommended_kbps must not be negative")
	} else if v.MaxKbps > 0 && v.RecommendedKbps > v.MaxKbps {
		bad("recommended_kbps %d is above max_kbps %d", v.RecommendedKbps, v.MaxKbps)
	}
	if v.TargetLUFS >= 0 {
		bad("target_lufs must be negative, not %g", v.TargetLUFS)
	}
	if v.TruePeakDBTP > 0 {
		bad("true_peak_dbtp must not be above 0, not %g", v.TruePeakDBTP)
	}
	for _, z := range []struct {
		key string
		in  Insets
	}{{"safe", v.Safe}, {"caption", v.Caption}} {
		for _, m := range []struct {
			side string
			f    float64
		}{{"top", z.in.Top}, {"bottom", z.in.Bottom}, {"left", z.in.Left}, {"right", z.in.Right}} {
			if m.f < 0 || m.f >= 0.5 || math.IsNaN(m.f) {
				bad("%s.%s %g is outside [0, 0.5)", z.key, m.side, m.f)
			}
		}
	}
	if len(out) > 0 {
		return out // the boxes below need sound dimensions and margins
	}
	for i, o := range v.Overlays {
		if o.W <= 0 || o.H <= 0 || o.X < 0 || o.Y < 0 || o.X+o.W > 1+eps || o.Y+o.H > 1+eps {
			bad("overlay %d (%q) must have a positive size and lie within the frame", i+1, o.Name)
			continue
		}
		if b := o.Box(v.Width, v.Height); b.Overlaps(v.SafeBox()) {
			bad("overlay %d (%q) at %v reaches into the interface safe box %v; widen safe", i+1, o.Name, b, v.SafeBox())
		}
	}
	caption := v.CaptionBox()
	if caption.Empty() {
		bad("caption safe zone leaves an empty caption box")
		return out
	}
	for _, b := range v.InterfaceBoxes() {
		if b.Overlaps(caption) {
			bad("caption box %v overlaps the interface at %v; widen caption", caption, b)
		}
	}
	return out
}

// VideoPlacement returns the video placement with the id ("instagram.reel").
func (r *Registry) VideoPlacement(id string) (VideoPlacement, bool) {
	for _, p := range r.platforms {
		for _, v := range p.Videos {
			if v.ID == id {
				return v, true
			}
		}
	}
	return VideoPlacement{}, false
}

// VideoPlacements returns every video placement of every platform, in
// display order.
func (r *Registry) VideoPlacements() []VideoPlacement {
	var out []VideoPlacement
	for _, p := range r.platforms {
		out = append(out, p.Videos...)
	}
	return out
}

// DefaultVideo returns the video placement a piece for the platform gets
// when nothing else is asked for; false when the platform has no video.
func (r *Registry) DefaultVideo(platformID string) (VideoPlacement, bool) {
	p, ok := r.Get(platformID)
	if !ok || p.DefaultVideo == "" {
		return VideoPlacement{}, false
	}
	return r.VideoPlacement(p.DefaultVideo)
}

var shipped = sync.OnceValue(Default)

// VideoPlacements returns every video placement of the registry shipped with
// Atelier.
func VideoPlacements() []VideoPlacement { return shipped().VideoPlacements() }
