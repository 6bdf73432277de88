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
	"strconv"
	"strings"
	"time"

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

// unknown records a value that is not one of choices, suggesting the
// nearest when there is one.
func (v *validator) unknown(field, key, value string, choices []string) {
	if guess := DidYouMean(value, choices); guess != "" {
		v.say(field, key+".guess", "value", value, "guess", guess, "choices", strings.Join(choices, ", "))
		return
	}
	v.say(field, key, "value", value, "choices", strings.Join(choices, ", "))
}

// say records a problem with field under a message key of kitPhrases;
// args are name, value pairs its placeholders quote.
func (v *validator) say(field, key string, args ...string) {
	p, ok := kitPhrases[key]
	if !ok {
		panic("brandkit: no kit phrase " + key)
	}
	a := pairs(args)
	v.errs = append(v.errs, FieldError{File: v.file, Line: v.pos.line(field), Field: field,
		Problem: Fill(p[0], a), Expected: Fill(p[1], a), Key: key, Args: a})
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
	v.calendar(k)
}

// calendar checks the time zone and the calendar's rules.
func (v *validator) calendar(k *Kit) {
	if tz := k.Identity.Timezone; tz != "" {
		if _, err := time.LoadLocation(tz); err != nil || tz == "Local" {
			v.say("identity.timezone", "identity.timezone", "value", tz)
		}
	}
	c := k.Calendar
	switch {
	case c.MinGapMinutes < 0:
		v.say("calendar.min_gap_minutes", "limit.negative")
	case c.MinGapMinutes > 0 && c.MinGapMinutes < 30:
		v.say("calendar.min_gap_minutes", "calendar.min_gap", "value", strconv.Itoa(c.MinGapMinutes))
	}
	if c.MaxPerDay < 0 {
		v.say("calendar.max_per_day", "limit.negative")
	}
	if c.ReviewLeadHours < 0 {
		v.say("calendar.review_lead_hours", "limit.negative")
	}
	if len(c.QuietHours) == 0 {
		return
	}
	ok := len(c.QuietHours) == 2
	for _, h := range c.QuietHours {
		if _, err := time.Parse("15:04", h); err != nil {
			ok = false
		}
	}
	if !ok {
		v.say("calendar.quiet_hours", "calendar.quiet_hours", "value", strings.Join(c.QuietHours, ", "))
	}
}

func (v *validator) regulatory(k *Kit) {
	ids := PackIDs()
	for i, id := range k.Regulatory.Packs {
		if !slices.Contains(ids, id) {
			v.unknown(fmt.Sprintf("regulatory.packs[%d]", i), "pack.unknown", id, ids)
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
			v.unknown(f, "rule.unknown", rule, kinds)
		}
		switch Severity(sev) {
		case SeverityError, SeverityWarning, SeverityInfo, SeverityOff:
		default:
			v.say(f, "rule.severity", "value", sev)
		}
	}
}

func (v *validator) identity(k *Kit) {
	if strings.TrimSpace(k.Identity.Name) == "" {
		v.say("identity.name", "identity.name")
	}
	if len(k.Identity.Languages) == 0 {
		v.say("identity.languages", "identity.languages")
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
		v.say(field, "language.tag", "problem", problem, "value", tag)
		return false
	}
	return true
}

// kitLanguage checks a tag that must also be one of the kit's languages,
// as the keys of by_language tables and proof translations are.
func (v *validator) kitLanguage(k *Kit, field, tag string) {
	if v.languageTag(field, tag) && len(k.Identity.Languages) > 0 && !k.SpeaksLanguage(tag) {
		v.say(field, "language.not_kit", "value", tag, "choices", strings.Join(k.Identity.Languages, ", "))
	}
}

func (v *validator) voice(k *Kit) {
	if _, set := k.Voice.Formal(); !set && k.Voice.Formality != "" {
		v.say("voice.formality", "voice.formality", "value", k.Voice.Formality)
	}
	if !slices.Contains(emojiRules, k.Voice.Emoji) {
		v.say("voice.emoji", "emoji.policy", "value", k.Voice.Emoji)
	}
	if k.Voice.MaxEmoji < 0 {
		v.say("voice.max_emoji", "count.negative")
	}
}

