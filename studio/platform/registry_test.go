package platform_test

import (
	"image"
	"slices"
	"strings"
	"testing"

	"atelier/studio/platform"
)

func TestDefaultRegistryMatchesDesign(t *testing.T) {
	r := platform.Default()
	cases := []struct {
		id        string
		limit     int
		counting  platform.Counting
		placement string
		w, h      int
	}{
		{"x", 280, platform.CountWeighted, "x.image", 1600, 900},
		{"linkedin", 3000, platform.CountChars, "linkedin.link", 1200, 627},
		{"linkedin", 3000, platform.CountChars, "linkedin.square", 1200, 1200},
		{"instagram", 2200, platform.CountChars, "instagram.feed", 1080, 1080},
		{"instagram", 2200, platform.CountChars, "instagram.portrait", 1080, 1350},
		{"instagram", 2200, platform.CountChars, "instagram.story", 1080, 1920},
		{"facebook", 63206, platform.CountChars, "facebook.link", 1200, 630},
		{"tiktok", 2200, platform.CountChars, "tiktok.video", 1080, 1920},
		{"threads", 500, platform.CountChars, "threads.portrait", 1080, 1350},
		{"bluesky", 300, platform.CountGraphemes, "bluesky.image", 1200, 675},
		{"mastodon", 500, platform.CountWeighted, "mastodon.image", 1200, 675},
		{"youtube", 5000, platform.CountChars, "youtube.thumbnail", 1280, 720},
		{"pinterest", 500, platform.CountChars, "pinterest.pin", 1000, 1500},
	}
	for _, c := range cases {
		p, ok := r.Get(c.id)
		if !ok || p.TextLimit != c.limit || p.Counting != c.counting {
			t.Errorf("%s: %+v", c.id, p)
		}
		pl, ok := r.Placement(c.placement)
		if !ok || pl.Width != c.w || pl.Height != c.h {
			t.Errorf("%s: %+v", c.placement, pl)
		}
	}
	if len(r.All()) != 10 {
		t.Errorf("%d platforms, want 10", len(r.All()))
	}
	li, _ := r.Get("linkedin")
	if li.FoldMobile != 140 || li.FoldDesktop != 210 || li.FoldLinesMobile != 3 || li.FoldLinesDesktop != 5 {
		t.Errorf("linkedin fold %+v", li)
	}
	story, _ := r.Placement("instagram.story")
	if story.Safe.Top != 0.14 || story.Safe.Bottom != 0.14 {
		t.Errorf("story safe zone %+v", story.Safe)
	}
	yt, _ := r.Get("youtube")
	if yt.TitleLimit != 100 {
		t.Errorf("youtube title limit %d", yt.TitleLimit)
	}
	sizes := map[[2]int]bool{}
	for _, pl := range r.Placements() {
		sizes[[2]int{pl.Width, pl.Height}] = true
	}
	if len(sizes) != 10 {
		t.Errorf("%d distinct placement sizes, want the 10 of DESIGN.md", len(sizes))
	}
	if _, ok := r.Get("myspace"); ok {
		t.Error("unknown platform found")
	}
}

