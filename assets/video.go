package assets

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/disintegration/imaging"

	"atelier/brandkit"
)

// VideoRequest asks for a clip: a placement's video made of the piece's
// images, its spoken script and the kit's brand.
type VideoRequest struct {
	Kit    *brandkit.Kit
	Target brandkit.VideoTarget
	Images []VideoImage // in the order they are shown; at least one
	// Text is the post; it becomes the spoken script and the captions.
	Text     string
	Language string // BCP 47; picks the voice
	Headline string // the title card's words; "" = the script's first sentence
	CTA      string // the outro's words; "" = none
	// Label is a mention kept on screen from the first frame to the last,
	// such as "Publicité" for a paid partnership; "" = none.
	Label    string
	Seconds  int // 15, 30 or 60; the placement's recommended length (at most 30) when 0
	Captions CaptionStyle
	Cuts     bool   // cut between images instead of cross-fading
	TTS      TTS    // nil: the system's engine
	FFmpeg   string // ffmpeg's path; "" = found on PATH
	// Out is the MP4's path; the SRT, WebVTT, cover JPEG and sidecar
	// (Out + ".atelier.json") are written beside it.
	Out string
	// Preset and CRF are x264's; "superfast" and 21 when empty. superfast
	// is the fastest preset that keeps the High profile's tools.
	Preset string
	CRF    int
}

// VideoImage is one image of a clip.
type VideoImage struct {
	Path   string
	Name   string // what notes and the sidecar call it; the file's name when ""
	SHA256 string // the library's hash, for the sidecar; "" for a file
	Focal  *Focal // nil: found by Saliency
}

func (vi VideoImage) name() string {
	if vi.Name != "" {
		return vi.Name
	}
	return filepath.Base(vi.Path)
}

// Video durations and the clip's fixed parts.
const (
	videoFade     = 500 * time.Millisecond
	videoTitleMin = 1200 * time.Millisecond
	videoOutroMin = 1800 * time.Millisecond
	// The limit on a 9:16 source image: 12 000 × 12 000 would be 576 MB
	// decoded, so sources are held to the library's 100 MP budget.
)

// ErrImageTooSmall is wrapped by the error of an image too small for the
// video even when enlarged upscaleFloor times.
var ErrImageTooSmall = errors.New("the image is too small for the video")

// ErrFFmpegMissing is wrapped by the error RenderVideo returns when it
// finds no ffmpeg; the message says how to install one.
var ErrFFmpegMissing = errors.New("ffmpeg was not found")

// FindFFmpeg returns ffmpeg's and ffprobe's paths: the one given (a
// setting), or those on PATH.
func FindFFmpeg(setting string) (ffmpeg, ffprobe string, err error) {
	if setting != "" {
		if _, err := os.Stat(setting); err != nil {
			return "", "", fmt.Errorf("%w at %s, which Settings names: correct the path, or clear it to use the ffmpeg on PATH", ErrFFmpegMissing, setting)
		}
		probe := filepath.Join(filepath.Dir(setting), strings.Replace(filepath.Base(setting), "ffmpeg", "ffprobe", 1))
		if _, err := os.Stat(probe); err != nil {
			probe, _ = exec.LookPath("ffprobe")
		}
		return setting, probe, nil
	}
	ffmpeg, err = exec.LookPath("ffmpeg")
	if err != nil {
		return "", "", fmt.Errorf("%w: Atelier makes videos with ffmpeg. Install it (Debian/Ubuntu: `sudo apt-get install ffmpeg`; macOS: `brew install ffmpeg`), or name it in Settings. Text, images and audio work without it", ErrFFmpegMissing)
	}
	ffprobe, _ = exec.LookPath("ffprobe")
	return ffmpeg, ffprobe, nil
}

// videoRender is one RenderVideo call's state.
type videoRender struct {
	req     *VideoRequest
	ffmpeg  string
	tmp     string // a folder beside Out; removed at the end
	brand   *Brand
	plan    videoPlan
	sources []*videoSource
	art     videoArt
	meta    brandkit.VideoMeta
	// firstSentence is the script's, the title card's words unless the
	// request gives a headline.
	firstSentence string
	headline      string            // the title card's words
	voiceNote     *brandkit.Finding // set by speak, which runs beside readImages
	audio         *brandkit.PCM
}

