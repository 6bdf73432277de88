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

// postPreview is a mock-up of a post as its platform's app shows it, in
// the platform's own layout (text first, media first, or full screen with
// the interface over it): the account, the text cut at the platform's
// "see more" fold (with the toggle), the count as the platform counts it,
// and the media at the placement's aspect with its safe zones drawn.
type postPreview struct {
	widget.BaseWidget

	kit      *brandkit.Kit
	platform platform.Platform
	text     string
	shown    string // the text as the layout shows it now
	expanded bool
	desktop  bool
	place    int                    // which of the platform's placements the media frame shows
	renders  map[string]image.Image // the piece's renders, by placement
	video    *platform.Placement    // the piece's clip, shown first by its cover; nil: none

	name, handle *canvas.Text
	avatar       *canvas.Circle
	initial      *canvas.Text
	body         *widget.RichText // the post's words are the brand's, not the UI's
	more         *widget.Button
	device       *widget.Button
	placeBtn     *widget.Button
	count        *widget.Label
	media        *mediaView
}

func newPostPreview(kit *brandkit.Kit) *postPreview {
	p := &postPreview{kit: kit}
	p.ExtendBaseWidget(p)
	return p
}

// SetPost shows text as plat would.
func (p *postPreview) SetPost(plat platform.Platform, text string) {
	p.platform, p.text, p.expanded, p.place, p.renders, p.video = plat, text, false, 0, nil, nil
	p.Refresh()
}

// SetVideo puts the piece's clip first among the media frames: its cover
// at the video placement's size, with the areas its interface covers
// shaded.
func (p *postPreview) SetVideo(v platform.VideoPlacement, cover image.Image) {
	if p.renders == nil {
		p.renders = map[string]image.Image{}
	}
	key := "video:" + v.ID // an image placement may have the same id (TikTok's cover)
	p.video = &platform.Placement{ID: key, Name: v.Name, Width: v.Width, Height: v.Height, Safe: v.Safe}
	p.renders[key] = cover
	p.place = 0
	p.Refresh()
}

