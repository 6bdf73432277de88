package assets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/gopxl/beep/v2"
	"github.com/gopxl/beep/v2/wav"

	"atelier/brandkit"
	"atelier/internal/childproc"
)

// SnippetRate is the sample rate of every snippet.
const SnippetRate = 48000

// SnippetRequest asks for an audio snippet of a post.
type SnippetRequest struct {
	Kit      *brandkit.Kit
	Text     string        // the post; it becomes a spoken script
	Language string        // BCP 47; picks the voice
	Target   time.Duration // 15, 30 or 60 s; 30 s when zero
	TTS      TTS           // nil: the system's engine
	VoiceWAV string        // a prepared voice-over, used instead of speech synthesis
	BedWAV   string        // optional music bed, ducked under the voice
}

// Part names a stretch of the snippet, for the waveform's colours.
type Part struct {
	Kind       string // "logo", "voice"
	Start, End time.Duration
}

// Snippet is a rendered, normalised snippet.
type Snippet struct {
	PCM      *brandkit.PCM // 48 kHz stereo
	Parts    []Part
	HasBed   bool
	Loudness brandkit.Loudness
	Target   float64 // LUFS
	Script   Script
	TTSTime  time.Duration
}

// ProgressFunc reports a render's steps, fraction from 0 to 1.
type ProgressFunc func(step string, fraction float64)

