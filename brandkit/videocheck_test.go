package brandkit_test

import (
	"math"
	"testing"

	"atelier/brandkit"
)

// reel is Instagram Reels' placement, as the registry gives it.
var reel = brandkit.VideoTarget{Placement: "instagram.reel", Platform: "instagram", Width: 1080, Height: 1920, FPS: 30,
	MinSeconds: 3, RecommendedSeconds: 90, MaxSeconds: 180, MaxBytes: 300 << 20,
	Safe: brandkit.Region{X: 65, Y: 269, W: 950, H: 979}, Caption: brandkit.Region{X: 65, Y: 269, W: 950, H: 979}, TargetLUFS: -14}

func goodClip() (brandkit.VideoInfo, *brandkit.VideoMeta) {
	info := brandkit.VideoInfo{Codec: "h264", Profile: "High", PixFmt: "yuv420p", Width: 1080, Height: 1920, FPS: 30, ConstantRate: true,
		Seconds: 15, Bytes: 5 << 20, FastStart: true, AudioCodec: "aac", AudioProfile: "LC", AudioRate: 48000}
	meta := &brandkit.VideoMeta{Placement: "instagram.reel", Width: 1080, Height: 1920, FPS: 30, DurationMS: 15000,
		Captions: []brandkit.VideoCue{{Text: "Notre bougie arrive.", FromMS: 900, ToMS: 2100, Box: brandkit.Region{X: 200, Y: 1100, W: 680, H: 120}}},
		Colours:  brandkit.CaptionInk{Text: "#FFF8EE", Band: "#1E2A44", Highlight: "#F2A33A", HighlightText: "#1E2A44"},
		Logos:    []brandkit.TimedRegion{{Region: brandkit.Region{X: 120, Y: 320, W: 180, H: 56}, FromMS: 800, ToMS: 13700}},
		Label:    &brandkit.TimedText{Text: "Publicité", TimedRegion: brandkit.TimedRegion{Region: brandkit.Region{X: 850, Y: 300, W: 140, H: 40}, FromMS: 0, ToMS: 15000}}}
	return info, meta
}

// tone is a 1 kHz sine at the given RMS level, for the loudness rules.
func tone(seconds, dbfs float64) *brandkit.PCM {
	n := int(seconds * 48000)
	a := math.Pow(10, dbfs/20) * math.Sqrt2
	p := &brandkit.PCM{Rate: 48000, Channels: [][]float64{make([]float64, n), make([]float64, n)}}
	for i := range n {
		v := a * math.Sin(2*math.Pi*1000*float64(i)/48000)
		p.Channels[0][i], p.Channels[1][i] = v, v
	}
	return p
}

func TestVideoRules(t *testing.T) {
	k := sampleKit(t)
	for _, c := range []struct {
		name string
		edit func(*brandkit.VideoInfo, **brandkit.VideoMeta)
		pcm  *brandkit.PCM
		paid bool
		rule string // "" = no error or warning
		sev  brandkit.Severity
	}{
		{"a good clip", func(*brandkit.VideoInfo, **brandkit.VideoMeta) {}, nil, true, "", ""},
		{"square", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.Height = 1080 }, nil, false, "video.resolution", brandkit.SeverityError},
		{"25 fps", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.FPS = 25 }, nil, false, "video.frame_rate", brandkit.SeverityError},
		{"variable rate", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.ConstantRate = false }, nil, false, "video.frame_rate", brandkit.SeverityWarning},
		{"HEVC", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.Codec = "hevc" }, nil, false, "video.codec", brandkit.SeverityError},
		{"Main profile", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.Profile = "Main" }, nil, false, "video.codec", brandkit.SeverityWarning},
		{"4:4:4", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.PixFmt = "yuv444p" }, nil, false, "video.pixel_format", brandkit.SeverityError},
		{"silent", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.AudioRate = 0 }, nil, false, "video.audio", brandkit.SeverityWarning},
		{"44.1 kHz MP3", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.AudioCodec, i.AudioRate = "mp3", 44100 }, nil, false, "video.audio", brandkit.SeverityWarning},
		{"index at the end", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.FastStart = false }, nil, false, "video.faststart", brandkit.SeverityWarning},
		{"too long", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.Seconds = 200 }, nil, false, "video.duration", brandkit.SeverityError},
		{"too short", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.Seconds = 2 }, nil, false, "video.duration", brandkit.SeverityError},
		{"too big", func(i *brandkit.VideoInfo, _ **brandkit.VideoMeta) { i.Bytes = 400 << 20 }, nil, false, "video.size", brandkit.SeverityError},
		{"too quiet", func(*brandkit.VideoInfo, **brandkit.VideoMeta) {}, tone(10, -30), false, "audio.loudness", brandkit.SeverityError},
		{"clipping", func(*brandkit.VideoInfo, **brandkit.VideoMeta) {}, tone(10, -3), false, "audio.true_peak", brandkit.SeverityError},
		{"no captions", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Captions = nil }, nil, false, "video.captions", brandkit.SeverityWarning},
		{"caption under the interface", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Captions[0].Box.Y = 1500 }, nil, false, "video.captions", brandkit.SeverityError},
		{"caption past the end", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Captions[0].ToMS = 16000 }, nil, false, "video.captions", brandkit.SeverityError},
		{"captions without contrast", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Colours.Band = "#EEE8DE" }, nil, false, "video.captions", brandkit.SeverityError},
		{"no logo", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Logos = nil }, nil, false, "logo.missing", brandkit.SeverityWarning},
		{"logo at the edge", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Logos[0].X = 0 }, nil, false, "logo.clear_space", brandkit.SeverityError},
		{"logo under the interface", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Logos[0].Y = 100 }, nil, false, "image.safe_zone", brandkit.SeverityError},
		{"logo on a caption", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Logos[0].Y = 1080 }, nil, false, "logo.clear_space", brandkit.SeverityError},
		{"paid, no label", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Label = nil }, nil, true, "video.label", brandkit.SeverityError},
		{"paid, label for 5 s", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Label.ToMS = 5000 }, nil, true, "video.label", brandkit.SeverityError},
		{"not paid, no label", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { (*m).Label = nil }, nil, false, "", ""},
		{"paid, no sidecar", func(_ *brandkit.VideoInfo, m **brandkit.VideoMeta) { *m = nil }, nil, true, "video.label", brandkit.SeverityWarning},
	} {
		t.Run(c.name, func(t *testing.T) {
			info, meta := goodClip()
			c.edit(&info, &meta)
			r := brandkit.CheckVideo(k, reel, info, meta, c.pcm, c.paid)
			var got []brandkit.Finding
			for _, f := range r.Findings {
				if f.Severity != brandkit.SeverityInfo {
					got = append(got, f)
				}
			}
			if c.rule == "" {
				if len(got) > 0 {
					t.Fatalf("findings on a good clip: %+v", got)
				}
				return
			}
			for _, f := range got {
				if f.Rule == c.rule && f.Severity == c.sev {
					if f.Key == "" || f.Message == "" {
						t.Errorf("%s has no message key or message", f.Rule)
					}
					return
				}
			}
			t.Fatalf("want %s (%s), got %+v", c.rule, c.sev, got)
		})
	}
}
