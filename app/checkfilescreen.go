package app

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"path/filepath"
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
)

// checkFileScreen checks any text, image or WAV dropped on it (or opened)
// against the kit and shows the report, with image regions drawn.
type checkFileScreen struct {
	st *Studio

	platform  *widget.Select
	platforms choices // the platforms by name, "" for any
	language  *widget.Select
	status    *widget.Label
	check     *checkPanel
	preview   *fyne.Container
	text      *widget.RichText
	current   *studio.FileCheck
}

func newCheckFileScreen(st *Studio) *checkFileScreen { return &checkFileScreen{st: st} }

func (c *checkFileScreen) title() string       { return lang.L("Check a file") }
func (c *checkFileScreen) icon() fyne.Resource { return theme.SearchIcon() }

func (c *checkFileScreen) build() fyne.CanvasObject {
	c.platforms = newChoices(append([]string{""}, c.st.ws.Registry().IDs()...), func(id string) string {
		if id == "" {
			return lang.L("Any platform")
		}
		return names{c.st.ws}.platform(id)
	})
	c.platform = widget.NewSelect(c.platforms.names, nil)
	c.platform.SetSelectedIndex(0)
	var langs []string
	if c.st.ws.Kit() != nil {
		langs = c.st.ws.Kit().Identity.Languages
	}
	c.language = widget.NewSelect(langs, nil)
	if len(langs) > 0 {
		c.language.SetSelected(langs[0])
	}
	open := &widget.Button{Text: lang.L("Open a file…"), Icon: theme.FolderOpenIcon(), Importance: widget.HighImportance, OnTapped: c.onOpen}
	c.status = widget.NewLabel(lang.L("Drop a text, image or WAV file here, or open one."))
	c.status.Wrapping = fyne.TextWrapWord
	c.check = newCheckPanel(c.st.ws.Registry(), c.onFindingSelected, c.onApplyFix)
	c.text = widget.NewRichText()
	c.text.Wrapping = fyne.TextWrapWord
	c.preview = container.NewStack()
	bar := container.NewHBox(open, widget.NewLabel(lang.L("Platform")), c.platform, widget.NewLabel(lang.L("Language")), c.language)
	split := c.st.split("check", true, c.preview, c.check.object(), 0.55)
	return container.NewBorder(container.NewVBox(bar, c.status), nil, nil, nil, split)
}

func (c *checkFileScreen) onOpen() {
	openFile(c.st.win, []string{".txt", ".md", ".png", ".jpg", ".jpeg", ".wav"}, func(path string) { c.Check(path) })
}

// drop checks the first file dropped on the window.
func (c *checkFileScreen) drop(uris []fyne.URI) {
	if len(uris) > 0 {
		c.Check(uris[0].Path())
	}
}

// Check runs the check off the UI goroutine and shows the result.
func (c *checkFileScreen) Check(path string) {
	c.status.SetText(lang.L("Checking") + " " + filepath.Base(path) + "…")
	target := studio.CheckTarget{Platform: c.platforms.ids[c.platform.Selected], Language: c.language.Selected}
	goBackground(func() {
		fc, err := studio.CheckFile(c.st.ws.Kit(), c.st.ws.Registry(), target, path)
		onUI(func() {
			if err != nil {
				c.status.SetText(sentence(err))
				c.status.Importance = widget.DangerImportance
				c.status.Refresh()
				return
			}
			c.status.Importance = widget.MediumImportance
			c.show(fc)
		})
	})
}

func (c *checkFileScreen) show(fc *studio.FileCheck) {
	msg := fmt.Sprintf("%s (%s)", filepath.Base(fc.File), lang.L(fc.Kind))
	if a := fc.Report.Audio; a != nil {
		msg += fmt.Sprintf(" · %.1f LUFS · %.1f dBTP · %.1f s", a.IntegratedLUFS, a.TruePeakDBTP, fc.Sound.Duration().Seconds())
	}
	if m := fc.Report.LogoMethod; m != "" {
		found := true
		for _, f := range fc.Report.Findings {
			found = found && f.Rule != "logo.not_found" && f.Rule != "logo.unverified"
		}
		if found {
			msg += " · " + lang.L("logo found by") + " " + lang.L(m)
		} else {
			msg += " · " + lang.L("logo looked for by") + " " + lang.L(m) + lang.L(", not found")
		}
	}
	c.status.SetText(msg)
	c.check.show(&fc.Report)
	c.drawPreview(fc, nil)
	c.current = fc
}

func (c *checkFileScreen) onFindingSelected(f brandkit.Finding) { c.drawPreview(c.current, &f) }

// onApplyFix writes a fixed copy of the text beside the file, leaving the
// file as it was, and checks the copy.
func (c *checkFileScreen) onApplyFix(f brandkit.Finding) {
	fc := c.current
	if fc == nil {
		return
	}
	goBackground(func() {
		path, err := studio.SaveFixedCopy(fc, f)
		onUI(func() {
			if err != nil {
				showError(c.st.win, err)
				return
			}
			c.Check(path)
		})
	})
}

// drawPreview shows the file, with the selected finding marked.
func (c *checkFileScreen) drawPreview(fc *studio.FileCheck, sel *brandkit.Finding) {
	var obj fyne.CanvasObject
	switch fc.Kind {
	case "text":
		start, end := -1, -1
		if sel != nil {
			start, end = sel.Start, sel.End
		}
		highlighted(c.text, fc.Text, start, end)
		obj = container.NewVScroll(c.text)
	case "image":
		img := canvas.NewImageFromImage(markRegions(fc.Image, fc.Report.Findings, sel))
		img.FillMode = canvas.ImageFillContain
		obj = img
	case "audio":
		var mark *[2]time.Duration
		if sel != nil && sel.TimeMS != nil {
			mark = &[2]time.Duration{time.Duration(sel.TimeMS[0]) * time.Millisecond, time.Duration(sel.TimeMS[1]) * time.Millisecond}
		}
		img := canvas.NewImageFromImage(assets.Waveform(fc.Sound, []assets.Part{{Kind: "voice", End: fc.Sound.Duration()}}, 900, 220, mark, ""))
		img.FillMode = canvas.ImageFillContain
		obj = img
	}
	c.preview.Objects = []fyne.CanvasObject{obj}
	c.preview.Refresh()
}

// markRegions returns a copy of img, at most 1200 px wide, with each
// finding's region outlined; the selected one is drawn thicker.
func markRegions(img image.Image, fs []brandkit.Finding, sel *brandkit.Finding) image.Image {
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	red := color.NRGBA{0xE0, 0x20, 0x20, 0xFF}
	for _, f := range fs {
		if f.Region == nil {
			continue
		}
		w := max(2, b.Dx()/300)
		if sel != nil && sel.Region != nil && *sel.Region == *f.Region {
			w *= 3
		}
		r := image.Rect(f.Region.X, f.Region.Y, f.Region.X+f.Region.W, f.Region.Y+f.Region.H)
		for _, edge := range []image.Rectangle{
			{r.Min, image.Pt(r.Max.X, r.Min.Y+w)}, {image.Pt(r.Min.X, r.Max.Y-w), r.Max},
			{r.Min, image.Pt(r.Min.X+w, r.Max.Y)}, {image.Pt(r.Max.X-w, r.Min.Y), r.Max},
		} {
			draw.Draw(out, edge, image.NewUniform(red), image.Point{}, draw.Src)
		}
	}
	return out
}
