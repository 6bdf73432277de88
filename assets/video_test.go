package assets_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"atelier/assets"
	"atelier/brandkit"
)

// ReelTarget is Instagram Reels' placement as the registry gives it: the
// interface keeps clear of the top 14 %, the bottom 35 % and 6 % a side.
func ReelTarget() brandkit.VideoTarget {
	w, h := 1080, 1920
	safe := brandkit.Region{X: 65, Y: 269, W: 950, H: 979}
	return brandkit.VideoTarget{Placement: "instagram.reel", Platform: "instagram", Width: w, Height: h, FPS: 30,
		MinSeconds: 3, RecommendedSeconds: 90, MaxSeconds: 180, MaxBytes: 300 << 20, Safe: safe, Caption: safe, TargetLUFS: -14}
}

// flatJPEG writes a w×h picture of one grey: every pixel a frame shows
// that is not that grey was drawn by Atelier.
func flatJPEG(t testing.TB, dir, name string, w, h int, grey uint8) string {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = grey
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const videoPost = "Notre bougie d'automne arrive. Coulée à la main dans notre atelier de Lyon, elle sent le bois et la pomme. Découvrez-la en boutique dès samedi."

func render(t *testing.T, req *assets.VideoRequest) *brandkit.VideoMeta {
	t.Helper()
	if err := assets.RenderVideo(context.Background(), req, nil); err != nil {
		t.Fatal(err)
	}
	meta, err := assets.ReadVideoMeta(req.Out)
	if err != nil {
		t.Fatal(err)
	}
	return meta
}

// TestVideoRender renders a 15 s Reel and reads it back with ffprobe and
// ffmpeg: the stream, the captions against the voice heard, the overlays
// against the safe zones in frames sampled back, the loudness, and the
// checker's verdict.
func TestVideoRender(t *testing.T) {
	dir := t.TempDir()
	imgs := []assets.VideoImage{{Path: flatJPEG(t, dir, "a.jpg", 2400, 3200, 128)}, {Path: flatJPEG(t, dir, "b.jpg", 3200, 2400, 128)}}
	out := filepath.Join(dir, "clip.mp4")
	meta := render(t, &assets.VideoRequest{Kit: kit(t), Target: ReelTarget(), Images: imgs, Text: videoPost, Language: "fr-FR",
		CTA: "En boutique samedi", Label: "Publicité", Seconds: 15, Out: out})
	for _, ext := range []string{".srt", ".vtt", ".jpg"} {
		if _, err := os.Stat(strings.TrimSuffix(out, ".mp4") + ext); err != nil {
			t.Error(err)
		}
	}
	info, err := assets.ProbeVideo(context.Background(), "", out)
	if err != nil {
		t.Fatal(err)
	}
	want := brandkit.VideoInfo{Codec: "h264", Profile: "High", PixFmt: "yuv420p", Width: 1080, Height: 1920, FPS: 30, ConstantRate: true,
		Seconds: 15, Bytes: info.Bytes, FastStart: true, AudioCodec: "aac", AudioProfile: "LC", AudioRate: 48000}
	if info != want {
		t.Errorf("ffprobe says %+v\nwant %+v", info, want)
	}
	srt, _ := os.ReadFile(strings.TrimSuffix(out, ".mp4") + ".srt")
	checkCaptionWords(t, string(srt), meta)
	checkCuesOnVoice(t, out, meta)
	checkSafeZones(t, out, meta, ReelTarget())
	if i, _ := ffmpeg(t, out); math.Abs(i - -14) > 0.5 {
		t.Errorf("ffmpeg's ebur128 measures %.2f LUFS; the placement's target is -14 ± 0.5", i)
	}
	pcm, err := assets.VideoSound(context.Background(), "", out)
	if err != nil {
		t.Fatal(err)
	}
	rep := brandkit.CheckVideo(kit(t), ReelTarget(), info, meta, pcm, true)
	for _, f := range rep.Findings {
		if f.Severity == brandkit.SeverityError {
			t.Errorf("the checker finds %s: %s", f.Rule, f.Message)
		}
	}
	if rep.Audio == nil || rep.Audio.TruePeakDBTP > kit(t).Audio.PeakCeiling() {
		t.Errorf("true peak %+v over the kit's ceiling", rep.Audio)
	}
}

var srtTime = regexp.MustCompile(`(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)`)

// checkCaptionWords: every word of the script, in order, in the SRT; no
// cue past the end.
func checkCaptionWords(t *testing.T, srt string, meta *brandkit.VideoMeta) {
	t.Helper()
	script, err := assets.SpokenScript(videoPost, "fr-FR", time.Hour, 160)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, block := range strings.Split(strings.TrimSpace(srt), "\n\n") {
		lines := strings.Split(block, "\n")
		m := srtTime.FindStringSubmatch(lines[1])
		if m == nil {
			t.Fatalf("cue %q has no times", block)
		}
		if end := clockMS(m[5:]); end > meta.DurationMS {
			t.Errorf("cue %q ends at %d ms, after the video's %d", lines[2], end, meta.DurationMS)
		}
		words = append(words, strings.Fields(strings.Join(lines[2:], " "))...)
	}
	if got, want := strings.Join(words, " "), strings.Join(strings.Fields(script.Text), " "); got != want {
		t.Errorf("the captions say\n%q\nthe script\n%q", got, want)
	}
}

func clockMS(p []string) int {
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(p[i])
	}
	return ((n[0]*60+n[1])*60+n[2])*1000 + n[3]
}

