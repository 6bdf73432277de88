//go:build bench

package cli

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"atelier/assets"
	"atelier/studio"
	"atelier/studio/platform"
)

// imageMagick is Debian's ImageMagick, never a stand-in on PATH.
const imageMagick = "/usr/bin/convert"

// benchPhoto paints a 6000×4000 photo-like picture (gradients, texture and
// noise, so that JPEG has real work) and writes it at quality 90.
func benchPhoto(t *testing.T, path string) {
	t.Helper()
	const w, h = 6000, 4000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	rng := rand.New(rand.NewPCG(5, 6))
	for y := range h {
		for x := range w {
			v := 90 + 60*math.Sin(float64(x)/300)*math.Cos(float64(y)/200) + 20*math.Sin(float64(x*y)/9000) + rng.NormFloat64()*6
			img.Y[y*img.YStride+x] = uint8(max(0, min(255, v)))
		}
	}
	for y := range h / 2 {
		for x := range w / 2 {
			img.Cb[y*img.CStride+x] = uint8(128 + 40*math.Sin(float64(x)/150))
			img.Cr[y*img.CStride+x] = uint8(128 + 40*math.Cos(float64(y)/120))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// timed runs a command and returns its wall time and peak RSS.
func timed(t *testing.T, name string, args ...string) (time.Duration, int64) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, stderr.String())
	}
	wall := time.Since(start)
	return wall, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
}

func medianDuration(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func medianInt(xs []int64) int64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestBenchVariants renders every placement of the registry from a 24 MP
// JPEG with Atelier's CLI and with one ImageMagick process doing the same
// crops and resizes (read once, +clone per placement), same JPEG quality,
// runs interleaved. It prints the median wall-time ratio, the peak RSS of
// each, Go's JPEG decode alone (the floor), and the time with the brand
// layer on.
func TestBenchVariants(t *testing.T) {
	if _, err := os.Stat(imageMagick); err != nil {
		t.Fatal("ImageMagick is missing: run scripts/bootstrap")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "source.jpg")
	benchPhoto(t, src)
	bin := filepath.Join(dir, "atelier-bin")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(src)
	img, _, err := assets.DecodeImage(src, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	focal := assets.Saliency(img)
	pls, err := studio.Placements(platform.Default(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	imArgs := []string{src}
	for _, p := range pls {
		ids = append(ids, p.ID)
		c := assets.CropRect(6000, 4000, focal, p)
		imArgs = append(imArgs, "(", "+clone", "-crop", fmt.Sprintf("%dx%d+%d+%d", c.Dx(), c.Dy(), c.Min.X, c.Min.Y), "+repage",
			"-resize", fmt.Sprintf("%dx%d!", p.Width, p.Height), "-quality", "90", "-write", filepath.Join(dir, "im-"+p.ID+".jpg"), "+delete", ")")
	}
	imArgs = append(imArgs, "null:")
	atArgs := func(out string, brand bool) []string {
		a := []string{"render", "--kit", "../samples/kit", "--image", src, "--placements", strings.Join(ids, ","), "--out", filepath.Join(dir, out),
			"--focal", fmt.Sprintf("%.4f,%.4f", focal.X, focal.Y), "--quality", "90"}
		if !brand {
			return append(a, "--no-logo")
		}
		return append(a, "--headline", "La recharge Feu de bois arrive le 1er octobre")
	}
	const runs = 5
	var atT, imT, brandT []time.Duration
	var atRSS, imRSS []int64
	for range runs {
		d, rss := timed(t, bin, atArgs("atelier", false)...)
		atT, atRSS = append(atT, d), append(atRSS, rss)
		d, rss = timed(t, imageMagick, imArgs...)
		imT, imRSS = append(imT, d), append(imRSS, rss)
		d, _ = timed(t, bin, atArgs("brand", true)...)
		brandT = append(brandT, d)
	}
	// Both made every placement at its exact size.
	for _, p := range pls {
		for _, prefix := range []string{"atelier/" + p.ID, "im-" + p.ID} {
			f, err := os.Open(filepath.Join(dir, prefix+".jpg"))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := jpeg.DecodeConfig(f)
			f.Close()
			if err != nil || cfg.Width != p.Width || cfg.Height != p.Height {
				t.Fatalf("%s: %dx%d %v", prefix, cfg.Width, cfg.Height, err)
			}
		}
	}
	var decode []time.Duration
	for range runs {
		start := time.Now()
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		decode = append(decode, time.Since(start))
	}
	ratios := make([]float64, runs)
	for i := range ratios {
		ratios[i] = float64(atT[i]) / float64(imT[i])
	}
	slices.Sort(ratios)
	fmt.Printf("BENCH variants: %d placements from a 6000×4000 JPEG (q90): Atelier median %v, ImageMagick %s median %v; median ratio Atelier/ImageMagick %.2f (goal <= 0.30), %d interleaved runs\n",
		len(pls), medianDuration(atT).Round(time.Millisecond), imVersion(), medianDuration(imT).Round(time.Millisecond), ratios[runs/2], runs)
	fmt.Printf("BENCH variants peak RSS: Atelier %d MiB, ImageMagick %d MiB (goal: Atelier <= ImageMagick)\n", medianInt(atRSS)>>20, medianInt(imRSS)>>20)
	fmt.Printf("BENCH variants floor: Go's JPEG decode of the source alone, median %v\n", medianDuration(decode).Round(time.Millisecond))
	fmt.Printf("BENCH variants with the brand layer (logo, headline, contrast): median %v (ratio to ImageMagick's crops alone %.2f)\n",
		medianDuration(brandT).Round(time.Millisecond), float64(medianDuration(brandT))/float64(medianDuration(imT)))
}

func imVersion() string {
	out, err := exec.Command(imageMagick, "-version").Output()
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(out))
	if len(f) > 2 {
		return f[2]
	}
	return "?"
}
