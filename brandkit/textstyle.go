package brandkit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/language"
)

// fold checks that the hook, the first sentence of the first line, is
// above the platform's "see more" fold, so a reader sees it whole.
func (c *textChecker) fold() {
	f := c.target.Fold
	if f <= 0 {
		return
	}
	hook, _, _ := strings.Cut(strings.TrimSpace(c.text), "\n")
	hook = firstSentence(hook)
	if n := utf8.RuneCountInString(hook); n > f {
		start := strings.Index(c.text, hook)
		c.add(Say(Finding{Rule: "fold.hook", Severity: SeverityWarning, Start: start + byteOffsetOfRune(hook, f), End: start + len(hook)}, "fold.hook",
			"count", itoa(n), "platform", platformName(c.target.Platform), "fold", itoa(f)))
	}
}

// firstSentence returns line up to the end of its first sentence: a full
// stop, question or exclamation mark or ellipsis after a letter, followed by
// a space ("14. Juni" does not end one).
func firstSentence(line string) string {
	prev := ' '
	for i, r := range line {
		if strings.ContainsRune(".!?…", r) && unicode.IsLetter(prev) {
			next := i + utf8.RuneLen(r)
			if next == len(line) || line[next] == ' ' {
				return line[:next]
			}
		}
		prev = r
	}
	return line
}

// languageNames maps whatlanggo's languages to BCP 47 base tags for the
// languages Atelier's kits are likely to use.
var detectable = map[whatlanggo.Lang]string{
	whatlanggo.Fra: "fr", whatlanggo.Eng: "en", whatlanggo.Spa: "es", whatlanggo.Deu: "de",
	whatlanggo.Ita: "it", whatlanggo.Por: "pt", whatlanggo.Nld: "nl",
}

// proseOf removes hashtags, mentions and links, which are not in any language.
func proseOf(text string) string {
	text = urlRe.ReplaceAllString(text, " ")
	text = hashtagRe.ReplaceAllString(text, " ")
	return mentionRe.ReplaceAllString(text, " ")
}

// DetectLanguage returns the base language tag of text ("fr", "en"…), or ""
// when the text is too short or the guess is not reliable.
func DetectLanguage(text string) string {
	prose := proseOf(text)
	letters := 0
	for _, r := range prose {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 25 {
		return ""
	}
	whitelist := map[whatlanggo.Lang]bool{}
	for l := range detectable {
		whitelist[l] = true
	}
	info := whatlanggo.DetectWithOptions(prose, whatlanggo.Options{Whitelist: whitelist})
	if info.Confidence < 0.2 {
		return ""
	}
	return detectable[info.Lang]
}

func (c *textChecker) language() {
	if c.target.Language == "" {
		return
	}
	want, err := language.Parse(c.target.Language)
	if err != nil {
		return
	}
	wantBase, _ := want.Base()
	got := DetectLanguage(c.text)
	if got == "" || got == wantBase.String() {
		return
	}
	c.add(Say(Finding{Rule: "language.mismatch", Severity: SeverityError, Start: -1, End: -1}, "language.mismatch", "got", got, "want", c.target.Language))
}

// readability reports, as info, sentences that are long for social posts:
// over 25 words on average.
func (c *textChecker) readability() {
	prose := proseOf(c.text)
	sentences := strings.FieldsFunc(prose, func(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '\n' || r == '…' })
	words, n := 0, 0
	for _, s := range sentences {
		if w := len(strings.Fields(s)); w > 0 {
			words += w
			n++
		}
	}
	if n == 0 || words < 30 {
		return
	}
	if avg := float64(words) / float64(n); avg > 25 {
		c.add(Say(Finding{Rule: "readability.sentences", Severity: SeverityInfo, Start: -1, End: -1}, "readability.sentences", "words", num0(avg)))
	}
}