func TestParseRejectsBadRegistries(t *testing.T) {
	cases := []struct{ name, toml, want string }{
		{"unknown key", "[[platform]]\nid='a'\nname='A'\ntext_limit=1\ncounting='chars'\ncolour='red'", "colour"},
		{"no limit", "[[platform]]\nid='a'\nname='A'\ncounting='chars'", "text_limit"},
		{"bad counting", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='words'", "counting"},
		{"weighted without url length", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='weighted'", "url_length"},
		{"duplicate id", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='chars'\n[[platform]]\nid='a'\nname='B'\ntext_limit=5\ncounting='chars'", "repeated"},
		{"placement prefix", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='chars'\n[[platform.placement]]\nid='b.x'\nwidth=1\nheight=1", "must start with"},
		{"no room in safe zone", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='chars'\n[[platform.placement]]\nid='a.x'\nwidth=1\nheight=1\nsafe={top=0.5,bottom=0.5}", "no room"},
	}
	for _, c := range cases {
		_, err := platform.Parse([]byte(c.toml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func TestVideoPlacementFigures(t *testing.T) {
	r := platform.Default()
	cases := []struct {
		id, platform   string
		w, h           int
		fpsMin, fpsMax float64
		minS, recS     int
		maxS           int
		maxBytes       int64
		maxKbps        int
		recKbps        int
	}{
		{"tiktok.video", "tiktok", 1080, 1920, 23, 60, 3, 34, 600, 4_000_000_000, 0, 0},
		{"instagram.reel", "instagram", 1080, 1920, 23, 60, 3, 90, 180, 300_000_000, 25000, 0},
		{"instagram.feed_video", "instagram", 1080, 1080, 23, 60, 3, 90, 180, 300_000_000, 25000, 0},
		{"instagram.feed_video_portrait", "instagram", 1080, 1350, 23, 60, 3, 90, 180, 300_000_000, 25000, 0},
		{"youtube.short", "youtube", 1080, 1920, 24, 60, 0, 60, 180, 256_000_000_000, 0, 8000},
		{"youtube.video", "youtube", 1920, 1080, 24, 60, 0, 43200, 43200, 256_000_000_000, 0, 8000},
		{"linkedin.video", "linkedin", 1080, 1080, 10, 60, 3, 30, 600, 5_000_000_000, 0, 0},
		{"linkedin.video_portrait", "linkedin", 1080, 1350, 10, 60, 3, 30, 600, 5_000_000_000, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			v, ok := r.VideoPlacement(c.id)
			if !ok {
				t.Fatal("not found")
			}
			got := []any{v.Platform, v.Width, v.Height, v.FPSMin, v.FPSMax, v.MinSeconds, v.RecommendedSeconds, v.MaxSeconds, v.MaxBytes, v.MaxKbps, v.RecommendedKbps}
			want := []any{c.platform, c.w, c.h, c.fpsMin, c.fpsMax, c.minS, c.recS, c.maxS, c.maxBytes, c.maxKbps, c.recKbps}
			if !slices.Equal(got, want) {
				t.Errorf("platform, size, fps range, durations, bytes, kbps = %v, want %v", got, want)
			}
			// What every placement renders and masters to.
			render := []any{v.FPS, v.VideoCodec, v.Profile, v.PixelFormat, v.AudioCodec, v.SampleRate, v.TargetLUFS, v.TruePeakDBTP}
			if wantRender := []any{30.0, platform.VideoCodecH264, platform.ProfileHigh, platform.PixFmtYUV420P, platform.AudioCodecAACLC, 48000, -14.0, -1.0}; !slices.Equal(render, wantRender) {
				t.Errorf("render settings %v, want %v", render, wantRender)
			}
			if v.Name == "" {
				t.Error("no name")
			}
		})
	}
	if n := len(r.VideoPlacements()); n != len(cases) {
		t.Errorf("%d video placements, want the %d above", n, len(cases))
	}
	var ids []string
	for _, v := range platform.VideoPlacements() {
		ids = append(ids, v.ID)
	}
	want := []string{"linkedin.video", "linkedin.video_portrait", "instagram.reel", "instagram.feed_video", "instagram.feed_video_portrait", "tiktok.video", "youtube.short", "youtube.video"}
	if !slices.Equal(ids, want) {
		t.Errorf("platform.VideoPlacements() = %v, want %v (display order)", ids, want)
	}
	if _, ok := r.VideoPlacement("tiktok.story"); ok {
		t.Error("unknown video placement found")
	}
	// The still 9:16 cover keeps its id next to the video of the same name.
	if still, ok := r.Placement("tiktok.video"); !ok || still.Width != 1080 || still.Height != 1920 {
		t.Errorf("still tiktok.video placement %+v", still)
	}
}

func TestVideoSafeZonesInPixels(t *testing.T) {
	rect := image.Rect
	cases := []struct {
		id      string
		caption image.Rectangle
		safe    image.Rectangle
		iface   []image.Rectangle
	}{
		// Meta: 14 % top (268.8 → 269 px), 35 % bottom (672 px), 6 % each side (64.8 → 65 px).
		{"instagram.reel", rect(65, 269, 1015, 1248), rect(65, 269, 1015, 1248),
			[]image.Rectangle{rect(0, 0, 1080, 269), rect(0, 1248, 1080, 1920), rect(0, 269, 65, 1248), rect(1015, 269, 1080, 1248)}},
		// TikTok: the button column covers only y 150-1470 of the right 140 px.
		{"tiktok.video", rect(40, 150, 940, 1470), rect(0, 150, 940, 1470),
			[]image.Rectangle{rect(0, 0, 1080, 150), rect(940, 150, 1080, 1470), rect(0, 1470, 1080, 1920)}},
		{"youtube.short", rect(54, 150, 918, 1440), rect(0, 150, 918, 1440),
			[]image.Rectangle{rect(0, 0, 1080, 150), rect(918, 150, 1080, 1440), rect(0, 1440, 1080, 1920)}},
		{"youtube.video", rect(96, 54, 1824, 1026), rect(0, 0, 1920, 1080), nil},
		{"instagram.feed_video", rect(65, 65, 1015, 1015), rect(65, 65, 1015, 1015),
			[]image.Rectangle{rect(0, 0, 1080, 65), rect(0, 1015, 1080, 1080), rect(0, 65, 65, 1015), rect(1015, 65, 1080, 1015)}},
		{"instagram.feed_video_portrait", rect(65, 65, 1015, 1285), rect(65, 65, 1015, 1285),
			[]image.Rectangle{rect(0, 0, 1080, 65), rect(0, 1285, 1080, 1350), rect(0, 65, 65, 1285), rect(1015, 65, 1080, 1285)}},
		{"linkedin.video", rect(54, 54, 1026, 1026), rect(0, 0, 1080, 1080), nil},
		{"linkedin.video_portrait", rect(54, 68, 1026, 1282), rect(0, 0, 1080, 1350), nil},
	}
	r := platform.Default()
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			v, _ := r.VideoPlacement(c.id)
			if got := v.CaptionBox(); got != c.caption {
				t.Errorf("CaptionBox() = %v, want %v", got, c.caption)
			}
			if got := v.SafeBox(); got != c.safe {
				t.Errorf("SafeBox() = %v, want %v", got, c.safe)
			}
			got := v.InterfaceBoxes()
			if !slices.Equal(got, c.iface) {
				t.Errorf("InterfaceBoxes() = %v, want %v", got, c.iface)
			}
			for _, b := range got {
				if b.Overlaps(v.CaptionBox()) || !b.In(v.Bounds()) {
					t.Errorf("interface box %v overlaps the caption box or leaves the frame", b)
				}
			}
		})
	}
}

func TestInsetsAndOverlaysRoundToWholePixels(t *testing.T) {
	cases := []struct {
		name string
		got  image.Rectangle
		want image.Rectangle
	}{
		{"5 % of 1080 is 54", platform.Insets{Left: 0.05, Right: 0.05}.Area(1080, 100), image.Rect(54, 0, 1026, 100)},
		{"7 % of 100 is 7, not 8", platform.Insets{Top: 0.07}.Area(100, 100), image.Rect(0, 7, 100, 100)},
		{"margins round up, inwards", platform.Insets{Top: 0.14, Bottom: 0.35}.Area(10, 1920), image.Rect(0, 269, 10, 1248)},
		{"no room is the empty rectangle", platform.Insets{Top: 0.4, Bottom: 0.4}.Area(1, 1), image.Rectangle{}},
		{"overlays round outwards", platform.Overlay{X: 0.8704, Y: 0.078125, W: 0.1296, H: 0.6875}.Box(1080, 1920), image.Rect(940, 150, 1080, 1470)},
		{"overlays clip to the frame", platform.Overlay{X: 0.9, Y: 0.9, W: 0.2, H: 0.2}.Box(100, 100), image.Rect(90, 90, 100, 100)},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	story, _ := platform.Default().Placement("instagram.story")
	if got := story.SafeBox(); got != image.Rect(0, 269, 1080, 1651) {
		t.Errorf("instagram.story SafeBox() = %v", got)
	}
}

func TestVideoAccepts(t *testing.T) {
	r := platform.Default()
	cases := []struct {
		id      string
		fps     float64
		seconds float64
		want    bool
	}{
		{"tiktok.video", 30, 34, true},
		{"tiktok.video", 23.976, 3, true},
		{"tiktok.video", 15, 10, false},
		{"tiktok.video", 30, 2.5, false},
		{"tiktok.video", 30, 601, false},
		{"youtube.short", 23.976, 180, true}, // YouTube's list starts at 24
		{"youtube.short", 30, 181, false},
		{"instagram.reel", 59.94, 180, true},
		{"instagram.reel", 120, 30, false},
		{"linkedin.video", 10, 3, true},
	}
	for _, c := range cases {
		v, _ := r.VideoPlacement(c.id)
		if got := v.AcceptsFPS(c.fps) && v.AcceptsDuration(c.seconds); got != c.want {
			t.Errorf("%s at %g fps for %g s: accepted %v, want %v", c.id, c.fps, c.seconds, got, c.want)
		}
	}
}

func TestDefaultVideo(t *testing.T) {
	r := platform.Default()
	cases := []struct{ platform, want string }{
		{"tiktok", "tiktok.video"},
		{"instagram", "instagram.reel"},
		{"youtube", "youtube.short"},
		{"linkedin", "linkedin.video"},
		{"x", ""},
		{"myspace", ""},
	}
	for _, c := range cases {
		v, ok := r.DefaultVideo(c.platform)
		if v.ID != c.want || ok != (c.want != "") {
			t.Errorf("DefaultVideo(%q) = %q, %v; want %q", c.platform, v.ID, ok, c.want)
		}
		if ok && v.Platform != c.platform {
			t.Errorf("DefaultVideo(%q) belongs to %q", c.platform, v.Platform)
		}
	}
}

// goodVideo is the smallest valid registry with a video placement; the
// cases below break one field each.
const goodVideo = `[[platform]]
id = "a"
name = "A"
text_limit = 5
counting = "chars"
preview = "full_screen"
default_video = "a.clip"
  [[platform.video]]
  id = "a.clip"
  name = "Clip"
  width = 1080
  height = 1920
  fps = 30.0
  fps_min = 23.0
  fps_max = 60.0
  video_codec = "h264"
  profile = "high"
  pix_fmt = "yuv420p"
  audio_codec = "aac_lc"
  sample_rate = 48000
  min_seconds = 3
  max_seconds = 600
  recommended_seconds = 30
  max_bytes = 1000
  max_kbps = 0
  recommended_kbps = 0
  target_lufs = -14.0
  true_peak_dbtp = -1.0
    [platform.video.safe]
    top = 0.1
    bottom = 0.2
    right = 0.15
    [platform.video.caption]
    top = 0.1
    bottom = 0.2
    left = 0.05
    right = 0.16
    [[platform.video.overlay]]
    name = "buttons"
    x = 0.85
    y = 0.1
    w = 0.15
    h = 0.7
`

func TestParseRejectsBadVideoPlacements(t *testing.T) {
	if _, err := platform.Parse([]byte(goodVideo)); err != nil {
		t.Fatalf("the good registry: %v", err)
	}
	block := goodVideo[strings.Index(goodVideo, "  [[platform.video]]"):]
	cases := []struct {
		name     string
		old, new string // the first old becomes new
		want     string
	}{
		{"no width", "width = 1080", "width = 0", "a.clip: width and height must be positive"},
		{"no fps", "fps = 30.0", "fps = 0.0", "a.clip: fps must be positive"},
		{"fps above the range", "fps = 30.0", "fps = 90.0", "a.clip: fps 90 is outside fps_min 23 to fps_max 60"},
		{"fps range upside down", "fps_max = 60.0", "fps_max = 20.0", "a.clip: fps_min 23 and fps_max 20 must be positive and in order"},
		{"unknown codec", `video_codec = "h264"`, `video_codec = "vp9"`, `a.clip: video_codec "vp9" is not one of h264, hevc`},
		{"unknown profile", `profile = "high"`, `profile = "ultra"`, `a.clip: profile "ultra"`},
		{"unknown pixel format", `pix_fmt = "yuv420p"`, `pix_fmt = "yuv444p"`, `a.clip: pix_fmt "yuv444p"`},
		{"unknown audio codec", `audio_codec = "aac_lc"`, `audio_codec = "opus"`, `a.clip: audio_codec "opus"`},
		{"no sample rate", "sample_rate = 48000", "sample_rate = 0", "a.clip: sample_rate must be positive"},
		{"negative minimum", "min_seconds = 3", "min_seconds = -1", "a.clip: min_seconds must not be negative"},
		{"no recommended duration", "recommended_seconds = 30", "recommended_seconds = 0", "a.clip: recommended_seconds must be positive"},
		{"recommended below minimum", "min_seconds = 3", "min_seconds = 60", "a.clip: recommended_seconds 30 is below min_seconds 60"},
		{"maximum below recommended", "max_seconds = 600", "max_seconds = 10", "a.clip: max_seconds 10 is below recommended_seconds 30"},
		{"no size limit", "max_bytes = 1000", "max_bytes = 0", "a.clip: max_bytes must be positive"},
		{"negative bitrate", "max_kbps = 0", "max_kbps = -5", "a.clip: max_kbps and recommended_kbps must not be negative"},
		{"positive loudness", "target_lufs = -14.0", "target_lufs = 3.0", "a.clip: target_lufs must be negative"},
		{"peak above full scale", "true_peak_dbtp = -1.0", "true_peak_dbtp = 0.5", "a.clip: true_peak_dbtp must not be above 0"},
		{"safe zone of half the frame", "bottom = 0.2", "bottom = 0.5", "a.clip: safe.bottom 0.5 is outside [0, 0.5)"},
		{"negative caption margin", "left = 0.05", "left = -0.1", "a.clip: caption.left -0.1 is outside [0, 0.5)"},
		{"caption under the buttons", "right = 0.16", "right = 0.05", "a.clip: caption box (54,192)-(1026,1536) overlaps the interface at (918,192)-(1080,1536)"},
		{"overlay in the safe box", "x = 0.85", "x = 0.5", `a.clip: overlay 1 ("buttons") at (540,192)-(702,1536) reaches into the interface safe box`},
		{"overlay off the frame", "w = 0.15", "w = 0.5", `a.clip: overlay 1 ("buttons") must have a positive size and lie within the frame`},
		{"empty caption box", "width = 1080\n  height = 1920", "width = 1\n  height = 1", "a.clip: caption safe zone leaves an empty caption box"},
		{"no name", `name = "Clip"`, `name = ""`, "a.clip: name is empty"},
		{"id of another platform", `  id = "a.clip"`, `  id = "b.clip"`, `a: video placement id "b.clip" must start with "a."`},
		{"no default", "default_video = \"a.clip\"\n", "", "a: default_video must name one of its video placements"},
		{"default of nothing", `default_video = "a.clip"`, `default_video = "a.nope"`, `a: default_video "a.nope" is not one of its video placements`},
		{"unknown key", `name = "Clip"`, "name = \"Clip\"\n  colour = \"red\"", "unknown keys: line 11: platform.video.colour"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(goodVideo, c.old) {
				t.Fatalf("%q is not in the good registry", c.old)
			}
			_, err := platform.Parse([]byte(strings.Replace(goodVideo, c.old, c.new, 1)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	t.Run("ceiling below the recommendation", func(t *testing.T) {
		bad := strings.Replace(strings.Replace(goodVideo, "max_kbps = 0", "max_kbps = 5000", 1), "recommended_kbps = 0", "recommended_kbps = 9000", 1)
		if _, err := platform.Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), "a.clip: recommended_kbps 9000 is above max_kbps 5000") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("repeated id", func(t *testing.T) {
		if _, err := platform.Parse([]byte(goodVideo + block)); err == nil || !strings.Contains(err.Error(), `a: video placement id "a.clip" must start with "a." and be unique`) {
			t.Errorf("error %v", err)
		}
	})
	t.Run("every problem is listed", func(t *testing.T) {
		bad := strings.Replace(strings.Replace(goodVideo, "fps = 30.0", "fps = 0.0", 1), "max_bytes = 1000", "max_bytes = 0", 1)
		_, err := platform.Parse([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), "a.clip: fps must be positive") || !strings.Contains(err.Error(), "a.clip: max_bytes must be positive") {
			t.Errorf("error %v", err)
		}
	})
}
