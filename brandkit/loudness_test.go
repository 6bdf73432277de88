package brandkit_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"atelier/brandkit"
)

// ffmpegLoudness measures a WAV file with ffmpeg's ebur128 filter, the
// reference the meter is held to.
func ffmpegLoudness(t testing.TB, path string) (integrated, truePeak float64) {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatal("ffmpeg is missing: run scripts/bootstrap (it installs ffmpeg)")
	}
	out, err := exec.Command("ffmpeg", "-nostats", "-hide_banner", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	summary := out[bytes.LastIndex(out, []byte("Summary:")):]
	i := regexp.MustCompile(`I:\s+(-?[\d.]+|-inf) LUFS`).FindSubmatch(summary)
	p := regexp.MustCompile(`Peak:\s+(-?[\d.]+|-inf) dBFS`).FindSubmatch(summary)
	if i == nil || p == nil {
		t.Fatalf("no ebur128 summary in:\n%s", summary)
	}
	integrated, _ = strconv.ParseFloat(string(i[1]), 64)
	truePeak, _ = strconv.ParseFloat(string(p[1]), 64)
	return integrated, truePeak
}

func writeWAV(t testing.TB, p *brandkit.PCM) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "signal.wav")
	var b bytes.Buffer
	if err := brandkit.WriteWAV(&b, p); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sine(rate int, seconds, hz, amp float64, channels int) *brandkit.PCM {
	n := int(seconds * float64(rate))
	p := &brandkit.PCM{Rate: rate, Channels: make([][]float64, channels)}
	for c := range p.Channels {
		p.Channels[c] = make([]float64, n)
		for i := range p.Channels[c] {
			p.Channels[c][i] = amp * math.Sin(2*math.Pi*hz*float64(i)/float64(rate))
		}
	}
	return p
}

// pink makes pink noise with Paul Kellet's filter.
func pink(rate int, seconds, amp float64) *brandkit.PCM {
	rng := rand.New(rand.NewPCG(1, 2))
	n := int(seconds * float64(rate))
	out := make([]float64, n)
	var b0, b1, b2, b3, b4, b5, b6 float64
	for i := range out {
		w := rng.Float64()*2 - 1
		b0 = 0.99886*b0 + w*0.0555179
		b1 = 0.99332*b1 + w*0.0750759
		b2 = 0.96900*b2 + w*0.1538520
		b3 = 0.86650*b3 + w*0.3104856
		b4 = 0.55000*b4 + w*0.5329522
		b5 = -0.7616*b5 - w*0.0168980
		out[i] = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w*0.5362) * 0.11 * amp
		b6 = w * 0.115926
	}
	return &brandkit.PCM{Rate: rate, Channels: [][]float64{out, append([]float64(nil), out...)}}
}

func speech(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Fatal("espeak-ng is missing: run scripts/bootstrap (it installs espeak-ng)")
	}
	path := filepath.Join(t.TempDir(), "speech.wav")
	text := "Gardez votre bougie, changez seulement la cire. La recharge Feu de bois arrive le premier octobre, dans toutes nos boutiques de Lyon et en ligne."
	if out, err := exec.Command("espeak-ng", "-v", "fr-fr", "-w", path, text).CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng: %v\n%s", err, out)
	}
	return path
}

func readWAVFile(t testing.TB, path string) *brandkit.PCM {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := brandkit.ReadWAV(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoudnessMatchesFFmpeg(t *testing.T) {
	cases := []struct {
		name string
		path func(t *testing.T) string
	}{
		{"sine 1 kHz -20 dBFS stereo 48 kHz", func(t *testing.T) string { return writeWAV(t, sine(48000, 10, 1000, 0.1, 2)) }},
		{"sine 100 Hz -6 dBFS mono 44.1 kHz", func(t *testing.T) string { return writeWAV(t, sine(44100, 8, 100, 0.5, 1)) }},
		{"sine 5 kHz stereo 48 kHz", func(t *testing.T) string { return writeWAV(t, sine(48000, 6, 5000, 0.3, 2)) }},
		{"pink noise stereo 48 kHz", func(t *testing.T) string { return writeWAV(t, pink(48000, 20, 0.5)) }},
		{"speech from espeak-ng (22.05 kHz)", func(t *testing.T) string { return speech(t) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.path(t)
			wantI, wantTP := ffmpegLoudness(t, path)
			got := brandkit.Measure(readWAVFile(t, path))
			if d := math.Abs(got.IntegratedLUFS - wantI); d > 0.3 {
				t.Errorf("integrated %.2f LUFS, ffmpeg %.2f (off by %.2f LU, allowed 0.3)", got.IntegratedLUFS, wantI, d)
			}
			if d := math.Abs(got.TruePeakDBTP - wantTP); d > 0.5 {
				t.Errorf("true peak %.2f dBTP, ffmpeg %.2f", got.TruePeakDBTP, wantTP)
			}
			t.Logf("atelier I=%.2f TP=%.2f · ffmpeg I=%.2f TP=%.2f", got.IntegratedLUFS, got.TruePeakDBTP, wantI, wantTP)
		})
	}
}

func TestReadWAVRejectsBadFiles(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not riff":  []byte("OggS...................."),
		"no data":   []byte("RIFF\x04\x00\x00\x00WAVE"),
		"mu-law":    []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x07\x00\x01\x00\x40\x1f\x00\x00\x40\x1f\x00\x00\x01\x00\x08\x00data\x00\x00\x00\x00"),
		"huge fmt":  []byte("RIFF\x24\x00\x00\x00WAVEfmt \xff\xff\xff\x7f"),
		"zero rate": []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x10\x00data\x02\x00\x00\x00\x00\x00"),
	} {
		if _, err := brandkit.ReadWAV(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A cut file keeps what was read.
	var b bytes.Buffer
	brandkit.WriteWAV(&b, sine(48000, 1, 440, 0.5, 1))
	p, err := brandkit.ReadWAV(bytes.NewReader(b.Bytes()[:b.Len()/2]))
	if err != nil || len(p.Channels[0]) < 20000 || len(p.Channels[0]) > 24001 {
		t.Fatalf("truncated file: %v", err)
	}
}
