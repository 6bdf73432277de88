// Package localeenv maps the C.UTF-8 locale to English before Fyne reads
// the locale. Fyne's lang package parses "C.UTF-8" as a language tag at
// init and logs an error; with LANGUAGE=en it picks English quietly, which
// is what C.UTF-8 means. It must initialise before fyne.io/fyne/v2/lang:
// it imports only os, and Go initialises packages in import-path order
// ("atelier/…" before "fyne.io/…") once their own imports are ready.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			if base, _, _ := strings.Cut(l, "."); (base == "C" || base == "POSIX") && l != base {
				os.Setenv("LANGUAGE", "en")
			}
			return
		}
	}
}
