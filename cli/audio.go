package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"atelier/assets"
	"atelier/brandkit"
)

func audioCommand(ctx context.Context, out io.Writer, args []string) error {
	fs := flag.NewFlagSet("audio", flag.ContinueOnError)
	kitDir := kitFlag(fs)
	textPath := fs.String("text", "", "the post to speak (a text file)")
	outPath := fs.String("out", "snippet.wav", "the WAV to write; an MP3 is written beside it when ffmpeg is installed")
	seconds := fs.Int("seconds", 30, "target duration: 15, 30 or 60")
	lang := fs.String("lang", "", "language of the voice (default: the kit's first)")
	bed := fs.String("bed", "", "optional music bed WAV, ducked under the voice")
	wave := fs.String("waveform", "", "also write the waveform as this PNG")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier audio [--kit DIR] --text FILE [--out snippet.wav] [--seconds 15|30|60] [--lang L] [--bed FILE] [--waveform PNG]\n\nSpeaks the post with the system's offline voice between the brand's sonic logo,\nnormalised to the kit's loudness target with the true peak at most -1 dBTP.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *textPath == "" || (*seconds != 15 && *seconds != 30 && *seconds != 60) {
		fs.Usage()
		return errFailed
	}
	text, err := os.ReadFile(*textPath)
	if err != nil {
		return err
	}
	var kit *brandkit.Kit
	kit, closeKit, err := loadKit(*kitDir)
	defer closeKit()
	if err != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate`:\n%w", err)
	}
	if *lang == "" {
		*lang = kit.Language()
	}
	start := time.Now()
	s, err := assets.RenderSnippet(ctx, &assets.SnippetRequest{Kit: kit, Text: string(text), Language: *lang,
		Target: time.Duration(*seconds) * time.Second, BedWAV: *bed}, nil)
	if err != nil {
		return err
	}
	if err := s.WriteWAV(*outPath); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %s; script %d words; speech %v, total %v\n", *outPath, s.Label(), s.Script.Words,
		s.TTSTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	mp3 := strings.TrimSuffix(*outPath, ".wav") + ".mp3"
	switch err := assets.WriteMP3(ctx, *outPath, mp3); {
	case errors.Is(err, assets.ErrNoFFmpeg):
		fmt.Fprintln(out, err)
	case err != nil:
		return err
	default:
		fmt.Fprintln(out, mp3+": written")
	}
	if *wave != "" {
		if err := writePNG(*wave, assets.Waveform(s.PCM, s.Parts, 1200, 240, nil, s.Label())); err != nil {
			return err
		}
		fmt.Fprintln(out, *wave+": written")
	}
	return nil
}
