package app

import (
	"os"
	"sync/atomic"

	"fyne.io/fyne/v2/lang"

	_ "atelier/app/localeenv" // before Fyne reads the locale
	"atelier/translations"
)

// LoadTranslations registers the fr and en strings. Fyne then follows the
// system locale, falling back to English (LANG=C included), unless
// setUILanguage chose a language.
func LoadTranslations() error {
	return lang.AddTranslationsFS(translations.FS, "json")
}

// prefUILanguage is the preference of the UI's language: "" follows the
// system, "fr" or "en".
const prefUILanguage = "ui_language"

// uiLanguages are the choices of the UI's language, by preference value.
var uiLanguages = []struct{ value, label string }{{"", "System"}, {"fr", "Français"}, {"en", "English"}}

// chosenLanguage is the UI's language chosen in Settings; "" follows the
// system's.
var chosenLanguage atomic.Value // string

// setUILanguage makes the UI speak choice ("" the system's language) in
// every string looked up from now on. Fyne reads the language from the
// environment when translations are added, and a C locale hides
// $LANGUAGE from it, so the environment says choice for that moment only:
// the programs Atelier runs (espeak-ng, ffmpeg) keep the user's.
func setUILanguage(choice string) error {
	chosenLanguage.Store(choice)
	if choice == "" {
		return LoadTranslations()
	}
	for _, v := range []string{"LANGUAGE", "LC_ALL"} {
		old, had := os.LookupEnv(v)
		os.Setenv(v, choice)
		defer func() {
			if had {
				os.Setenv(v, old)
			} else {
				os.Unsetenv(v)
			}
		}()
	}
	return LoadTranslations()
}

// labelled writes "label: value" by the UI language's rules: French puts a
// no-break space before the colon.
func labelled(label, value string) string {
	if uiLanguage() == "fr" {
		return label + "\u00a0: " + value
	}
	return label + ": " + value
}

// uiLanguage is the language the UI speaks: the one chosen, or the
// system's.
func uiLanguage() string {
	if c, _ := chosenLanguage.Load().(string); c != "" {
		return c
	}
	return lang.SystemLocale().LanguageString()
}
