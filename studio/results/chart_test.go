package results

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sampleGroups() []Group {
	var posts []Scored
	base := time.Date(2026, 9, 7, 9, 0, 0, 0, time.UTC)
	rates := map[string]map[Platform][]float64{
		"etudiants": {Instagram: {0.08, 0.11, 0.09, 0.12, 0.10, 0.07}, LinkedIn: {0.02, 0.03}, X: {0.01, 0.015, 0.02, 0.012, 0.018}},
		"pros":      {Instagram: {0.03, 0.05, 0.04, 0.06, 0.05}, LinkedIn: {0.05, 0.07, 0.06, 0.04, 0.08, 0.06}, X: {0.02, 0.01, 0.03, 0.02, 0.025}},
		"familles":  {Instagram: {0.06, 0.09, 0.05, 0.07, 0.08}, X: {0.01, 0.02, 0.015, 0.01, 0.012}},
	}
	for persona, byPlatform := range rates {
		for pl, rs := range byPlatform {
			for i, r := range rs {
				posts = append(posts, scored(persona, pl, r, base.Add(time.Duration(i)*time.Hour)))
			}
		}
	}
	return Aggregate(posts, []Dimension{ByPersona, ByPlatform}, Config{})
}

func frenchPercent(r float64) string {
	return strings.Replace(fmt.Sprintf("%.3g %%", r*100), ".", ",", 1)
}

func sampleSlots() SlotWeights {
	var posts []Scored
	start := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC) // a Monday
	for i := range 7 * 24 * 3 {
		t := start.Add(time.Duration(i) * time.Hour)
		rate := 0.02
		if t.Hour() >= 18 && t.Hour() <= 21 {
			rate = 0.06
		}
		if WeekdayIndex(t) == 5 && t.Hour() == 10 { // Saturday 10h
			rate = 0.12
		}
		posts = append(posts, scored("a", Instagram, rate, t))
	}
	return BestSlots(posts, time.UTC)
}

func TestCharts(t *testing.T) {
	engagement, err := EngagementChart(sampleGroups(), ChartLabels{
		Title: "Engagement par persona et plateforme", YAxis: "Taux d’engagement",
		Names: map[string]string{"etudiants": "Étudiants", "pros": "Professionnels", "familles": "Familles",
			"instagram": "Instagram", "linkedin": "LinkedIn", "x": "X"},
		TooFew: "moins de 5 publications", Percent: frenchPercent,
	})
	if err != nil {
		t.Fatal(err)
	}
	heat, err := HeatmapChart(sampleSlots(), HeatmapLabels{
		Title: "Meilleurs créneaux", XAxis: "Heure",
		Days:   [7]string{"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."},
		Hour:   func(h int) string { return fmt.Sprintf("%d h", h) },
		Legend: "engagement faible → fort",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		png  []byte
	}{{"engagement_chart.png", engagement}, {"heatmap_chart.png", heat}} {
		t.Run(c.name, func(t *testing.T) { compareGolden(t, c.name, c.png) })
	}
}

// compareGolden compares a PNG with testdata/<name> pixel by pixel and fails
// when more than 0.5 % of the pixels differ by more than 48 in a channel, so
// that a font's anti-aliasing may move but a bar may not.
// ATELIER_UPDATE_GOLDEN=1 rewrites the golden.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("ATELIER_UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	img, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != ChartWidth || b.Dy() != ChartHeight {
		t.Errorf("size %v, want %dx%d", b, ChartWidth, ChartHeight)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with ATELIER_UPDATE_GOLDEN=1 to write it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if ratio := diffRatio(img, want); ratio > 0.005 {
		_ = os.WriteFile(filepath.Join(t.TempDir(), name), got, 0o644)
		t.Errorf("%s differs from its golden in %.2f%% of pixels", name, ratio*100)
	}
}

func diffRatio(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	bounds := a.Bounds()
	diff := 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				diff++
			}
		}
	}
	return float64(diff) / float64(bounds.Dx()*bounds.Dy())
}

func far(a, b uint32) bool {
	d := int(a>>8) - int(b>>8)
	return d > 48 || d < -48
}

func TestChartsRefuseNothing(t *testing.T) {
	if _, err := EngagementChart(nil, ChartLabels{}); err == nil {
		t.Error("an empty chart was drawn")
	}
}

func TestDiffRatioSeesAChange(t *testing.T) {
	png1, err := EngagementChart(sampleGroups(), ChartLabels{Title: "a"})
	if err != nil {
		t.Fatal(err)
	}
	g := sampleGroups()
	for i := range g {
		g[i].Mean *= 1.6
		g[i].High *= 1.6
	}
	png2, _ := EngagementChart(g, ChartLabels{Title: "a"})
	a, _ := png.Decode(bytes.NewReader(png1))
	b, _ := png.Decode(bytes.NewReader(png2))
	if r := diffRatio(a, b); r <= 0.005 {
		t.Errorf("taller bars differ in only %.3f%% of pixels: the tolerance would hide them", r*100)
	}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleGroups()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "persona,platform,n,posts,mean_rate,ci_low,ci_high,enough,interactions,denominator" || len(lines) != 9 {
		t.Fatalf("%s", buf.String())
	}
	if !strings.HasPrefix(lines[1], "etudiants,instagram,6,6,0.095000,") || !strings.HasSuffix(lines[2], ",false,50,2000") {
		t.Errorf("rows: %q / %q", lines[1], lines[2])
	}
}
