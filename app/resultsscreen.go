package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/disintegration/imaging"

	"atelier/studio"
	"atelier/studio/results"
)

// resultsScreen shows what the posts did, from the exports the platforms
// let the CM download: engagement by persona and platform, the best hours,
// the top and bottom posts, and the matches to confirm.
type resultsScreen struct {
	st *Studio
	ws *studio.Workspace

	by      *widget.Select
	status  *widget.Label
	bars    *canvas.Image
	heat    *canvas.Image
	posts   *fyne.Container
	confirm *fyne.Container
	side    *fyne.Container // the posts and the matches, laid out again when they change
	empty   *fyne.Container
	charts  map[string][]byte // the PNGs shown, for Save charts
	in      studio.Insights
	thumbs  map[int64]image.Image // a piece's first render, beside its posts
}

// groupings are the Group by choices, in English, with their dimensions.
var groupings = []struct {
	name string
	dims string
}{
	{"Persona and platform", "persona,platform"}, {"Platform", "platform"}, {"Language", "language"}, {"Format", "format"},
	{"Template or model", "origin"}, {"Hook length", "hook_length"}, {"Weekday", "weekday"},
}

func newResultsScreen(st *Studio) *resultsScreen { return &resultsScreen{st: st, ws: st.ws} }

func (r *resultsScreen) title() string       { return lang.L("Results") }
func (r *resultsScreen) icon() fyne.Resource { return theme.InfoIcon() }

func (r *resultsScreen) build() fyne.CanvasObject {
	var names []string
	for _, g := range groupings {
		names = append(names, lang.L(g.name))
	}
	r.by = widget.NewSelect(names, func(string) { r.refresh() })
	r.by.SetSelectedIndex(0)
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord
	r.bars, r.heat = &canvas.Image{FillMode: canvas.ImageFillContain}, &canvas.Image{FillMode: canvas.ImageFillContain}
	r.bars.SetMinSize(fyne.NewSize(420, 240))
	r.heat.SetMinSize(fyne.NewSize(420, 200))
	r.posts, r.confirm = container.NewVBox(), container.NewVBox()
	bar := container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Import exports…"), theme.FolderOpenIcon(), r.onImport),
		widget.NewButtonWithIcon(lang.L("Save charts and CSV…"), theme.DocumentSaveIcon(), r.onSave),
		widget.NewLabel(lang.L("Group by")), r.by)
	hint := widget.NewLabel(lang.L("Download your posts' figures from Meta Business Suite, LinkedIn, X, TikTok or YouTube Studio, and import the files here."))
	hint.Wrapping = fyne.TextWrapWord
	r.empty, _ = emptyState(hint.Text, widget.NewButtonWithIcon(lang.L("Import exports…"), theme.FolderOpenIcon(), r.onImport))
	r.side = container.NewVBox(sectionTitle(lang.L("Best and worst posts")), r.posts, sectionTitle(lang.L("Matches to confirm")), r.confirm)
	right := container.NewVScroll(r.side)
	left := container.NewVScroll(container.NewVBox(r.bars, r.heat))
	split := r.st.split("results.split", true, left, right, 0.55)
	r.refresh()
	return container.NewBorder(container.NewVBox(bar), r.status, nil, nil, container.NewStack(split, r.empty))
}

// dims are the dimensions chosen in Group by.
func (r *resultsScreen) dims() []results.Dimension {
	for _, g := range groupings {
		if lang.L(g.name) == r.by.Selected {
			d, _ := results.ParseDimensions(g.dims)
			return d
		}
	}
	return []results.Dimension{results.ByPersona, results.ByPlatform}
}

// refresh computes the insights and draws the charts off the UI
// goroutine; the channel closes once they are shown.
func (r *resultsScreen) refresh() <-chan struct{} {
	done := make(chan struct{})
	dims := r.dims()
	goBackground(func() {
		in, err := r.ws.Insights(context.Background(), dims)
		charts := map[string][]byte{}
		if err == nil && in.Posts > 0 {
			charts, err = r.drawCharts(in)
		}
		thumbs := r.pieceThumbs(append(append([]studio.ResultPost{}, in.Top...), in.Bottom...))
		onUI(func() {
			defer close(done)
			if err != nil {
				r.status.SetText(sentence(err))
				return
			}
			r.in, r.charts, r.thumbs = in, charts, thumbs
			r.show()
		})
	})
	return done
}

// pieceThumbs are the first render of each post's piece, shrunk, for the
// post's row; a post with no piece, or a piece with no render, has none.
func (r *resultsScreen) pieceThumbs(posts []studio.ResultPost) map[int64]image.Image {
	out := map[int64]image.Image{}
	for _, p := range posts {
		if p.PieceID == 0 || p.Uncertain || out[p.PieceID] != nil {
			continue
		}
		renders, _ := r.ws.Renders(context.Background(), p.PieceID) // none: the row shows the text alone
		for _, rd := range renders {
			if rd.Image != nil {
				out[p.PieceID] = imaging.Fit(rd.Image, 96, 96, imaging.Linear)
				break
			}
		}
	}
	return out
}

