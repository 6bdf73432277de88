package app

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/disintegration/imaging"

	"atelier/assets"
	"atelier/studio"
)

// imageExtensions are the files the library imports.
var imageExtensions = []string{".png", ".jpg", ".jpeg", ".gif", ".webp"}

// assetsScreen is the image library: a grid of thumbnails, import by file
// dialog or drop, and a detail view where a tap sets the focal point.
type assetsScreen struct {
	st *Studio

	mu      sync.Mutex
	list    []studio.Asset
	thumbs  map[string]image.Image // by sha256, once made
	pending map[string]bool

	grid     *widget.GridWrap
	empty    *fyne.Container // over the grid while the library is empty
	status   *widget.Label
	busy     *widget.ProgressBarInfinite
	picker   *focalPicker
	info     *widget.Label
	focalLbl *widget.Label
	auto     *widget.Button
	selected studio.Asset
	saliency assets.Focal
}

func newAssetsScreen(st *Studio) *assetsScreen {
	return &assetsScreen{st: st, thumbs: map[string]image.Image{}, pending: map[string]bool{}}
}

func (a *assetsScreen) title() string       { return lang.L("Assets") }
func (a *assetsScreen) icon() fyne.Resource { return theme.MediaPhotoIcon() }

func (a *assetsScreen) build() fyne.CanvasObject {
	imp := &widget.Button{Text: lang.L("Import images…"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: a.onImport}
	a.status = widget.NewLabel(lang.L("Drop images here or import them. Each is kept once, under its fingerprint, in the data folder."))
	a.status.Wrapping = fyne.TextWrapWord
	a.busy = widget.NewProgressBarInfinite()
	a.busy.Hide()
	a.grid = &widget.GridWrap{Length: a.length, CreateItem: newThumbCard, UpdateItem: a.updateThumb, OnSelected: a.onSelected}
	a.grid.ExtendBaseWidget(a.grid)
	a.picker = newFocalPicker(a.onPick)
	a.picker.frames = framesByAspect(a.st.ws)
	a.info = widget.NewLabel(lang.L("Select an image to set its focal point."))
	a.info.Wrapping = fyne.TextWrapWord
	a.focalLbl = widget.NewLabel("")
	a.auto = &widget.Button{Text: lang.L("Use the automatic focal point"), Icon: theme.ViewRefreshIcon(), OnTapped: a.onAuto}
	a.auto.Disable()
	hint := widget.NewLabel(lang.L("Tap the image where the subject is: every placement is cut around that point. The outlines show the crops."))
	hint.Wrapping = fyne.TextWrapWord
	detail := container.NewBorder(container.NewVBox(sectionTitle(lang.L("Focal point")), hint), container.NewVBox(a.focalLbl, a.auto, a.info), nil, nil, a.picker)
	a.empty, _ = emptyState(lang.L("No image yet. Import a photo, or drop it on the window: Atelier cuts it for every placement around its subject, with the brand's logo."),
		&widget.Button{Text: lang.L("Import images…"), Icon: theme.ContentAddIcon(), OnTapped: a.onImport})
	a.empty.Hide()
	library := container.NewBorder(container.NewVBox(sectionTitle(lang.L("Image library")), container.NewHBox(imp), a.busy, a.status), nil, nil, nil, container.NewStack(a.grid, a.empty))
	split := a.st.split("assets", true, library, detail, 0.45)
	a.reload()
	return split
}

// framesByAspect is one placement per distinct aspect ratio, for the crop
// outlines.
func framesByAspect(ws *studio.Workspace) []assets.Placement {
	all, _ := studio.Placements(ws.Registry(), "", nil)
	seen := map[string]bool{}
	var out []assets.Placement
	for _, p := range all {
		key := fmt.Sprintf("%.2f", float64(p.Width)/float64(p.Height))
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

func (a *assetsScreen) length() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.list)
}

// reload reads the library's rows off the UI goroutine and shows them;
// the channel closes once they are shown.
func (a *assetsScreen) reload() <-chan struct{} {
	done := make(chan struct{})
	goBackground(func() {
		list, err := a.st.ws.Images(context.Background())
		onUI(func() {
			defer close(done)
			if err != nil {
				a.status.SetText(sentence(err))
				return
			}
			a.mu.Lock()
			a.list = list
			a.mu.Unlock()
			a.empty.Hidden = len(list) > 0
			a.empty.Refresh()
			a.grid.Refresh()
		})
	})
	return done
}

func newThumbCard() fyne.CanvasObject {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(160, 110))
	name := widget.NewLabel("image.jpg")
	name.Truncation = fyne.TextTruncateEllipsis
	size := widget.NewLabel("0×0")
	size.SizeName = theme.SizeNameCaptionText
	return container.NewGridWrap(fyne.NewSize(180, 190), container.NewBorder(nil, container.NewVBox(name, size), nil, nil, img))
}

