package brandkit

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // logos and avatars are PNG
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/language"
)

var (
	hexColour   = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	colourRoles = []string{"primary", "secondary", "accent", "background", "text", "alert"}
	corners     = []string{"top-left", "top-right", "bottom-left", "bottom-right"}
	emojiRules  = []string{"", "none", "sparing", "free"}
)

// maxAssetBytes bounds any file a kit names (fonts, logo, sonic logo).
const maxAssetBytes = 32 << 20

type validator struct {
	file string
	dir  string
	pos  positions
	errs []FieldError
}

func (v *validator) add(field, problem, expected string) {
	v.errs = append(v.errs, FieldError{File: v.file, Line: v.pos.line(field), Field: field, Problem: problem, Expected: expected})
}

func (v *validator) result() error {
	if len(v.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(v.errs, func(a, b FieldError) int { return a.Line - b.Line })
	return &ValidationError{Errors: v.errs}
}

func (v *validator) validate(k *Kit, opt Options) {
	v.identity(k)
	v.voice(k)
	v.lexicon(k)
	v.palette(k)
	v.font("typography.heading", k.Typography.Heading)
	v.font("typography.body", k.Typography.Body)
	v.logo(k)
	v.claims(k)
	v.personas(k)
	v.platforms(k, opt)
	v.audio(k)
	v.templates(k)
	v.regulatory(k)
	v.rules(k)
}

func (v *validator) regulatory(k *Kit) {
	ids := PackIDs()
	for i, id := range k.Regulatory.Packs {
		if !slices.Contains(ids, id) {
			fe := fmt.Sprintf("%q is not a regulatory pack", id)
			if guess := DidYouMean(id, ids); guess != "" {
				fe += fmt.Sprintf(", did you mean %q", guess)
			}
			v.add(fmt.Sprintf("regulatory.packs[%d]", i), fe, strings.Join(ids, ", "))
		}
	}
	v.terms("regulatory.schemes", k.Regulatory.Schemes)
}

// RuleKinds lists every rule a kit's [rules] table may set: the text
// checker's and the packs' ("eu-green-claims.generic").
func RuleKinds() []string {
	kinds := append([]string(nil), textRules...)
	for _, p := range Packs() {
		for _, r := range p.Rules {
			if kind := p.ID + "." + r.ID; !slices.Contains(kinds, kind) {
				kinds = append(kinds, kind)
			}
		}
	}
	return kinds
}

// textRules are the text checker's rules, with their default severity in
// docs/brandkit.md.
var textRules = []string{"text.hidden_characters", "text.too_large", "length.limit", "fold.hook", "lexicon.banned", "lexicon.preferred",
	"hashtags.required", "hashtags.limit", "mentions.required", "claims.unsubstantiated", "emoji.policy", "language.mismatch",
	"voice.formality", "readability.sentences"}

func (v *validator) rules(k *Kit) {
	kinds := RuleKinds()
	for rule, sev := range k.Rules {
		f := "rules." + rule
		if !slices.Contains(kinds, rule) {
			problem := fmt.Sprintf("%q is not a rule", rule)
			if guess := DidYouMean(rule, kinds); guess != "" {
				problem += fmt.Sprintf(", did you mean %q", guess)
			}
			v.add(f, problem, "one of "+strings.Join(kinds, ", "))
		}
		switch Severity(sev) {
		case SeverityError, SeverityWarning, SeverityInfo, SeverityOff:
		default:
			v.add(f, fmt.Sprintf("%q is not a severity", sev), `"error", "warning", "info" or "off"`)
		}
	}
}

func (v *validator) identity(k *Kit) {
	if strings.TrimSpace(k.Identity.Name) == "" {
		v.add("identity.name", "the brand has no name", "a non-empty name")
	}
	if len(k.Identity.Languages) == 0 {
		v.add("identity.languages", "no language is listed", `at least one BCP 47 tag, such as ["fr-FR", "en-GB"]`)
	}
	for i, tag := range k.Identity.Languages {
		v.languageTag(fmt.Sprintf("identity.languages[%d]", i), tag)
	}
	if k.Identity.Avatar != "" {
		v.image("identity.avatar", k.Identity.Avatar)
	}
}

// languageTag checks a BCP 47 tag, suggesting the tag meant ("es_ES" →
// "es-ES").
func (v *validator) languageTag(field, tag string) bool {
	if problem := CheckLanguageTag(tag); problem != "" {
		v.add(field, problem, `a BCP 47 tag such as "fr", "fr-FR", "de-CH" or "en-GB"`)
		return false
	}
	return true
}

// kitLanguage checks a tag that must also be one of the kit's languages,
// as the keys of by_language tables and proof translations are.
func (v *validator) kitLanguage(k *Kit, field, tag string) {
	if v.languageTag(field, tag) && len(k.Identity.Languages) > 0 && !k.SpeaksLanguage(tag) {
		v.add(field, fmt.Sprintf("%q is not one of the kit's languages", tag), strings.Join(k.Identity.Languages, ", ")+" (identity.languages)")
	}
}

func (v *validator) voice(k *Kit) {
	if _, set := k.Voice.Formal(); !set && k.Voice.Formality != "" {
		v.add("voice.formality", fmt.Sprintf("%q is not a formality", k.Voice.Formality), `"formal" or "casual", or a language's own word: "vous"/"tu", "Sie"/"du", "usted"/"tú", "Lei", "u"/"je"`)
	}
	if !slices.Contains(emojiRules, k.Voice.Emoji) {
		v.add("voice.emoji", fmt.Sprintf("%q is not an emoji policy", k.Voice.Emoji), `"none", "sparing" or "free"`)
	}
	if k.Voice.MaxEmoji < 0 {
		v.add("voice.max_emoji", "the count is negative", "0 or more")
	}
}

func (v *validator) lexicon(k *Kit) {
	for i, h := range k.Lexicon.RequiredHashtags {
		if !strings.HasPrefix(h, "#") || len(h) < 2 || strings.ContainsAny(h, " \t") {
			v.add(fmt.Sprintf("lexicon.required_hashtags[%d]", i), fmt.Sprintf("%q is not a hashtag", h), `"#Word", with no spaces`)
		}
	}
	for i, m := range k.Lexicon.RequiredMentions {
		if !strings.HasPrefix(m, "@") || len(m) < 2 {
			v.add(fmt.Sprintf("lexicon.required_mentions[%d]", i), fmt.Sprintf("%q is not a mention", m), `"@account"`)
		}
	}
	if k.Lexicon.MaxHashtags < 0 {
		v.add("lexicon.max_hashtags", "the limit is negative", "0 or more")
	}
	v.preferred("lexicon.preferred", k.Lexicon.Preferred)
	for tag, terms := range k.Lexicon.ByLanguage {
		f := "lexicon.by_language." + tag
		v.kitLanguage(k, f, tag)
		v.preferred(f+".preferred", terms.Preferred)
		v.terms(f+".banned", terms.Banned)
	}
	v.terms("lexicon.banned", k.Lexicon.Banned)
}

func (v *validator) preferred(field string, m map[string]string) {
	for from, to := range m {
		if strings.TrimSpace(to) == "" {
			v.add(field+"."+from, fmt.Sprintf("no replacement is given for %q", from), "the term to use instead")
		}
	}
}

// terms checks that a list of words has no empty entry.
func (v *validator) terms(field string, list []string) {
	for i, t := range list {
		if strings.TrimSpace(strings.TrimPrefix(t, "=")) == "" {
			v.add(fmt.Sprintf("%s[%d]", field, i), "the term is empty", `a word or phrase; start it with "=" to match only that exact form`)
		}
	}
}

func (v *validator) palette(k *Kit) {
	if len(k.Palette) == 0 {
		v.add("palette", "the palette is empty", "[[palette]] entries with name, hex and role")
	}
	names := map[string]bool{}
	for i, c := range k.Palette {
		f := fmt.Sprintf("palette[%d]", i)
		if c.Name == "" {
			v.add(f+".name", "the colour has no name", "a name such as \"Ambre\"")
		} else if names[c.Name] {
			v.add(f+".name", fmt.Sprintf("%q is named twice", c.Name), "unique colour names")
		}
		names[c.Name] = true
		if !hexColour.MatchString(c.Hex) {
			v.add(f+".hex", fmt.Sprintf("%q is not a hex colour", c.Hex), `"#RRGGBB", such as "#1F2A44"`)
		}
		if !slices.Contains(colourRoles, c.Role) {
			v.add(f+".role", fmt.Sprintf("%q is not a colour role", c.Role), strings.Join(colourRoles, ", "))
		}
	}
}

// kitFile checks that a path the kit names stays inside the kit and exists,
// and returns its content.
func (v *validator) kitFile(field, rel string) ([]byte, bool) {
	if rel == "" {
		v.add(field, "no file is named", "a path relative to the kit folder")
		return nil, false
	}
	if filepath.IsAbs(rel) || strings.HasPrefix(filepath.Clean(filepath.FromSlash(rel)), "..") {
		v.add(field, fmt.Sprintf("%q points outside the kit folder", rel), "a path inside the kit folder, such as \"fonts/Body.ttf\"")
		return nil, false
	}
	path := filepath.Join(v.dir, filepath.FromSlash(rel))
	info, err := os.Lstat(path)
	switch {
	case err != nil:
		v.add(field, fmt.Sprintf("file %q is missing", rel), "the file inside the kit folder")
		return nil, false
	case !info.Mode().IsRegular():
		v.add(field, fmt.Sprintf("%q is not a regular file", rel), "a plain file (no link, no folder)")
		return nil, false
	case info.Size() == 0:
		v.add(field, fmt.Sprintf("%q is empty (0 bytes)", rel), "the file itself: copy or export it again")
		return nil, false
	case info.Size() > maxAssetBytes:
		v.add(field, fmt.Sprintf("%q is %d MB", rel, info.Size()>>20), fmt.Sprintf("at most %d MB", maxAssetBytes>>20))
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		v.add(field, err.Error(), "a readable file")
		return nil, false
	}
	return data, true
}

func (v *validator) font(field string, f Font) {
	if f.Family == "" {
		v.add(field+".family", "the typeface has no family name", "a family name such as \"Lato\"")
	}
	data, ok := v.kitFile(field+".file", f.File)
	if !ok {
		return
	}
	if _, err := sfnt.Parse(data); err != nil {
		v.add(field+".file", fmt.Sprintf("%q is not a font that can be read (%v)", f.File, err), "a TrueType or OpenType file (.ttf, .otf)")
	}
}

func (v *validator) image(field, rel string) {
	data, ok := v.kitFile(field, rel)
	if !ok {
		return
	}
	if strings.HasSuffix(strings.ToLower(rel), ".svg") || bytes.Contains(data[:min(len(data), 512)], []byte("<svg")) {
		v.add(field, fmt.Sprintf("%q is an SVG image, which Atelier cannot draw on renders yet", rel), "a PNG export of the logo, at least as wide as logo.min_width_px, with a transparent background")
		return
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || format != "png" {
		v.add(field, fmt.Sprintf("%q is not a PNG image that can be read", rel), "a PNG image")
	}
}

func (v *validator) logo(k *Kit) {
	v.image("logo.file", k.Logo.File)
	if k.Logo.MinWidthPx <= 0 {
		v.add("logo.min_width_px", "no minimum width is set", "a width in pixels, such as 120")
	}
	if k.Logo.ClearSpace < 0 || k.Logo.ClearSpace > 1 {
		v.add("logo.clear_space", fmt.Sprintf("%g is out of range", k.Logo.ClearSpace), "a fraction of the logo width from 0 to 1, such as 0.25")
	}
	if len(k.Logo.Corners) == 0 {
		v.add("logo.corners", "no corner is allowed", strings.Join(corners, ", "))
	}
	for i, c := range k.Logo.Corners {
		if !slices.Contains(corners, c) {
			v.add(fmt.Sprintf("logo.corners[%d]", i), fmt.Sprintf("%q is not a corner", c), strings.Join(corners, ", "))
		}
	}
}

func (v *validator) claims(k *Kit) {
	restricted := map[string]bool{}
	for _, c := range k.Claims.Restricted {
		restricted[strings.ToLower(c)] = true
	}
	for tag, l := range k.Claims.ByLanguage {
		v.kitLanguage(k, "claims.by_language."+tag, tag)
		v.terms("claims.by_language."+tag+".restricted", l.Restricted)
		for _, c := range l.Restricted {
			restricted[strings.ToLower(c)] = true
		}
	}
	for _, p := range Packs() {
		for _, r := range p.Rules {
			restricted[p.ID+"."+r.ID] = true // a proof may allow a pack's rule
		}
	}
	for i, s := range k.Claims.Substantiations {
		f := fmt.Sprintf("claims.substantiations[%d]", i)
		if s.ID == "" {
			v.add(f+".id", "the substantiation has no id", "a short id such as \"ademe-2025\"")
		}
		if strings.TrimSpace(s.Text) == "" {
			v.add(f+".text", "the substantiation has no text", "the proof as it may be quoted")
		}
		for j, c := range s.Claims {
			if !restricted[strings.ToLower(c)] {
				v.add(fmt.Sprintf("%s.claims[%d]", f, j), fmt.Sprintf("%q is not a restricted claim", c), "one of claims.restricted or claims.by_language, or a regulatory pack's rule such as \"eu-green-claims.generic\"")
			}
		}
		for tag, text := range s.Translations {
			v.kitLanguage(k, f+".translations."+tag, tag)
			if strings.TrimSpace(text) == "" {
				v.add(f+".translations."+tag, "the translation is empty", "the proof's text in that language")
			}
		}
	}
	if k.Claims.WindowChars < 0 {
		v.add("claims.window_chars", "the window is negative", "a number of characters, such as 200")
	}
}

func (v *validator) personas(k *Kit) {
	if len(k.Personas) == 0 {
		v.add("personas", "no persona is defined", "[[personas]] entries with id, name and description")
	}
	ids := map[string]bool{}
	for i, p := range k.Personas {
		f := fmt.Sprintf("personas[%d]", i)
		switch {
		case p.ID == "":
			v.add(f+".id", "the persona has no id", "a short id such as \"urban-parents\"")
		case ids[p.ID]:
			v.add(f+".id", fmt.Sprintf("%q is used twice", p.ID), "unique persona ids")
		}
		ids[p.ID] = true
		if p.Name == "" {
			v.add(f+".name", "the persona has no name", "a name")
		}
	}
}

func (v *validator) platforms(k *Kit, opt Options) {
	for id, o := range k.Platforms {
		f := "platforms." + id
		if len(opt.Platforms) > 0 && !slices.Contains(opt.Platforms, id) {
			v.add(f, fmt.Sprintf("%q is not a known platform", id), strings.Join(opt.Platforms, ", "))
		}
		if o.MaxHashtags < 0 {
			v.add(f+".max_hashtags", "the limit is negative", "0 or more")
		}
		if !slices.Contains(emojiRules, o.Emoji) {
			v.add(f+".emoji", fmt.Sprintf("%q is not an emoji policy", o.Emoji), `"none", "sparing" or "free"`)
		}
	}
}

func (v *validator) audio(k *Kit) {
	a := k.Audio
	if a.RateWPM != 0 && (a.RateWPM < 80 || a.RateWPM > 400) {
		v.add("audio.rate_wpm", fmt.Sprintf("%d words a minute is out of range", a.RateWPM), "80 to 400")
	}
	if a.TargetLUFS != 0 && (a.TargetLUFS < -40 || a.TargetLUFS > -5) {
		v.add("audio.target_lufs", fmt.Sprintf("%g LUFS is out of range", a.TargetLUFS), "-40 to -5, such as -16 for podcasts")
	}
	if a.TruePeakDBT > 0 {
		v.add("audio.true_peak_dbtp", fmt.Sprintf("%g dBTP is above full scale", a.TruePeakDBT), "0 or less, such as -1")
	}
	if a.SonicLogo != "" {
		if data, ok := v.kitFile("audio.sonic_logo", a.SonicLogo); ok && (len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WAVE") {
			v.add("audio.sonic_logo", fmt.Sprintf("%q is not a WAV file", a.SonicLogo), "a RIFF/WAVE file")
		}
	}
	if a.Notes != "" {
		if _, err := ParseNotes(a.Notes); err != nil {
			v.add("audio.notes", err.Error(), `notes such as "C5:150 E5:150 G5:300"`)
		}
	}
	for lang := range a.Voices {
		v.languageTag("audio.voices."+lang, lang)
	}
}

func (v *validator) templates(k *Kit) {
	for i, t := range k.Templates {
		f := fmt.Sprintf("templates[%d]", i)
		v.kitLanguage(k, f+".language", t.Language)
		if strings.TrimSpace(t.Text) == "" {
			v.add(f+".text", "the template is empty", "text with placeholders such as {topic} and {cta}")
		}
	}
}

// SpeaksLanguage reports whether tag matches one of the kit's languages,
// comparing base languages ("fr" matches "fr-FR").
func (k *Kit) SpeaksLanguage(tag string) bool {
	want, err := language.Parse(tag)
	if err != nil {
		return false
	}
	wb, _ := want.Base()
	for _, l := range k.Identity.Languages {
		if t, err := language.Parse(l); err == nil {
			if b, _ := t.Base(); b == wb {
				return true
			}
		}
	}
	return false
}
