//go:build bench

package assets_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"atelier/assets"
)

func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// TestBenchSnippet prints the audio figures: rendering and normalising a
// 30 s snippet from a prepared voice (speech synthesis left out), the
// speech synthesis time on its own, and the loudness error by ffmpeg.
func TestBenchSnippet(t *testing.T) {
	k := kit(t)
	tts, err := assets.DetectTTS()
	if err != nil {
		t.Fatal(err)
	}
	script, err := assets.SpokenScript(post+" "+post, "fr-FR", 27*time.Second, 190)
	if err != nil {
		t.Fatal(err)
	}
	voice := filepath.Join(t.TempDir(), "voice.wav")
	var speech []time.Duration
	for range 5 {
		start := time.Now()
		if err := tts.Speak(context.Background(), script.Text, "fr-fr", 160, voice); err != nil {
			t.Fatal(err)
		}
		speech = append(speech, time.Since(start))
	}
	var renders []time.Duration
	var s *assets.Snippet
	for range 11 {
		start := time.Now()
		if s, err = assets.RenderSnippet(context.Background(), &assets.SnippetRequest{Kit: k, VoiceWAV: voice, Target: 30 * time.Second}, nil); err != nil {
			t.Fatal(err)
		}
		renders = append(renders, time.Since(start))
	}
	out := filepath.Join(t.TempDir(), "snippet.wav")
	if err := s.WriteWAV(out); err != nil {
		t.Fatal(err)
	}
	i, tp := ffmpeg(t, out)
	fmt.Printf("BENCH audio render+normalise of a %.1f s snippet from a prepared voice: median %v (goal <= 0.2 s), 11 runs\n", s.PCM.Duration().Seconds(), median(renders).Round(time.Millisecond))
	fmt.Printf("BENCH audio speech synthesis (%s, %d words): median %v, 5 runs\n", tts.Name(), script.Words, median(speech).Round(time.Millisecond))
	fmt.Printf("BENCH audio loudness accuracy: ffmpeg ebur128 measures %.2f LUFS for a -16 target (%.2f LU off), true peak %.2f dBTP\n", i, math.Abs(i+16), tp)
}