func (a *assetsScreen) updateThumb(id widget.GridWrapItemID, o fyne.CanvasObject) {
	a.mu.Lock()
	if id >= len(a.list) {
		a.mu.Unlock()
		return
	}
	as := a.list[id]
	thumb := a.thumbs[as.SHA256]
	start := thumb == nil && !a.pending[as.SHA256]
	if start {
		a.pending[as.SHA256] = true
	}
	a.mu.Unlock()
	box := o.(*fyne.Container).Objects[0].(*fyne.Container)
	img := box.Objects[0].(*canvas.Image)
	labels := box.Objects[1].(*fyne.Container)
	labels.Objects[0].(*widget.Label).SetText(as.Source)
	labels.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%d×%d · %s", as.Width, as.Height, humanSize(as.Size)))
	if img.Image != thumb {
		img.Image = thumb
		img.Refresh()
	}
	if start {
		goBackground(func() { a.loadThumb(as) })
	}
}

// loadThumb makes (or reads) the cached thumbnail off the UI goroutine.
func (a *assetsScreen) loadThumb(as studio.Asset) {
	var thumb image.Image
	path, err := a.st.ws.Library().Thumbnail(as.SHA256, as.MIME)
	if err == nil {
		thumb, err = imaging.Open(path)
	}
	onUI(func() {
		a.mu.Lock()
		delete(a.pending, as.SHA256)
		if err == nil {
			a.thumbs[as.SHA256] = thumb
		}
		a.mu.Unlock()
		if err != nil {
			a.status.SetText(filepath.Base(as.Source) + " — " + sentence(err))
			return
		}
		a.grid.Refresh()
	})
}

// humanSize says a file's size in the UI's units (KB, or Ko in French).
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f %s", float64(n)/(1<<20), lang.L("MB"))
	case n >= 1<<10:
		return fmt.Sprintf("%d %s", n>>10, lang.L("KB"))
	}
	return fmt.Sprintf("%d %s", n, lang.L("B"))
}

func (a *assetsScreen) onImport() {
	openFile(a.st.win, imageExtensions, func(path string) { a.importFiles([]string{path}) })
}

// drop imports the images dropped on the window.
func (a *assetsScreen) drop(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		paths = append(paths, u.Path())
	}
	a.importFiles(paths)
}

// importFiles imports off the UI goroutine; the channel closes when the
// grid shows the result. A refused file says why and the rest go on.
func (a *assetsScreen) importFiles(paths []string) <-chan struct{} {
	done := make(chan struct{})
	a.busy.Show()
	a.busy.Start()
	goBackground(func() {
		var problems []string
		n := 0
		for i, p := range paths {
			onUI(func() {
				a.status.SetText(fmt.Sprintf(lang.L("Importing %d of %d: %s…"), i+1, len(paths), p))
			})
			if _, err := a.st.ws.ImportImage(context.Background(), p); err != nil {
				problems = append(problems, filepath.Base(p)+" — "+sentence(err))
				continue
			}
			n++
		}
		onUI(func() {
			a.busy.Stop()
			a.busy.Hide()
			msg := lang.N("{{.Count}} image imported.", n, map[string]any{"Count": n})
			if len(problems) > 0 {
				msg += "\n" + strings.Join(problems, "\n")
				a.status.Importance = widget.DangerImportance
			} else {
				a.status.Importance = widget.MediumImportance
			}
			a.status.SetText(msg)
			shown := a.reload()
			goBackground(func() { <-shown; close(done) })
		})
	})
	return done
}

