// Package assets renders what goes with a post: the audio snippet (spoken
// script, text to speech, the brand's sonic logo, mixing and loudness
// normalisation), and, with the image-variant issue, the asset library and
// image renderer.
package assets

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Script is the spoken version of a post.
type Script struct {
	Text      string
	Sentences []string // Text, sentence by sentence
	Words     int
	Estimated time.Duration // at the voice's words per minute
}

// MaxScriptWords is the longest script turned into a snippet; a longer one
// is refused rather than cut silently.
const MaxScriptWords = 600

var (
	urlWords   = regexp.MustCompile(`https?://([^\s/]+)(/[^\s]*)?`)
	tagsWords  = regexp.MustCompile(`[#@][\p{L}\p{N}_.]+`)
	numberRe   = regexp.MustCompile(`\d+`)
	sentenceRe = regexp.MustCompile(`[^.!?…]+[.!?…]*`)
)

// ErrEmptyScript is returned when nothing speakable is left.
var ErrEmptyScript = errors.New("the script is empty: there is nothing to say once hashtags, links and emoji are removed")

// SpokenScript turns a post into what a voice says: no hashtags, mentions or
// emoji, links and numbers written as spoken, long sentences split at
// commas, then whole sentences kept while they bring the estimate closer
// to target.
func SpokenScript(post, language string, target time.Duration, wpm int) (Script, error) {
	if wpm <= 0 {
		wpm = 160
	}
	fr := strings.HasPrefix(strings.ToLower(language), "fr")
	text := urlWords.ReplaceAllStringFunc(post, func(u string) string { return spokenURL(u, fr) })
	text = tagsWords.ReplaceAllString(text, "")
	text = strings.Map(func(r rune) rune {
		if r >= 0x1F000 || r >= 0x2600 && r <= 0x27BF || r == '\uFE0F' {
			return -1
		}
		return r
	}, text)
	text = spokenSymbols(text, fr)
	text = numberRe.ReplaceAllStringFunc(text, func(n string) string {
		v, err := strconv.Atoi(n)
		if err != nil || v > 999999 {
			return n
		}
		return numberWords(v, fr)
	})
	var sentences []string
	for _, s := range sentenceRe.FindAllString(text, -1) {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" || strings.Trim(s, ".!?… ") == "" {
			continue
		}
		sentences = append(sentences, shortSentences(s)...)
	}
	words := 0
	for _, s := range sentences {
		words += len(strings.Fields(s))
	}
	if words == 0 {
		return Script{}, ErrEmptyScript
	}
	if words > MaxScriptWords {
		return Script{}, fmt.Errorf("the script has %d words; a snippet takes at most %d (about %d s): shorten the text, or split it into several snippets",
			words, MaxScriptWords, MaxScriptWords*60/wpm)
	}
	perWord := time.Minute / time.Duration(wpm)
	var kept []string
	words = 0
	for _, s := range sentences {
		n := len(strings.Fields(s))
		// Keep a sentence when it brings the length closer to the target.
		under, over := target-time.Duration(words)*perWord, time.Duration(words+n)*perWord-target
		if len(kept) > 0 && over > 0 && over > under {
			break
		}
		kept = append(kept, s)
		words += n
	}
	return Script{Text: strings.Join(kept, " "), Sentences: kept, Words: words, Estimated: time.Duration(words) * perWord}, nil
}

// shortSentences splits a sentence of more than 20 words at its commas.
func shortSentences(s string) []string {
	if len(strings.Fields(s)) <= 20 {
		return []string{s}
	}
	parts := strings.Split(s, ", ")
	out := make([]string, 0, len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if i < len(parts)-1 && !strings.ContainsAny(p[len(p)-1:], ".!?") {
			p += "."
		}
		if r := []rune(p); len(r) > 0 {
			p = string(unicode.ToUpper(r[0])) + string(r[1:])
		}
		out = append(out, p)
	}
	return out
}

func spokenURL(u string, fr bool) string {
	m := urlWords.FindStringSubmatch(u)
	dot, slash := " dot ", " slash "
	if fr {
		dot, slash = " point ", " slash "
	}
	host := strings.TrimPrefix(m[1], "www.")
	s := strings.ReplaceAll(host, ".", dot)
	if path := strings.Trim(m[2], "/"); path != "" {
		s += slash + strings.NewReplacer("/", slash, "-", " ", "_", " ").Replace(path)
	}
	return s
}

func spokenSymbols(s string, fr bool) string {
	if fr {
		return strings.NewReplacer("1er", "premier", "1re", "première", " %", " pour cent", "%", " pour cent", "€", " euros", "&", " et ", "CO₂", "C O deux", "CO2", "C O deux").Replace(s)
	}
	return strings.NewReplacer("1st", "first", " %", " percent", "%", " percent", "€", " euros", "&", " and ", "CO₂", "C O two", "CO2", "C O two").Replace(s)
}

var (
	enOnes = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	frOnes = []string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
		"treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"}
	frTens = []string{"", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"}
)

// numberWords writes 0 to 999,999 in words. It runs past 60 lines because
// French numbers (soixante-dix, quatre-vingts, et un) are a case list that
// reads best whole, next to the English.
func numberWords(n int, fr bool) string {
	if n >= 1000 {
		head, rest := n/1000, n%1000
		var s string
		switch {
		case fr && head == 1:
			s = "mille"
		case fr:
			s = numberWords(head, fr) + " mille"
		default:
			s = numberWords(head, fr) + " thousand"
		}
		if rest > 0 {
			s += " " + numberWords(rest, fr)
		}
		return s
	}
	if n >= 100 {
		head, rest := n/100, n%100
		var s string
		switch {
		case fr && head == 1:
			s = "cent"
		case fr:
			s = frOnes[head] + " cent"
		default:
			s = enOnes[head] + " hundred"
		}
		if rest > 0 {
			s += " " + numberWords(rest, fr)
		}
		return s
	}
	if !fr {
		if n < 20 {
			return enOnes[n]
		}
		if n%10 == 0 {
			return enTens[n/10]
		}
		return enTens[n/10] + "-" + enOnes[n%10]
	}
	switch {
	case n < 20:
		return frOnes[n]
	case n < 70 || n >= 80 && n < 90:
		t, u := frTens[n/10], n%10
		switch {
		case u == 0 && n == 80:
			return "quatre-vingts"
		case u == 0:
			return t
		case u == 1 && n < 80:
			return t + " et un"
		}
		return t + "-" + frOnes[u]
	case n < 80: // 70–79: soixante-dix…
		if n == 71 {
			return "soixante et onze"
		}
		return "soixante-" + frOnes[n-60]
	default: // 90–99
		return "quatre-vingt-" + frOnes[n-80]
	}
}
