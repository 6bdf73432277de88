package app

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// postPreview is a mock-up of a post as its platform shows it: the
// account, the text cut at the platform's "see more" fold (with the toggle),
// the count as the platform counts it, and the media frame at the
// placement's aspect with its safe zones drawn.
type postPreview struct {
	widget.BaseWidget

	kit      *brandkit.Kit
	platform platform.Platform
	text     string
	expanded bool
	desktop  bool
	place    int                    // which of the platform's placements the media frame shows
	renders  map[string]image.Image // the piece's renders, by placement

	name, handle *canvas.Text
	avatar       *canvas.Circle
	initial      *canvas.Text
	body         *widget.Label
	more         *widget.Button
	device       *widget.Button
	placeBtn     *widget.Button
	count        *widget.Label
	media        *fyne.Container
}

func newPostPreview(kit *brandkit.Kit) *postPreview {
	p := &postPreview{kit: kit}
	p.ExtendBaseWidget(p)
	return p
}

// SetPost shows text as plat would.
func (p *postPreview) SetPost(plat platform.Platform, text string) {
	p.platform, p.text, p.expanded, p.place, p.renders = plat, text, false, 0, nil
	p.Refresh()
}

// SetRenders puts the piece's rendered images in the media frames.
func (p *postPreview) SetRenders(byPlacement map[string]image.Image) {
	p.renders = byPlacement
	p.Refresh()
}

func (p *postPreview) fold() int {
	if p.desktop && p.platform.FoldDesktop > 0 {
		return p.platform.FoldDesktop
	}
	return p.platform.FoldMobile
}

// Folded reports whether the text is cut at the fold now.
func (p *postPreview) Folded() bool {
	f := p.fold()
	return !p.expanded && f > 0 && len([]rune(p.text)) > f
}

func (p *postPreview) onMore()   { p.expanded = !p.expanded; p.Refresh() }
func (p *postPreview) onDevice() { p.desktop = !p.desktop; p.Refresh() }

// onPlace shows the platform's next placement (feed 1:1, 4:5, story…).
func (p *postPreview) onPlace() {
	if n := len(p.platform.Placements); n > 0 {
		p.place = (p.place + 1) % n
		p.Refresh()
	}
}

func (p *postPreview) CreateRenderer() fyne.WidgetRenderer {
	primary := theme.Color(theme.ColorNamePrimary)
	if p.kit != nil {
		if c, ok := p.kit.ColourByRole("primary"); ok {
			if col, ok := brandkit.ParseHex(c.Hex); ok {
				primary = col
			}
		}
	}
	p.avatar = canvas.NewCircle(primary)
	p.initial = canvas.NewText("", color.White)
	p.initial.TextStyle.Bold = true
	p.initial.Alignment = fyne.TextAlignCenter
	p.name = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	p.name.TextStyle.Bold = true
	p.handle = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	p.handle.TextSize = theme.CaptionTextSize()
	p.body = widget.NewLabel("")
	p.body.Wrapping = fyne.TextWrapWord
	p.more = &widget.Button{Importance: widget.LowImportance, OnTapped: p.onMore}
	p.device = &widget.Button{Importance: widget.LowImportance, OnTapped: p.onDevice}
	p.count = widget.NewLabel("")
	media := newMediaView()
	p.media = container.NewStack(media.cell)
	p.placeBtn = &widget.Button{Importance: widget.LowImportance, Icon: theme.NavigateNextIcon(), OnTapped: p.onPlace}
	avatar := container.NewGridWrap(fyne.NewSize(40, 40), container.NewStack(p.avatar, container.NewCenter(p.initial)))
	head := container.NewHBox(avatar, container.NewVBox(p.name, p.handle), layout.NewSpacer(), p.device)
	card := container.NewVBox(head, p.body, container.NewHBox(p.more, layout.NewSpacer(), p.count), p.placeBtn, p.media)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 12
	r := &previewRenderer{p: p, bg: bg, content: container.NewPadded(card), media: media}
	r.Refresh()
	return r
}

// previewRenderer owns the preview's objects, made once in CreateRenderer;
// Refresh updates them in place.
type previewRenderer struct {
	p       *postPreview
	bg      *canvas.Rectangle
	content *fyne.Container
	media   *mediaView
}

func (r *previewRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.content.Resize(s)
}

func (r *previewRenderer) MinSize() fyne.Size           { return r.content.MinSize() }
func (r *previewRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.content} }
func (r *previewRenderer) Destroy()                     {}