// drawCharts draws the engagement bars and the best-time heatmap in the
// UI's language.
func (r *resultsScreen) drawCharts(in studio.Insights) (map[string][]byte, error) {
	n := names{r.ws}
	labels := map[string]string{"": lang.L("not Atelier's")}
	for _, g := range in.ByPersona {
		labels[g.Keys[0]] = n.persona(g.Keys[0])
		labels[g.Keys[1]] = n.platform(g.Keys[1])
	}
	bars, err := results.EngagementChart(in.ByPersona, results.ChartLabels{Title: lang.L("Engagement by persona and platform"), YAxis: lang.L("Engagement rate"),
		Names: labels, TooFew: fmt.Sprintf(lang.L("pale: fewer than %d posts"), results.DefaultMinSample), Percent: percent})
	if err != nil {
		return nil, err
	}
	var days [7]string
	for i, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		days[i] = lang.L(d)
	}
	heat, err := results.HeatmapChart(in.Slots, results.HeatmapLabels{Title: fmt.Sprintf(lang.L("Best time to post (%s)"), r.ws.Zone()), Days: days,
		XAxis: lang.L("Hour"), Legend: lang.L("low → high engagement")})
	return map[string][]byte{"engagement.png": bars, "best-time.png": heat}, err
}

// percent writes a rate as the UI's language writes a percentage.
func percent(rate float64) string {
	s := fmt.Sprintf("%.1f%%", 100*rate)
	if uiLanguage() == "fr" {
		s = strings.Replace(strings.Replace(s, ".", ",", 1), "%", "\u00a0%", 1)
	}
	return s
}

// show puts the insights on the screen.
func (r *resultsScreen) show() {
	if r.in.Posts == 0 {
		r.empty.Show()
		r.status.SetText("")
		return
	}
	r.empty.Hide()
	setPNG(r.bars, r.charts["engagement.png"])
	setPNG(r.heat, r.charts["best-time.png"])
	r.posts.Objects = nil
	for _, p := range append(append([]studio.ResultPost{}, r.in.Top...), r.in.Bottom...) {
		r.posts.Add(r.postRow(p))
	}
	r.posts.Refresh()
	r.confirm.Objects = nil
	for _, p := range r.in.ToConfirm {
		r.confirm.Add(r.confirmRow(p))
	}
	if len(r.in.ToConfirm) == 0 {
		r.confirm.Add(widget.NewLabel(lang.L("None: every post is matched or external.")))
	}
	r.confirm.Refresh()
	r.side.Refresh()
	enough := 0
	for _, g := range r.in.Groups {
		if g.Enough {
			enough++
		}
	}
	r.status.SetText(fmt.Sprintf(lang.L("%d posts imported; %d of %d groups have enough posts to compare (at least %d)."), r.in.Posts, enough, len(r.in.Groups), results.DefaultMinSample))
}

func setPNG(img *canvas.Image, data []byte) {
	if decoded, err := png.Decode(bytes.NewReader(data)); err == nil {
		img.Image = decoded
	} else {
		img.Image = image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	img.Refresh()
}

// postRow is a post with its rate, its platform and, for Atelier's, a
// button to its piece.
func (r *resultsScreen) postRow(p studio.ResultPost) fyne.CanvasObject {
	rate, _ := results.EngagementRate(p.Post)
	text := []rune(strings.ReplaceAll(p.Text, "\n", " "))
	if len(text) > 90 {
		text = append(text[:89], '…')
	}
	l := widget.NewLabel(fmt.Sprintf("%s · %s · %s\n%s", percent(rate), (names{r.ws}).platform(string(p.Platform)), p.PublishedAt.In(r.ws.Zone()).Format("2006-01-02"), string(text)))
	l.Wrapping = fyne.TextWrapWord
	if p.PieceID == 0 || p.Uncertain {
		return l
	}
	var left fyne.CanvasObject
	if img := r.thumbs[p.PieceID]; img != nil {
		thumb := canvas.NewImageFromImage(img)
		thumb.FillMode = canvas.ImageFillContain
		thumb.SetMinSize(fyne.NewSize(72, 72))
		left = thumb
	}
	open := widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() {
		if pc, err := r.ws.Piece(context.Background(), p.PieceID); err == nil {
			r.st.openPiece(pc)
		}
	})
	return container.NewBorder(nil, nil, left, open, l)
}

