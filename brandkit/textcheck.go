package brandkit

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/language"
)

// TextTarget is what a text is checked for: a platform's rules, the
// language asked for (detected when empty) and what the regulatory packs
// need to know about the post. Counting is "chars", "graphemes" or
// "weighted".
type TextTarget struct {
	Platform    string
	Limit       int
	Counting    string
	URLLength   int
	MaxHashtags int // the platform's own limit; 0 = none
	Fold        int // characters before "see more" on a phone; 0 = no fold
	Language    string
	Partner     string // the partner of a paid partnership; "" when the post is not paid
	Image       string // ImageRetouched or ImageVirtual when the post's picture of a person was edited or generated
}

// What a post's image of a person is, for the influence rules.
const (
	ImageRetouched = "retouched"
	ImageVirtual   = "virtual"
)

// MaxTextBytes is the largest text the checker reads; a longer one gets a
// single finding, since no platform takes it.
const MaxTextBytes = 256 << 10

var (
	hashtagRe = regexp.MustCompile(`#[\p{L}\p{N}_]+`)
	mentionRe = regexp.MustCompile(`@[\p{L}\p{N}_.]+`)
	urlRe     = regexp.MustCompile(`https?://[^\s]+`)
	// linkRe finds what is not prose: links with or without a scheme, and
	// e-mail addresses. Words, hashtags and mentions inside them are not
	// matched.
	linkRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}/[^\s]*`)
)

// CheckText runs the kit's text rules on a post. Invisible characters are
// reported and then left out, so they cannot hide a word from the other
// rules: length as the platform counts it, the hook above the fold, banned
// words and preferred terms, required hashtags and mentions, the hashtag
// limit, restricted claims, the emoji policy, the language, the address
// (formality), the enabled regulatory packs, and readability (info). Word
// rules follow the post's language: the target's, or the detected one.
func CheckText(k *Kit, t TextTarget, text string) Report {
	if len(text) > MaxTextBytes {
		return newReport([]Finding{Say(Finding{Rule: "text.too_large", Severity: SeverityError, Start: -1, End: -1},
			"text.too_large", "size", itoa(len(text)>>10), "max", itoa(MaxTextBytes>>10))})
	}
	hidden := invisibleSpans(text)
	clean, offs := stripInvisible(text, hidden)
	lang := t.Language
	if lang == "" {
		if lang = DetectLanguage(clean); lang == "" {
			lang = k.Language()
		}
	}
	c := &textChecker{kit: k, target: t, text: clean, lang: lang, base: baseLanguage(lang)}
	c.links = linkRe.FindAllStringIndex(clean, -1)
	c.tags = hashtagSpans(clean, c.links)
	c.words = c.proseWords()
	c.rules = k.compiled(c.base)
	c.length(text)
	c.fold()
	c.lexicon()
	c.hashtags()
	c.mentions()
	c.claims()
	c.emoji()
	c.language()
	c.formality()
	c.packs()
	c.readability()
	fs := mapOffsets(c.findings, offs)
	fs = append(fs, hiddenFindings(text, hidden)...)
	return newReport(k.applySeverities(fs))
}

type textChecker struct {
	kit      *Kit
	target   TextTarget
	text     string // the text with its invisible characters removed
	lang     string // the post's language tag
	base     string // its base language, such as "de"
	links    [][]int
	tags     [][]int // the hashtags, outside links
	words    []word  // the words outside links, mentions and e-mail addresses
	rules    *kitRules
	findings []Finding
}

func (c *textChecker) add(f Finding) { c.findings = append(c.findings, f) }

// baseLanguage returns the base language of a tag ("de" for "de-CH").
func baseLanguage(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		b, _, _ := strings.Cut(strings.ToLower(tag), "-")
		return b
	}
	b, _ := t.Base()
	return b.String()
}

// inLink reports whether the byte offset falls inside a link or address.
func (c *textChecker) inLink(at int) bool {
	for _, l := range c.links {
		if at >= l[0] && at < l[1] {
			return true
		}
	}
	return false
}

func (c *textChecker) proseWords() []word {
	ws := splitWords(c.text, c.base)
	out := ws[:0]
	for _, w := range ws {
		if c.inLink(w.start) || w.start > 0 && c.text[w.start-1] == '@' {
			continue
		}
		out = append(out, w)
	}
	return out
}

// mapOffsets moves the findings' byte ranges from the clean text back to
// the original one.
func mapOffsets(fs []Finding, offs []int) []Finding {
	if offs == nil {
		return fs
	}
	at := func(i int) int {
		if i < 0 || i >= len(offs) {
			return i
		}
		return offs[i]
	}
	for i := range fs {
		f := &fs[i]
		f.Start, f.End = at(f.Start), at(f.End)
		if f.AutoFix != nil {
			e := *f.AutoFix
			e.Start, e.End = at(e.Start), at(e.End)
			f.AutoFix = &e
		}
	}
	return fs
}

// hiddenFindings reports each run of invisible characters with its code
// points and names, and a fix that removes it (at most 20 are listed).
func hiddenFindings(text string, spans [][2]int) []Finding {
	var fs []Finding
	for _, s := range spans {
		if len(fs) == 20 {
			break
		}
		fs = append(fs, Say(Finding{Rule: "text.hidden_characters", Severity: SeverityError, Start: s[0], End: s[1], AutoFix: &Edit{Start: s[0], End: s[1], With: ""}},
			"text.hidden_characters", "chars", describeInvisible(text[s[0]:s[1]])))
	}
	return fs
}

// Length counts text the way the platform does.
func Length(text, counting string, urlLength int) int {
	switch counting {
	case "graphemes":
		return uniseg.GraphemeClusterCount(text)
	case "weighted":
		n, prev := 0, 0
		for _, loc := range urlRe.FindAllStringIndex(text, -1) {
			n += weightedCount(text[prev:loc[0]]) + urlLength
			prev = loc[1]
		}
		return n + weightedCount(text[prev:])
	default:
		return utf8.RuneCountInString(text)
	}
}

// weightedCount follows X's counting: Latin, punctuation and most symbols
// count one; other scripts and emoji count two.
func weightedCount(s string) int {
	n := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		r := g.Runes()[0]
		switch {
		case IsEmoji(g.Str()):
			n += 2
		case r <= 4351, r >= 8192 && r <= 8205, r >= 8208 && r <= 8223, r >= 8242 && r <= 8247:
			n++
		default:
			n += 2
		}
	}
	return n
}

// length counts the original text, invisible characters included, since
// the platform counts them too; the finding points into the clean text.
func (c *textChecker) length(original string) {
	t := c.target
	if t.Limit <= 0 {
		return
	}
	n := Length(original, t.Counting, t.URLLength)
	if n <= t.Limit {
		return
	}
	cut := len(c.text)
	if over := n - t.Limit; over < utf8.RuneCountInString(c.text) {
		cut = byteOffsetOfRune(c.text, utf8.RuneCountInString(c.text)-over)
	}
	c.add(Say(Finding{Rule: "length.limit", Severity: SeverityError, Start: cut, End: len(c.text)}, "length.limit",
		"count", itoa(n), "platform", platformName(t.Platform), "limit", itoa(t.Limit), "cut", itoa(n-t.Limit)))
}

// platformName is the platform a finding names: its id, or "platform"
// when the target has none, which front-ends translate like an id.
func platformName(id string) string {
	if id == "" {
		return "platform"
	}
	return id
}

func byteOffsetOfRune(s string, n int) int {
	i := 0
	for off := range s {
		if i == n {
			return off
		}
		i++
	}
	return len(s)
}

func (c *textChecker) lexicon() {
	for _, m := range c.rules.banned.find(c.words) {
		word := c.text[m.start:m.end]
		key, listed := asListed("lexicon.banned", word, c.rules.banned.terms[m.term].text)
		c.add(Say(Finding{Rule: "lexicon.banned", Severity: SeverityError, Start: m.start, End: m.end}, key,
			"word", word, "brand", c.kit.Identity.Name, "listed", listed))
	}
	for _, m := range c.rules.preferred.find(c.words) {
		from := c.rules.preferred.terms[m.term].text
		to := c.rules.replacements[from]
		c.add(Say(Finding{Rule: "lexicon.preferred", Severity: SeverityWarning, Start: m.start, End: m.end,
			AutoFix: &Edit{Start: m.start, End: m.end, With: matchCase(c.text[m.start:m.end], to)}}, "lexicon.preferred", "to", to, "word", c.text[m.start:m.end]))
	}
}

// asListed picks the phrase that names the kit's form of a word found in
// another form, and that form.
func asListed(key, found, listed string) (string, string) {
	listed = strings.TrimPrefix(listed, "=")
	if strings.EqualFold(FoldAccents(found), FoldAccents(listed)) {
		return key, ""
	}
	return key + ".listed", listed
}

// matchCase gives replacement the capitalisation of the word it replaces.
func matchCase(orig, repl string) string {
	r, _ := utf8.DecodeRuneInString(orig)
	if unicode.IsUpper(r) {
		first, size := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(first)) + repl[size:]
	}
	return repl
}

// hashtagSpans finds the hashtags outside links: a # that starts a word.
func hashtagSpans(text string, links [][]int) [][]int {
	var out [][]int
	for _, l := range hashtagRe.FindAllStringIndex(text, -1) {
		if inSpans(links, l[0]) {
			continue
		}
		if l[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:l[0]]); isWordRune(r) || r == '&' || r == '/' {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

func inSpans(spans [][]int, at int) bool {
	for _, s := range spans {
		if at >= s[0] && at < s[1] {
			return true
		}
	}
	return false
}

// HashtagLimit is the lowest of the kit's limit, the kit's platform override
// and the platform's own; 0 means no limit.
func (k *Kit) HashtagLimit(platformID string, platformMax int) int {
	limit := 0
	for _, l := range []int{k.Lexicon.MaxHashtags, k.Platforms[platformID].MaxHashtags, platformMax} {
		if l > 0 && (limit == 0 || l < limit) {
			limit = l
		}
	}
	return limit
}

func (c *textChecker) hashtags() {
	locs := c.tags
	present := map[string]bool{}
	for _, l := range locs {
		present[foldTag(c.text[l[0]:l[1]])] = true
	}
	for _, h := range c.kit.Lexicon.RequiredHashtags {
		if !present[foldTag(h)] {
			c.add(Say(Finding{Rule: "hashtags.required", Severity: SeverityError, Start: -1, End: -1,
				AutoFix: &Edit{Start: len(c.text), End: len(c.text), With: appendSep(c.text) + h}}, "hashtags.required", "tag", h))
		}
	}
	limit := c.kit.HashtagLimit(c.target.Platform, c.target.MaxHashtags)
	if limit > 0 && len(locs) > limit {
		c.add(Say(Finding{Rule: "hashtags.limit", Severity: SeverityError, Start: locs[limit][0], End: locs[len(locs)-1][1]}, "hashtags.limit",
			"count", itoa(len(locs)), "limit", itoa(limit), "platform", platformName(c.target.Platform)))
	}
}

// foldTag compares hashtags and mentions without case or accents.
func foldTag(s string) string { return FoldAccents(lowerNFKC(s)) }

func appendSep(text string) string {
	if text == "" || strings.HasSuffix(text, " ") || strings.HasSuffix(text, "\n") {
		return ""
	}
	return " "
}

func (c *textChecker) mentions() {
	present := map[string]bool{}
	for _, l := range mentionRe.FindAllStringIndex(c.text, -1) {
		if !inSpans(c.links, l[0]) {
			present[foldTag(strings.TrimRight(c.text[l[0]:l[1]], "."))] = true
		}
	}
	for _, m := range c.kit.Lexicon.RequiredMentions {
		if !present[foldTag(m)] {
			c.add(Say(Finding{Rule: "mentions.required", Severity: SeverityError, Start: -1, End: -1,
				AutoFix: &Edit{Start: len(c.text), End: len(c.text), With: appendSep(c.text) + m}}, "mentions.required", "mention", m))
		}
	}
}

func (c *textChecker) window() int {
	if w := c.kit.Claims.WindowChars; w > 0 {
		return w
	}
	return 200
}

func (c *textChecker) claims() {
	window := c.window()
	for _, m := range c.rules.claims.find(c.words) {
		claim := c.rules.claims.terms[m.term].text
		if c.substantiated(claim, m, window) {
			continue
		}
		word := c.text[m.start:m.end]
		key, listed := asListed("claims.unsubstantiated", word, claim)
		f := Say(Finding{Rule: "claims.unsubstantiated", Severity: SeverityError, Start: m.start, End: m.end}, key,
			"word", word, "listed", listed, "window", itoa(window))
		if proof := c.proof(claim); proof != "" {
			f.FixKey = "claims.proof"
			f.Args["proof"] = proof
			f.Fix = Fill(phrases["claims.proof"][1], f.Args)
		}
		c.add(f)
	}
}

// near returns the folded text within window characters of a match.
func (c *textChecker) near(m match, window int) string {
	lo := max(0, byteOffsetBefore(c.text, m.start, window))
	hi := min(len(c.text), byteOffsetAfter(c.text, m.end, window))
	return foldTag(c.text[lo:hi])
}

// substantiated reports whether an approved proof for claim (its id, or
// the start of its text in any of its translations) is quoted within
// window characters of the match.
func (c *textChecker) substantiated(claim string, m match, window int) bool {
	near := c.near(m, window)
	for _, s := range c.kit.Claims.Substantiations {
		if !containsFold(s.Claims, claim) {
			continue
		}
		if quotesProof(near, s) {
			return true
		}
	}
	return false
}

func quotesProof(near string, s Substantiation) bool {
	if s.ID != "" && strings.Contains(near, foldTag(s.ID)) {
		return true
	}
	for _, text := range s.texts() {
		if strings.Contains(near, proofKey(text)) {
			return true
		}
	}
	return false
}

// texts returns the proof's text and its translations.
func (s Substantiation) texts() []string {
	out := []string{s.Text}
	for _, t := range s.Translations {
		out = append(out, t)
	}
	return out
}

// proofKey is the part of a substantiation that must be quoted: its first
// 40 folded characters.
func proofKey(text string) string {
	f := []rune(foldTag(strings.TrimSpace(text)))
	return string(f[:min(len(f), 40)])
}

// proof returns the kit's approved substantiation of a claim, in the
// post's language when the kit has it, or "".
func (c *textChecker) proof(claim string) string {
	for _, s := range c.kit.Claims.Substantiations {
		if containsFold(s.Claims, claim) {
			text := s.Text
			for tag, t := range s.Translations {
				if baseLanguage(tag) == c.base {
					text = t
				}
			}
			return text
		}
	}
	return ""
}

func containsFold(list []string, s string) bool {
	for _, l := range list {
		if foldTag(l) == foldTag(s) {
			return true
		}
	}
	return false
}

func byteOffsetBefore(s string, at, chars int) int {
	for chars > 0 && at > 0 {
		_, size := utf8.DecodeLastRuneInString(s[:at])
		at -= size
		chars--
	}
	return at
}

func byteOffsetAfter(s string, at, chars int) int {
	for chars > 0 && at < len(s) {
		_, size := utf8.DecodeRuneInString(s[at:])
		at += size
		chars--
	}
	return at
}

func (c *textChecker) emoji() {
	policy := c.kit.Voice.Emoji
	if o := c.kit.Platforms[c.target.Platform].Emoji; o != "" {
		policy = o
	}
	if policy != "none" && policy != "sparing" {
		return
	}
	locs := emojiSpans(c.text)
	switch {
	case policy == "none":
		for _, l := range locs {
			c.add(Say(Finding{Rule: "emoji.policy", Severity: SeverityWarning, Start: l[0], End: l[1], AutoFix: &Edit{Start: l[0], End: l[1]}},
				"emoji.none", "platform", platformName(c.target.Platform), "emoji", c.text[l[0]:l[1]]))
		}
	case len(locs) > c.kit.Voice.MaxEmoji:
		c.add(Say(Finding{Rule: "emoji.policy", Severity: SeverityWarning, Start: locs[c.kit.Voice.MaxEmoji][0], End: locs[len(locs)-1][1]},
			"emoji.count", "count", itoa(len(locs)), "max", itoa(c.kit.Voice.MaxEmoji)))
	}
}
