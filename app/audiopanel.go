package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/assets"
)

// audioPanel renders a piece's audio snippet, shows its waveform with the
// loudness figures, and plays it.
type audioPanel struct {
	st *Studio

	duration *widget.RadioGroup
	render   *widget.Button
	progress *widget.ProgressBar
	wave     *canvas.Image
	figures  *widget.Label
	play     *widget.Button
	seek     *widget.Slider
	why      *widget.Label

	pieceID  int64
	text     string
	language string
	snippet  *assets.Snippet
	player   *player
}

func newAudioPanel(st *Studio) *audioPanel {
	a := &audioPanel{st: st}
	a.duration = widget.NewRadioGroup([]string{"15 s", "30 s", "60 s"}, nil)
	a.duration.Horizontal = true
	a.duration.SetSelected("30 s")
	a.render = &widget.Button{Text: lang.L("Render audio"), Icon: theme.MediaRecordIcon(), OnTapped: a.onRender}
	a.render.Disable()
	a.progress = widget.NewProgressBar()
	a.progress.Hide()
	a.wave = canvas.NewImageFromImage(nil)
	a.wave.FillMode = canvas.ImageFillContain
	a.wave.SetMinSize(fyne.NewSize(400, 100))
	a.figures = widget.NewLabel(lang.L("Select a variant, then render its audio snippet."))
	a.figures.Wrapping = fyne.TextWrapWord
	a.play = &widget.Button{Text: lang.L("Play"), Icon: theme.MediaPlayIcon(), OnTapped: a.onPlay}
	a.play.Disable()
	a.seek = &widget.Slider{Min: 0, Max: 1, Step: 0.001, OnChangeEnded: a.onSeek}
	a.seek.ExtendBaseWidget(a.seek)
	a.why = widget.NewLabel("")
	a.why.Wrapping = fyne.TextWrapWord
	a.why.Importance = widget.WarningImportance
	return a
}

func (a *audioPanel) object() fyne.CanvasObject {
	top := container.NewVBox(container.NewHBox(a.duration, a.render), a.progress, a.figures)
	bottom := container.NewVBox(container.NewBorder(nil, nil, a.play, nil, a.seek), a.why)
	return container.NewBorder(top, bottom, nil, nil, a.wave)
}

// setPiece chooses the variant the panel renders.
func (a *audioPanel) setPiece(pieceID int64, text, language string) {
	a.pieceID, a.text, a.language = pieceID, text, language
	if pieceID != 0 && text != "" {
		a.render.Enable()
	}
}

func (a *audioPanel) onRender() {
	seconds := map[string]time.Duration{"15 s": 15, "30 s": 30, "60 s": 60}[a.duration.Selected] * time.Second
	a.render.Disable()
	a.progress.SetValue(0)
	a.progress.Show()
	if a.player != nil {
		a.player.stop()
	}
	req := &assets.SnippetRequest{Kit: a.st.ws.Kit(), Text: a.text, Language: a.language, Target: seconds}
	pieceID := a.pieceID
	goBackground(func() {
		s, err := assets.RenderSnippet(context.Background(), req, func(step string, f float64) {
			onUI(func() { a.progress.SetValue(f) })
		})
		if err == nil {
			_, _, err = a.st.ws.SaveSnippet(context.Background(), pieceID, s)
		}
		onUI(func() {
			a.progress.Hide()
			a.render.Enable()
			if err != nil {
				a.figures.SetText(sentence(err))
				a.figures.Importance = widget.DangerImportance
				a.figures.Refresh()
				return
			}
			a.show(s, seconds)
		})
	})
}

// show draws the snippet and says what it holds; one shorter than asked
// says why: the post has too few words to fill it.
func (a *audioPanel) show(s *assets.Snippet, asked time.Duration) {
	defer func() { a.snippet = s }() // last: tests wait on it
	a.figures.Importance = widget.MediumImportance
	text := fmt.Sprintf("%s · %d %s", s.Label(), s.Script.Words, lang.L("words"))
	if got := s.PCM.Duration(); asked-got > 2*time.Second {
		text += "\n" + fmt.Sprintf(lang.L("The post takes %.0f s to say, so the snippet is shorter than the %.0f s asked: write more words to fill it."), got.Seconds(), asked.Seconds())
	}
	a.figures.SetText(text)
	a.wave.Image = assets.Waveform(s.PCM, s.Parts, 1000, 200, nil, s.Label())
	a.wave.Refresh()
	pl, err := newPlayer(s.PCM)
	if err != nil {
		a.play.Disable()
		a.why.SetText(lang.L("Playback is off:") + " " + sentence(err))
		return
	}
	a.player = pl
	a.why.SetText("")
	a.play.Enable()
}

func (a *audioPanel) onPlay() {
	if a.player == nil {
		return
	}
	a.player.toggle()
	if a.play.Icon == theme.MediaPlayIcon() {
		a.play.SetIcon(theme.MediaPauseIcon())
		a.play.SetText(lang.L("Pause"))
	} else {
		a.play.SetIcon(theme.MediaPlayIcon())
		a.play.SetText(lang.L("Play"))
	}
}

func (a *audioPanel) onSeek(f float64) {
	if a.player != nil {
		a.player.seek(f)
	}
}
