package app

import (
	"bytes"
	"image"
	"image/jpeg"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/disintegration/imaging"
)

// playback plays a clip's frames in step with its sound: the sound's
// position when there is an audio output, the clock otherwise.
type playback struct {
	player  *player // nil: no audio output; the clock leads
	started time.Time
	from    float64 // where the clock started, as a fraction
	done    chan struct{}
}

// position is how far the clip has played, as a fraction.
func (p *playback) position(length time.Duration) float64 {
	if p.player != nil {
		return p.player.position()
	}
	return p.from + float64(time.Since(p.started))/float64(length)
}

// show puts a decoded clip in the panel: its first frame, the filmstrip
// and the player.
func (v *videoPanel) show(c *clipPreview) {
	v.mu.Lock()
	v.clip = c
	v.mu.Unlock()
	v.showAt(0)
	v.strip.RemoveAll()
	for i := range stripFrames {
		at := float64(i) / stripFrames
		img := decodeFrame(c.frames[int(at*float64(len(c.frames)))])
		v.strip.Add(newThumb(imaging.Resize(img, 0, 96, imaging.Box), func() { v.seekTo(at) }))
	}
	v.play.Enable()
}

// showAt shows the frame at a fraction of the clip and moves the slider
// there, without seeking the sound.
func (v *videoPanel) showAt(f float64) {
	v.mu.Lock()
	c := v.clip
	v.mu.Unlock()
	if c == nil {
		return
	}
	i := min(len(c.frames)-1, max(0, int(f*float64(len(c.frames)))))
	v.screen.Image = decodeFrame(c.frames[i])
	v.screen.Refresh()
	v.scrub.Value = f
	v.scrub.Refresh()
}

func decodeFrame(data []byte) image.Image {
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return image.NewGray(image.Rect(0, 0, 9, 16))
	}
	return img
}

func (v *videoPanel) onScrub(f float64) { v.seekTo(f) }

// seekTo shows the frame at f and plays on from there when playing.
func (v *videoPanel) seekTo(f float64) {
	playing := v.playback != nil
	v.stopPlayback()
	v.showAt(f)
	if playing {
		v.startPlayback(f)
	}
}

func (v *videoPanel) onPlay() {
	if v.playback != nil {
		v.stopPlayback()
		return
	}
	from := v.scrub.Value
	if from >= 0.999 {
		from = 0
	}
	v.startPlayback(from)
}

// startPlayback plays from a fraction of the clip: the sound when it can,
// and a frame every tenth of a second from the sound's position.
func (v *videoPanel) startPlayback(from float64) {
	v.mu.Lock()
	c := v.clip
	v.mu.Unlock()
	if c == nil {
		return
	}
	p := &playback{started: time.Now(), from: from, done: make(chan struct{})}
	if c.sound != nil {
		if pl, err := newPlayer(c.sound); err == nil {
			pl.seek(from)
			pl.toggle()
			p.player = pl
		}
	}
	v.playback = p
	v.play.SetIcon(theme.MediaPauseIcon())
	v.play.SetText(lang.L("Pause"))
	tick := time.NewTicker(time.Second / previewFPS)
	goBackground(func() {
		defer tick.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-tick.C:
			}
			pos := p.position(c.length)
			onUI(func() {
				if v.playback != p {
					return
				}
				if pos >= 1 {
					v.stopPlayback()
					v.showAt(1)
					return
				}
				v.showAt(pos)
			})
		}
	})
}

// stopPlayback pauses the clip where it is.
func (v *videoPanel) stopPlayback() {
	p := v.playback
	if p == nil {
		return
	}
	v.playback = nil
	close(p.done)
	if p.player != nil {
		p.player.stop()
	}
	v.play.SetIcon(theme.MediaPlayIcon())
	v.play.SetText(lang.L("Play"))
}

// thumb is a filmstrip frame: tapping it jumps there.
type thumb struct {
	widget.BaseWidget
	img   *canvas.Image
	onTap func()
}

func newThumb(img image.Image, onTap func()) *thumb {
	t := &thumb{img: canvas.NewImageFromImage(img), onTap: onTap}
	t.img.FillMode = canvas.ImageFillContain
	t.img.SetMinSize(fyne.NewSize(27, 48))
	t.ExtendBaseWidget(t)
	return t
}

func (t *thumb) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.img) }

func (t *thumb) Tapped(*fyne.PointEvent) { t.onTap() }
