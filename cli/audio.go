package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"atelier/assets"
)

// audioOptions are `atelier audio`'s options.
type audioOptions struct {
	kitDir, text, out, lang, bed, waveform string
	seconds                                int
}

func parseAudio(args []string) (audioOptions, error) {
	var o audioOptions
	fs := newFlags("audio", "usage: atelier audio [--kit DIR] --text FILE [--out snippet.wav] [--seconds 15|30|60] [--lang L] [--bed FILE] [--waveform PNG]\n\nSpeaks the post with the system's offline voice between the brand's sonic logo,\nnormalised to the kit's loudness target with the true peak at most -1 dBTP.")
	kitFlag(fs, &o.kitDir)
	fs.StringVar(&o.text, "text", "", "the post to speak (a text file)")
	fs.StringVar(&o.out, "out", "snippet.wav", "the WAV to write; an MP3 is written beside it when ffmpeg is installed")
	fs.IntVar(&o.seconds, "seconds", 30, "target duration: 15, 30 or 60")
	fs.StringVar(&o.lang, "lang", "", "language of the voice (default: the kit's first)")
	fs.StringVar(&o.bed, "bed", "", "optional music bed WAV, ducked under the voice")
	fs.StringVar(&o.waveform, "waveform", "", "also write the waveform as this PNG")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.text == "" || (o.seconds != 15 && o.seconds != 30 && o.seconds != 60) {
		fs.Usage()
		return o, errFailed
	}
	return o, nil
}

// runAudio renders the snippet, with an MP3 when ffmpeg is there and the
// waveform when asked.
func runAudio(ctx context.Context, s streams, o audioOptions) error {
	text, err := os.ReadFile(o.text)
	if err != nil {
		return err
	}
	kit, closeKit, err := loadKit(o.kitDir)
	defer closeKit()
	if err != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate`:\n%w", err)
	}
	if o.lang == "" {
		o.lang = kit.Language()
	}
	start := time.Now()
	snip, err := assets.RenderSnippet(ctx, &assets.SnippetRequest{Kit: kit, Text: string(text), Language: o.lang,
		Target: time.Duration(o.seconds) * time.Second, BedWAV: o.bed}, nil)
	if err != nil {
		return err
	}
	if err := snip.WriteWAV(o.out); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%s: %s; script %d words; speech %v, total %v\n", o.out, snip.Label(), snip.Script.Words,
		snip.TTSTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	mp3 := strings.TrimSuffix(o.out, ".wav") + ".mp3"
	switch err := assets.WriteMP3(ctx, o.out, mp3); {
	case errors.Is(err, assets.ErrNoFFmpeg):
		fmt.Fprintln(s.out, err)
	case err != nil:
		return err
	default:
		fmt.Fprintln(s.out, mp3+": written")
	}
	if o.waveform != "" {
		if err := writePNG(o.waveform, assets.Waveform(snip.PCM, snip.Parts, 1200, 240, nil, snip.Label())); err != nil {
			return err
		}
		fmt.Fprintln(s.out, o.waveform+": written")
	}
	return nil
}