// RenderSnippet speaks the post's script, frames it with the sonic logo,
// mixes an optional bed, and normalises integrated loudness to the kit's
// target with the true peak under the kit's ceiling (-1 dBTP unless the kit
// says otherwise).
func RenderSnippet(ctx context.Context, req *SnippetRequest, fn ProgressFunc) (*Snippet, error) {
	if fn == nil {
		fn = func(string, float64) {}
	}
	k := req.Kit
	fn("logo", 0)
	logo, err := SonicLogo(k)
	if err != nil {
		return nil, err
	}
	snip := &Snippet{Target: k.Audio.TargetLUFS}
	if snip.Target == 0 {
		snip.Target = -16
	}
	voicePath := req.VoiceWAV
	if voicePath == "" {
		dir, err := os.MkdirTemp("", "atelier-voice-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		voicePath = filepath.Join(dir, "voice.wav")
		logoTime := time.Duration(len(logo)) * time.Second / SnippetRate
		if err := speak(ctx, req, snip, logoTime, voicePath, fn); err != nil {
			return nil, err
		}
	}
	fn("mix", 0.5)
	if err := snip.mix(req, logo, voicePath); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fn("loudness", 0.8)
	snip.Loudness = normalise(snip.PCM, snip.Target, k.Audio.PeakCeiling())
	fn("done", 1)
	return snip, nil
}

// speak writes the voice-over of req's text to voicePath, in the time the
// target leaves between the two logos, and records its script and speech
// time in snip. Engines speak at their own pace whatever rate they are
// given, so the first take measures it and, when the script then misses its
// time by more than 10 %, the script is cut again at that pace.
func speak(ctx context.Context, req *SnippetRequest, snip *Snippet, logoTime time.Duration, voicePath string, fn ProgressFunc) error {
	tts := req.TTS
	if tts == nil {
		var err error
		if tts, err = DetectTTS(); err != nil {
			return err
		}
	}
	target := req.Target
	if target == 0 {
		target = 30 * time.Second
	}
	wpm := req.Kit.Audio.RateWPM
	if wpm == 0 {
		wpm = 160
	}
	budget := target - 2*logoTime - 300*time.Millisecond // the two gaps
	pace := wpm
	for take := 0; take < 2; take++ {
		script, err := SpokenScript(req.Text, req.Language, budget, pace)
		if err != nil {
			return err
		}
		snip.Script = script
		fn("voice", 0.1+0.2*float64(take))
		start := time.Now()
		if err := tts.Speak(ctx, script.Text, voiceFor(req.Kit, req.Language), wpm, voicePath); err != nil {
			return err
		}
		snip.TTSTime += time.Since(start)
		spoken, err := wavDuration(voicePath)
		if err != nil || spoken <= 0 {
			return fmt.Errorf("reading the voice-over: %v", err)
		}
		pace = int(float64(script.Words) / spoken.Minutes())
		if math.Abs(spoken.Seconds()-budget.Seconds()) <= 0.1*budget.Seconds() || script.Words == countWords(req.Text, req.Language) {
			break
		}
	}
	return nil
}

// mix lays out logo, gap, voice, gap, logo, ducks the optional bed under
// the voice, fades the ends and keeps the result as snip's PCM and parts.
func (snip *Snippet) mix(req *SnippetRequest, logo [][2]float64, voicePath string) error {
	voice, err := readResampled(voicePath)
	if err != nil {
		return fmt.Errorf("reading the voice-over: %w", err)
	}
	gap := make([][2]float64, SnippetRate*15/100)
	mix := make([][2]float64, 0, 2*len(logo)+2*len(gap)+len(voice))
	add := func(kind string, s [][2]float64) {
		start := time.Duration(len(mix)) * time.Second / SnippetRate
		mix = append(mix, s...)
		if kind != "" {
			snip.Parts = append(snip.Parts, Part{Kind: kind, Start: start, End: time.Duration(len(mix)) * time.Second / SnippetRate})
		}
	}
	add("logo", logo)
	add("", gap)
	add("voice", voice)
	add("", gap)
	add("logo", logo)
	if req.BedWAV != "" {
		bed, err := readResampled(req.BedWAV)
		if err != nil {
			return fmt.Errorf("reading the music bed: %w", err)
		}
		duckBed(mix, bed, snip.Parts)
		snip.HasBed = true
	}
	fade(mix, SnippetRate/100, SnippetRate/20)
	snip.PCM = toPCM(mix)
	return nil
}

func voiceFor(k *brandkit.Kit, language string) string {
	for lang, v := range k.Audio.Voices {
		if len(language) >= 2 && len(lang) >= 2 && language[:2] == lang[:2] {
			return v
		}
	}
	if len(language) >= 2 {
		return language[:2]
	}
	return "en"
}

// wavDuration reads a WAV's length from its header.
func wavDuration(path string) (time.Duration, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s, format, err := wav.Decode(f)
	if err != nil {
		return 0, err
	}
	return format.SampleRate.D(s.Len()), nil
}

// countWords is how many words the whole post's script has.
func countWords(text, language string) int {
	s, err := SpokenScript(text, language, 24*time.Hour, 160)
	if err != nil {
		return 0
	}
	return s.Words
}

// readResampled decodes a WAV with beep and resamples it to 48 kHz.
func readResampled(path string) ([][2]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, format, err := wav.Decode(f)
	if err != nil {
		return nil, err
	}
	var stream beep.Streamer = s
	if format.SampleRate != SnippetRate {
		stream = beep.Resample(1, format.SampleRate, SnippetRate, s)
	}
	return collect(stream, s.Len()*SnippetRate/int(format.SampleRate)+4096)
}

// collect drains a streamer into memory; size is the expected length.
func collect(s beep.Streamer, size int) ([][2]float64, error) {
	out := make([][2]float64, 0, size)
	buf := make([][2]float64, 4096)
	for {
		n, ok := s.Stream(buf)
		out = append(out, buf[:n]...)
		if !ok {
			break
		}
		if len(out) > SnippetRate*10*60 {
			return nil, errors.New("the audio is longer than 10 minutes")
		}
	}
	return out, s.Err()
}

// SonicLogo returns the kit's sonic logo at 48 kHz: its WAV when it has one,
// otherwise its notes synthesised as a soft bell (a sine and its octave with
// a quick attack and an exponential decay).
func SonicLogo(k *brandkit.Kit) ([][2]float64, error) {
	if k.Audio.SonicLogo != "" {
		s, err := readResampled(filepath.Join(k.Dir, k.Audio.SonicLogo))
		if err != nil {
			return nil, fmt.Errorf("reading the sonic logo %s: %w", k.Audio.SonicLogo, err)
		}
		return s, nil
	}
	notes, err := brandkit.ParseNotes(k.Audio.Notes)
	if err != nil {
		notes, _ = brandkit.ParseNotes("C5:140 E5:140 G5:320")
	}
	var streams []beep.Streamer
	for _, n := range notes {
		streams = append(streams, bell(n.Hz, n.Duration))
	}
	total := 0
	for _, n := range notes {
		total += int(n.Duration.Seconds() * SnippetRate)
	}
	return collect(beep.Seq(streams...), total+len(notes))
}

func bell(hz float64, d time.Duration) beep.Streamer {
	total := int(d.Seconds() * SnippetRate)
	attack := SnippetRate / 200
	i := 0
	return beep.StreamerFunc(func(samples [][2]float64) (int, bool) {
		if i >= total {
			return 0, false
		}
		n := 0
		for ; n < len(samples) && i < total; n++ {
			t := float64(i) / SnippetRate
			env := math.Exp(-3 * float64(i) / float64(total))
			if i < attack {
				env *= float64(i) / float64(attack)
			}
			if tail := total - i; tail < attack {
				env *= float64(tail) / float64(attack)
			}
			v := 0.5 * env * (math.Sin(2*math.Pi*hz*t) + 0.3*math.Sin(4*math.Pi*hz*t))
			samples[n] = [2]float64{v, v}
			i++
		}
		return n, true
	})
}

// duckBed mixes the bed under the snippet: -8 dB under the logos, -20 dB
// under the voice, with 200 ms ramps.
func duckBed(mix, bed [][2]float64, parts []Part) {
	if len(bed) == 0 {
		return
	}
	ramp := float64(SnippetRate) / 5
	gain := math.Pow(10, -8.0/20)
	for i := range mix {
		want := math.Pow(10, -8.0/20)
		t := time.Duration(i) * time.Second / SnippetRate
		for _, p := range parts {
			if p.Kind == "voice" && t >= p.Start-200*time.Millisecond && t < p.End {
				want = math.Pow(10, -20.0/20)
			}
		}
		gain += (want - gain) / ramp * 5
		b := bed[i%len(bed)]
		mix[i][0] += gain * b[0]
		mix[i][1] += gain * b[1]
	}
}

// fade ramps the start in and the end out, linearly.
func fade(mix [][2]float64, in, out int) {
	for i := 0; i < in && i < len(mix); i++ {
		g := float64(i) / float64(in)
		mix[i][0] *= g
		mix[i][1] *= g
	}
	for i := 0; i < out && i < len(mix); i++ {
		g := float64(i) / float64(out)
		j := len(mix) - 1 - i
		mix[j][0] *= g
		mix[j][1] *= g
	}
}

func toPCM(mix [][2]float64) *brandkit.PCM {
	p := &brandkit.PCM{Rate: SnippetRate, Channels: [][]float64{make([]float64, len(mix)), make([]float64, len(mix))}}
	for i, s := range mix {
		p.Channels[0][i], p.Channels[1][i] = s[0], s[1]
	}
	return p
}

// normalise applies gain to reach the target loudness and a look-ahead
// limiter to keep the true peak at or below peakCeiling dBTP, alternating
// until both hold (the limiter lowers loudness a little each time).
func normalise(p *brandkit.PCM, target, peakCeiling float64) brandkit.Loudness {
	ceiling := peakCeiling - 0.5
	for range 4 {
		i := brandkit.Integrated(p)
		if math.IsInf(i, -1) {
			break
		}
		if math.Abs(i-target) >= 0.05 {
			gain(p, target-i)
			limit(p, ceiling)
			continue
		}
		m := brandkit.Measure(p)
		if m.TruePeakDBTP <= peakCeiling {
			return m
		}
		ceiling -= m.TruePeakDBTP - peakCeiling + 0.1
		limit(p, ceiling)
	}
	return brandkit.Measure(p)
}

func gain(p *brandkit.PCM, db float64) {
	g := math.Pow(10, db/20)
	for _, ch := range p.Channels {
		for i := range ch {
			ch[i] *= g
		}
	}
}

// limit keeps sample peaks under ceiling dBFS with 2 ms of look-ahead and a
// 60 ms release.
func limit(p *brandkit.PCM, ceilingDB float64) {
	ceil := math.Pow(10, ceilingDB/20)
	n := len(p.Channels[0])
	look := SnippetRate / 500
	need := make([]float64, n)
	for i := range need {
		peak := 0.0
		for _, ch := range p.Channels {
			peak = math.Max(peak, math.Abs(ch[i]))
		}
		need[i] = 1
		if peak > ceil {
			need[i] = ceil / peak
		}
	}
	// The gain at i is the lowest needed within the look-ahead, released
	// slowly back towards 1.
	release := 1 - math.Exp(-1/(0.06*SnippetRate))
	g := 1.0
	window := make([]float64, n) // the minimum of need over [i, i+look]
	var dq []int                 // candidate indices, their needs increasing
	for i := n - 1; i >= 0; i-- {
		for len(dq) > 0 && need[dq[len(dq)-1]] >= need[i] {
			dq = dq[:len(dq)-1]
		}
		dq = append(dq, i)
		for dq[0] > i+look {
			dq = dq[1:]
		}
		window[i] = need[dq[0]]
	}
	for i := 0; i < n; i++ {
		if window[i] < g {
			g = window[i]
		} else {
			g += (window[i] - g) * release
		}
		for _, ch := range p.Channels {
			ch[i] *= g
		}
	}
}

// WAV encodes the snippet as 16-bit PCM.
func (s *Snippet) WAV() ([]byte, error) {
	var b bytes.Buffer
	err := brandkit.WriteWAV(&b, s.PCM)
	return b.Bytes(), err
}

// WriteWAV writes the snippet as 16-bit PCM, atomically.
func (s *Snippet) WriteWAV(path string) error {
	data, err := s.WAV()
	if err != nil {
		return err
	}
	return brandkit.WriteFileAtomic(path, data, 0o644)
}

// ErrNoFFmpeg is returned by WriteMP3 when ffmpeg is not installed.
var ErrNoFFmpeg = errors.New("ffmpeg is not installed, so no MP3 was written (the WAV is complete): install ffmpeg (`sudo apt-get install ffmpeg`, `brew install ffmpeg`) to get MP3s too")

// WriteMP3 encodes the snippet's WAV to MP3 with ffmpeg.
func WriteMP3(ctx context.Context, wavPath, mp3Path string) error {
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		return ErrNoFFmpeg
	}
	tmp := mp3Path + ".tmp.mp3"
	out, err := childproc.Command(ctx, bin, "-y", "-loglevel", "error", "-i", wavPath, "-codec:a", "libmp3lame", "-b:a", "192k", tmp).CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("ffmpeg could not encode the MP3: %v: %s", err, out)
	}
	return os.Rename(tmp, mp3Path)
}
