package brandkit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
	"golang.org/x/text/unicode/norm"
)

// stemmers are the Snowball stemmers by base language.
var stemmers = map[string]func(*snowball.Env) bool{
	"da": danish.Stem, "nl": dutch.Stem, "en": english.Stem, "fi": finnish.Stem,
	"fr": french.Stem, "de": german.Stem, "hu": hungarian.Stem, "it": italian.Stem,
	"no": norwegian.Stem, "nb": norwegian.Stem, "nn": norwegian.Stem, "pt": portuguese.Stem,
	"ro": romanian.Stem, "ru": russian.Stem, "es": spanish.Stem, "sv": swedish.Stem,
	"tr": turkish.Stem,
}

// word is one word of a text: where it stands, its lower-cased form (accents
// kept, for rules where an accent tells words apart: tú and tu), the folded
// word (accents and case removed) and its key, the folded stem.
type word struct {
	start, end int
	lower      string
	fold       string
	key        string
	alt        string // a second key: an English comparative's base (cheaper → cheap), a German verb's (heilt → heilen), a Dutch plural's (koopjes → koopje)
}

// isWordRune holds letters, digits (CO₂'s subscript too) and the marks
// inside words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || r == '_'
}

// splitWords cuts text into words. Apostrophes, hyphens and every other
// non-word character separate words, so "carbon-neutral" is two words, as
// "carbon neutral" is, and "l'environnement" is "l" then "environnement".
func splitWords(text, base string) []word {
	var out []word
	stem := stemmers[base]
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		w := word{start: start, end: i, lower: lowerNFKC(text[start:i])}
		w.fold = FoldAccents(w.lower)
		w.key = stemKey(stem, w.lower)
		switch base {
		case "en":
			w.alt = englishComparative(stem, w.lower)
		case "de":
			w.alt = germanVerb(stem, w.lower)
		case "nl":
			w.alt = dutchPlural(stem, w.lower)
		}
		out = append(out, w)
	}
	return out
}

