package assets

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"atelier/brandkit"
	"atelier/internal/childproc"
)

// How frames are made, chosen by measurement (README, "Video"): each frame
// is drawn in Go (the pan and zoom resampled in C, the overlays drawn once
// and blended) and piped raw to x264. The clip is cut into as many parts
// as there are cores, each encoded by its own single-threaded x264 at the
// same time, and the parts are joined without re-encoding: on two cores
// that encodes the same frames in 2.9 s where one multi-threaded x264
// takes 3.4 s, and it leaves ffmpeg's zoompan (a new scaler for every
// frame, and whole-pixel positions that jitter) out altogether.

// encode makes the frames and encodes them in parts, with the sound
// encoded beside them; it returns the parts' files in order.
func (r *videoRender) encode(ctx context.Context, fn ProgressFunc) ([]string, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	parts := max(1, min(runtime.GOMAXPROCS(0), 4, r.plan.Frames/30))
	threads := max(1, runtime.GOMAXPROCS(0)/parts)
	files := make([]string, parts)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	report := func() {
		mu.Lock()
		done++
		if done%15 == 0 {
			fn("frames", 0.2+0.75*float64(done)/float64(r.plan.Frames))
		}
		mu.Unlock()
	}
	errs := make([]error, parts+1)
	for p := range parts {
		files[p] = filepath.Join(r.tmp, fmt.Sprintf("part%d.ts", p))
		from, to := p*r.plan.Frames/parts, (p+1)*r.plan.Frames/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[p] = r.encodePart(ctx, files[p], from, to, threads, report); errs[p] != nil {
				cancel(errs[p])
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if errs[parts] = r.encodeAudio(ctx); errs[parts] != nil {
			cancel(errs[parts])
		}
	}()
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return files, nil
}

// encodePart pipes frames [from, to) to one x264.
func (r *videoRender) encodePart(ctx context.Context, path string, from, to, threads int, report func()) error {
	p := r.plan
	preset, crf := r.req.Preset, r.req.CRF
	if preset == "" {
		preset = "superfast"
	}
	if crf == 0 {
		crf = 21
	}
	cmd := childproc.Command(ctx, r.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
		"-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", fmt.Sprintf("%dx%d", p.W, p.H), "-r", strconv.Itoa(p.FPS), "-i", "pipe:0",
		"-c:v", "libx264", "-preset", preset, "-crf", strconv.Itoa(crf), "-profile:v", "high", "-pix_fmt", "yuv420p",
		"-threads", strconv.Itoa(threads), "-g", strconv.Itoa(2*p.FPS),
		"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
		"-f", "mpegts", "-y", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting ffmpeg (%s): %w", r.ffmpeg, err)
	}
	writeErr := r.writeFrames(ctx, in, from, to, report)
	in.Close()
	if err := cmd.Wait(); err != nil {
		return ffmpegFailed("encoding the video", err, stderr.String())
	}
	if writeErr != nil {
		return writeErr
	}
	return nil
}

// framesAhead is how many frames each part draws ahead of its encoder,
// so that drawing and encoding overlap instead of waiting on each other.
const framesAhead = 3

// writeFrames draws frames [from, to) and writes them to w, the drawing a
// few frames ahead of the writing.
func (r *videoRender) writeFrames(ctx context.Context, w io.Writer, from, to int, report func()) error {
	ready := make(chan []byte, framesAhead)
	free := make(chan []byte, framesAhead+2)
	for range framesAhead + 2 {
		free <- make([]byte, 0, frameBytes(r.plan.W, r.plan.H))
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(ready)
		m := r.newFrameMaker()
		for n := from; n < to; n++ {
			var buf []byte
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			m.picture(n)
			ready <- m.out.bytes(buf)
		}
	}()
	for frame := range ready {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := w.Write(frame); err != nil {
			return fmt.Errorf("sending a frame to ffmpeg: %w", err)
		}
		free <- frame
		report()
	}
	return nil
}

// ErrFFmpegFailed is wrapped by the error of an ffmpeg run that failed or
// was stopped; no video was written.
var ErrFFmpegFailed = errors.New("ffmpeg did not finish")

// ffmpegFailed says how an ffmpeg run ended: killed, out of disk, or
// failing with its own words.
func ffmpegFailed(what string, err error, stderr string) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return fmt.Errorf("%w: ffmpeg was stopped (%v) while %s; no video was written, so render it again", ErrFFmpegFailed, ws.Signal(), what)
		}
	}
	msg := strings.TrimSpace(stderr)
	if strings.Contains(msg, "No space left") {
		return fmt.Errorf("the disk filled up while %s; no video was written: free some space and render again: %w", what, syscall.ENOSPC)
	}
	if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
		msg = msg[i+1:]
	}
	return fmt.Errorf("%w while %s (%v): %s", ErrFFmpegFailed, what, err, msg)
}

// encodeAudio writes the sound and encodes it as AAC-LC at 48 kHz.
func (r *videoRender) encodeAudio(ctx context.Context) error {
	wavPath := filepath.Join(r.tmp, "sound.wav")
	f, err := os.Create(wavPath)
	if err != nil {
		return diskHint(err)
	}
	err = brandkit.WriteWAV(bufio.NewWriter(f), r.audio)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing the sound: %w", diskHint(err))
	}
	cmd := childproc.Command(ctx, r.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", wavPath,
		"-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2", "-y", filepath.Join(r.tmp, "sound.m4a"))
	if out, err := cmd.CombinedOutput(); err != nil {
		return ffmpegFailed("encoding the sound", err, string(out))
	}
	return nil
}

