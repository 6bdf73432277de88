package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"atelier/brandkit"
)

// kitTheme is Fyne's default theme with the accents taken from the brand
// kit: the primary colour in light mode, the accent colour in dark mode, where
// a dark primary would not stand out.
type kitTheme struct {
	fyne.Theme
	light, dark color.Color
}

func newKitTheme(kit *brandkit.Kit) fyne.Theme {
	t := &kitTheme{Theme: theme.DefaultTheme()}
	if kit == nil {
		return t
	}
	if c, ok := kit.ColourByRole("primary"); ok {
		t.light = parseHex(c.Hex)
	}
	if c, ok := kit.ColourByRole("accent"); ok {
		t.dark = parseHex(c.Hex)
	}
	return t
}

func (t *kitTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	accent := t.light
	if v == theme.VariantDark {
		accent = t.dark
	}
	if accent != nil {
		switch n {
		case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
			return accent
		case theme.ColorNameSelection:
			r, g, b, _ := accent.RGBA()
			return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x40}
		}
	}
	return t.Theme.Color(n, v)
}

// parseHex reads "#RRGGBB"; a malformed value (the kit screen reports it)
// gives nil so the default colour stays.
func parseHex(s string) color.Color {
	c, ok := brandkit.ParseHex(s)
	if !ok {
		return nil
	}
	return c
}
