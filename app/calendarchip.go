package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
)

// platformColours colour a platform's chips, after each brand's own
// colour, darkened where white text would not read on it and lightened
// where a black brand would vanish on the dark theme.
var platformColours = map[string]color.NRGBA{
	"instagram": {0xC1, 0x35, 0x84, 0xFF}, "facebook": {0x18, 0x77, 0xF2, 0xFF}, "linkedin": {0x0A, 0x66, 0xC2, 0xFF},
	"x": {0x53, 0x64, 0x71, 0xFF}, "tiktok": {0xC8, 0x1E, 0x4B, 0xFF}, "youtube": {0xCC, 0x00, 0x00, 0xFF},
	"pinterest": {0xBD, 0x08, 0x1C, 0xFF}, "threads": {0x6B, 0x6B, 0x6B, 0xFF}, "bluesky": {0x00, 0x62, 0xC4, 0xFF},
}

func platformColour(id string) color.NRGBA {
	if c, ok := platformColours[id]; ok {
		return c
	}
	return color.NRGBA{0x55, 0x5B, 0x66, 0xFF}
}

// chip is one piece on the calendar or in the tray: coloured by platform,
// with its time, platform and state. It can be tapped (selected, then
// moved with the arrow keys), double-tapped (opened) and dragged.
type chip struct {
	widget.BaseWidget
	cal      *calendarScreen
	item     studio.Scheduled // At is zero for a piece in the tray
	text     string
	conflict bool
	focused  bool
}

func newChip(cal *calendarScreen) *chip {
	c := &chip{cal: cal}
	c.ExtendBaseWidget(c)
	return c
}

// show makes the chip stand for item, with text.
func (c *chip) show(item studio.Scheduled, text string, conflict bool) {
	c.item, c.text, c.conflict = item, text, conflict
	c.Show()
	c.Refresh()
}

func (c *chip) Tapped(*fyne.PointEvent) { c.cal.selectChip(c) }

func (c *chip) DoubleTapped(*fyne.PointEvent) { c.cal.open(c.item.Piece) }

func (c *chip) Dragged(e *fyne.DragEvent) { c.cal.dragTo(c, e.AbsolutePosition) }

func (c *chip) DragEnd() { c.cal.drop(c) }

func (c *chip) FocusGained() { c.focused = true; c.Refresh() }

func (c *chip) FocusLost() { c.focused = false; c.Refresh() }

func (c *chip) TypedRune(rune) {}

// TypedKey moves the selected piece: a day with ← →, a week with ↑ ↓;
// Delete sends it back to the tray.
func (c *chip) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyLeft:
		c.cal.moveBy(c.item, -1)
	case fyne.KeyRight:
		c.cal.moveBy(c.item, 1)
	case fyne.KeyUp:
		c.cal.moveBy(c.item, -7)
	case fyne.KeyDown:
		c.cal.moveBy(c.item, 7)
	case fyne.KeyDelete, fyne.KeyBackspace:
		c.cal.unschedule(c.item.Piece)
	case fyne.KeyReturn:
		c.cal.open(c.item.Piece)
	}
}

func (c *chip) MinSize() fyne.Size {
	return fyne.NewSize(40, theme.TextSize()*1.1+6)
}

func (c *chip) CreateRenderer() fyne.WidgetRenderer {
	bg := &canvas.Rectangle{CornerRadius: 4}
	label := &canvas.Text{TextSize: theme.TextSize() * 0.85, Color: color.White}
	mark := &canvas.Rectangle{FillColor: theme.Color(theme.ColorNameWarning)}
	return &chipRenderer{c: c, bg: bg, label: label, mark: mark}
}

type chipRenderer struct {
	c        *chip
	bg, mark *canvas.Rectangle
	label    *canvas.Text
}

func (r *chipRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.mark.Move(fyne.NewPos(size.Width-6, 0))
	r.mark.Resize(fyne.NewSize(6, size.Height))
	r.label.Move(fyne.NewPos(4, (size.Height-r.label.MinSize().Height)/2))
	r.fit(size.Width - 12)
}

// fit cuts the text to the chip's width.
func (r *chipRenderer) fit(width float32) {
	runes := []rune(r.c.text)
	r.label.Text = r.c.text
	for len(runes) > 1 && fyne.MeasureText(r.label.Text, r.label.TextSize, r.label.TextStyle).Width > width {
		runes = runes[:len(runes)-1]
		r.label.Text = string(runes) + "…"
	}
}

func (r *chipRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *chipRenderer) Refresh() {
	r.bg.FillColor = platformColour(r.c.item.Platform)
	r.bg.StrokeWidth, r.bg.StrokeColor = 0, nil
	if r.c.focused {
		r.bg.StrokeWidth, r.bg.StrokeColor = 2, theme.Color(theme.ColorNameFocus)
	}
	r.mark.Hidden = !r.c.conflict
	r.Layout(r.c.Size())
	r.bg.Refresh()
	r.mark.Refresh()
	r.label.Refresh()
}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.label, r.mark}
}

func (r *chipRenderer) Destroy() {}