func (v *validator) lexicon(k *Kit) {
	for i, h := range k.Lexicon.RequiredHashtags {
		if !strings.HasPrefix(h, "#") || len(h) < 2 || strings.ContainsAny(h, " \t") {
			v.say(fmt.Sprintf("lexicon.required_hashtags[%d]", i), "hashtag.invalid", "value", h)
		}
	}
	for i, m := range k.Lexicon.RequiredMentions {
		if !strings.HasPrefix(m, "@") || len(m) < 2 {
			v.say(fmt.Sprintf("lexicon.required_mentions[%d]", i), "mention.invalid", "value", m)
		}
	}
	if k.Lexicon.MaxHashtags < 0 {
		v.say("lexicon.max_hashtags", "limit.negative")
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
			v.say(field+"."+from, "preferred.empty", "value", from)
		}
	}
}

// terms checks that a list of words has no empty entry.
func (v *validator) terms(field string, list []string) {
	for i, t := range list {
		if strings.TrimSpace(strings.TrimPrefix(t, "=")) == "" {
			v.say(fmt.Sprintf("%s[%d]", field, i), "term.empty")
		}
	}
}

func (v *validator) palette(k *Kit) {
	if len(k.Palette) == 0 {
		v.say("palette", "palette.empty")
	}
	names := map[string]bool{}
	for i, c := range k.Palette {
		f := fmt.Sprintf("palette[%d]", i)
		if c.Name == "" {
			v.say(f+".name", "colour.no_name")
		} else if names[c.Name] {
			v.say(f+".name", "colour.name_twice", "value", c.Name)
		}
		names[c.Name] = true
		if !hexColour.MatchString(c.Hex) {
			v.say(f+".hex", "colour.hex", "value", c.Hex)
		}
		if !slices.Contains(colourRoles, c.Role) {
			v.say(f+".role", "colour.role", "value", c.Role, "choices", strings.Join(colourRoles, ", "))
		}
	}
}

// kitFile checks that a path the kit names stays inside the kit and exists,
// and returns its content.
func (v *validator) kitFile(field, rel string) ([]byte, bool) {
	if rel == "" {
		v.say(field, "file.none")
		return nil, false
	}
	if filepath.IsAbs(rel) || strings.HasPrefix(filepath.Clean(filepath.FromSlash(rel)), "..") {
		v.say(field, "file.outside", "value", rel)
		return nil, false
	}
	path := filepath.Join(v.dir, filepath.FromSlash(rel))
	info, err := os.Lstat(path)
	switch {
	case err != nil:
		v.say(field, "file.missing", "value", rel)
		return nil, false
	case !info.Mode().IsRegular():
		v.say(field, "file.irregular", "value", rel)
		return nil, false
	case info.Size() == 0:
		v.say(field, "file.empty", "value", rel)
		return nil, false
	case info.Size() > maxAssetBytes:
		v.say(field, "file.too_big", "value", rel, "size", strconv.FormatInt(info.Size()>>20, 10), "max", strconv.Itoa(maxAssetBytes>>20))
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		v.say(field, "file.unreadable", "detail", err.Error())
		return nil, false
	}
	return data, true
}

func (v *validator) font(field string, f Font) {
	if f.Family == "" {
		v.say(field+".family", "font.no_family")
	}
	data, ok := v.kitFile(field+".file", f.File)
	if !ok {
		return
	}
	if _, err := sfnt.Parse(data); err != nil {
		v.say(field+".file", "font.unreadable", "value", f.File, "detail", err.Error())
	}
}

