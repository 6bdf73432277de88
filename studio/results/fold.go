package results

import (
	"strings"
	"unicode"
)

// latinFold maps the accented letters of the languages Atelier writes in to
// their base letter, so "Durée", "Duree" and "DURÉE" compare equal.
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y",
	'œ': "oe", 'æ': "ae", 'ß': "ss",
}

// foldRune lower-cases r and strips its accent; ok is false for runes that
// are neither letters nor digits.
func foldRune(r rune) (string, bool) {
	r = unicode.ToLower(r)
	if s, ok := latinFold[r]; ok {
		return s, true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return string(r), true
	}
	return "", false
}

// normHeader folds a column header for comparison: BOM, quotes and outer
// spaces dropped, lower case, accents stripped, typographic apostrophes and
// no-break spaces made plain, runs of spaces collapsed.
func normHeader(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "\"'")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '’' || r == '‘' || r == '`' || r == 'ʼ':
			r = '\''
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		if f, ok := foldRune(r); ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}