// lowerNFKC lower-cases s in compatibility form: CO₂ reads as co2, ﬁ as fi.
func lowerNFKC(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	return strings.ToLower(norm.NFKC.String(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// FoldAccents removes accents: é → e, ä → a, ß stays.
func FoldAccents(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stemKey stems a lower-cased word and folds the accents of the stem.
func stemKey(stem func(*snowball.Env) bool, lower string) string {
	if stem == nil || len(lower) < 3 {
		return FoldAccents(lower)
	}
	env := snowball.NewEnv(lower)
	stem(env)
	return FoldAccents(env.Current())
}

// englishComparative returns the key of an adjective's base for its
// comparative or superlative (cheaper, cheapest, bigger, easier), which the
// English Snowball stemmer leaves whole; "" when the word is not one.
func englishComparative(stem func(*snowball.Env) bool, lower string) string {
	if notComparative[lower] {
		return ""
	}
	var base string
	switch {
	case strings.HasSuffix(lower, "iest") && len(lower) > 6:
		base = lower[:len(lower)-4] + "y"
	case strings.HasSuffix(lower, "ier") && len(lower) > 5:
		base = lower[:len(lower)-3] + "y"
	case strings.HasSuffix(lower, "est") && len(lower) > 6:
		base = lower[:len(lower)-3]
	case strings.HasSuffix(lower, "er") && len(lower) > 5:
		base = lower[:len(lower)-2]
	default:
		return ""
	}
	if n := len(base); n > 2 && base[n-1] == base[n-2] && !strings.ContainsRune("aeiouls", rune(base[n-1])) {
		base = base[:n-1] // bigger → big
	}
	return stemKey(stem, base)
}

// germanVerb returns the key of a German verb's stem for its second and
// third person present (heilt, heilst, arbeitet), whose endings the German
// Snowball stemmer keeps; "" when the word does not end so.
func germanVerb(stem func(*snowball.Env) bool, lower string) string {
	for _, end := range []string{"est", "et", "st", "t"} {
		if strings.HasSuffix(lower, end) && len(lower)-len(end) >= 4 {
			return stemKey(stem, lower[:len(lower)-len(end)]+"en")
		}
	}
	return ""
}

// notComparative are English words in -er that are no adjective's
// comparative, though they look like one (better is good's; bet-ter would
// match "bet").
var notComparative = map[string]bool{
	"better": true, "letter": true, "matter": true, "bitter": true, "butter": true, "litter": true, "latter": true,
	"otter": true, "utter": true, "batter": true, "chatter": true, "shatter": true, "scatter": true, "clutter": true,
	"gutter": true, "shutter": true, "stutter": true, "putter": true, "mutter": true, "summer": true, "hammer": true,
	"winter": true, "dinner": true, "banner": true, "manner": true, "runner": true, "spinner": true, "planner": true,
}

// dutchPlural returns the key of a Dutch noun's singular for its plural in
// -s after a vowel (koopjes, auto's), which the Dutch Snowball stemmer
// keeps whole; "" when the word does not end so.
func dutchPlural(stem func(*snowball.Env) bool, lower string) string {
	if n := len(lower); n > 4 && lower[n-1] == 's' && strings.ContainsRune("aeiouy", rune(lower[n-2])) {
		return stemKey(stem, lower[:n-1])
	}
	return ""
}

// term is a kit or pack phrase compiled for one language: per word, the
// keys it matches (the stem of the word as written and of the word without
// accents, which a stemmer may treat differently).
type term struct {
	text     string
	keys     [][]string
	exact    bool // written with a leading "=": match the words as written
	compound bool // German: also match at the start of a compound
}

// compileTerm compiles a phrase for the base language. A leading "=" asks
// for an exact match.
func compileTerm(phrase, base string) (term, bool) {
	t := term{text: phrase}
	if rest, ok := strings.CutPrefix(strings.TrimSpace(phrase), "="); ok {
		t.exact, phrase = true, rest
	}
	stem := stemmers[base]
	for _, w := range splitWords(phrase, "") {
		if t.exact {
			t.keys = append(t.keys, []string{w.fold})
			continue
		}
		k1, k2 := stemKey(stem, w.lower), stemKey(stem, w.fold)
		if k1 == k2 {
			t.keys = append(t.keys, []string{k1})
		} else {
			t.keys = append(t.keys, []string{k1, k2})
		}
	}
	if len(t.keys) == 0 {
		return t, false
	}
	t.compound = base == "de" && !t.exact && len(t.keys) == 1 && len(t.keys[0][0]) >= 5
	return t, true
}

func (t *term) first() []string { return t.keys[0] }

// matchAt reports how many words of ws, from i, the term covers (0: none).
func (t *term) matchAt(ws []word, i int) int {
	if i+len(t.keys) > len(ws) {
		return 0
	}
	for j, alts := range t.keys {
		w := ws[i+j]
		if !t.matchWord(w, alts) {
			if j == 0 && t.compound && len(w.fold) > len(alts[0])+2 && strings.HasPrefix(w.fold, alts[0]) {
				return 1
			}
			return 0
		}
	}
	return len(t.keys)
}

func (t *term) matchWord(w word, alts []string) bool {
	for _, k := range alts {
		if t.exact && w.fold == k || !t.exact && (w.key == k || w.alt != "" && w.alt == k) {
			return true
		}
	}
	return false
}

// termSet finds any of its terms in a text's words.
type termSet struct {
	terms   []term
	byFirst map[string][]int // key of the first word → terms
	scan    []int            // terms found by a prefix (German compounds)
}

func newTermSet(phrases []string, base string) *termSet {
	s := &termSet{byFirst: map[string][]int{}}
	seen := map[string]bool{}
	for _, p := range phrases {
		t, ok := compileTerm(p, base)
		if !ok || seen[p] {
			continue
		}
		seen[p] = true
		i := len(s.terms)
		s.terms = append(s.terms, t)
		for _, k := range t.first() {
			s.byFirst[k] = append(s.byFirst[k], i)
		}
		if t.compound {
			s.scan = append(s.scan, i)
		}
	}
	return s
}

// match is one term found in a text: which term and the byte range.
type match struct {
	term       int
	start, end int
}

// find returns every match in ws, the longest term first at each word;
// words that a match covered are not matched again by the same set.
func (s *termSet) find(ws []word) []match {
	var out []match
	for i := 0; i < len(ws); i++ {
		best, bestN := -1, 0
		try := func(ti int) {
			if n := s.terms[ti].matchAt(ws, i); n > bestN {
				best, bestN = ti, n
			}
		}
		for _, ti := range s.byFirst[ws[i].key] {
			try(ti)
		}
		if ws[i].alt != "" {
			for _, ti := range s.byFirst[ws[i].alt] {
				try(ti)
			}
		}
		for _, ti := range s.byFirst[ws[i].fold] {
			try(ti)
		}
		if best < 0 {
			for _, ti := range s.scan {
				try(ti)
			}
		}
		if best >= 0 {
			out = append(out, match{term: best, start: ws[i].start, end: ws[i+bestN-1].end})
			i += bestN - 1
		}
	}
	return out
}
