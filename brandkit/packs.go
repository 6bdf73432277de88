package brandkit

import (
	"bytes"
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2"
)

// Pack is a regulatory pack: a law's rules as data, which a kit enables by
// id in [regulatory] packs. Each finding a pack raises cites its article.
type Pack struct {
	ID      string     `toml:"id"`
	Name    string     `toml:"name"`
	Law     string     `toml:"law"`
	Source  string     `toml:"source"`
	InForce string     `toml:"in_force"`
	Rules   []PackRule `toml:"rule"`
}

// PackRule is one rule of a pack. Kind "term" fires on each of its terms
// (unless an approved substantiation listing "<pack>.<rule>" is quoted
// nearby); "label" fires on each term unless one of the kit's recognised
// certification schemes is named nearby; "disclosure" applies When the post
// is paid, retouched or virtual and fires when none of its terms is there,
// or, with Position "first_line", when they stand only after the first line.
// Terms are keyed by base language; "*" applies to every language.
type PackRule struct {
	ID            string              `toml:"id"`
	Kind          string              `toml:"kind"`
	Severity      string              `toml:"severity"`
	Article       string              `toml:"article"`
	Message       string              `toml:"message"`
	Fix           string              `toml:"fix"`
	When          string              `toml:"when"`
	Position      string              `toml:"position"`
	BuriedMessage string              `toml:"buried_message"`
	Terms         map[string][]string `toml:"terms"`
}

//go:embed packs/*.toml
var packFiles embed.FS

var (
	packsOnce sync.Once
	packs     []Pack
	packsErr  error
)

// Packs returns the regulatory packs Atelier ships, by id.
func Packs() []Pack {
	packsOnce.Do(func() { packs, packsErr = loadPacks() })
	if packsErr != nil {
		panic(packsErr) // the packs are embedded; a test catches a bad one
	}
	return packs
}

// PackIDs lists the ids of the shipped packs.
func PackIDs() []string {
	var ids []string
	for _, p := range Packs() {
		ids = append(ids, p.ID)
	}
	return ids
}

