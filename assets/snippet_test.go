package assets_test

import (
	"bytes"
	"context"
	"errors"
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

func kit(t testing.TB) *brandkit.Kit {
	t.Helper()
	k, err := brandkit.Load("../samples/kit", brandkit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const post = "La recharge Feu de bois arrive le 1er octobre. Gardez votre bougie, changez seulement la cire : elle émet 62 % de CO₂ en moins. " +
	"Coulée à la main dans notre atelier lyonnais, elle parfume vos soirées d'automne de notes de bois, de vanille et d'ambre. " +
	"Chaque recharge tient quarante heures, et le verre se garde pour toujours. Réservez la vôtre sur https://maisonlumen.example/recharge 🕯 #MaisonLumen @ami"

func ffmpeg(t *testing.T, path string) (float64, float64) {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-nostats", "-hide_banner", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg (installed by scripts/bootstrap): %v\n%s", err, out)
	}
	summary := out[bytes.LastIndex(out, []byte("Summary:")):]
	i, _ := strconv.ParseFloat(string(regexp.MustCompile(`I:\s+(-?[\d.]+) LUFS`).FindSubmatch(summary)[1]), 64)
	p, _ := strconv.ParseFloat(string(regexp.MustCompile(`Peak:\s+(-?[\d.]+) dBFS`).FindSubmatch(summary)[1]), 64)
	return i, p
}

func TestSnippetIsNormalisedAndTimed(t *testing.T) {
	for _, target := range []time.Duration{15 * time.Second, 30 * time.Second} {
		t.Run(target.String(), func(t *testing.T) {
			text := post
			if target > 15*time.Second {
				text = post + " " + post
			}
			s, err := assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: kit(t), Text: text, Language: "fr-FR", Target: target}, nil)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "snippet.wav")
			if err := s.WriteWAV(path); err != nil {
				t.Fatal(err)
			}
			i, tp := ffmpeg(t, path)
			if math.Abs(i - -16) > 0.5 {
				t.Errorf("ffmpeg measures %.2f LUFS, want -16 ± 0.5", i)
			}
			if tp > -1 {
				t.Errorf("true peak %.2f dBTP, want at most -1", tp)
			}
			d := s.PCM.Duration()
			if math.Abs(d.Seconds()-target.Seconds()) > 0.15*target.Seconds() {
				t.Errorf("duration %v, want %v ± 15%% (script %d words)", d, target, s.Script.Words)
			}
			if strings.ContainsAny(s.Script.Text, "#@🕯") || strings.Contains(s.Script.Text, "https") || !strings.Contains(s.Script.Text, "premier octobre") {
				t.Errorf("script %q", s.Script.Text)
			}
			t.Logf("%v: %.2f LUFS, %.2f dBTP by ffmpeg; %d words; TTS %v", d, i, tp, s.Script.Words, s.TTSTime)
		})
	}
}

func rms(p *brandkit.PCM, from, to time.Duration) float64 {
	a, b := int(from.Seconds()*float64(p.Rate)), int(to.Seconds()*float64(p.Rate))
	var sum float64
	for _, x := range p.Channels[0][a:b] {
		sum += x * x
	}
	return math.Sqrt(sum / float64(b-a))
}

func TestSonicLogoSitsAtTheEnds(t *testing.T) {
	s, err := assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: kit(t), Text: post, Language: "fr-FR", Target: 15 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Parts) != 3 || s.Parts[0].Kind != "logo" || s.Parts[1].Kind != "voice" || s.Parts[2].Kind != "logo" {
		t.Fatalf("parts %+v", s.Parts)
	}
	intro, outro := s.Parts[0], s.Parts[2]
	if d := intro.End - intro.Start; d < 500*time.Millisecond || d > 700*time.Millisecond {
		t.Errorf("the logo lasts %v; the kit's notes add up to 600 ms", d)
	}
	gap := rms(s.PCM, intro.End+20*time.Millisecond, intro.End+130*time.Millisecond)
	for _, p := range []assets.Part{intro, outro} {
		if e := rms(s.PCM, p.Start+50*time.Millisecond, p.End-100*time.Millisecond); e < 20*gap || e < 0.01 {
			t.Errorf("logo at %v–%v: energy %.4f against %.4f in the gap", p.Start, p.End, e, gap)
		}
	}
}

