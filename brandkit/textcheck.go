package brandkit

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// TextTarget is what a text is checked for: a platform's rules and the
// language asked for. Counting is "chars", "graphemes" or "weighted".
type TextTarget struct {
	Platform    string
	Limit       int
	Counting    string
	URLLength   int
	MaxHashtags int // the platform's own limit; 0 = none
	Fold        int // characters before "see more" on a phone; 0 = no fold
	Language    string
}

// MaxTextBytes is the largest text the checker reads; a longer one gets a
// single finding, since no platform takes it.
const MaxTextBytes = 256 << 10

var (
	hashtagRe = regexp.MustCompile(`#[\p{L}\p{N}_]+`)
	mentionRe = regexp.MustCompile(`@[\p{L}\p{N}_.]+`)
	urlRe     = regexp.MustCompile(`https?://[^\s]+`)
)

// CheckText runs the kit's text rules on a post: length as the platform
// counts it, the hook above the fold, banned words, preferred terms,
// required hashtags and mentions, the hashtag limit, restricted claims, the
// emoji policy, the language, French tu/vous, and readability (info).
func CheckText(k *Kit, t TextTarget, text string) Report {
	if len(text) > MaxTextBytes {
		return newReport([]Finding{{Rule: "text.too_large", Severity: SeverityError, Start: -1, End: -1,
			Message: fmt.Sprintf("The text is %d KB; no platform takes more than %d KB.", len(text)>>10, MaxTextBytes>>10),
			Fix:     "Shorten the text."}})
	}
	c := textChecker{kit: k, target: t, text: text, folded: foldText(text)}
	c.hidden()
	c.length()
	c.fold()
	c.lexicon()
	c.hashtags()
	c.mentions()
	c.claims()
	c.emoji()
	c.language()
	c.formality()
	c.readability()
	return newReport(c.findings)
}

type textChecker struct {
	kit      *Kit
	target   TextTarget
	text     string
	folded   folded
	findings []Finding
}

func (c *textChecker) add(f Finding) { c.findings = append(c.findings, f) }

// hiddenRune reports characters a reader cannot see but a platform would
// publish: control characters (line breaks and tabs aside), bidirectional
// overrides that reorder what is shown, and bytes that are not UTF-8.
func hiddenRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r == '\n' || r == '\t' || r == '\r':
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return true
	}
	return false
}

// HiddenAt returns the byte offset of the first hidden character in text,
// or -1.
func HiddenAt(text string) int {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if hiddenRune(r, size) {
			return i
		}
		i += size
	}
	return -1
}

// hidden finds runs of hidden characters, each with a fix that removes it
// (at most 20 are listed).
func (c *textChecker) hidden() {
	n := 0
	for i := 0; i < len(c.text); {
		r, size := utf8.DecodeRuneInString(c.text[i:])
		if !hiddenRune(r, size) {
			i += size
			continue
		}
		start := i
		for i < len(c.text) {
			r, size = utf8.DecodeRuneInString(c.text[i:])
			if !hiddenRune(r, size) {
				break
			}
			i += size
		}
		if n++; n > 20 {
			continue
		}
		c.add(Finding{Rule: "text.hidden_characters", Severity: SeverityError, Start: start, End: i,
			Message: fmt.Sprintf("%d invisible byte(s) here (control, direction-override or non-UTF-8 characters): the platform would publish them.", i-start),
			Fix:     "Remove them.", AutoFix: &Edit{Start: start, End: i, With: ""}})
	}
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
		case isEmoji(r):
			n += 2
		case r <= 4351, r >= 8192 && r <= 8205, r >= 8208 && r <= 8223, r >= 8242 && r <= 8247:
			n++
		default:
			n += 2
		}
	}
	return n
}

func (c *textChecker) length() {
	t := c.target
	if t.Limit <= 0 {
		return
	}
	n := Length(c.text, t.Counting, t.URLLength)
	if n <= t.Limit {
		return
	}
	// Point at the part past the limit, approximately, in characters.
	cut := len(c.text)
	if over := n - t.Limit; over < utf8.RuneCountInString(c.text) {
		cut = byteOffsetOfRune(c.text, utf8.RuneCountInString(c.text)-over)
	}
	c.add(Finding{Rule: "length.limit", Severity: SeverityError, Start: cut, End: len(c.text),
		Message: fmt.Sprintf("%d characters as %s counts them; the limit is %d.", n, platformName(t.Platform), t.Limit),
		Fix:     fmt.Sprintf("Cut %d characters.", n-t.Limit)})
}