func (a *assetsScreen) onSelected(id widget.GridWrapItemID) {
	a.mu.Lock()
	if id >= len(a.list) {
		a.mu.Unlock()
		return
	}
	as := a.list[id]
	a.mu.Unlock()
	a.open(as)
}

// open decodes the image off the UI goroutine, finds its saliency point,
// and shows it in the picker; the channel closes when it is shown.
func (a *assetsScreen) open(as studio.Asset) <-chan struct{} {
	done := make(chan struct{})
	a.selected = as
	a.auto.Disable()
	a.busy.Show()
	a.busy.Start()
	a.info.SetText(fmt.Sprintf(lang.L("Opening %s…"), as.Source))
	goBackground(func() {
		img, info, err := a.st.ws.Library().Open(as.SHA256, as.MIME)
		var view image.Image
		var sal assets.Focal
		if err == nil {
			sal = assets.Saliency(img)
			view = imaging.Fit(img, 1400, 1400, imaging.Linear)
		}
		onUI(func() {
			defer close(done)
			a.busy.Stop()
			a.busy.Hide()
			if a.selected.ID != as.ID {
				return // another image was chosen meanwhile
			}
			if err != nil {
				a.info.SetText(sentence(err))
				return
			}
			a.saliency = sal
			f := sal
			if set := studio.ParseImageMeta(as).Focal; set != nil {
				f = *set
			}
			a.picker.set(view, f)
			a.showFocal(studio.ParseImageMeta(as).Focal != nil)
			a.auto.Enable()
			a.info.SetText(describeImage(as, info))
		})
	})
	return done
}

func (a *assetsScreen) showFocal(set bool) {
	how := lang.L("found by saliency")
	if set {
		how = lang.L("set by you")
	}
	a.focalLbl.SetText(labelled(lang.L("Focal point"), fmt.Sprintf("%.2f, %.2f (%s)", a.picker.focal.X, a.picker.focal.Y, how)))
}

// onPick records a tapped focal point.
func (a *assetsScreen) onPick(f assets.Focal) {
	if a.selected.ID == 0 {
		return
	}
	if err := a.st.ws.SetFocal(context.Background(), a.selected.ID, &f); err != nil {
		a.info.SetText(sentence(err))
		return
	}
	a.showFocal(true)
	a.refreshSelected()
}

// onAuto goes back to the saliency point.
func (a *assetsScreen) onAuto() {
	if err := a.st.ws.SetFocal(context.Background(), a.selected.ID, nil); err != nil {
		a.info.SetText(sentence(err))
		return
	}
	a.picker.focal = a.saliency
	a.picker.Refresh()
	a.showFocal(false)
	a.refreshSelected()
}

func (a *assetsScreen) refreshSelected() {
	if as, err := a.st.ws.Asset(context.Background(), a.selected.ID); err == nil {
		a.selected = as
	}
	a.reload()
}

// describeImage says what a library image is: its name, size, format and
// weight, whether it was turned upright, and whether its colours may shift.
func describeImage(as studio.Asset, info assets.ImageInfo) string {
	text := fmt.Sprintf("%s · %d×%d %s · %s", filepath.Base(as.Source), info.Width, info.Height, strings.ToUpper(info.Format), humanSize(as.Size))
	if info.Orientation > 1 {
		text += " · " + lang.L("turned upright as the camera recorded it")
	}
	if !assets.IsSRGB(info.Profile) {
		text += "\n" + fmt.Sprintf(lang.L("The source is in the %q colour space; Atelier reads it as sRGB, so colours may shift. Export it as sRGB for exact colours."), info.Profile)
	}
	return text
}
