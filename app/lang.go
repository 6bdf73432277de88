package app

import (
	"embed"

	"fyne.io/fyne/v2/lang"

	_ "atelier/app/localeenv" // before Fyne reads the locale
)

//go:embed translations
var translations embed.FS

// LoadTranslations registers the fr and en strings. Fyne then follows the
// system locale, falling back to English (LANG=C included).
func LoadTranslations() error {
	return lang.AddTranslationsFS(translations, "translations")
}