// checkCuesOnVoice measures when speech starts in the clip's sound (a
// 10 ms frame above -35 dBFS after 80 ms below -50) and holds every cue to
// within 150 ms of one.
func checkCuesOnVoice(t *testing.T, mp4 string, meta *brandkit.VideoMeta) {
	t.Helper()
	raw, err := exec.Command("ffmpeg", "-v", "error", "-i", mp4, "-f", "f32le", "-ac", "1", "-ar", "48000", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const frame = 480
	var levels []float64
	for i := 0; i+4*frame <= len(raw); i += 4 * frame {
		var sum float64
		for j := range frame {
			v := float64(math.Float32frombits(binary.LittleEndian.Uint32(raw[i+4*j:])))
			sum += v * v
		}
		levels = append(levels, 10*math.Log10(sum/frame+1e-12))
	}
	var onsets []int
	for i := 8; i < len(levels); i++ {
		quiet := true
		for _, l := range levels[i-8 : i] {
			quiet = quiet && l < -50
		}
		if quiet && levels[i] > -35 {
			onsets = append(onsets, i*10)
		}
	}
	for _, c := range meta.Captions {
		best := math.MaxInt
		for _, o := range onsets {
			best = min(best, max(o-c.FromMS, c.FromMS-o))
		}
		if best > 150 {
			t.Errorf("the cue %q starts at %d ms, %d ms from the nearest speech onset (onsets %v)", c.Text, c.FromMS, best, onsets)
		}
	}
	t.Logf("speech onsets (ms): %v", onsets)
	if len(meta.Captions) < 5 {
		t.Errorf("%d cues", len(meta.Captions))
	}
}

// checkSafeZones samples frames back while a caption shows and the title
// has gone: every pixel not the sources' grey lies in the safe zone, and
// those below the logo's row in the caption zone.
func checkSafeZones(t *testing.T, mp4 string, meta *brandkit.VideoMeta, target brandkit.VideoTarget) {
	t.Helper()
	safe := image.Rect(target.Safe.X, target.Safe.Y, target.Safe.X+target.Safe.W, target.Safe.Y+target.Safe.H)
	caption := image.Rect(target.Caption.X, target.Caption.Y, target.Caption.X+target.Caption.W, target.Caption.Y+target.Caption.H)
	sampled := 0
	for _, c := range meta.Captions {
		at := (c.FromMS + c.ToMS) / 2
		if at < meta.Title.ToMS || at > meta.Outro.FromMS {
			continue
		}
		img := frameAt(t, mp4, at)
		drawn, captionDrawn := image.Rectangle{}, image.Rectangle{}
		logo := meta.Logos[0]
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if max(absDiff(r>>8, 128), absDiff(g>>8, 128), absDiff(b>>8, 128)) < 24 {
					continue
				}
				px := image.Rect(x, y, x+1, y+1)
				drawn = drawn.Union(px)
				if y > logo.Y+logo.H+meta.Width/20 {
					captionDrawn = captionDrawn.Union(px)
				}
			}
		}
		if !drawn.In(safe) {
			t.Errorf("at %d ms, Atelier drew over %v, outside the safe zone %v", at, drawn, safe)
		}
		if captionDrawn.Empty() || !captionDrawn.In(caption) {
			t.Errorf("at %d ms, the caption covers %v; the caption zone is %v", at, captionDrawn, caption)
		}
		sampled++
		t.Logf("at %d ms: drawn %v, caption %v", at, drawn, captionDrawn)
	}
	if sampled < 3 {
		t.Errorf("only %d frames sampled", sampled)
	}
}

func absDiff(a uint32, b uint32) uint32 { return max(a, b) - min(a, b) }

func frameAt(t *testing.T, mp4 string, ms int) image.Image {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-ss", strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64), "-i", mp4, "-frames:v", "1", "-f", "image2", "-c:v", "png", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}
