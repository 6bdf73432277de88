package brandkit

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// address lists, for one language, the words that show the reader is
// addressed casually or formally. Only pronouns and possessives count, so a
// noun that looks like one ("un ton ambré") is told apart by its context.
type address struct {
	casual, formal         []string
	casualName, formalName string
	// capitalFormal: the formal words count only when capitalised inside
	// a sentence (German Sie/Ihr, Italian Lei/Suo), since the same words in
	// lower case mean she, they or her.
	capitalFormal bool
}

var addresses = map[string]address{
	"fr": {casual: []string{"tu", "toi", "te", "t", "ton", "ta", "tes", "tien", "tienne", "tiens", "tiennes"},
		formal: []string{"vous", "votre", "vos", "vôtre", "vôtres"}, casualName: "tu", formalName: "vous"},
	"de": {casual: []string{"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines", "euch", "euer", "eure", "euren", "eurem", "eurer", "eures"},
		formal: []string{"sie", "ihnen", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres"}, casualName: "du", formalName: "Sie", capitalFormal: true},
	"es": {casual: []string{"tú", "te", "ti", "contigo", "tu", "tus", "tuyo", "tuya", "tuyos", "tuyas", "vosotros", "vosotras", "os", "vuestro", "vuestra", "vuestros", "vuestras"},
		formal: []string{"usted", "ustedes"}, casualName: "tú", formalName: "usted"},
	"it": {casual: []string{"tu", "ti", "te", "tuo", "tua", "tuoi", "tue"},
		formal: []string{"lei", "suo", "sua", "suoi", "sue"}, casualName: "tu", formalName: "Lei", capitalFormal: true},
	"nl": {casual: []string{"je", "jij", "jou", "jouw", "jouwe", "jullie"},
		formal: []string{"u", "uw"}, casualName: "je", formalName: "u"},
}

// frNounDeterminers come before "ton" when it is the noun (tone, shade):
// "un ton ambré", "le ton", "ce ton".
var frNounDeterminers = []string{"un", "le", "du", "au", "ce", "cet", "mon", "son", "notre", "votre", "leur", "quel", "même", "bon", "beau", "chaque", "dernier", "nouveau"}

// formality checks the reader's address against the kit's voice, in the
// post's language.
func (c *textChecker) formality() {
	formal, set := c.kit.Voice.Formal()
	a, ok := addresses[c.base]
	if !set || !ok {
		return
	}
	wrong, want := a.casual, a.formalName
	if !formal {
		wrong, want = a.formal, a.casualName
	}
	for i, w := range c.words {
		if !slices.Contains(wrong, w.lower) || !c.addresses(a, formal, i) {
			continue
		}
		end := w.end
		if w.lower == "t" { // the elided t' with its apostrophe
			_, size := utf8.DecodeRuneInString(c.text[end:])
			end += size
		}
		c.add(Say(Finding{Rule: "voice.formality", Severity: SeverityWarning, Start: w.start, End: end},
			"voice.formality", "word", c.text[w.start:end], "want", want))
	}
}

// addresses tells whether word i, one of the address words, really
// addresses the reader here.
func (c *textChecker) addresses(a address, formal bool, i int) bool {
	w := c.words[i]
	switch {
	case !formal && a.capitalFormal:
		r, _ := utf8.DecodeRuneInString(c.text[w.start:])
		return unicode.IsUpper(r) && !c.sentenceStart(w.start)
	case c.base == "fr" && w.lower == "t":
		return w.end < len(c.text) && (c.text[w.end] == '\'' || c.text[w.end:min(len(c.text), w.end+3)] == "’")
	case c.base == "fr" && w.lower == "ton":
		if i > 0 && slices.Contains(frNounDeterminers, c.words[i-1].lower) {
			return false
		}
		// "change de ton." : the noun ends its phrase.
		return i+1 < len(c.words) && !c.punctuationBetween(w.end, c.words[i+1].start)
	}
	return true
}

// sentenceStart reports whether only spaces stand between a sentence end
// (or the start of the text) and at.
func (c *textChecker) sentenceStart(at int) bool {
	for at > 0 {
		r, size := utf8.DecodeLastRuneInString(c.text[:at])
		switch {
		case r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '«' || r == '"' || r == '„' || r == '“':
			return true
		case !unicode.IsSpace(r):
			return false
		}
		at -= size
	}
	return true
}

func (c *textChecker) punctuationBetween(from, to int) bool {
	for _, r := range c.text[from:to] {
		if unicode.IsPunct(r) {
			return true
		}
	}
	return false
}
