package assets

import (
	"fmt"
	"strings"
	"time"
)

// SRT writes the cues as SubRip subtitles: numbered, with times as
// HH:MM:SS,mmm.
func SRT(cues []Cue) string {
	var b strings.Builder
	for i, c := range cues {
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n\n", i+1, clock(c.Start.D(), ','), clock(c.End.D(), ','), c.Text)
	}
	return b.String()
}

// WebVTT writes the cues as WebVTT, each placed where the video draws it
// (a line position of the frame's height) and its words timed for players
// that highlight them (inline timestamps). art may be nil.
func WebVTT(cues []Cue, art *captionArt, height int) string {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	for i, c := range cues {
		settings := ""
		if art != nil && height > 0 {
			r := art.box(i)
			settings = fmt.Sprintf(" line:%d%% position:50%% align:center", (r.Max.Y*100)/height)
		}
		fmt.Fprintf(&b, "%d\n%s --> %s%s\n", i+1, clock(c.Start.D(), '.'), clock(c.End.D(), '.'), settings)
		for j, w := range c.Words {
			if j > 0 {
				fmt.Fprintf(&b, " <%s>", clock(w.Start.D(), '.'))
			}
			b.WriteString(vttEscape(w.Word))
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// vttEscape escapes what WebVTT's cue text reserves.
func vttEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func clock(d time.Duration, sep byte) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d%c%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
}
