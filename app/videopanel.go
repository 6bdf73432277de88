package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio"
	"atelier/translations"
)

// videoPanel makes a piece's clip (the images in the order ticked, the
// length, the captions' style) and plays it: low-resolution frames in
// step with the sound, a filmstrip to jump, a slider to scrub.
type videoPanel struct {
	st *Studio

	images   *widget.CheckGroup
	order    *widget.Label
	duration *widget.RadioGroup
	font     *widget.Select
	position *widget.Select
	cuts     *widget.Check
	render   *widget.Button
	cancel   *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
	details  *details
	screen   *canvas.Image
	play     *widget.Button
	scrub    *widget.Slider
	strip    *fyne.Container

	mu       sync.Mutex
	pieceID  int64
	sources  []studio.Asset
	stop     context.CancelFunc // the render under way
	clip     *clipPreview
	playback *playback
}

// clipPreview is a rendered clip decoded for the panel.
type clipPreview struct {
	frames [][]byte // JPEG, previewFPS a second
	sound  *brandkit.PCM
	length time.Duration
}

// The preview's frames: 10 a second, 480 px high.
const (
	previewFPS    = 10
	previewHeight = 480
	stripFrames   = 8
)

// Caption fonts and positions, as the panel names them.
var (
	captionFonts     = []string{"Heading font", "Body font"}
	captionPositions = []string{"Low", "Middle", "High"}
)

func newVideoPanel(st *Studio) *videoPanel {
	v := &videoPanel{st: st}
	v.images = widget.NewCheckGroup(nil, v.onImagesChanged)
	v.order = widget.NewLabel("")
	v.order.Wrapping = fyne.TextWrapWord
	v.duration = widget.NewRadioGroup([]string{"15 s", "30 s", "60 s"}, nil)
	v.duration.Horizontal = true
	v.duration.SetSelected("15 s")
	v.font = widget.NewSelect(translated(captionFonts), nil)
	v.font.SetSelectedIndex(0)
	v.position = widget.NewSelect(translated(captionPositions), nil)
	v.position.SetSelectedIndex(0)
	v.cuts = widget.NewCheck(lang.L("Cut between images instead of cross-fading"), nil)
	v.render = &widget.Button{Text: lang.L("Render the video"), Icon: theme.MediaVideoIcon(), Importance: widget.HighImportance, OnTapped: v.onRender}
	v.render.Disable()
	v.cancel = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: v.onCancel}
	v.cancel.Hide()
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.status = widget.NewLabel(lang.L("Select a variant, tick its images in the order they should appear, then render its video."))
	v.status.Wrapping = fyne.TextWrapWord
	v.details = newDetails()
	v.screen = canvas.NewImageFromImage(nil)
	v.screen.FillMode = canvas.ImageFillContain
	v.screen.SetMinSize(fyne.NewSize(180, 320))
	v.play = &widget.Button{Text: lang.L("Play"), Icon: theme.MediaPlayIcon(), OnTapped: v.onPlay}
	v.play.Disable()
	v.scrub = &widget.Slider{Min: 0, Max: 1, Step: 0.001, OnChanged: v.onScrub}
	v.scrub.ExtendBaseWidget(v.scrub)
	v.strip = container.NewGridWithColumns(stripFrames)
	return v
}

func translated(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = lang.L(l)
	}
	return out
}

func (v *videoPanel) object() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Length"), v.duration),
		widget.NewFormItem(lang.L("Captions"), container.NewGridWithColumns(2, v.font, v.position)),
	)
	controls := container.NewVBox(sectionTitle(lang.L("Images, in order")), v.images, v.order, form, v.cuts,
		container.NewHBox(v.render, v.cancel), v.progress, v.status, v.details.object)
	player := container.NewBorder(nil, container.NewVBox(container.NewBorder(nil, nil, v.play, nil, v.scrub), v.strip), nil, nil, v.screen)
	return container.NewBorder(controls, nil, nil, nil, player)
}

// setPiece chooses the variant whose clip the panel makes, and shows the
// clip it already has.
func (v *videoPanel) setPiece(pieceID int64) <-chan struct{} {
	v.stopPlayback()
	v.mu.Lock()
	v.pieceID, v.clip = pieceID, nil
	v.mu.Unlock()
	v.refreshImages()
	v.screen.Image = nil
	v.screen.Refresh()
	v.strip.RemoveAll()
	v.play.Disable()
	done := make(chan struct{})
	goBackground(func() {
		defer close(done)
		vids, err := v.st.ws.Videos(context.Background(), pieceID)
		if err != nil || len(vids) == 0 {
			return
		}
		v.loadClip(pieceID, vids[0], nil)
	})
	return done
}

func (v *videoPanel) refreshImages() {
	list, err := v.st.ws.Images(context.Background())
	if err != nil {
		v.status.SetText(sentence(err))
		return
	}
	names := make([]string, len(list))
	for i, a := range list {
		names[i] = imageChoice(a)
	}
	v.mu.Lock()
	v.sources = list
	v.mu.Unlock()
	v.images.Options = names
	v.images.Selected = keep(v.images.Selected, names)
	v.images.Refresh()
	v.onImagesChanged(v.images.Selected)
	if len(list) == 0 {
		v.order.SetText(lang.L("The library has no image yet: import one on the Assets screen."))
	}
}

func imageChoice(a studio.Asset) string {
	return fmt.Sprintf("%s (%d×%d) #%d", a.Source, a.Width, a.Height, a.ID)
}