func loadPacks() ([]Pack, error) {
	entries, err := packFiles.ReadDir("packs")
	if err != nil {
		return nil, err
	}
	var out []Pack
	for _, e := range entries {
		data, err := packFiles.ReadFile(path.Join("packs", e.Name()))
		if err != nil {
			return nil, err
		}
		var p Pack
		if err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&p); err != nil {
			return nil, fmt.Errorf("regulatory pack %s: %w", e.Name(), err)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func packByID(id string) (Pack, bool) {
	for _, p := range Packs() {
		if p.ID == id {
			return p, true
		}
	}
	return Pack{}, false
}

// packRule is a pack rule compiled for one language.
type packRule struct {
	pack     Pack
	rule     PackRule
	terms    *termSet
	hashtags []string // "#ad": matched as hashtags
	literals []string // terms with punctuation ("ad:"), matched without case at a word start
}

func compilePacks(ids []string, base string) []packRule {
	var out []packRule
	for _, id := range ids {
		p, ok := packByID(id)
		if !ok {
			continue // validation reports unknown packs
		}
		for _, r := range p.Rules {
			pr := packRule{pack: p, rule: r}
			var words []string
			for lang, terms := range r.Terms {
				if lang != "*" && lang != base {
					continue
				}
				for _, t := range terms {
					switch {
					case strings.HasPrefix(t, "#"):
						pr.hashtags = append(pr.hashtags, foldTag(t))
					case strings.ContainsAny(t, ":!?.;/&+"):
						pr.literals = append(pr.literals, t)
					default:
						words = append(words, t)
					}
				}
			}
			sort.Strings(words)
			pr.terms = newTermSet(words, base)
			out = append(out, pr)
		}
	}
	return out
}

func (r *packRule) kind() string { return r.pack.ID + "." + r.rule.ID }

// key is the message key of the rule's finding: "pack.", the pack's and
// the rule's ids, the case it covers, and ".buried" for a disclosure that
// stands too late.
func (r *packRule) key(buried bool) string {
	k := "pack." + r.kind()
	if r.rule.When != "" {
		k += "." + r.rule.When
	}
	if buried {
		k += ".buried"
	}
	return k
}

// finding reports the rule at start:end; matched is what the message
// quotes (the word found, or the partner's name).
func (r *packRule) finding(start, end int, matched string, buried bool) Finding {
	sev := Severity(r.rule.Severity)
	if sev == "" {
		sev = SeverityError
	}
	msg := r.rule.Message
	if buried && r.rule.BuriedMessage != "" {
		msg = r.rule.BuriedMessage
	} else {
		buried = false
	}
	if strings.Contains(msg, "%") {
		msg = fmt.Sprintf(msg, matched)
	}
	return Finding{Rule: r.kind(), Severity: sev, Start: start, End: end, Message: msg, Fix: r.rule.Fix,
		Key: r.key(buried), Args: map[string]string{"matched": matched}, Cite: r.rule.Article + " (" + r.pack.Name + ")"}
}

// packs runs the enabled packs' rules.
func (c *textChecker) packs() {
	for i := range c.rules.packs {
		r := &c.rules.packs[i]
		switch r.rule.Kind {
		case "term":
			c.packTerms(r, func(m match) bool { return c.packSubstantiated(r, m) })
		case "label":
			c.packTerms(r, c.namesScheme)
		case "disclosure":
			c.packDisclosure(r)
		}
	}
}

func (c *textChecker) packTerms(r *packRule, excused func(match) bool) {
	for _, m := range c.packMatches(r) {
		if !excused(m) {
			c.add(r.finding(m.start, m.end, c.text[m.start:m.end], false))
		}
	}
}

// packMatches finds a rule's terms: words by their stems, hashtags, and
// literal wordings.
func (c *textChecker) packMatches(r *packRule) []match {
	ms := r.terms.find(c.words)
	if len(r.hashtags) > 0 {
		for _, l := range c.tags {
			for _, h := range r.hashtags {
				if foldTag(c.text[l[0]:l[1]]) == h {
					ms = append(ms, match{start: l[0], end: l[1]})
				}
			}
		}
	}
	for _, lit := range r.literals {
		prev := ' '
		for at, r := range c.text {
			if !isWordRune(prev) && at+len(lit) <= len(c.text) && strings.EqualFold(c.text[at:at+len(lit)], lit) {
				ms = append(ms, match{start: at, end: at + len(lit)})
			}
			prev = r
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	return ms
}

// packSubstantiated reports whether an approved substantiation that lists
// the rule ("eu-green-claims.generic") is quoted near the match.
func (c *textChecker) packSubstantiated(r *packRule, m match) bool {
	near := c.near(m, c.window())
	for _, s := range c.kit.Claims.Substantiations {
		if containsFold(s.Claims, r.kind()) && quotesProof(near, s) {
			return true
		}
	}
	return false
}

// namesScheme reports whether one of the kit's recognised certification
// schemes is named near the match.
func (c *textChecker) namesScheme(m match) bool {
	near := c.near(m, c.window())
	for _, s := range c.kit.Regulatory.Schemes {
		if s != "" && strings.Contains(near, foldTag(s)) {
			return true
		}
	}
	return false
}

func (c *textChecker) packDisclosure(r *packRule) {
	switch r.rule.When {
	case "paid":
		if c.target.Partner == "" {
			return
		}
	case ImageRetouched, ImageVirtual:
		if c.target.Image != r.rule.When {
			return
		}
	}
	ms := c.packMatches(r)
	if len(ms) == 0 {
		c.add(r.finding(-1, -1, c.target.Partner, false))
		return
	}
	if r.rule.Position != "first_line" {
		return
	}
	_, end := firstLine(c.text)
	for _, m := range ms {
		if m.start < end {
			return
		}
	}
	c.add(r.finding(ms[0].start, ms[0].end, c.target.Partner, true))
}

// firstLine returns the byte range of the text's first non-empty line.
func firstLine(text string) (int, int) {
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			return start, len(text)
		}
		if strings.TrimSpace(text[start:start+end]) != "" {
			return start, start + end
		}
		start += end + 1
	}
	return start, len(text)
}

// Disclosure returns the words that declare a paid partnership in a
// language, from the fr-influence pack's wordings ("Publicité" in French,
// "Werbung" in German), or "Advertising" when the pack has none for it.
func Disclosure(tag string) string {
	base := baseLanguage(tag)
	p, _ := packByID("fr-influence")
	for _, r := range p.Rules {
		if r.Kind != "disclosure" || r.When != "paid" {
			continue
		}
		for _, key := range []string{base, "*"} {
			if ts := r.Terms[key]; len(ts) > 0 {
				return ts[0]
			}
		}
	}
	return "Advertising"
}
