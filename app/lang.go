package app

import (
	"embed"
	"os"

	"fyne.io/fyne/v2/lang"

	_ "atelier/app/localeenv" // before Fyne reads the locale
)

//go:embed translations
var translations embed.FS

// LoadTranslations registers the fr and en strings. Fyne then follows the
// system locale, falling back to English (LANG=C included), unless
// setUILanguage chose a language.
func LoadTranslations() error {
	return lang.AddTranslationsFS(translations, "translations")
}

// prefUILanguage is the preference of the UI's language: "" follows the
// system, "fr" or "en".
const prefUILanguage = "ui_language"

// uiLanguages are the choices of the UI's language, by preference value.
var uiLanguages = []struct{ value, label string }{{"", "System"}, {"fr", "Français"}, {"en", "English"}}

// chosenLanguage is set while the UI speaks a chosen language, with
// $LANGUAGE as it was before, to go back to.
var chosenLanguage struct {
	on             bool
	before         string
	beforeWasThere bool
}

// setUILanguage makes the UI speak choice ("" the system's language) in
// every string looked up from now on. Fyne reads the language from the
// environment ($LANGUAGE first) when translations are added.
func setUILanguage(choice string) error {
	c := &chosenLanguage
	switch {
	case choice != "":
		if !c.on {
			c.before, c.beforeWasThere = os.LookupEnv("LANGUAGE")
			c.on = true
		}
		os.Setenv("LANGUAGE", choice)
	case c.on && c.beforeWasThere:
		os.Setenv("LANGUAGE", c.before)
		c.on = false
	case c.on:
		os.Unsetenv("LANGUAGE")
		c.on = false
	}
	return LoadTranslations()
}