func platformName(id string) string {
	if id == "" {
		return "the platform"
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
	for _, w := range c.kit.Lexicon.Banned {
		for _, m := range c.folded.findWord(w) {
			c.add(Finding{Rule: "lexicon.banned", Severity: SeverityError, Start: m[0], End: m[1],
				Message: fmt.Sprintf("%q is a banned word in the %s kit.", c.text[m[0]:m[1]], c.kit.Identity.Name),
				Fix:     "Rephrase without it."})
		}
	}
	for from, to := range c.kit.Lexicon.Preferred {
		for _, m := range c.folded.findWord(from) {
			c.add(Finding{Rule: "lexicon.preferred", Severity: SeverityWarning, Start: m[0], End: m[1],
				Message: fmt.Sprintf("The kit prefers %q to %q.", to, c.text[m[0]:m[1]]),
				Fix:     fmt.Sprintf("Write %q.", to),
				AutoFix: &Edit{Start: m[0], End: m[1], With: matchCase(c.text[m[0]:m[1]], to)}})
		}
	}
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

// Hashtags returns the hashtags in text, in order.
func Hashtags(text string) []string { return hashtagRe.FindAllString(text, -1) }

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
	locs := hashtagRe.FindAllStringIndex(c.text, -1)
	present := map[string]bool{}
	for _, l := range locs {
		present[foldString(c.text[l[0]:l[1]])] = true
	}
	for _, h := range c.kit.Lexicon.RequiredHashtags {
		if !present[foldString(h)] {
			c.add(Finding{Rule: "hashtags.required", Severity: SeverityError, Start: -1, End: -1,
				Message: fmt.Sprintf("The required hashtag %s is missing.", h),
				Fix:     "Add " + h + ".",
				AutoFix: &Edit{Start: len(c.text), End: len(c.text), With: appendSep(c.text) + h}})
		}
	}
	limit := c.kit.HashtagLimit(c.target.Platform, c.target.MaxHashtags)
	if limit > 0 && len(locs) > limit {
		c.add(Finding{Rule: "hashtags.limit", Severity: SeverityError, Start: locs[limit][0], End: locs[len(locs)-1][1],
			Message: fmt.Sprintf("%d hashtags; at most %d on %s for this kit.", len(locs), limit, platformName(c.target.Platform)),
			Fix:     fmt.Sprintf("Keep the %d that matter most.", limit)})
	}
}

func appendSep(text string) string {
	if text == "" || strings.HasSuffix(text, " ") || strings.HasSuffix(text, "\n") {
		return ""
	}
	return " "
}

func (c *textChecker) mentions() {
	present := map[string]bool{}
	for _, m := range mentionRe.FindAllString(c.text, -1) {
		present[strings.ToLower(m)] = true
	}
	for _, m := range c.kit.Lexicon.RequiredMentions {
		if !present[strings.ToLower(m)] {
			c.add(Finding{Rule: "mentions.required", Severity: SeverityError, Start: -1, End: -1,
				Message: fmt.Sprintf("The required mention %s is missing.", m), Fix: "Add " + m + ".",
				AutoFix: &Edit{Start: len(c.text), End: len(c.text), With: appendSep(c.text) + m}})
		}
	}
}

func (c *textChecker) claims() {
	window := c.kit.Claims.WindowChars
	if window <= 0 {
		window = 200
	}
	for _, claim := range c.kit.Claims.Restricted {
		for _, m := range c.folded.findWord(claim) {
			if c.substantiated(claim, m, window) {
				continue
			}
			c.add(Finding{Rule: "claims.unsubstantiated", Severity: SeverityError, Start: m[0], End: m[1],
				Message: fmt.Sprintf("%q is a restricted claim and no approved substantiation stands within %d characters.", c.text[m[0]:m[1]], window),
				Fix:     c.substantiationHint(claim)})
		}
	}
}

// substantiated reports whether an approved proof for claim is quoted
// within window characters of the match.
func (c *textChecker) substantiated(claim string, m [2]int, window int) bool {
	lo := max(0, byteOffsetBefore(c.text, m[0], window))
	hi := min(len(c.text), byteOffsetAfter(c.text, m[1], window))
	near := foldString(c.text[lo:hi])
	for _, s := range c.kit.Claims.Substantiations {
		if !containsFold(s.Claims, claim) {
			continue
		}
		if strings.Contains(near, foldString(s.ID)) || strings.Contains(near, proofKey(s.Text)) {
			return true
		}
	}
	return false
}

// proofKey is the part of a substantiation that must be quoted: its first
// 40 folded characters.
func proofKey(text string) string {
	f := []rune(foldString(text))
	return string(f[:min(len(f), 40)])
}

func (c *textChecker) substantiationHint(claim string) string {
	for _, s := range c.kit.Claims.Substantiations {
		if containsFold(s.Claims, claim) {
			return fmt.Sprintf("Quote the approved proof nearby: %q", s.Text)
		}
	}
	return "Remove the claim: the kit has no approved proof for it."
}

func containsFold(list []string, s string) bool {
	for _, l := range list {
		if foldString(l) == foldString(s) {
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
	var locs [][2]int
	for i, r := range c.text {
		if isEmoji(r) {
			locs = append(locs, [2]int{i, i + utf8.RuneLen(r)})
		}
	}
	switch {
	case policy == "none" && len(locs) > 0:
		for _, l := range locs {
			c.add(Finding{Rule: "emoji.policy", Severity: SeverityWarning, Start: l[0], End: l[1],
				Message: "The kit allows no emoji here.", Fix: "Remove the emoji.", AutoFix: &Edit{Start: l[0], End: l[1]}})
		}
	case policy == "sparing" && len(locs) > c.kit.Voice.MaxEmoji:
		c.add(Finding{Rule: "emoji.policy", Severity: SeverityWarning, Start: locs[c.kit.Voice.MaxEmoji][0], End: locs[len(locs)-1][1],
			Message: fmt.Sprintf("%d emoji; the kit allows %d.", len(locs), c.kit.Voice.MaxEmoji),
			Fix:     fmt.Sprintf("Keep at most %d.", c.kit.Voice.MaxEmoji)})
	}
}

func isEmoji(r rune) bool {
	return r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x1F000 && r <= 0x1F2FF
}

// folded is text lower-cased with accents removed, with each folded rune's
// byte offset in the original, so matches map back to the original text.
type folded struct {
	runes []rune
	start []int // byte offset in the original of each folded rune
	end   []int
}

func foldRune(r rune) []rune {
	var out []rune
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		switch d {
		case '\u00A0', '\u202F', '\u2009': // no-break and thin spaces, as French typography uses
			d = ' '
		case '\u2019', '\u02BC': // typographic apostrophes
			d = '\''
		}
		out = append(out, unicode.ToLower(d))
	}
	return out
}

func foldText(s string) folded {
	var f folded
	for i, r := range s {
		for _, fr := range foldRune(r) {
			f.runes = append(f.runes, fr)
			f.start = append(f.start, i)
			f.end = append(f.end, i+utf8.RuneLen(r))
		}
	}
	return f
}

func foldString(s string) string { return string(foldText(s).runes) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// findWord returns the byte ranges in the original text where the phrase
// stands as whole words, ignoring case and accents. An elided article
// before it (l', d', qu') does not stop a match, since the apostrophe is a
// boundary.
func (f folded) findWord(phrase string) [][2]int {
	p := []rune(foldString(strings.TrimSpace(phrase)))
	if len(p) == 0 {
		return nil
	}
	var out [][2]int
	for i := 0; i+len(p) <= len(f.runes); i++ {
		if !equalRunes(f.runes[i:i+len(p)], p) {
			continue
		}
		if isWordRune(p[0]) && i > 0 && isWordRune(f.runes[i-1]) {
			continue
		}
		if j := i + len(p); isWordRune(p[len(p)-1]) && j < len(f.runes) && isWordRune(f.runes[j]) {
			continue
		}
		out = append(out, [2]int{f.start[i], f.end[i+len(p)-1]})
		i += len(p) - 1
	}
	return out
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