func (v *validator) image(field, rel string) {
	data, ok := v.kitFile(field, rel)
	if !ok {
		return
	}
	if strings.HasSuffix(strings.ToLower(rel), ".svg") || bytes.Contains(data[:min(len(data), 512)], []byte("<svg")) {
		v.say(field, "image.svg", "value", rel)
		return
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || format != "png" {
		v.say(field, "image.not_png", "value", rel)
	}
}

func (v *validator) logo(k *Kit) {
	v.image("logo.file", k.Logo.File)
	if k.Logo.MinWidthPx <= 0 {
		v.say("logo.min_width_px", "logo.min_width")
	}
	if k.Logo.ClearSpace < 0 || k.Logo.ClearSpace > 1 {
		v.say("logo.clear_space", "logo.clear_space", "value", strconv.FormatFloat(k.Logo.ClearSpace, 'g', -1, 64))
	}
	if len(k.Logo.Corners) == 0 {
		v.say("logo.corners", "logo.no_corner", "choices", strings.Join(corners, ", "))
	}
	for i, c := range k.Logo.Corners {
		if !slices.Contains(corners, c) {
			v.say(fmt.Sprintf("logo.corners[%d]", i), "logo.corner", "value", c, "choices", strings.Join(corners, ", "))
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
			v.say(f+".id", "proof.no_id")
		}
		if strings.TrimSpace(s.Text) == "" {
			v.say(f+".text", "proof.no_text")
		}
		for j, c := range s.Claims {
			if !restricted[strings.ToLower(c)] {
				v.say(fmt.Sprintf("%s.claims[%d]", f, j), "proof.claim", "value", c)
			}
		}
		for tag, text := range s.Translations {
			v.kitLanguage(k, f+".translations."+tag, tag)
			if strings.TrimSpace(text) == "" {
				v.say(f+".translations."+tag, "proof.translation")
			}
		}
	}
	if k.Claims.WindowChars < 0 {
		v.say("claims.window_chars", "claims.window")
	}
}

func (v *validator) personas(k *Kit) {
	if len(k.Personas) == 0 {
		v.say("personas", "personas.none")
	}
	ids := map[string]bool{}
	for i, p := range k.Personas {
		f := fmt.Sprintf("personas[%d]", i)
		switch {
		case p.ID == "":
			v.say(f+".id", "persona.no_id")
		case ids[p.ID]:
			v.say(f+".id", "persona.id_twice", "value", p.ID)
		}
		ids[p.ID] = true
		if p.Name == "" {
			v.say(f+".name", "persona.no_name")
		}
	}
}

func (v *validator) platforms(k *Kit, opt Options) {
	for id, o := range k.Platforms {
		f := "platforms." + id
		if len(opt.Platforms) > 0 && !slices.Contains(opt.Platforms, id) {
			v.say(f, "platform.unknown", "value", id, "choices", strings.Join(opt.Platforms, ", "))
		}
		if o.MaxHashtags < 0 {
			v.say(f+".max_hashtags", "limit.negative")
		}
		if !slices.Contains(emojiRules, o.Emoji) {
			v.say(f+".emoji", "emoji.policy", "value", o.Emoji)
		}
	}
}

func (v *validator) audio(k *Kit) {
	a := k.Audio
	if a.RateWPM != 0 && (a.RateWPM < 80 || a.RateWPM > 400) {
		v.say("audio.rate_wpm", "audio.rate", "value", strconv.Itoa(a.RateWPM))
	}
	if a.TargetLUFS != 0 && (a.TargetLUFS < -40 || a.TargetLUFS > -5) {
		v.say("audio.target_lufs", "audio.target", "value", strconv.FormatFloat(a.TargetLUFS, 'g', -1, 64))
	}
	if a.TruePeakDBT > 0 {
		v.say("audio.true_peak_dbtp", "audio.peak", "value", strconv.FormatFloat(a.TruePeakDBT, 'g', -1, 64))
	}
	if a.SonicLogo != "" {
		if data, ok := v.kitFile("audio.sonic_logo", a.SonicLogo); ok && (len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WAVE") {
			v.say("audio.sonic_logo", "audio.not_wav", "value", a.SonicLogo)
		}
	}
	if a.Notes != "" {
		if _, err := ParseNotes(a.Notes); err != nil {
			v.say("audio.notes", "audio.notes", "detail", err.Error())
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
			v.say(f+".text", "template.empty")
		}
	}
	for i, e := range k.Examples {
		f := fmt.Sprintf("examples[%d]", i)
		v.kitLanguage(k, f+".language", e.Language)
		if strings.TrimSpace(e.Text) == "" {
			v.say(f+".text", "example.empty")
		}
		if _, ok := k.Persona(e.Persona); !ok && e.Persona != "" {
			var ids []string
			for _, p := range k.Personas {
				ids = append(ids, p.ID)
			}
			v.unknown(f+".persona", "example.persona", e.Persona, ids)
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
