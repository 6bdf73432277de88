//go:build bench

package assets_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/disintegration/imaging"

	"atelier/assets"
	"atelier/samples"
)

// benchPhotos writes two 12 MP photos made from the sample's.
func benchPhotos(t *testing.T, dir string) []string {
	src, err := jpeg.Decode(bytes.NewReader(samples.Photo))
	if err != nil {
		t.Fatal(err)
	}
	big := imaging.Resize(src, 4242, 2828, imaging.Lanczos)
	var paths []string
	for i, img := range []image.Image{big, imaging.FlipH(big)} {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("photo%d.jpg", i))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func benchRequest(t *testing.T, photos []string, out string) *assets.VideoRequest {
	return &assets.VideoRequest{Kit: kit(t), Target: ReelTarget(), Images: []assets.VideoImage{{Path: photos[0]}, {Path: photos[1]}},
		Text: post, Language: "fr-FR", CTA: "maisonlumen.example", Seconds: 15, Out: out}
}

// TestBenchVideoRender prints the video figures: a 15 s 9:16 clip from two
// 12 MP photos with captions, logo and voice, against one ffmpeg process
// doing the same job (zoompan on the pre-scaled images, a cross-fade,
// subtitles and the logo's overlay, at the same x264 preset and CRF), and
// against x264 alone encoding as many frames; then Atelier's peak RSS.
func TestBenchVideoRender(t *testing.T) {
	if os.Getenv("ATELIER_VIDEO_CHILD") != "" {
		return
	}
	dir := t.TempDir()
	photos := benchPhotos(t, dir)
	out := filepath.Join(dir, "clip.mp4")
	var ours, peer, floor []time.Duration
	for range 3 {
		start := time.Now()
		if err := assets.RenderVideo(context.Background(), benchRequest(t, photos, out), nil); err != nil {
			t.Fatal(err)
		}
		ours = append(ours, time.Since(start))
	}
	sound := filepath.Join(dir, "sound.wav")
	raw := filepath.Join(dir, "frames.yuv")
	ffmpegRun(t, "-i", out, "-vn", sound)
	ffmpegRun(t, "-i", out, "-f", "rawvideo", "-pix_fmt", "yuv420p", raw)
	for range 3 {
		peer = append(peer, timed(t, peerArgs(kit(t).Dir, photos, sound, strings.TrimSuffix(out, ".mp4")+".srt", filepath.Join(dir, "peer.mp4"))...))
		floor = append(floor, timed(t, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "1080x1920", "-r", "30", "-i", raw,
			"-c:v", "libx264", "-preset", "superfast", "-crf", "21", "-profile:v", "high", filepath.Join(dir, "floor.mp4")))
	}
	os.Remove(raw)
	o, p, f := median(ours), median(peer), median(floor)
	fmt.Printf("BENCH video render 15 s 9:16 from two 12 MP photos: atelier %v, one ffmpeg (zoompan, xfade, subtitles, overlay) %v, ratio %.2f (goal <= 0.7); x264 alone %v (%.2f of atelier's)\n",
		o.Round(10*time.Millisecond), p.Round(10*time.Millisecond), float64(o)/float64(p), f.Round(10*time.Millisecond), float64(f)/float64(o))
	fmt.Printf("BENCH video peak RSS of the rendering process: %d MiB (goal <= 400)\n", childRSS(t, photos, filepath.Join(dir, "child.mp4"))/1024)
}

// peerArgs is the one ffmpeg command doing the clip's job: each photo
// scaled to cover 1242×2208 (the closest window at full size), zoomed by
// zoompan, the two cross-faded, the logo laid over and the captions burnt
// in by libass, with the same sound.
func peerArgs(kitDir string, photos []string, sound, srt, out string) []string {
	const frames = 232 // each photo's share of 15 s with a 0.5 s fade
	zoom := func(in, label, z string) string {
		return fmt.Sprintf("[%s]scale=1242:2208:force_original_aspect_ratio=increase,crop=1242:2208,zoompan=z='%s':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=%d:s=1080x1920:fps=30,setsar=1[%s]",
			in, z, frames, label)
	}
	graph := strings.Join([]string{
		zoom("0", "a", "1+0.12*on/232"),
		zoom("1", "b", "1.12-0.12*on/232"),
		"[a][b]xfade=transition=fade:duration=0.5:offset=7.23[ab]",
		"[2]scale=200:-1[logo]",
		"[ab][logo]overlay=110:320[l]",
		"[l]subtitles=" + srt + ":force_style='Fontsize=18,Alignment=2,MarginV=120'[v]",
	}, ";")
	return []string{"-i", photos[0], "-i", photos[1], "-i", filepath.Join(kitDir, "logo.png"), "-i", sound,
		"-filter_complex", graph, "-map", "[v]", "-map", "3:a", "-t", "15",
		"-c:v", "libx264", "-preset", "superfast", "-crf", "21", "-profile:v", "high", "-pix_fmt", "yuv420p",
		"-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", out}
}

func ffmpegRun(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ffmpeg", append([]string{"-hide_banner", "-loglevel", "error", "-y"}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
	}
}

func timed(t *testing.T, args ...string) time.Duration {
	start := time.Now()
	ffmpegRun(t, args...)
	return time.Since(start)
}

// childRSS renders once in a fresh process (this test binary again) and
// returns its peak resident set in KiB.
func childRSS(t *testing.T, photos []string, out string) int64 {
	cmd := exec.Command(os.Args[0], "-test.run=^TestBenchVideoChild$", "-test.v")
	cmd.Env = append(os.Environ(), "ATELIER_VIDEO_CHILD="+strings.Join(append(photos, out), "\n"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the rendering child: %v\n%s", err, b)
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
}

// TestBenchVideoChild is childRSS's render.
func TestBenchVideoChild(t *testing.T) {
	args := strings.Split(os.Getenv("ATELIER_VIDEO_CHILD"), "\n")
	if len(args) != 3 {
		t.Skip("run by TestBenchVideoRender")
	}
	if err := assets.RenderVideo(context.Background(), benchRequest(t, args[:2], args[2]), nil); err != nil {
		t.Fatal(err)
	}
}
