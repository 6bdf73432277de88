package assets

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// A video's voice-over is synthesised phrase by phrase, so that each
// caption starts when its words are heard: the engine's silence around a
// phrase is trimmed, and the speech is laid out with pauses Atelier
// chooses. Within a phrase, a word's time is estimated from its length and
// moved to the quietest instant nearby.

// Caption phrases: at most this many words and characters, so a caption
// holds in two lines of a 9:16 frame.
const (
	phraseMaxWords = 6
	phraseMaxChars = 34
)

// Pauses between phrases of one sentence, and between sentences.
const (
	phrasePause   = 120 * time.Millisecond
	sentencePause = 320 * time.Millisecond
)

// Cue is one caption: a phrase of the script with when it is heard, and
// its words' times for the highlight. Times are from the video's start.
type Cue struct {
	Text  string     `json:"text"`
	Start Millis     `json:"start_ms"`
	End   Millis     `json:"end_ms"`
	Words []WordTime `json:"words"`
}

// WordTime is when one word of a cue is heard.
type WordTime struct {
	Word  string `json:"word"`
	Start Millis `json:"start_ms"`
	End   Millis `json:"end_ms"`
}

// Millis is a time in whole milliseconds, as the sidecar keeps it.
type Millis int64

// D converts to a time.Duration.
func (m Millis) D() time.Duration { return time.Duration(m) * time.Millisecond }

func millis(d time.Duration) Millis { return Millis(d.Round(time.Millisecond) / time.Millisecond) }

// phrasesOf splits sentences into caption phrases: at commas and the like
// when they fall near the middle, otherwise at the word limits.
func phrasesOf(sentences []string) (phrases []string, sentenceEnd []bool) {
	for _, s := range sentences {
		ws := words(s)
		for len(ws) > 0 {
			n := phraseLength(ws)
			phrases = append(phrases, strings.Join(ws[:n], " "))
			ws = ws[n:]
			sentenceEnd = append(sentenceEnd, len(ws) == 0)
		}
	}
	return phrases, sentenceEnd
}

// phraseLength is how many of ws the next phrase takes.
func phraseLength(ws []string) int {
	n, chars := 0, 0
	for n < len(ws) && n < phraseMaxWords && (n == 0 || chars+1+utf8.RuneCountInString(ws[n]) <= phraseMaxChars) {
		chars += utf8.RuneCountInString(ws[n]) + 1
		n++
	}
	if n == len(ws) {
		return n
	}
	for i := n - 1; i >= 2; i-- { // a comma or a colon ends the phrase sooner
		if strings.ContainsAny(ws[i-1][len(ws[i-1])-1:], ",;:–") {
			return i
		}
	}
	if len(ws)-n == 1 && n > 2 { // no orphan word
		return n - 1
	}
	return n
}

// spoken is one phrase synthesised: its samples without the engine's
// silence around them.
type spoken struct {
	text        string
	pcm         [][2]float64
	sentenceEnd bool
}

// speakPhrases synthesises every phrase, two engines at a time.
func speakPhrases(ctx context.Context, tts TTS, voice string, wpm int, phrases []string, ends []bool) ([]spoken, error) {
	dir, err := os.MkdirTemp("", "atelier-phrases-")
	if err != nil {
		return nil, fmt.Errorf("making a folder for the voice-over: %w", err)
	}
	defer os.RemoveAll(dir)
	out := make([]spoken, len(phrases))
	errs := make([]error, len(phrases))
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, p := range phrases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			path := filepath.Join(dir, fmt.Sprintf("%03d.wav", i))
			if errs[i] = tts.Speak(ctx, p, voice, wpm, path); errs[i] != nil {
				return
			}
			pcm, err := readResampled(path)
			if err != nil {
				errs[i] = fmt.Errorf("reading the voice of %q: %w", p, err)
				return
			}
			out[i] = spoken{text: p, pcm: trimSilence(pcm), sentenceEnd: ends[i]}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// speechFloor is the level below which a 10 ms frame counts as silence.
const speechFloor = -45.0 // dBFS

// trimSilence cuts the quiet frames at either end of a phrase, keeping
// 20 ms before the first sound so its attack is whole.
func trimSilence(s [][2]float64) [][2]float64 {
	const frame = SnippetRate / 100
	first, last := -1, -1
	for i := 0; i+frame <= len(s); i += frame {
		if frameLevel(s[i:i+frame]) > speechFloor {
			if first < 0 {
				first = i
			}
			last = i + frame
		}
	}
	if first < 0 {
		return s[:0]
	}
	return s[max(0, first-2*frame):last]
}

// frameLevel is the RMS of some samples in dBFS.
func frameLevel(s [][2]float64) float64 {
	var sum float64
	for _, v := range s {
		sum += v[0]*v[0] + v[1]*v[1]
	}
	return 10 * math.Log10(sum/float64(2*len(s))+1e-12)
}

// layOut places the phrases one after another from start, keeping those
// that end by deadline and then only whole sentences, unless not even the
// first sentence fits. It returns the voice track (from the video's
// start), the cues and whether phrases were left out.
func layOut(phrases []spoken, start, deadline time.Duration) (track [][2]float64, cues []Cue, cut bool) {
	at, whole := start, 0
	for _, p := range phrases {
		d := samplesDur(len(p.pcm))
		if at+d > deadline {
			break
		}
		cues = append(cues, cueOf(p, at))
		at += d + phrasePause
		if p.sentenceEnd {
			whole = len(cues)
			at += sentencePause - phrasePause
		}
	}
	if cut = len(cues) < len(phrases); cut && whole > 0 {
		cues = cues[:whole]
	}
	track = make([][2]float64, durSamples(deadline))
	for i, c := range cues {
		copy(track[durSamples(c.Start.D()):], phrases[i].pcm)
	}
	return track, cues, cut
}

// cueOf times a phrase heard from at, and its words within it.
func cueOf(p spoken, at time.Duration) Cue {
	c := Cue{Text: p.text, Start: millis(at), End: millis(at + samplesDur(len(p.pcm)))}
	ws := words(p.text)
	bounds := wordBounds(p.pcm, ws)
	for i, w := range ws {
		c.Words = append(c.Words, WordTime{Word: w, Start: millis(at + samplesDur(bounds[i])), End: millis(at + samplesDur(bounds[i+1]))})
	}
	return c
}

// wordBounds estimates where each word starts in a phrase's samples: in
// proportion to its letters (plus one for the gap), each boundary then
// moved to the quietest 10 ms within 80 ms.
func wordBounds(pcm [][2]float64, ws []string) []int {
	total := 0
	for _, w := range ws {
		total += utf8.RuneCountInString(w) + 1
	}
	bounds := make([]int, len(ws)+1)
	bounds[len(ws)] = len(pcm)
	acc := 0
	const frame = SnippetRate / 100
	for i := 1; i < len(ws); i++ {
		acc += utf8.RuneCountInString(ws[i-1]) + 1
		guess := len(pcm) * acc / total
		best, bestLevel := guess, math.Inf(1)
		for at := max(bounds[i-1]+frame, guess-8*frame); at <= min(len(pcm)-frame, guess+8*frame); at += frame / 2 {
			if l := frameLevel(pcm[at : at+frame]); l < bestLevel {
				best, bestLevel = at, l
			}
		}
		bounds[i] = max(bounds[i-1], min(best, len(pcm)))
	}
	return bounds
}

func samplesDur(n int) time.Duration { return time.Duration(n) * time.Second / SnippetRate }
func durSamples(d time.Duration) int { return int(d * SnippetRate / time.Second) }
