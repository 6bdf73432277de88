package brandkit

import (
	"image"
	"math"
	"strings"
)

// VideoTarget is what a video is rendered for and held to: one of the
// registry's video placements.
type VideoTarget struct {
	Placement string
	Platform  string
	Width     int
	Height    int
	FPS       float64
	// Durations in seconds: the platform's shortest and longest, and what
	// it recommends; MaxBytes its file-size limit (0 = none).
	MinSeconds, RecommendedSeconds, MaxSeconds float64
	MaxBytes                                   int64
	// Safe is the part of the frame the platform's interface leaves
	// clear; Caption the part of it captions may take; Interface the
	// areas the interface draws over.
	Safe       Region
	Caption    Region
	Interface  []Region
	TargetLUFS float64 // 0 = the kit's target
}

// VideoInfo is what a video file holds, as ffprobe reports it.
type VideoInfo struct {
	Codec, Profile, PixFmt string
	Width, Height          int
	FPS                    float64 // the average frame rate
	ConstantRate           bool    // the nominal and average rates agree
	Seconds                float64
	Bytes                  int64
	FastStart              bool // the index comes before the media
	AudioCodec             string
	AudioProfile           string
	AudioRate              int // Hz; 0 = no audio
}

// VideoMeta is what Atelier's renderer records beside a video, in
// FILE.atelier.json, for the checker and the preview.
type VideoMeta struct {
	Placement  string        `json:"placement"`
	Width      int           `json:"width"`
	Height     int           `json:"height"`
	FPS        int           `json:"fps"`
	DurationMS int           `json:"duration_ms"`
	Language   string        `json:"language,omitempty"`
	Sources    []VideoSource `json:"sources"`
	CaptionBox Region        `json:"caption_box"` // the placement's caption zone
	Captions   []VideoCue    `json:"captions"`
	Colours    CaptionInk    `json:"caption_colours"`
	Logos      []TimedRegion `json:"logos"`
	Label      *TimedText    `json:"label,omitempty"`
	Title      TimedText     `json:"title"`
	Outro      TimedText     `json:"outro"`
	VoiceMS    [2]int        `json:"voice_ms"` // when the voice-over is heard
	Loudness   *Loudness     `json:"loudness,omitempty"`
	// Notes say what the render changed (an image enlarged, a script
	// cut), as findings of the rule "video.note", so front-ends say them
	// in the user's language.
	Notes []Finding `json:"notes,omitempty"`
}

// VideoSource is one image of a video with the part of it shown.
type VideoSource struct {
	Name     string     `json:"name"`             // the file's name
	SHA256   string     `json:"sha256,omitempty"` // the library's hash
	FocalX   float64    `json:"focal_x"`
	FocalY   float64    `json:"focal_y"`
	FromMS   int        `json:"from_ms"`
	ToMS     int        `json:"to_ms"`
	Start    [4]float64 `json:"start_window"` // x, y, w, h in the image's pixels
	End      [4]float64 `json:"end_window"`
	Upscaled float64    `json:"upscaled,omitempty"` // > 1 when the image had to be enlarged
}

// VideoCue is one caption on screen.
type VideoCue struct {
	Text   string `json:"text"`
	FromMS int    `json:"from_ms"`
	ToMS   int    `json:"to_ms"`
	Box    Region `json:"box"`
}

// CaptionInk is the captions' colours, as hex.
type CaptionInk struct {
	Text          string `json:"text"`
	Band          string `json:"band"`
	Highlight     string `json:"highlight"`
	HighlightText string `json:"highlight_text"`
}

// TimedRegion is something drawn over part of a video.
type TimedRegion struct {
	Region
	FromMS int `json:"from_ms"`
	ToMS   int `json:"to_ms"`
}

// TimedText is words drawn over part of a video.
type TimedText struct {
	Text string `json:"text"`
	TimedRegion
}

// VideoNote is one of a render's notes.
func VideoNote(key string, args ...string) Finding {
	return Say(Finding{Rule: "video.note", Severity: SeverityInfo, Start: -1, End: -1}, key, args...)
}

// The codec every placement takes.
const (
	videoCodec     = "h264"
	videoProfile   = "High"
	videoPixFmt    = "yuv420p"
	videoAudio     = "aac"
	videoAudioRate = 48000
)