func (r *previewRenderer) Refresh() {
	p := r.p
	name, handle := "Atelier", ""
	if p.kit != nil {
		name, handle = p.kit.Identity.Name, p.kit.Identity.Handle
	}
	p.name.Text = name
	p.handle.Text = strings.TrimSpace(handle + " · " + p.platform.Name)
	p.initial.Text = strings.ToUpper(string([]rune(name + " ")[0]))
	text := p.text
	if p.Folded() {
		text = string([]rune(text)[:p.fold()]) + "…"
		p.more.SetText(lang.L("see more"))
		p.more.Show()
	} else if p.expanded {
		p.more.SetText(lang.L("see less"))
		p.more.Show()
	} else {
		p.more.Hide()
	}
	p.body.SetText(text)
	if p.platform.FoldDesktop > 0 && p.platform.FoldDesktop != p.platform.FoldMobile {
		p.device.SetText(map[bool]string{false: lang.L("Mobile"), true: lang.L("Desktop")}[p.desktop])
		p.device.Show()
	} else {
		p.device.Hide()
	}
	n := brandkit.Length(p.text, string(p.platform.Counting), p.platform.URLLength)
	p.count.SetText(fmt.Sprintf("%d / %d", n, p.platform.TextLimit))
	p.count.Importance = widget.MediumImportance
	if n > p.platform.TextLimit {
		p.count.Importance = widget.DangerImportance
	}
	p.count.Refresh()
	if n := len(p.platform.Placements); n > 0 {
		pl := p.platform.Placements[p.place%n]
		r.media.update(pl, p.renders[pl.ID], 280)
		r.media.cell.Show()
		p.placeBtn.SetText(fmt.Sprintf("%s (%d/%d)", pl.Name, p.place%n+1, n))
		p.placeBtn.Show()
		if n == 1 {
			p.placeBtn.Disable()
		} else {
			p.placeBtn.Enable()
		}
	} else {
		p.placeBtn.Hide()
		r.media.cell.Hide()
	}
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.Refresh()
	p.name.Color = theme.Color(theme.ColorNameForeground)
	p.name.Refresh()
	p.handle.Refresh()
	p.initial.Refresh()
}

// mediaView draws a placement at its aspect ratio, with its render when
// there is one and the areas the platform's own interface covers shaded.
// Its objects are made once; update moves and fills them.
type mediaView struct {
	frame   *canvas.Rectangle
	picture *canvas.Image
	shades  [4]*canvas.Rectangle
	label   *canvas.Text
	box     *fyne.Container // the objects, placed by hand
	cell    *fyne.Container // box in a cell of the frame's size
}

func newMediaView() *mediaView {
	m := &mediaView{frame: canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton)), picture: &canvas.Image{FillMode: canvas.ImageFillStretch}}
	m.frame.CornerRadius = 6
	m.label = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	m.label.TextSize = theme.CaptionTextSize()
	objs := []fyne.CanvasObject{m.frame, m.picture}
	for i := range m.shades {
		m.shades[i] = canvas.NewRectangle(color.NRGBA{0xC8, 0x55, 0x3D, 0x66})
		objs = append(objs, m.shades[i])
	}
	m.box = container.NewWithoutLayout(append(objs, m.label)...)
	m.cell = container.NewGridWrap(fyne.Size{}, m.box)
	return m
}

// update shows the placement w px wide, with img (nil: its name and size).
func (m *mediaView) update(pl platform.Placement, img image.Image, w float32) {
	h := w / float32(pl.Aspect())
	m.frame.FillColor = theme.Color(theme.ColorNameDisabledButton)
	m.frame.Resize(fyne.NewSize(w, h))
	m.picture.Image = img
	m.picture.Hidden = img == nil
	m.picture.Resize(fyne.NewSize(w, h))
	s := pl.Safe
	for i, r := range [4][4]float32{
		{0, 0, w, h * float32(s.Top)},
		{0, h * (1 - float32(s.Bottom)), w, h * float32(s.Bottom)},
		{w * (1 - float32(s.Right)), 0, w * float32(s.Right), h},
		{0, 0, w * float32(s.Left), h},
	} {
		m.shades[i].Move(fyne.NewPos(r[0], r[1]))
		m.shades[i].Resize(fyne.NewSize(r[2], r[3]))
		m.shades[i].Hidden = r[2] <= 0 || r[3] <= 0
	}
	m.label.Text = fmt.Sprintf("%s · %d×%d", pl.Name, pl.Width, pl.Height)
	m.label.Color = theme.Color(theme.ColorNameForeground)
	m.label.Move(fyne.NewPos(8, h/2-8))
	m.label.Hidden = img != nil
	m.cell.Layout = layout.NewGridWrapLayout(fyne.NewSize(w, h))
	m.cell.Refresh()
}

// mediaFrame is a mediaView made for one placement and render.
func mediaFrame(pl platform.Placement, img image.Image, w float32) fyne.CanvasObject {
	m := newMediaView()
	m.update(pl, img, w)
	return m.cell
}