// RenderVideo makes the clip req asks for and writes it with its captions
// (SRT and WebVTT), cover and sidecar beside req.Out. Nothing is left
// behind when it fails or is cancelled: the files appear only once all
// are whole. The sidecar holds what was made, notes included.
func RenderVideo(ctx context.Context, req *VideoRequest, fn ProgressFunc) error {
	if fn == nil {
		fn = func(string, float64) {}
	}
	r, err := newVideoRender(req)
	if err != nil {
		return err
	}
	defer os.RemoveAll(r.tmp)
	if err := r.prepare(ctx, fn); err != nil {
		return cancelled(ctx, err)
	}
	segments, err := r.encode(ctx, fn)
	if err != nil {
		return cancelled(ctx, err)
	}
	return cancelled(ctx, r.finish(ctx, segments, fn))
}

// cancelled says a cancel as such rather than as whatever it broke.
func cancelled(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("the video render was cancelled; no file was written: %w", ctx.Err())
	}
	return err
}

func newVideoRender(req *VideoRequest) (*videoRender, error) {
	t := req.Target
	switch {
	case req.Kit == nil:
		return nil, errors.New("a video needs a brand kit")
	case len(req.Images) == 0:
		return nil, errors.New("a video needs at least one image: add the piece's images in order")
	case t.Width <= 0 || t.Height <= 0 || t.Width%2 != 0 || t.Height%2 != 0 || t.FPS <= 0:
		return nil, fmt.Errorf("the placement %q has no usable video size (%d×%d at %.0f fps)", t.Placement, t.Width, t.Height, t.FPS)
	case req.Out == "" || !strings.EqualFold(filepath.Ext(req.Out), ".mp4"):
		return nil, fmt.Errorf("the video's file must end in .mp4, not %q", filepath.Base(req.Out))
	}
	switch req.Seconds {
	case 0, 15, 30, 60:
	default:
		return nil, fmt.Errorf("a video lasts 15, 30 or 60 seconds, not %d", req.Seconds)
	}
	ffmpeg, _, err := FindFFmpeg(req.FFmpeg)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(req.Out), 0o755); err != nil {
		return nil, fmt.Errorf("making the video's folder: %w", diskHint(err))
	}
	tmp, err := os.MkdirTemp(filepath.Dir(req.Out), ".atelier-video-")
	if err != nil {
		return nil, fmt.Errorf("making a work folder beside %s: %w", req.Out, diskHint(err))
	}
	brand, err := LoadBrand(req.Kit)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &videoRender{req: req, ffmpeg: ffmpeg, tmp: tmp, brand: brand}, nil
}

// seconds is the clip's length: asked, or the placement's recommendation
// rounded to 15, 30 or 60 (30 at most), never past its maximum.
func (r *videoRender) seconds() (int, []brandkit.Finding) {
	t := r.req.Target
	s := r.req.Seconds
	if s == 0 {
		s = 15
		for _, c := range []int{30, 15} {
			if t.RecommendedSeconds == 0 || float64(c) <= t.RecommendedSeconds {
				s = c
				break
			}
		}
	}
	if t.MaxSeconds > 0 && float64(s) > t.MaxSeconds {
		return int(t.MaxSeconds), []brandkit.Finding{brandkit.VideoNote("video.note.length_capped", "placement", t.Placement,
			"max", strconv.Itoa(int(t.MaxSeconds)), "asked", strconv.Itoa(s))}
	}
	return s, nil
}

