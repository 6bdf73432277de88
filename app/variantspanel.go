package app

import (
	"context"
	"fmt"
	"image"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/disintegration/imaging"

	"atelier/assets"
	"atelier/studio"
	"atelier/studio/ollama"
	"atelier/translations"
)

// variantsPanel renders a piece's image for each placement of its
// platform and shows the renders side by side, at their true aspect ratio,
// with the platform's safe zone shaded.
type variantsPanel struct {
	st *Studio

	source   *widget.Select
	headline *widget.Check
	band     *widget.Check
	frame    *widget.Select
	render   *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
	cards    *fyne.Container
	alt      *widget.Label
	describe *widget.Button

	mu       sync.Mutex
	pieceID  int64
	platform string
	sources  []studio.Asset
	shown    map[string]shownVariant // by placement
}

// shownVariant is a render in the panel.
type shownVariant struct {
	placement assets.Placement
	img       image.Image
	score     int
	errors    int
}

// cardHeight is the height renders are shown at.
const cardHeight = 220

func newVariantsPanel(st *Studio) *variantsPanel {
	v := &variantsPanel{st: st, shown: map[string]shownVariant{}}
	v.source = widget.NewSelect(nil, nil)
	v.source.PlaceHolder = lang.L("Choose an image from the library")
	v.headline = widget.NewCheck(lang.L("Headline from the draft"), nil)
	v.headline.SetChecked(true)
	v.band = widget.NewCheck(lang.L("Band behind the headline"), nil)
	frames := []string{lang.L("No frame")}
	if st.ws.Kit() != nil {
		for _, c := range st.ws.Kit().Palette {
			frames = append(frames, c.Name)
		}
	}
	v.frame = widget.NewSelect(frames, nil)
	v.frame.SetSelectedIndex(0)
	v.render = &widget.Button{Text: lang.L("Render every placement"), Icon: theme.MediaPhotoIcon(), Importance: widget.HighImportance, OnTapped: func() { v.renderPlacements(nil) }}
	v.render.Disable()
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.status = widget.NewLabel(lang.L("Select a variant, choose an image, then render it for every placement."))
	v.status.Wrapping = fyne.TextWrapWord
	v.alt = widget.NewLabel("")
	v.alt.Wrapping = fyne.TextWrapWord
	v.describe = &widget.Button{Text: lang.L("Describe the image with the model"), Icon: theme.VisibilityIcon(), OnTapped: func() { v.describeImage() }}
	v.cards = container.NewHBox()
	return v
}

func (v *variantsPanel) object() fyne.CanvasObject {
	// One control a row where a row would be too wide for the pane.
	top := container.NewVBox(v.source, v.headline, v.band, container.NewBorder(nil, nil, nil, v.render, v.frame), v.progress, v.status)
	return container.NewBorder(top, container.NewVBox(v.alt, container.NewHBox(v.describe)), nil, nil, container.NewHScroll(v.cards))
}

// setPiece shows a piece's renders and the library's images to choose from.
func (v *variantsPanel) setPiece(pieceID int64, platformID string) <-chan struct{} {
	v.mu.Lock()
	v.pieceID, v.platform = pieceID, platformID
	v.shown = map[string]shownVariant{}
	v.mu.Unlock()
	v.refreshSources()
	v.alt.SetText(lang.L("Alt text suggested by the draft:") + " " + v.st.ws.AltText(context.Background(), pieceID))
	v.cards.RemoveAll()
	return v.loadRenders(pieceID)
}

func (v *variantsPanel) refreshSources() {
	list, err := v.st.ws.Images(context.Background())
	if err != nil {
		v.status.SetText(sentence(err))
		return
	}
	var names []string
	for _, a := range list {
		names = append(names, fmt.Sprintf("%s (%d×%d) #%d", a.Source, a.Width, a.Height, a.ID))
	}
	v.sources = list
	v.source.SetOptions(names)
	if len(names) > 0 && v.source.SelectedIndex() < 0 {
		v.source.SetSelectedIndex(0)
	}
	empty := lang.L("The library has no image yet: import one on the Assets screen.")
	switch {
	case len(names) == 0:
		v.status.SetText(empty)
	case v.status.Text == empty:
		v.status.SetText(lang.L("Select a variant, choose an image, then render it for every placement."))
	}
	if v.pieceID != 0 && len(names) > 0 {
		v.render.Enable()
	}
}

// loadRenders shows the piece's stored renders, read off the UI goroutine.
func (v *variantsPanel) loadRenders(pieceID int64) <-chan struct{} {
	done := make(chan struct{})
	goBackground(func() {
		defer close(done)
		renders, err := v.st.ws.Renders(context.Background(), pieceID)
		if err != nil {
			showError(v.st.win, err)
			return
		}
		var problems []string
		for _, r := range renders {
			if r.Err != nil { // a file that cannot be read shows as not rendered; rendering again replaces it
				problems = append(problems, translations.PlacementName(uiLanguage(), r.Placement.ID, v.st.ws.Registry())+" — "+sentence(r.Err))
			}
			if r.Image != nil {
				v.put(pieceID, shownVariant{placement: r.Placement, img: imaging.Fit(r.Image, 600, 600, imaging.Linear), score: r.Report.Score, errors: len(r.Report.Errors())})
			}
		}
		onUIAndWait(func() {
			v.refreshCards()
			if len(problems) > 0 {
				v.status.Importance = widget.DangerImportance
				v.status.SetText(strings.Join(problems, "\n"))
			}
		})
	})
	return done
}