// keep is the selected names that are still among the options.
func keep(selected, options []string) []string {
	var out []string
	for _, s := range selected {
		for _, o := range options {
			if s == o {
				out = append(out, s)
			}
		}
	}
	return out
}

// onImagesChanged shows the order the images will appear in: the order
// they were ticked.
func (v *videoPanel) onImagesChanged(selected []string) {
	v.mu.Lock()
	piece := v.pieceID
	v.mu.Unlock()
	if len(selected) == 0 {
		v.order.SetText(lang.L("Tick one image or more; they appear in the order you tick them."))
		v.render.Disable()
		return
	}
	var parts []string
	for i, s := range selected {
		parts = append(parts, fmt.Sprintf("%d. %s", i+1, strings.SplitN(s, " (", 2)[0]))
	}
	v.order.SetText(strings.Join(parts, "   "))
	if piece != 0 && v.stopRender() == nil {
		v.render.Enable()
	}
}

func (v *videoPanel) stopRender() context.CancelFunc {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.stop
}

// request is the render the panel's controls ask for.
func (v *videoPanel) request() *studio.VideoRequest {
	v.mu.Lock()
	defer v.mu.Unlock()
	req := &studio.VideoRequest{PieceID: v.pieceID, Cuts: v.cuts.Checked, FFmpeg: v.st.app.Preferences().String(prefFFmpeg),
		Seconds: map[string]int{"15 s": 15, "30 s": 30, "60 s": 60}[v.duration.Selected]}
	req.Captions.Font = []string{"heading", "body"}[max(0, v.font.SelectedIndex())]
	req.Captions.Position = []string{"low", "middle", "high"}[max(0, v.position.SelectedIndex())]
	for _, name := range v.images.Selected {
		for _, a := range v.sources {
			if imageChoice(a) == name {
				req.Images = append(req.Images, a.ID)
			}
		}
	}
	return req
}

func (v *videoPanel) onRender() {
	req := v.request()
	ctx, cancel := context.WithCancel(context.Background())
	v.mu.Lock()
	v.stop = cancel
	v.mu.Unlock()
	v.stopPlayback()
	v.render.Disable()
	v.cancel.Show()
	v.progress.SetValue(0)
	v.progress.Show()
	v.details.show(nil)
	v.status.SetText(lang.L("Rendering: the voice, the frames, then the captions and the cover…"))
	goBackground(func() {
		rv, err := v.st.ws.RenderVideo(ctx, req, func(_ string, f float64) { onUI(func() { v.progress.SetValue(f) }) })
		if err == nil {
			v.loadClip(req.PieceID, rv, &rv.Report)
		}
		onUI(func() {
			cancel()
			v.mu.Lock()
			v.stop = nil
			v.mu.Unlock()
			v.cancel.Hide()
			v.progress.Hide()
			v.render.Enable()
			if err != nil {
				v.status.SetText(sentence(err))
				v.details.show(err)
			}
		})
	})
}

func (v *videoPanel) onCancel() {
	if stop := v.stopRender(); stop != nil {
		stop()
	}
}

// loadClip decodes a clip's preview off the UI goroutine and shows it with
// what the render noted and, when given, its check.
func (v *videoPanel) loadClip(pieceID int64, rv studio.RenderedVideo, report *brandkit.Report) {
	ffmpeg := v.st.app.Preferences().String(prefFFmpeg)
	frames, err := assets.PreviewFrames(context.Background(), ffmpeg, rv.MP4(), previewFPS, previewHeight)
	var sound *brandkit.PCM
	if err == nil {
		sound, err = assets.VideoSound(context.Background(), ffmpeg, rv.MP4())
	}
	onUI(func() {
		v.mu.Lock()
		current := v.pieceID == pieceID
		v.mu.Unlock()
		if !current {
			return
		}
		if err != nil || len(frames) == 0 {
			v.status.SetText(lang.L("The video was made, but its preview cannot be shown:") + " " + sentence(err))
			return
		}
		v.status.SetText(v.clipSummary(rv, report))
		v.show(&clipPreview{frames: frames, sound: sound, length: time.Duration(rv.Asset.DurationMS) * time.Millisecond})
	})
}

// clipSummary says what the clip is, what the render noted and what the
// check found, in the UI's language.
func (v *videoPanel) clipSummary(rv studio.RenderedVideo, report *brandkit.Report) string {
	reg := v.st.ws.Registry()
	head := fmt.Sprintf("%s · %.0f s · %d×%d", translations.VideoPlacementName(uiLanguage(), rv.Asset.Placement, reg),
		float64(rv.Asset.DurationMS)/1000, rv.Asset.Width, rv.Asset.Height)
	var lines []string
	var notes []brandkit.Finding
	if m := rv.Meta; m != nil {
		head += " · " + lang.N("{{.Count}} caption", len(m.Captions), map[string]any{"Count": len(m.Captions)})
		if m.Loudness != nil {
			head += " · " + fmt.Sprintf("%.1f LUFS", m.Loudness.IntegratedLUFS)
		}
		notes = m.Notes
	}
	lines = append(lines, head)
	if report != nil {
		lines = append(lines, scoreLine(report))
		notes = append(notes, report.Findings...)
	}
	for _, f := range notes {
		msg, fix := translations.Finding(uiLanguage(), f, reg)
		lines = append(lines, "• "+strings.TrimSpace(msg+" "+fix))
	}
	return strings.Join(lines, "\n")
}