// prepare reads the images, speaks the script and draws the title, logo,
// label and outro at the same time, then mixes the sound and sets the
// captions.
func (r *videoRender) prepare(ctx context.Context, fn ProgressFunc) error {
	secs, notes := r.seconds()
	r.meta.Notes = append(r.meta.Notes, notes...)
	t := r.req.Target
	fps := int(t.FPS + 0.5)
	r.plan = videoPlan{W: t.Width, H: t.Height, FPS: fps, Frames: secs * fps, Fade: videoFade}
	if r.req.Cuts {
		r.plan.Fade = 0
	}
	logo, err := SonicLogo(r.req.Kit)
	if err != nil {
		return err
	}
	logoLen := samplesDur(len(logo))
	dur := r.plan.duration()
	voiceStart := logoLen + 250*time.Millisecond
	// The title fades out as the voice begins and its first caption fades in.
	r.plan.Title = span{0, max(videoTitleMin, voiceStart+cardFade)}
	r.plan.Outro = span{dur - max(videoOutroMin, logoLen+600*time.Millisecond), dur}
	voiceEnd := r.plan.Outro.Start - 200*time.Millisecond
	script, err := r.script(voiceEnd - voiceStart)
	if err != nil {
		return err
	}
	var voice [][2]float64
	errs := make([]error, 3)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); errs[0] = r.readImages(ctx, fn) }()
	go func() { defer wg.Done(); voice, errs[1] = r.speak(ctx, script, voiceStart, voiceEnd, fn) }()
	go func() { defer wg.Done(); errs[2] = r.drawCards() }()
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	r.mixAudio(logo, voice)
	fn("art", 0.2)
	return r.drawCaptions()
}

// videoSource is one image, reduced once to what its shot shows.
type videoSource struct {
	name  string
	sha   string
	focal Focal
	pic   *yuvImage
	// The shot's windows are in the image's pixels; the reduced picture
	// starts at origin and has scale of its pixels to each of them.
	origin [2]float64
	scale  float64
	up     float64 // how much the image was enlarged (1 = not)
}

func (s *videoSource) local(w window) window {
	return window{(w.X - s.origin[0]) * s.scale, (w.Y - s.origin[1]) * s.scale, w.W * s.scale, w.H * s.scale}
}