// put records a render of a piece, unless another piece is shown by now.
func (v *variantsPanel) put(pieceID int64, s shownVariant) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.pieceID == pieceID {
		v.shown[s.placement.ID] = s
	}
}

// renderPlacements renders the given placements (all of the platform's
// when nil) from the chosen image; the channel closes when they are shown.
func (v *variantsPanel) renderPlacements(ids []string) <-chan struct{} {
	done := make(chan struct{})
	i := v.source.SelectedIndex()
	if i < 0 || i >= len(v.sources) || v.pieceID == 0 {
		close(done)
		return done
	}
	req := &studio.RenderRequest{PieceID: v.pieceID, SourceID: v.sources[i].ID, Placements: ids, NoHeadline: !v.headline.Checked,
		Options: assets.VariantOptions{Band: v.band.Checked}}
	if v.frame.SelectedIndex() > 0 {
		req.Options.Frame = v.frame.Selected
	}
	v.render.Disable()
	v.progress.SetValue(0)
	v.progress.Show()
	v.status.SetText(lang.L("Rendering…"))
	goBackground(func() {
		vs, err := v.st.ws.RenderVariants(context.Background(), req, func(_ string, f float64) {
			onUI(func() { v.progress.SetValue(f) })
		})
		for _, r := range vs {
			v.put(req.PieceID, shownVariant{placement: r.Placement, img: imaging.Fit(r.Image, 600, 600, imaging.Linear), score: r.Report.Score, errors: len(r.Report.Errors())})
		}
		onUI(func() {
			defer close(done)
			v.progress.Hide()
			v.render.Enable()
			if err != nil {
				v.status.Importance = widget.DangerImportance
				v.status.SetText(sentence(err))
				return
			}
			v.status.Importance = widget.MediumImportance
			v.status.SetText(lang.N("{{.Count}} placement rendered.", len(vs), map[string]any{"Count": len(vs)}))
			v.refreshCards()
		})
	})
	return done
}

// describeImage asks the chosen model for alt text of the chosen image,
// when it can see images; the channel closes when the answer is shown.
func (v *variantsPanel) describeImage() <-chan struct{} {
	done := make(chan struct{})
	i := v.source.SelectedIndex()
	conn, connErr, _ := v.st.session.state()
	if i < 0 || i >= len(v.sources) || conn == nil {
		if conn == nil && connErr != nil {
			v.alt.SetText(lang.L("No Ollama: the draft's alt text is used.") + " " + connErr.Error())
		}
		close(done)
		return done
	}
	src, model, language := v.sources[i], v.st.model(), v.st.ws.Kit().Language()
	v.describe.Disable()
	goBackground(func() {
		img, _, err := v.st.ws.Library().Open(src.SHA256, src.MIME)
		text := ""
		if err == nil {
			text, err = ollama.DescribeImage(context.Background(), conn.Client, model, img, language)
		}
		onUI(func() {
			defer close(done)
			v.describe.Enable()
			if err != nil {
				v.alt.SetText(sentence(err))
				return
			}
			v.alt.SetText(lang.L("Alt text from the model:") + " " + text)
		})
	})
	return done
}

// refreshCards lays out one card per placement of the platform.
func (v *variantsPanel) refreshCards() {
	pls, _ := studio.Placements(v.st.ws.Registry(), v.platform, nil)
	v.cards.RemoveAll()
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, p := range pls {
		v.cards.Add(v.card(p, v.shown[p.ID]))
	}
}

// card is one placement: the render at its aspect ratio with the safe zone
// shaded, its size and score, and a button to render it again.
func (v *variantsPanel) card(p assets.Placement, s shownVariant) fyne.CanvasObject {
	pl, _ := v.st.ws.Registry().Placement(p.ID)
	picture := mediaFrame(pl, s.img, cardHeight*float32(pl.Aspect()))
	label := fmt.Sprintf("%s · %d×%d", translations.PlacementName(uiLanguage(), p.ID, v.st.ws.Registry()), p.Width, p.Height)
	badge := widget.NewLabel(lang.L("not rendered"))
	if s.img != nil {
		badge.SetText(fmt.Sprintf("%d/100", s.score))
		if s.errors > 0 {
			badge.SetText(fmt.Sprintf("%d/100 · %s", s.score, lang.N("{{.Count}} error", s.errors, map[string]any{"Count": s.errors})))
			badge.Importance = widget.DangerImportance
		}
	}
	again := &widget.Button{Icon: theme.ViewRefreshIcon(), OnTapped: func() { v.renderPlacements([]string{p.ID}) }}
	if v.render.Disabled() {
		again.Disable()
	}
	return container.NewVBox(container.NewHBox(picture), widget.NewLabel(label), container.NewHBox(badge, again))
}