// CheckVideo checks a video file against its placement and the kit: the
// stream (resolution, frame rate, codec, profile, pixel format, duration,
// size), its sound (loudness and true peak, from pcm when given), and, from
// Atelier's sidecar, the captions, the logo and the partnership label.
// paid says the piece is a paid partnership.
func CheckVideo(k *Kit, t VideoTarget, info VideoInfo, meta *VideoMeta, pcm *PCM, paid bool) Report {
	c := videoChecker{kit: k, t: t, info: info, meta: meta}
	c.stream()
	c.timing()
	if pcm != nil {
		for _, f := range CheckAudio(k, AudioTarget{Platform: t.Platform, TargetLUFS: t.TargetLUFS}, pcm).Findings {
			if f.Rule != "audio.duration" && f.Rule != "audio.silence" { // a video's own limits and its intro apply
				c.add(f)
			}
		}
	} else if info.AudioRate > 0 {
		c.say(SeverityInfo, "video.loudness_unmeasured", "video.loudness_unmeasured")
	}
	if meta == nil {
		c.say(SeverityInfo, "video.no_sidecar", "video.no_sidecar")
		if paid {
			c.say(SeverityWarning, "video.label", "video.label.unverified")
		}
	} else {
		c.captions()
		c.logos()
		c.label(paid)
	}
	r := newReport(c.fs)
	if pcm != nil {
		m := Measure(pcm)
		r.Audio = &m
	}
	return r
}

type videoChecker struct {
	kit  *Kit
	t    VideoTarget
	info VideoInfo
	meta *VideoMeta
	fs   []Finding
}

func (c *videoChecker) add(f Finding) { c.fs = append(c.fs, f) }

func (c *videoChecker) say(sev Severity, rule, key string, args ...string) {
	c.add(Say(Finding{Rule: rule, Severity: sev, Start: -1, End: -1}, key, args...))
}

func (c *videoChecker) stream() {
	in, t := c.info, c.t
	if in.Width != t.Width || in.Height != t.Height {
		c.say(SeverityError, "video.resolution", "video.resolution", "width", itoa(in.Width), "height", itoa(in.Height),
			"placement", t.Placement, "want_width", itoa(t.Width), "want_height", itoa(t.Height))
	}
	if t.FPS > 0 && math.Abs(in.FPS-t.FPS) > 0.01 {
		c.say(SeverityError, "video.frame_rate", "video.frame_rate", "fps", num(in.FPS), "want", num(t.FPS))
	}
	if !in.ConstantRate {
		c.say(SeverityWarning, "video.frame_rate", "video.variable_rate")
	}
	if in.Codec != videoCodec {
		c.say(SeverityError, "video.codec", "video.codec", "codec", orNone(in.Codec))
	} else if !strings.EqualFold(in.Profile, videoProfile) {
		c.say(SeverityWarning, "video.codec", "video.profile", "profile", orNone(in.Profile))
	}
	if in.PixFmt != videoPixFmt {
		c.say(SeverityError, "video.pixel_format", "video.pixel_format", "format", orNone(in.PixFmt))
	}
	switch {
	case in.AudioRate == 0:
		c.say(SeverityWarning, "video.audio", "video.audio.none")
	case in.AudioCodec != videoAudio || in.AudioRate != videoAudioRate:
		c.say(SeverityWarning, "video.audio", "video.audio.format", "codec", in.AudioCodec, "rate", itoa(in.AudioRate))
	}
	if !in.FastStart {
		c.say(SeverityWarning, "video.faststart", "video.faststart")
	}
}

func (c *videoChecker) timing() {
	in, t := c.info, c.t
	platform := platformName(t.Platform)
	switch {
	case t.MaxSeconds > 0 && in.Seconds > t.MaxSeconds+0.05:
		c.say(SeverityError, "video.duration", "video.duration.long", "seconds", num(in.Seconds), "platform", platform, "max", num0(t.MaxSeconds))
	case t.MinSeconds > 0 && in.Seconds < t.MinSeconds-0.05:
		c.say(SeverityError, "video.duration", "video.duration.short", "seconds", num(in.Seconds), "platform", platform, "min", num0(t.MinSeconds))
	case t.RecommendedSeconds > 0 && in.Seconds > t.RecommendedSeconds+0.5:
		c.say(SeverityInfo, "video.duration", "video.duration.recommended", "seconds", num(in.Seconds), "platform", platform, "recommended", num0(t.RecommendedSeconds))
	}
	if t.MaxBytes > 0 && in.Bytes > t.MaxBytes {
		c.say(SeverityError, "video.size", "video.size", "size", num(float64(in.Bytes)/1e6), "platform", platform, "max", num0(float64(t.MaxBytes)/1e6))
	}
}

