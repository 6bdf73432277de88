//go:build bench

package brandkit_test

import (
	"fmt"
	"image"
	"image/color"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"atelier/brandkit"
)

func medianOf(runs int, f func()) time.Duration {
	ds := make([]time.Duration, runs)
	for i := range ds {
		start := time.Now()
		f()
		ds[i] = time.Since(start)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[runs/2]
}

// TestBenchChecker prints the checker's figures: a text check of one post,
// the palette check of a 1080×1350 image, and the loudness meter against
// ffmpeg's ebur128 on the same 60 s file, each as a median.
func TestBenchChecker(t *testing.T) {
	kit := sampleKit(t)
	post := "Gardez votre bougie, changez seulement la cire : la recharge Feu de bois arrive le 1er octobre, coulée à la main à Lyon. Réservez la vôtre https://maisonlumen.example/recharge #MaisonLumen"
	plain := medianOf(2001, func() { brandkit.CheckText(kit, with(liTarget, "fr-FR"), post) })
	fmt.Printf("BENCH text check of one post, sample kit (fr/en, three packs): median %v (goal <= 1 ms)\n", plain.Round(time.Microsecond))

	// The corpus kit: a stemmed lexicon in six languages, claims per
	// language and every regulatory pack enabled.
	corpus := corpusKit(t)
	dePost := "Unsere nachhaltigen Stadträder sind kein billiger Trick: Werbung. Jetzt klimaneutral geliefert, zertifiziert und umweltfreundlich – hol dir dein Rad bei https://velora.example/de#winter #Velora"
	full := medianOf(2001, func() {
		brandkit.CheckText(corpus, brandkit.TextTarget{Platform: "instagram", Limit: 2200, Counting: "chars", MaxHashtags: 5, Fold: 125, Language: "de-DE", Partner: "Stadtwerk"}, dePost)
	})
	fmt.Printf("BENCH text check of one post, corpus kit (six stemmed languages, every pack): median %v (goal <= 0.5 ms), sample kit %v, ratio %.2f\n",
		full.Round(time.Microsecond), plain.Round(time.Microsecond), float64(full)/float64(plain))
	dir := filepath.Join("testdata", "corpus", "kit")
	load := medianOf(31, func() {
		k, err := brandkit.Load(dir, brandkit.Options{})
		if err != nil {
			t.Fatal(err)
		}
		k.Lexicon.Banned = append(k.Lexicon.Banned, fmt.Sprint(time.Now().UnixNano())) // a new fingerprint: compiled afresh
		k.Compile()
	})
	fmt.Printf("BENCH loading a kit with a stemmed lexicon in 6 languages (load, validate, compile): median %v (goal <= 20 ms)\n", load.Round(time.Microsecond))

	img := image.NewNRGBA(image.Rect(0, 0, 1080, 1350))
	for y := 0; y < 1350; y++ {
		for x := 0; x < 1080; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / 1080), uint8(y * 255 / 1350), uint8((x + y) % 256), 255})
		}
	}
	d := medianOf(31, func() { brandkit.PaletteShare(kit, img) })
	fmt.Printf("BENCH palette check of a 1080×1350 image: median %v (goal <= 50 ms)\n", d.Round(time.Microsecond))

	path := writeWAV(t, pink(48000, 60, 0.5))
	ours := medianOf(7, func() { brandkit.Measure(readWAVFile(t, path)) })
	theirs := medianOf(7, func() {
		if out, err := exec.Command("ffmpeg", "-nostats", "-hide_banner", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-").CombinedOutput(); err != nil {
			t.Fatalf("ffmpeg: %v\n%s", err, out)
		}
	})
	fmt.Printf("BENCH loudness of a 60 s stereo WAV (read + integrated + true peak): atelier median %v, ffmpeg ebur128 median %v, ratio %.2f\n",
		ours.Round(time.Millisecond), theirs.Round(time.Millisecond), float64(ours)/float64(theirs))
}