// readImages decodes each image, plans its shot and reduces it to the
// part and size the shot needs, two images at a time.
func (r *videoRender) readImages(ctx context.Context, fn ProgressFunc) error {
	n := len(r.req.Images)
	spans := shotSpans(n, r.plan.Outro.Start+cardFade, r.plan.Fade)
	r.plan.Shots = make([]shot, n)
	r.sources = make([]*videoSource, n)
	errs := make([]error, n)
	notes := make([][]brandkit.Finding, n)
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, vi := range r.req.Images {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := ctx.Err(); err != nil {
				errs[i] = err
				return
			}
			img, ns, err := readVideoImage(vi)
			if err != nil {
				errs[i] = err
				return
			}
			b := img.Bounds()
			focal := focalOf(vi, img)
			r.plan.Shots[i] = r.plan.planShot(i, spans[i], b.Dx(), b.Dy(), focal)
			r.sources[i], notes[i], errs[i] = r.reduce(img, r.plan.Shots[i], vi, focal)
			notes[i] = append(ns, notes[i]...)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, ns := range notes {
		r.meta.Notes = append(r.meta.Notes, ns...)
	}
	fn("images", 0.1)
	return nil
}

func readVideoImage(vi VideoImage) (image.Image, []brandkit.Finding, error) {
	data, err := ReadFileLimited(vi.Path, 200<<20)
	if err != nil {
		return nil, nil, err
	}
	img, info, err := DecodeImage(filepath.Base(vi.Path), data, DefaultMaxPixels)
	if err != nil {
		return nil, nil, err
	}
	var notes []brandkit.Finding
	if info.ProfileNote() != "" {
		notes = append(notes, brandkit.VideoNote("video.note.colour_space", "image", vi.name(), "profile", info.Profile))
	}
	return img, notes, nil
}

func focalOf(vi VideoImage, img image.Image) Focal {
	if vi.Focal != nil && vi.Focal.Valid() {
		return *vi.Focal
	}
	return Saliency(img)
}

// reduce crops the image to its shot's windows and scales it so that the
// closer window has at least a pixel for each of the frame's; a source too
// small is enlarged up to upscaleFloor times, with a note, and refused
// below.
func (r *videoRender) reduce(img image.Image, s shot, vi VideoImage, focal Focal) (*videoSource, []brandkit.Finding, error) {
	b := img.Bounds()
	wide := max(s.From.W, s.To.W)
	up := float64(r.plan.W) / wide
	if up > upscaleFloor {
		return nil, nil, fmt.Errorf("%w: %s is %d×%d: a %d×%d video needs at least %d×%d of it, and Atelier enlarges an image at most %.0f times. Use a larger image",
			ErrImageTooSmall, vi.name(), b.Dx(), b.Dy(), r.plan.W, r.plan.H, int(float64(r.plan.W)/upscaleFloor), int(float64(r.plan.H)/upscaleFloor), upscaleFloor)
	}
	src := &videoSource{name: vi.name(), sha: vi.SHA256, focal: focal, up: max(1, up)}
	var notes []brandkit.Finding
	if up > upscaleNote {
		notes = append(notes, brandkit.VideoNote("video.note.enlarged", "image", vi.name(), "factor", strconv.FormatFloat(up, 'f', 2, 64),
			"width", strconv.Itoa(r.plan.W), "height", strconv.Itoa(r.plan.H)))
	}
	x0, y0 := min(s.From.X, s.To.X), min(s.From.Y, s.To.Y)
	x1, y1 := max(s.From.X+s.From.W, s.To.X+s.To.W), max(s.From.Y+s.From.H, s.To.Y+s.To.H)
	crop := image.Rect(int(x0), int(y0), int(x1+1.999), int(y1+1.999)).Intersect(b.Sub(b.Min)).Add(b.Min)
	src.origin = [2]float64{float64(crop.Min.X - b.Min.X), float64(crop.Min.Y - b.Min.Y)}
	src.scale = float64(r.plan.W) / min(s.From.W, s.To.W)
	w, h := int(float64(crop.Dx())*src.scale+0.5)&^1, int(float64(crop.Dy())*src.scale+0.5)&^1
	filter := imaging.Linear
	switch {
	case src.scale < 0.5:
		filter = imaging.Box
	case src.scale > 1:
		filter = imaging.CatmullRom
	}
	reduced := imaging.Resize(imaging.Crop(img, crop), max(2, w), max(2, h), filter)
	src.pic = toYUV(reduced)
	return src, notes, nil
}

// script is the post as spoken, up to half as long again as the voice's
// time, so that the cut falls on what the voice really takes rather than
// on an estimate.
func (r *videoRender) script(budget time.Duration) (Script, error) {
	script, err := SpokenScript(r.req.Text, r.req.Language, budget*3/2, r.wpm())
	if err == nil {
		r.firstSentence = script.Sentences[0]
	}
	return script, err
}

func (r *videoRender) wpm() int {
	if w := r.req.Kit.Audio.RateWPM; w > 0 {
		return w
	}
	return 160
}

// speak synthesises the script phrase by phrase and lays it out between
// start and deadline, cut at a sentence when it is too long.
func (r *videoRender) speak(ctx context.Context, script Script, start, deadline time.Duration, fn ProgressFunc) ([][2]float64, error) {
	tts := r.req.TTS
	if tts == nil {
		var err error
		if tts, err = DetectTTS(); err != nil {
			return nil, err
		}
	}
	phrases, ends := phrasesOf(script.Sentences)
	spokenPhrases, err := speakPhrases(ctx, tts, voiceFor(r.req.Kit, r.req.Language), r.wpm(), phrases, ends)
	if err != nil {
		return nil, err
	}
	fn("voice", 0.15)
	track, cues, cut := layOut(spokenPhrases, start, deadline)
	if len(cues) == 0 {
		return nil, fmt.Errorf("not one phrase of the script fits in the %.1f s the voice has: choose a longer video", (deadline - start).Seconds())
	}
	r.plan.Cues = cues
	if cut || script.Words < countWords(r.req.Text, r.req.Language) {
		note := brandkit.VideoNote("video.note.script_cut", "last", cues[len(cues)-1].Text, "seconds", strconv.Itoa(r.plan.Frames/r.plan.FPS))
		r.voiceNote = &note
	}
	return track, nil
}

// mixAudio lays the sonic logo under the title and the outro around the
// voice, then brings the whole to the placement's loudness with the true
// peak under the kit's ceiling.
func (r *videoRender) mixAudio(logo, voice [][2]float64) {
	total := durSamples(r.plan.duration())
	mix := make([][2]float64, total)
	copy(mix, voice)
	outro := durSamples(r.plan.Outro.Start + 150*time.Millisecond)
	for i, s := range logo {
		mix[i][0] += s[0]
		mix[i][1] += s[1]
		if j := outro + i; j < total {
			mix[j][0] += s[0]
			mix[j][1] += s[1]
		}
	}
	fade(mix, SnippetRate/100, SnippetRate/20)
	target := r.req.Target.TargetLUFS
	if target == 0 {
		target = r.req.Kit.Audio.TargetLUFS
	}
	if target == 0 {
		target = -14
	}
	r.audio = toPCM(mix)
	m := normalise(r.audio, target, r.req.Kit.Audio.PeakCeiling())
	r.meta.Loudness = &m
}

// drawCards draws the title, logo, label and outro.
func (r *videoRender) drawCards() error {
	t := r.req.Target
	safe := safeRect(t)
	r.headline = r.req.Headline
	if r.headline == "" {
		r.headline = r.firstSentence
	}
	var err error
	if r.art.title, r.art.titleBox, err = r.brand.titleCard(safe, t.Width, t.Height, r.headline); err != nil {
		return err
	}
	if r.art.outro, r.art.outroBox, err = r.brand.outroCard(safe, t.Width, t.Height, r.req.CTA); err != nil {
		return err
	}
	r.art.logo, r.art.logoRect, r.art.logoMargin = r.brand.videoLogo(safe, t.Width)
	return r.drawLabel(safe, r.art.logoMargin)
}

// drawCaptions sets the captions in the placement's caption zone, below
// the logo's clear space when the logo is in it, and records the clip in
// the sidecar.
func (r *videoRender) drawCaptions() error {
	t := r.req.Target
	zone := rectOfRegion(t.Caption)
	if zone.Empty() {
		zone = safeRect(t)
	}
	zone = zone.Inset(t.Width / 60) // a caption never touches the zone's edge
	if l := r.art.logo; l != nil {
		if grown := l.Bounds.Inset(-r.art.logoMargin); grown.Overlaps(zone) && grown.Max.Y < zone.Max.Y-zone.Dy()/3 {
			zone.Min.Y = max(zone.Min.Y, grown.Max.Y)
		}
	}
	var err error
	if r.art.captions, err = newCaptionArt(r.brand, r.req.Kit, r.req.Captions, zone, t.Width, r.plan.Cues); err != nil {
		return err
	}
	if r.voiceNote != nil {
		r.meta.Notes = append(r.meta.Notes, *r.voiceNote)
	}
	r.describe()
	return nil
}

// drawLabel sets the partnership label in the top corner the logo leaves
// free, clear of its clear space.
func (r *videoRender) drawLabel(safe image.Rectangle, margin int) error {
	if strings.TrimSpace(r.req.Label) == "" {
		return nil
	}
	face, err := r.brand.loadFace(r.req.Kit, "body", float64(r.plan.W)*0.034)
	if err != nil {
		return err
	}
	defer face.Close()
	ink := captionInk(r.brand.colours())
	img := textSprite(face, r.req.Label, ink[1], ink[0])
	inset := max(margin, safe.Dx()/40)
	at := image.Pt(safe.Min.X+inset, safe.Min.Y+inset)
	if l := r.art.logo; l != nil && l.Bounds.Min.X < safe.Min.X+safe.Dx()/2 {
		at.X = safe.Max.X - inset - img.Rect.Dx()
	}
	r.art.label = newSprite(img, at)
	return nil
}

// diskHint adds what to do to an error of a full or read-only disk.
func diskHint(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "no space left"):
		return fmt.Errorf("%w: the disk is full; free some space and render again", err)
	case strings.Contains(msg, "read-only"):
		return fmt.Errorf("%w: the folder is read-only; choose another", err)
	}
	return err
}
