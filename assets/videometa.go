package assets

import (
	"encoding/json"
	"os"
	"time"

	"atelier/brandkit"
)

// describe fills the sidecar with what the clip holds and where.
func (r *videoRender) describe() {
	p, t, m := &r.plan, r.req.Target, &r.meta
	m.Placement, m.Width, m.Height, m.FPS = t.Placement, p.W, p.H, p.FPS
	m.DurationMS = int(p.duration().Milliseconds())
	m.Language = r.req.Language
	m.CaptionBox = t.Caption
	if n := len(p.Cues); n > 0 {
		m.VoiceMS = [2]int{int(p.Cues[0].Start), int(p.Cues[n-1].End)}
	}
	for i, s := range p.Shots {
		src := r.sources[i]
		m.Sources = append(m.Sources, brandkit.VideoSource{Name: src.name, SHA256: src.sha, FocalX: src.focal.X, FocalY: src.focal.Y,
			FromMS: ms(s.Start), ToMS: ms(s.End), Start: s.From.array(), End: s.To.array(), Upscaled: upscaled(src.up)})
	}
	for i, c := range p.Cues {
		m.Captions = append(m.Captions, brandkit.VideoCue{Text: c.Text, FromMS: int(c.Start), ToMS: int(c.End), Box: regionOf(r.art.captions.box(i))})
	}
	ink := r.art.captions.ink
	m.Colours = brandkit.CaptionInk{Text: brandkit.Hex(ink[0]), Band: brandkit.Hex(ink[1]), Highlight: brandkit.Hex(ink[2]), HighlightText: brandkit.Hex(ink[3])}
	if r.art.logo != nil {
		m.Logos = []brandkit.TimedRegion{{Region: regionOf(r.art.logoRect), FromMS: ms(p.Title.End - cardFade), ToMS: ms(p.Outro.Start + cardFade)}}
	}
	if r.art.label != nil {
		m.Label = &brandkit.TimedText{Text: r.req.Label, TimedRegion: brandkit.TimedRegion{Region: regionOf(r.art.label.Bounds), FromMS: 0, ToMS: m.DurationMS}}
	}
	m.Title = brandkit.TimedText{Text: r.headline, TimedRegion: brandkit.TimedRegion{Region: regionOf(r.art.titleBox), FromMS: 0, ToMS: ms(p.Title.End)}}
	m.Outro = brandkit.TimedText{Text: r.req.CTA, TimedRegion: brandkit.TimedRegion{Region: regionOf(r.art.outroBox), FromMS: ms(p.Outro.Start), ToMS: m.DurationMS}}
}

func (w window) array() [4]float64 { return [4]float64{w.X, w.Y, w.W, w.H} }

func ms(d time.Duration) int { return int(d.Milliseconds()) }

func upscaled(f float64) float64 {
	if f > upscaleNote {
		return f
	}
	return 0
}

func (r *videoRender) sidecar() ([]byte, error) { return json.MarshalIndent(&r.meta, "", "  ") }

// ReadVideoMeta reads a clip's sidecar (FILE.atelier.json).
func ReadVideoMeta(mp4 string) (*brandkit.VideoMeta, error) {
	data, err := os.ReadFile(mp4 + ".atelier.json")
	if err != nil {
		return nil, err
	}
	var m brandkit.VideoMeta
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}