func (c *videoChecker) captions() {
	m := c.meta
	if len(m.Captions) == 0 {
		c.say(SeverityWarning, "video.captions", "video.captions.none")
		return
	}
	zone := rectOf(c.t.Caption)
	if zone.Empty() {
		zone = rectOf(m.CaptionBox)
	}
	for _, cue := range m.Captions {
		if !zone.Empty() && !rectOf(cue.Box).In(zone) {
			r := cue.Box
			c.add(Say(Finding{Rule: "video.captions", Severity: SeverityError, Start: -1, End: -1, Region: &r, TimeMS: &[2]int{cue.FromMS, cue.ToMS}},
				"video.captions.safe_zone", "text", cue.Text, "placement", c.t.Placement))
		}
		if cue.ToMS > m.DurationMS {
			c.say(SeverityError, "video.captions", "video.captions.late", "text", cue.Text)
		}
	}
	ink := m.Colours
	for _, pair := range [][2]string{{ink.Text, ink.Band}, {ink.HighlightText, ink.Highlight}} {
		fg, ok1 := ParseHex(pair[0])
		bg, ok2 := ParseHex(pair[1])
		if ok1 && ok2 && ContrastRatio(fg, bg) < minContrast {
			c.say(SeverityError, "video.captions", "image.contrast", "colour", pair[0], "background", pair[1],
				"ratio", num(ContrastRatio(fg, bg)), "min", num(minContrast))
		}
	}
}

func (c *videoChecker) logos() {
	if len(c.meta.Logos) == 0 {
		c.say(SeverityWarning, "logo.missing", "logo.missing")
		return
	}
	frame := image.Rect(0, 0, c.t.Width, c.t.Height)
	safe := rectOf(c.t.Safe)
	for _, l := range c.meta.Logos {
		region := l.Region
		margin := int(c.kit.Logo.ClearSpace * float64(l.W))
		grown := rectOf(l.Region).Inset(-margin)
		if !grown.In(frame) {
			c.add(Say(Finding{Rule: "logo.clear_space", Severity: SeverityError, Start: -1, End: -1, Region: &region}, "logo.clear_space", "margin", itoa(margin)))
		}
		if !safe.Empty() && !rectOf(l.Region).In(safe) {
			c.add(Say(Finding{Rule: "image.safe_zone", Severity: SeverityError, Start: -1, End: -1, Region: &region}, "image.safe_zone.logo", "placement", c.t.Placement))
		}
		for _, cue := range c.meta.Captions {
			if cue.FromMS < l.ToMS && l.FromMS < cue.ToMS && grown.Overlaps(rectOf(cue.Box)) {
				c.add(Say(Finding{Rule: "logo.clear_space", Severity: SeverityError, Start: -1, End: -1, Region: &region}, "logo.clear_space.text"))
				break
			}
		}
	}
}

// label: a paid partnership keeps its mention on screen from the first
// frame to the last (the fr-influence pack's disclosure rule).
func (c *videoChecker) label(paid bool) {
	l := c.meta.Label
	if !paid {
		return
	}
	if l == nil || strings.TrimSpace(l.Text) == "" {
		f := Say(Finding{Rule: "video.label", Severity: SeverityError, Start: -1, End: -1}, "video.label.missing")
		f.Cite = "Loi n° 2023-451, article 5, I"
		c.add(f)
		return
	}
	if l.FromMS > 0 || l.ToMS < c.meta.DurationMS-50 {
		f := Say(Finding{Rule: "video.label", Severity: SeverityError, Start: -1, End: -1, TimeMS: &[2]int{l.FromMS, l.ToMS}}, "video.label.partial",
			"label", l.Text, "from", num(float64(l.FromMS)/1000), "to", num(float64(l.ToMS)/1000))
		f.Cite = "Loi n° 2023-451, article 5, I"
		c.add(f)
	}
	if safe := rectOf(c.t.Safe); !safe.Empty() && !rectOf(l.Region).In(safe) {
		region := l.Region
		c.add(Say(Finding{Rule: "image.safe_zone", Severity: SeverityError, Start: -1, End: -1, Region: &region}, "image.safe_zone.text", "placement", c.t.Placement))
	}
}

func rectOf(r Region) image.Rectangle { return image.Rect(r.X, r.Y, r.X+r.W, r.Y+r.H) }

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
