package assets

import (
	"math"
	"time"
)

// A clip's plan: when the title card, each image's shot, the outro card
// and the captions are on screen. Frames are a pure function of the plan
// and their number, so the clip can be encoded in several parts at once.

// The pan and zoom: each shot zooms by kenBurnsZoom between a wide and a
// close window around the focal point, in or out in turn, and its centre
// travels at most maxTravel pixels a frame (in the image's pixels and on
// screen), so the motion reads as smooth and never jitters.
const (
	kenBurnsZoom = 1.12
	maxTravel    = 1.5
	// upscaleNote and upscaleFloor: a source smaller than the frame is
	// enlarged with a note up to upscaleFloor times, and refused beyond.
	upscaleNote  = 1.05
	upscaleFloor = 2.0
)

// span is a stretch of the clip.
type span struct{ Start, End time.Duration }

func (s span) has(t time.Duration) bool { return t >= s.Start && t < s.End }

// shot is one image on screen: from its start window to its end one.
type shot struct {
	Image int
	span
	From, To window // in the source image's pixels
}

// windowAt is the shot's window at t: a straight, even move from From to
// To, so the centre never turns back.
func (s shot) windowAt(t time.Duration) window {
	f := 0.0
	if d := s.End - s.Start; d > 0 {
		f = max(0, min(1, float64(t-s.Start)/float64(d)))
	}
	lerp := func(a, b float64) float64 { return a + (b-a)*f }
	return window{lerp(s.From.X, s.To.X), lerp(s.From.Y, s.To.Y), lerp(s.From.W, s.To.W), lerp(s.From.H, s.To.H)}
}

// videoPlan is a whole clip's timeline.
type videoPlan struct {
	W, H, FPS int
	Frames    int
	Fade      time.Duration // between shots; 0 = cuts
	Title     span          // the title card, fading out over its last cardFade
	Outro     span          // the outro card, fading in over its first cardFade
	Shots     []shot
	Cues      []Cue
}

// cardFade is how long the title and outro cards take to fade.
const cardFade = 400 * time.Millisecond

func (p *videoPlan) duration() time.Duration {
	return time.Duration(p.Frames) * time.Second / time.Duration(p.FPS)
}

// at is the time of frame n: its middle, so that a cue starting at t shows
// on the frame whose span holds t.
func (p *videoPlan) at(n int) time.Duration {
	return time.Duration(n) * time.Second / time.Duration(p.FPS)
}

// shotsAt returns the shot on screen at t and, during a cross-fade, the
// one fading in with how far it has come (0 to 1); next is -1 otherwise.
func (p *videoPlan) shotsAt(t time.Duration) (cur, next int, mix float64) {
	cur, next = -1, -1
	for i, s := range p.Shots {
		if !s.has(t) {
			continue
		}
		if cur < 0 {
			cur = i
			continue
		}
		next = i
		mix = float64(t-s.Start) / float64(max(1, p.Fade))
		break
	}
	if cur < 0 && len(p.Shots) > 0 { // past the last shot: hold it
		cur = len(p.Shots) - 1
	}
	return cur, next, min(1, mix)
}

// opacity of a card: the title until it fades out, the outro once it has
// faded in.
func (p *videoPlan) titleOpacity(t time.Duration) float64 {
	return fadeOf(p.Title.End-t, cardFade)
}

func (p *videoPlan) outroOpacity(t time.Duration) float64 {
	if t < p.Outro.Start {
		return 0
	}
	return fadeOf(t-p.Outro.Start, cardFade)
}

func fadeOf(d, over time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return min(1, float64(d)/float64(over))
}

// cueAt is the caption heard at t, and which of its words; -1 for none.
func (p *videoPlan) cueAt(t time.Duration) (cue, word int) {
	for i, c := range p.Cues {
		if t < c.Start.D() || t >= c.End.D() {
			continue
		}
		word = 0
		for j, w := range c.Words {
			if t >= w.Start.D() {
				word = j
			}
		}
		return i, word
	}
	return -1, -1
}

// shotSpans shares the picture's time [0, end) among n shots, each
// overlapping the next by fade.
func shotSpans(n int, end, fade time.Duration) []span {
	length := (end + time.Duration(n-1)*fade) / time.Duration(n)
	spans := make([]span, n)
	for i := range spans {
		start := time.Duration(i) * (length - fade)
		spans[i] = span{start, start + length}
	}
	spans[n-1].End = end
	return spans
}

// planShot sets shot i's pan and zoom in an iw×ih image, zooming in and
// out in turn.
func (p *videoPlan) planShot(i int, sp span, iw, ih int, f Focal) shot {
	frames := int((sp.End - sp.Start) * time.Duration(p.FPS) / time.Second)
	from, to := kenBurns(iw, ih, f, p.W, p.H, frames, i%2 == 1)
	return shot{Image: i, span: sp, From: from, To: to}
}

// kenBurns chooses a shot's start and end windows in an iw×ih image for a
// w×h frame: the widest window of the frame's shape, set between the
// image's centre and the focal point, and a window kenBurnsZoom times
// closer centred on the focal point. When the centre would travel more
// than maxTravel pixels a frame (in the image and on screen), the close
// window moves towards the wide one's centre: it fits wherever the wide
// one does, so the move is shortened exactly. zoomOut swaps them.
func kenBurns(iw, ih int, f Focal, w, h, frames int, zoomOut bool) (from, to window) {
	aspect := float64(w) / float64(h)
	bw := math.Min(float64(iw), float64(ih)*aspect)
	bh := bw / aspect
	fx, fy := f.X*float64(iw), f.Y*float64(ih)
	cw, ch := bw/kenBurnsZoom, bh/kenBurnsZoom
	wide := placed(fx+(float64(iw)/2-fx)*0.6, fy+(float64(ih)/2-fy)*0.6, bw, bh, iw, ih)
	wx, wy := wide.centre()
	close := placed(fx, fy, cw, ch, iw, ih)
	cx, cy := close.centre()
	limit := maxTravel * float64(max(1, frames)) * math.Min(1, cw/float64(w))
	if d := math.Hypot(cx-wx, cy-wy); d > limit {
		k := limit / d
		close = placed(wx+(cx-wx)*k, wy+(cy-wy)*k, cw, ch, iw, ih)
	}
	if zoomOut {
		return close, wide
	}
	return wide, close
}

// placed is a w×h window centred as near (cx, cy) as the image allows.
func placed(cx, cy, w, h float64, iw, ih int) window {
	x := max(0, min(float64(iw)-w, cx-w/2))
	y := max(0, min(float64(ih)-h, cy-h/2))
	return window{x, y, w, h}
}