// frames is what the media frame can show, in turn: the clip, then the
// platform's image placements.
func (p *postPreview) frames() []platform.Placement {
	if p.video == nil {
		return p.platform.Placements
	}
	return append([]platform.Placement{*p.video}, p.platform.Placements...)
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

// layout is the platform's layout for the placement shown: a 9:16
// placement (a story, a reel) is full screen wherever it is posted.
func (p *postPreview) layout() platform.Layout {
	if pl, ok := p.placement(); ok && pl.Aspect() < 0.6 {
		return platform.FullScreen
	}
	if p.platform.Preview == "" {
		return platform.TextFirst
	}
	return p.platform.Preview
}

func (p *postPreview) placement() (platform.Placement, bool) {
	frames := p.frames()
	if len(frames) == 0 {
		return platform.Placement{}, false
	}
	return frames[p.place%len(frames)], true
}

func (p *postPreview) onMore()   { p.expanded = !p.expanded; p.Refresh() }
func (p *postPreview) onDevice() { p.desktop = !p.desktop; p.Refresh() }

// onPlace shows the platform's next placement (feed 1:1, 4:5, story…).
func (p *postPreview) onPlace() {
	if n := len(p.frames()); n > 0 {
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
	p.body = widget.NewRichText()
	p.body.Wrapping = fyne.TextWrapWord
	p.more = &widget.Button{Importance: widget.LowImportance, OnTapped: p.onMore}
	p.device = &widget.Button{Importance: widget.LowImportance, OnTapped: p.onDevice}
	p.count = widget.NewLabel("")
	p.placeBtn = &widget.Button{Importance: widget.LowImportance, Icon: theme.NavigateNextIcon(), OnTapped: p.onPlace}
	avatar := container.NewGridWrap(fyne.NewSize(40, 40), container.NewStack(p.avatar, container.NewCenter(p.initial)))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 12
	p.media = newMediaView()
	r := &previewRenderer{p: p, bg: bg, media: p.media, card: container.NewVBox(), overlay: newScreenOverlay()}
	r.head = container.NewHBox(avatar, container.NewVBox(p.name, p.handle), layout.NewSpacer(), p.device)
	r.foot = container.NewHBox(p.more, layout.NewSpacer(), p.count)
	r.actions = container.NewHBox(widget.NewIcon(theme.VisibilityIcon()), widget.NewIcon(theme.MailComposeIcon()), widget.NewIcon(theme.MailForwardIcon()))
	r.screen = container.NewStack(r.media.cell, r.overlay.box)
	r.content = container.NewPadded(r.card)
	r.Refresh()
	return r
}

// previewRenderer owns the preview's objects, made once in CreateRenderer;
// Refresh arranges them in the platform's layout and updates them in
// place.
type previewRenderer struct {
	p       *postPreview
	bg      *canvas.Rectangle
	content *fyne.Container
	card    *fyne.Container // the parts, in the layout's order
	head    *fyne.Container // avatar, name and handle
	foot    *fyne.Container // "see more" and the count
	actions *fyne.Container // the feed's like, comment and share row
	screen  *fyne.Container // full screen: the media with overlay over it
	media   *mediaView
	overlay *screenOverlay
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
	r.caption()
	r.counter()
	kind := p.layout()
	pl, hasMedia := p.placement()
	switch {
	case kind == platform.FullScreen && hasMedia:
		r.media.update(pl, p.renders[pl.ID], 300)
		r.overlay.update(name, p.shown, 300, 300/float32(pl.Aspect()))
		r.card.Objects = []fyne.CanvasObject{r.screen, r.foot, p.placeBtn}
	case kind == platform.MediaFirst && hasMedia:
		r.media.update(pl, p.renders[pl.ID], 360)
		r.card.Objects = []fyne.CanvasObject{r.head, r.media.cell, r.actions, p.body, r.foot, p.placeBtn}
	case hasMedia:
		r.media.update(pl, p.renders[pl.ID], 300)
		r.card.Objects = []fyne.CanvasObject{r.head, p.body, r.foot, r.media.cell, p.placeBtn}
	default:
		r.card.Objects = []fyne.CanvasObject{r.head, p.body, r.foot}
	}
	r.placements(pl, hasMedia)
	r.card.Refresh()
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.Refresh()
	p.name.Color = theme.Color(theme.ColorNameForeground)
	p.name.Refresh()
	p.handle.Refresh()
	p.initial.Refresh()
}

// caption cuts the text at the fold, with the platform's toggle: Instagram
// puts the account's name in bold before the caption.
func (r *previewRenderer) caption() {
	p := r.p
	text := p.text
	switch {
	case p.Folded():
		text = string([]rune(text)[:p.fold()]) + "…"
		p.more.SetText(lang.L("see more"))
		p.more.Show()
	case p.expanded:
		p.more.SetText(lang.L("see less"))
		p.more.Show()
	default:
		p.more.Hide()
	}
	p.shown = text
	var segs []widget.RichTextSegment
	if p.layout() == platform.MediaFirst {
		segs = append(segs, &widget.TextSegment{Text: p.name.Text + " ", Style: widget.RichTextStyleStrong})
	}
	p.body.Segments = append(segs, &widget.TextSegment{Text: text, Style: widget.RichTextStyleInline})
	p.body.Refresh()
	if p.platform.FoldDesktop > 0 && p.platform.FoldDesktop != p.platform.FoldMobile {
		p.device.SetText(map[bool]string{false: lang.L("Mobile"), true: lang.L("Desktop")}[p.desktop])
		p.device.Show()
	} else {
		p.device.Hide()
	}
}

// counter shows the length as the platform counts it, red over the limit.
func (r *previewRenderer) counter() {
	p := r.p
	n := brandkit.Length(p.text, string(p.platform.Counting), p.platform.URLLength)
	p.count.SetText(fmt.Sprintf("%d / %d", n, p.platform.TextLimit))
	p.count.Importance = widget.MediumImportance
	if n > p.platform.TextLimit {
		p.count.Importance = widget.DangerImportance
	}
	p.count.Refresh()
}

// placements names the placement shown and steps to the next one.
func (r *previewRenderer) placements(pl platform.Placement, ok bool) {
	p := r.p
	n := len(p.frames())
	if !ok {
		p.placeBtn.Hide()
		return
	}
	p.placeBtn.SetText(fmt.Sprintf("%s (%d/%d)", lang.L(pl.Name), p.place%n+1, n))
	p.placeBtn.Show()
	if n == 1 {
		p.placeBtn.Disable()
	} else {
		p.placeBtn.Enable()
	}
}

// screenOverlay is the interface a full-screen app draws over a video:
// the account and the first lines of the caption at the bottom left, and
// the like, comment and share buttons down the right edge, in white on a
// shade so they read on any picture.
type screenOverlay struct {
	box   *fyne.Container
	shade *canvas.Rectangle
	name  *canvas.Text
	lines [3]*canvas.Text
	icons [3]*canvas.Circle
}

func newScreenOverlay() *screenOverlay {
	o := &screenOverlay{shade: canvas.NewRectangle(color.NRGBA{0, 0, 0, 0x8C})}
	o.name = canvas.NewText("", color.White)
	o.name.TextStyle.Bold = true
	objs := []fyne.CanvasObject{o.shade, o.name}
	for i := range o.lines {
		o.lines[i] = canvas.NewText("", color.White)
		o.lines[i].TextSize = theme.CaptionTextSize()
		objs = append(objs, o.lines[i])
	}
	for i := range o.icons {
		o.icons[i] = canvas.NewCircle(color.NRGBA{0xFF, 0xFF, 0xFF, 0xD0})
		objs = append(objs, o.icons[i])
	}
	o.box = container.NewWithoutLayout(objs...)
	return o
}

// update lays the overlay over a w×h screen.
func (o *screenOverlay) update(name, caption string, w, h float32) {
	lines := wrapRunes(caption, 38, len(o.lines))
	lineH := theme.CaptionTextSize() + 4
	top := h - float32(len(o.lines)+1)*lineH - 28
	o.shade.Move(fyne.NewPos(0, top-8))
	o.shade.Resize(fyne.NewSize(w, h-top+8))
	o.name.Text = "@" + strings.ToLower(strings.ReplaceAll(name, " ", ""))
	o.name.Move(fyne.NewPos(12, top))
	for i, l := range o.lines {
		l.Text = ""
		if i < len(lines) {
			l.Text = lines[i]
		}
		l.Move(fyne.NewPos(12, top+float32(i+1)*lineH+4))
		l.Refresh()
	}
	for i, c := range o.icons {
		c.Move(fyne.NewPos(w-44, h*0.45+float32(i)*48))
		c.Resize(fyne.NewSize(32, 32))
	}
	o.box.Refresh()
}

// wrapRunes breaks text into at most n lines of about width runes, at
// spaces; the last line ends with "…" when text runs on.
func wrapRunes(text string, width, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			lines = append(lines, line)
			line = ""
			if len(lines) == n {
				lines[n-1] = strings.TrimSuffix(lines[n-1], "…") + "…"
				return lines
			}
		}
		line = strings.TrimSpace(line + " " + word)
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
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
	m.cell.Show()
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
	m.label.Text = fmt.Sprintf("%s · %d×%d", lang.L(pl.Name), pl.Width, pl.Height)
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