// confirmRow asks whether an uncertain match is right.
func (r *resultsScreen) confirmRow(p studio.ResultPost) fyne.CanvasObject {
	settle := func(piece int64) {
		goBackground(func() {
			err := r.ws.ConfirmMatch(context.Background(), p.Key(), piece)
			onUI(func() {
				if err != nil {
					showError(r.st.win, err)
				}
				r.refresh()
			})
		})
	}
	l := widget.NewLabel(fmt.Sprintf(lang.L("%s post of %s looks like piece #%d (%.0f%% alike)"), (names{r.ws}).platform(string(p.Platform)),
		p.PublishedAt.In(r.ws.Zone()).Format("2006-01-02"), p.PieceID, 100*p.Score))
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, nil, container.NewHBox(
		widget.NewButton(lang.L("Yes"), func() { settle(p.PieceID) }),
		widget.NewButton(lang.L("Not ours"), func() { settle(0) })), l)
}

// onImport imports the export the CM picks.
func (r *resultsScreen) onImport() {
	openFile(r.st.win, []string{".csv", ".xls", ".xlsx"}, r.importFile)
}

// importFile imports one export off the UI goroutine, asking for its
// columns when Atelier does not recognise it.
func (r *resultsScreen) importFile(path string) {
	r.status.SetText(fmt.Sprintf(lang.L("Importing %s…"), filepath.Base(path)))
	goBackground(func() {
		rep, err := r.ws.ImportResults(context.Background(), path)
		onUI(func() {
			var unknown *results.UnknownFormatError
			switch {
			case errors.As(err, &unknown):
				r.askMapping(path, unknown)
			case err != nil:
				showError(r.st.win, err)
			default:
				r.status.SetText(fmt.Sprintf(lang.L("%s: %d posts added, %d updated, %d unchanged."), filepath.Base(path), rep.Added, rep.Updated, rep.Unchanged))
			}
			r.refresh()
		})
	})
}

// askMapping asks which column of a file Atelier did not recognise holds
// which field, keeps the mapping for the next files like it, and imports.
func (r *resultsScreen) askMapping(path string, unknown *results.UnknownFormatError) {
	fields := append([]string{"—"}, results.FieldNames()...)
	var items []*widget.FormItem
	chosen := map[string]*widget.Select{}
	for _, col := range unknown.Columns {
		sel := widget.NewSelect(fields, nil)
		sel.SetSelected("—")
		chosen[col] = sel
		items = append(items, widget.NewFormItem(col, sel))
	}
	var plats []string
	for _, p := range r.ws.Registry().All() {
		plats = append(plats, p.ID)
	}
	plat := widget.NewSelect(plats, nil)
	dayFirst, comma := widget.NewCheck(lang.L("Dates are written day first (28/09/2026)"), nil), widget.NewCheck(lang.L("Numbers use a decimal comma (3,5)"), nil)
	items = append([]*widget.FormItem{widget.NewFormItem(lang.L("Platform"), plat)}, items...)
	items = append(items, widget.NewFormItem("", dayFirst), widget.NewFormItem("", comma))
	intro := fmt.Sprintf(lang.L("%s is none of the exports Atelier knows. Say which column holds what, once: Atelier keeps it for the next files like it."), filepath.Base(path))
	d := dialog.NewForm(lang.L("Columns of the file"), lang.L("Save and import"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		m := &results.Mapping{Name: filepath.Base(path), Platform: results.Platform(plat.Selected), Columns: map[string]results.Field{}, DayFirst: dayFirst.Checked, DecimalComma: comma.Checked}
		for col, sel := range chosen {
			if f, err := results.ParseField(sel.Selected); err == nil {
				m.Columns[col] = f
			}
		}
		if err := r.ws.SaveResultMapping(m); err != nil {
			showError(r.st.win, err)
			return
		}
		r.importFile(path)
	}, r.st.win)
	r.status.SetText(intro)
	d.Resize(fyne.NewSize(560, 520))
	d.Show()
}

// onSave writes the charts as PNG and the groups as CSV into a folder.
func (r *resultsScreen) onSave() {
	pickFolder(r.st.win, "", func(dir string, err error) {
		if err != nil || dir == "" {
			return
		}
		var csv bytes.Buffer
		err = results.WriteCSV(&csv, r.in.Groups)
		files := map[string][]byte{"results.csv": csv.Bytes()}
		for name, data := range r.charts {
			files[name] = data
		}
		for name, data := range files {
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, name), data, 0o644)
			}
		}
		if err != nil {
			showError(r.st.win, err)
			return
		}
		r.status.SetText(fmt.Sprintf(lang.L("Charts and CSV saved in %s."), dir))
	})
}

// dataChanged computes the insights again after an import or a match.
func (r *resultsScreen) dataChanged(kinds map[studio.ChangeKind]bool) {
	if kinds[studio.ChangeResults] || kinds[studio.ChangePiece] {
		r.refresh()
	}
}
