package assets_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
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
	"syscall"
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

func TestVideoRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	good := flatJPEG(t, dir, "good.jpg", 1600, 1600, 128)
	tiny := flatJPEG(t, dir, "tiny.jpg", 300, 400, 128)
	broken := filepath.Join(dir, "broken.jpg")
	data, _ := os.ReadFile(good)
	os.WriteFile(broken, data[:len(data)/3], 0o644)
	base := func() *assets.VideoRequest {
		return &assets.VideoRequest{Kit: kit(t), Target: ReelTarget(), Images: []assets.VideoImage{{Path: good}}, Text: videoPost,
			Language: "fr-FR", Seconds: 15, Out: filepath.Join(dir, "out", "clip.mp4")}
	}
	for _, c := range []struct {
		name string
		edit func(*assets.VideoRequest)
		want string
	}{
		{"no image", func(r *assets.VideoRequest) { r.Images = nil }, "at least one image"},
		{"not an mp4", func(r *assets.VideoRequest) { r.Out = filepath.Join(dir, "clip.mov") }, "must end in .mp4"},
		{"20 seconds", func(r *assets.VideoRequest) { r.Seconds = 20 }, "15, 30 or 60 seconds"},
		{"too small", func(r *assets.VideoRequest) { r.Images = []assets.VideoImage{{Path: tiny}} }, "Use a larger image"},
		{"cut short", func(r *assets.VideoRequest) { r.Images = []assets.VideoImage{{Path: broken}} }, "cut short"},
		{"missing file", func(r *assets.VideoRequest) { r.Images = []assets.VideoImage{{Path: filepath.Join(dir, "none.jpg")}} }, "none.jpg"},
		{"ffmpeg named wrongly", func(r *assets.VideoRequest) { r.FFmpeg = "/opt/none/ffmpeg" }, "which Settings names"},
		{"nothing to say", func(r *assets.VideoRequest) { r.Text = "#MaisonLumen 🕯" }, "nothing to say"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := base()
			c.edit(req)
			err := assets.RenderVideo(context.Background(), req, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, "out", "*")); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
	t.Run("no ffmpeg on PATH", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, _, err := assets.FindFFmpeg("")
		if !errors.Is(err, assets.ErrFFmpegMissing) || !strings.Contains(err.Error(), "apt-get install ffmpeg") || !strings.Contains(err.Error(), "work without it") {
			t.Fatalf("%v", err)
		}
	})
}

// TestVideoSaysWhatItChanged: a small image is enlarged, a Display P3
// photo is read as sRGB and a script too long for 15 s is cut at a
// sentence, and the sidecar says each.
func TestVideoSaysWhatItChanged(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 760, 1350)), nil)
	seg := append([]byte("ICC_PROFILE\x00\x01\x01"), iccProfile("Display P3", true)...)
	app2 := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE2}, uint16(len(seg)+2))
	p3 := filepath.Join(dir, "p3.jpg")
	os.WriteFile(p3, append(append(append([]byte{}, b.Bytes()[:2]...), append(app2, seg...)...), b.Bytes()[2:]...), 0o644)
	long := strings.Repeat(videoPost+" ", 4)
	out := filepath.Join(dir, "clip.mp4")
	meta := render(t, &assets.VideoRequest{Kit: kit(t), Target: ReelTarget(), Images: []assets.VideoImage{{Path: p3}}, Text: long, Language: "fr-FR", Seconds: 15, Out: out})
	var said []string
	for _, n := range meta.Notes {
		said = append(said, n.Message)
	}
	notes := strings.Join(said, "\n")
	for _, want := range []string{"enlarged 1.4", "Display P3", "The script was cut after"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not say %q:\n%s", want, notes)
		}
	}
	last := meta.Captions[len(meta.Captions)-1]
	if !strings.HasSuffix(last.Text, ".") || last.ToMS > meta.Outro.FromMS {
		t.Errorf("the script was not cut at a sentence before the outro: %+v", last)
	}
}

// ffmpegChild returns the pid of an ffmpeg this process started, or 0.
func ffmpegChild() int {
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if strings.Contains(string(data), "(ffmpeg)") && len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) {
			pid, _ := strconv.Atoi(strings.Fields(string(data))[0])
			return pid
		}
	}
	return 0
}

// TestVideoStoppedMidway kills ffmpeg, cancels, and fills the disk while
// a clip renders: each time the error says what happened and no file is
// left, half-written or whole.
func TestVideoStoppedMidway(t *testing.T) {
	dir := t.TempDir()
	img := flatJPEG(t, dir, "a.jpg", 2000, 2000, 128)
	for _, c := range []struct {
		name string
		stop func(cancel context.CancelFunc)
		out  func(t *testing.T) string
		want string
	}{
		{"ffmpeg killed", func(context.CancelFunc) {
			if pid := ffmpegChild(); pid > 0 {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}, func(t *testing.T) string { return t.TempDir() }, "ffmpeg was stopped (killed)"},
		{"cancelled", func(cancel context.CancelFunc) { cancel() }, func(t *testing.T) string { return t.TempDir() }, "cancelled; no file was written"},
		{"disk full", func(context.CancelFunc) {}, func(t *testing.T) string { return smallDisk(t, "3m") }, "disk"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := c.out(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stopped := false
			err := assets.RenderVideo(ctx, &assets.VideoRequest{Kit: kit(t), Target: ReelTarget(), Images: []assets.VideoImage{{Path: img}},
				Text: videoPost, Language: "fr-FR", Seconds: 15, Out: filepath.Join(out, "clip.mp4")}, func(step string, f float64) {
				if step == "frames" && f > 0.4 && !stopped {
					stopped = true
					c.stop(cancel)
				}
			})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
			t.Log(err)
			if left, _ := os.ReadDir(out); len(left) > 0 {
				t.Errorf("left behind in the folder: %v", left)
			}
			if pid := ffmpegChild(); pid > 0 {
				t.Errorf("ffmpeg %d still runs", pid)
			}
		})
	}
}

// smallDisk mounts a tmpfs of the size given: a real disk that fills up.
// The tests run as root in CI, which may mount one.
func smallDisk(t *testing.T, size string) string {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Fatalf("mounting a %s tmpfs for the disk-full case (the tests run as root): %v", size, err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	return dir
}
