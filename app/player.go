package app

import (
	"fyne.io/fyne/v2/lang"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/gopxl/beep/v2"
	"github.com/gopxl/beep/v2/speaker"

	"atelier/assets"
	"atelier/brandkit"
)

// audioOutput reports why sound cannot be played here, or nil.
func audioOutput() error {
	if runtime.GOOS == "linux" {
		if devs, _ := filepath.Glob("/dev/snd/pcmC*p"); len(devs) == 0 {
			return said(lang.L("No audio output device was found; the waveform and the export still work."))
		}
	}
	return nil
}

var (
	speakerOnce sync.Once
	speakerErr  error
)

// player plays one snippet through beep's speaker, with pause and seek.
type player struct {
	ctrl   *beep.Ctrl
	seeker beep.StreamSeeker
	length int
}

// newPlayer prepares a snippet for playback, or says why it cannot play.
func newPlayer(p *brandkit.PCM) (*player, error) {
	if err := audioOutput(); err != nil {
		return nil, err
	}
	speakerOnce.Do(func() {
		speakerErr = speaker.Init(beep.SampleRate(assets.SnippetRate), assets.SnippetRate/10)
	})
	if speakerErr != nil {
		return nil, speakerErr
	}
	format := beep.Format{SampleRate: beep.SampleRate(p.Rate), NumChannels: 2, Precision: 2}
	buf := beep.NewBuffer(format)
	n := len(p.Channels[0])
	i := 0
	buf.Append(beep.StreamerFunc(func(samples [][2]float64) (int, bool) {
		if i >= n {
			return 0, false
		}
		k := 0
		for ; k < len(samples) && i < n; k++ {
			samples[k] = [2]float64{p.Channels[0][i], p.Channels[len(p.Channels)-1][i]}
			i++
		}
		return k, true
	}))
	seeker := buf.Streamer(0, buf.Len())
	return &player{ctrl: &beep.Ctrl{Streamer: seeker, Paused: true}, seeker: seeker, length: buf.Len()}, nil
}

// toggle starts or pauses playback.
func (pl *player) toggle() {
	speaker.Lock()
	started := pl.ctrl.Paused && pl.seeker.Position() == 0
	pl.ctrl.Paused = !pl.ctrl.Paused
	speaker.Unlock()
	if started {
		speaker.Play(pl.ctrl)
	}
}

// seek moves to a fraction of the snippet.
func (pl *player) seek(f float64) {
	speaker.Lock()
	defer speaker.Unlock()
	pl.seeker.Seek(int(f * float64(pl.length-1)))
}

func (pl *player) stop() { speaker.Clear() }

// position is how far playback has come, as a fraction.
func (pl *player) position() float64 {
	speaker.Lock()
	defer speaker.Unlock()
	return float64(pl.seeker.Position()) / float64(max(1, pl.length-1))
}