// frameMaker draws frames, with buffers of its own.
type frameMaker struct {
	r      *videoRender
	out, b *yuvImage
	tmp    []byte
}

func (r *videoRender) newFrameMaker() *frameMaker {
	w, h := r.plan.W, r.plan.H
	widest := w
	for _, s := range r.sources {
		widest = max(widest, s.pic.W)
	}
	return &frameMaker{r: r, out: newYUV(w, h), b: newYUV(w, h), tmp: make([]byte, widest+2)}
}

// picture draws frame n: the shot (or two, cross-fading), the outro card
// fading in, then the logo, the title, the caption and the label.
func (m *frameMaker) picture(n int) *yuvImage {
	p, art := &m.r.plan, &m.r.art
	t := p.at(n)
	outro := p.outroOpacity(t)
	if outro >= 1 {
		copy(m.out.Y, art.outro.Y)
		copy(m.out.Cb, art.outro.Cb)
		copy(m.out.Cr, art.outro.Cr)
	} else {
		cur, next, mix := p.shotsAt(t)
		m.sample(m.out, cur, t)
		if next >= 0 {
			m.sample(m.b, next, t)
			m.out.mixOf(m.out, m.b, mix)
		}
		if outro > 0 {
			m.out.mixOf(m.out, art.outro, outro)
		}
	}
	title := p.titleOpacity(t)
	if art.logo != nil {
		m.out.over(art.logo, (1-title)*(1-outro))
	}
	if title > 0 {
		m.out.over(art.title, title)
	}
	if c, w := p.cueAt(t); c >= 0 {
		m.out.over(art.captions.sprite(c, w), 1-title)
	}
	if art.label != nil {
		m.out.over(art.label, 1)
	}
	return m.out
}

func (m *frameMaker) sample(dst *yuvImage, shot int, t time.Duration) {
	s := m.r.plan.Shots[shot]
	src := m.r.sources[s.Image]
	dst.sampleFrom(src.pic, src.local(s.windowAt(t)), m.tmp)
}

// rgb converts the frame back to colours, for the cover.
func (p *yuvImage) rgb() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, p.W, p.H))
	clamp := func(v float64) uint8 { return uint8(max(0, min(255, v+0.5))) }
	for y := range p.H {
		for x := range p.W {
			c := (y/2)*(p.W/2) + x/2
			yy := 1.164 * (float64(p.Y[y*p.W+x]) - 16)
			cb, cr := float64(p.Cb[c])-128, float64(p.Cr[c])-128
			img.SetNRGBA(x, y, color.NRGBA{clamp(yy + 1.793*cr), clamp(yy - 0.213*cb - 0.533*cr), clamp(yy + 2.112*cb), 0xFF})
		}
	}
	return img
}

// coverTime is the frame a person would pick: the title card whole, over
// the first image.
func (p *videoPlan) coverTime() time.Duration { return p.Title.End - cardFade - 200*time.Millisecond }

// finish joins the parts with the sound, writes the captions, the cover
// and the sidecar, and only then moves them all beside Out.
func (r *videoRender) finish(ctx context.Context, parts []string, fn ProgressFunc) error {
	fn("mux", 0.96)
	mp4 := filepath.Join(r.tmp, "clip.mp4")
	list := filepath.Join(r.tmp, "parts.txt")
	var lines strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&lines, "file '%s'\n", filepath.Base(p))
	}
	if err := os.WriteFile(list, []byte(lines.String()), 0o644); err != nil {
		return fmt.Errorf("writing the list of the video's parts: %w", diskHint(err))
	}
	cmd := childproc.Command(ctx, r.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
		"-f", "concat", "-i", list,
		"-i", filepath.Join(r.tmp, "sound.m4a"), "-map", "0:v", "-map", "1:a", "-c", "copy",
		"-movflags", "+faststart", "-y", mp4)
	if out, err := cmd.CombinedOutput(); err != nil {
		return ffmpegFailed("joining the video and its sound", err, string(out))
	}
	cover := r.newFrameMaker().picture(r.plan.FPS * int(r.plan.coverTime()) / int(time.Second))
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, cover.rgb(), &jpeg.Options{Quality: 90}); err != nil {
		return err
	}
	sidecar, err := r.sidecar()
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(r.req.Out, filepath.Ext(r.req.Out))
	files := []struct {
		path string
		data []byte
	}{
		{r.req.Out + ".atelier.json", sidecar},
		{base + ".srt", []byte(SRT(r.plan.Cues))},
		{base + ".vtt", []byte(WebVTT(r.plan.Cues, r.art.captions, r.plan.H))},
		{base + ".jpg", jpg.Bytes()},
	}
	var moves [][2]string // from the work folder to beside Out
	for _, f := range files {
		tmp := filepath.Join(r.tmp, filepath.Base(f.path))
		if err := os.WriteFile(tmp, f.data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Base(f.path), diskHint(err))
		}
		moves = append(moves, [2]string{tmp, f.path})
	}
	// The MP4 goes last: once it is there, everything beside it is whole.
	moves = append(moves, [2]string{mp4, r.req.Out})
	for i, m := range moves {
		if err := os.Rename(m[0], m[1]); err != nil {
			for _, done := range moves[:i] {
				os.Remove(done[1])
			}
			return fmt.Errorf("moving the video's files into place: %w", diskHint(err))
		}
	}
	fn("done", 1)
	return nil
}
