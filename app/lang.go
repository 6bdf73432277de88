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

// systemLanguage is $LANGUAGE as Atelier found it, to go back to.
var systemLanguage, systemLanguageSet = os.LookupEnv("LANGUAGE")

// setUILanguage makes the UI speak choice ("" the system's language) in
// every string looked up from now on. Fyne reads the language from the
// environment ($LANGUAGE first) when translations are added.
func setUILanguage(choice string) error {
	switch {
	case choice != "":
		os.Setenv("LANGUAGE", choice)
	case systemLanguageSet:
		os.Setenv("LANGUAGE", systemLanguage)
	default:
		os.Unsetenv("LANGUAGE")
	}
	return LoadTranslations()
}