func TestSnippetRefusals(t *testing.T) {
	k := kit(t)
	if _, err := assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: k, Text: "#MaisonLumen 🕯 @ami", Language: "fr"}, nil); !errors.Is(err, assets.ErrEmptyScript) {
		t.Errorf("empty script: %v", err)
	}
	long := strings.Repeat("Une phrase de plus pour la recharge. ", 1700)
	if _, err := assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: k, Text: long, Language: "fr"}, nil); err == nil || !strings.Contains(err.Error(), "11900 words") {
		t.Errorf("10,000 words: %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	_, err := assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: k, Text: post, Language: "fr"}, nil)
	if !errors.Is(err, assets.ErrNoTTS) || !strings.Contains(err.Error(), "apt-get install espeak-ng") {
		t.Errorf("no engine: %v", err)
	}
}

func TestSpokenScript(t *testing.T) {
	cases := []struct{ in, lang, want string }{
		{"Le 1er octobre, 62 % de CO₂ en moins.", "fr-FR", "Le premier octobre, soixante-deux pour cent de C O deux en moins."},
		{"Only 40 hours: https://maisonlumen.example/recharge", "en-GB", "Only forty hours: maisonlumen dot example slash recharge"},
		{"71, 80, 91 et 1250 bougies", "fr", "soixante et onze, quatre-vingts, quatre-vingt-onze et mille deux cent cinquante bougies"},
		{"Hello #Tag @you 🕯✨", "en", "Hello"},
	}
	for _, c := range cases {
		s, err := assets.SpokenScript(c.in, c.lang, time.Minute, 160)
		if err != nil || s.Text != c.want {
			t.Errorf("%q → %q (%v), want %q", c.in, s.Text, err, c.want)
		}
	}
}

func TestMP3NeedsFFmpeg(t *testing.T) {
	dir := t.TempDir()
	wav := filepath.Join(dir, "s.wav")
	os.WriteFile(wav, []byte("not used"), 0o644)
	t.Setenv("PATH", dir)
	if err := assets.WriteMP3(context.Background(), wav, filepath.Join(dir, "s.mp3")); !errors.Is(err, assets.ErrNoFFmpeg) {
		t.Fatalf("%v", err)
	}
}

func TestSnippetWithBedStaysOnTarget(t *testing.T) {
	k := kit(t)
	bedPath := filepath.Join(t.TempDir(), "bed.wav")
	bed := &brandkit.PCM{Rate: 44100, Channels: [][]float64{make([]float64, 44100*20), make([]float64, 44100*20)}}
	for i := range bed.Channels[0] {
		v := 0.3 * math.Sin(2*math.Pi*110*float64(i)/44100)
		bed.Channels[0][i], bed.Channels[1][i] = v, v
	}
	f, _ := os.Create(bedPath)
	brandkit.WriteWAV(f, bed)
	f.Close()
	s, err := assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: k, Text: post, Language: "fr-FR", Target: 15 * time.Second, BedWAV: bedPath}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !s.HasBed || math.Abs(s.Loudness.IntegratedLUFS - -16) > 0.2 || s.Loudness.TruePeakDBTP > -1 {
		t.Fatalf("with a bed: %+v", s.Loudness)
	}
}

// TestSnippetHonoursTheKitsPeakCeiling: a kit stricter than -1 dBTP gets
// snippets under its own ceiling, which its own audio check then passes.
func TestSnippetHonoursTheKitsPeakCeiling(t *testing.T) {
	k := kit(t)
	k.Audio.TruePeakDBT = -2.5
	s, err := assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: k, Text: post, Language: "fr-FR", Target: 15 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Loudness.TruePeakDBTP > -2.5 {
		t.Fatalf("true peak %.2f dBTP over the kit's -2.5", s.Loudness.TruePeakDBTP)
	}
	for _, f := range brandkit.CheckAudio(k, brandkit.AudioTarget{}, s.PCM).Findings {
		if f.Rule == "audio.true_peak" || strings.Contains(f.Message, "True peak") {
			t.Fatalf("the kit's own check fails its snippet: %+v", f)
		}
	}
}
