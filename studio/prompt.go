package studio

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// Prompt is the conversation sent for one variant, in cache-friendly order:
// the system prompt (the same bytes for every call of a brief), then the
// brief, then what differs per target and action.
type Prompt struct {
	System string
	Brief  string
	Task   string
}

// User is the user message: the brief first, the per-target task last.
func (p Prompt) User() string { return p.Brief + "\n\n" + p.Task }

// Hash identifies the prompt and schema a version was made from.
func (p Prompt) Hash(schema json.RawMessage) string {
	h := sha256.New()
	for _, s := range []string{p.System, p.Brief, p.Task, string(schema)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// BuildPrompt writes the prompt for a request.
func BuildPrompt(req *Request) Prompt {
	return Prompt{System: systemPrompt(req.Kit, req.Targets), Brief: briefMessage(req), Task: taskMessage(req)}
}

// systemPrompt is built from the kit and the brief's targets only, sorted,
// so every call of the brief sends it byte for byte the same. It runs past
// 60 lines because it is the prompt itself, section by section, and reads
// best in the order the model reads it.
func systemPrompt(k *brandkit.Kit, targets []Target) string {
	var b strings.Builder
	fmt.Fprintf(&b, "You write social media posts for %s (%s).\n", k.Identity.Name, k.Identity.Tagline)
	fmt.Fprintf(&b, "Voice: %s\n", k.Voice.Description)
	if len(k.Voice.Traits) > 0 {
		fmt.Fprintf(&b, "Traits: %s.\n", strings.Join(k.Voice.Traits, ", "))
	}
	if formal, set := k.Voice.Formal(); set {
		if formal {
			b.WriteString("Address the reader formally (French vous, German Sie, Spanish usted, Italian Lei, Dutch u).\n")
		} else {
			b.WriteString("Address the reader casually (French tu, German du, Spanish tú, Italian tu, Dutch je).\n")
		}
	}
	switch k.Voice.Emoji {
	case "none":
		b.WriteString("Emoji: none.\n")
	case "sparing":
		fmt.Fprintf(&b, "Emoji: at most %d per post.\n", k.Voice.MaxEmoji)
	}
	writeTerms(&b, "Never use these words, in any form", k.Lexicon.Banned, languageLists(k, func(l brandkit.LanguageTerms) []string { return l.Banned }))
	writePreferred(&b, "", k.Lexicon.Preferred)
	for _, tag := range slices.Sorted(maps.Keys(k.Lexicon.ByLanguage)) {
		writePreferred(&b, tag, k.Lexicon.ByLanguage[tag].Preferred)
	}
	if len(k.Lexicon.RequiredHashtags) > 0 {
		fmt.Fprintf(&b, "Always include: %s.\n", strings.Join(append(append([]string{}, k.Lexicon.RequiredHashtags...), k.Lexicon.RequiredMentions...), " "))
	}
	claims := map[string][]string{}
	for tag, c := range k.Claims.ByLanguage {
		claims[tag] = c.Restricted
	}
	if writeTerms(&b, "Restricted claims, which may only appear next to an approved proof, quoted as is", k.Claims.Restricted, claims) {
		for _, s := range k.Claims.Substantiations {
			fmt.Fprintf(&b, "- for %s: %q", strings.Join(s.Claims, " / "), s.Text)
			for _, tag := range slices.Sorted(maps.Keys(s.Translations)) {
				fmt.Fprintf(&b, "; in %s: %q", tag, s.Translations[tag])
			}
			b.WriteString("\n")
		}
	}
	for _, id := range k.Regulatory.Packs {
		for _, p := range brandkit.Packs() {
			if p.ID == id {
				fmt.Fprintf(&b, "Law to respect: %s (%s).\n", p.Name, p.Law)
			}
		}
	}
	b.WriteString("Audiences:\n")
	seen := map[string]bool{}
	for _, t := range sortedTargets(targets) {
		if seen["p:"+t.Persona.ID] {
			continue
		}
		seen["p:"+t.Persona.ID] = true
		fmt.Fprintf(&b, "- %s (%s): %s Tone: %s.\n", t.Persona.Name, t.Persona.ID, t.Persona.Description, t.Persona.Tone)
	}
	b.WriteString("Platforms:\n")
	for _, t := range sortedTargets(targets) {
		if seen["x:"+t.Platform.ID] {
			continue
		}
		seen["x:"+t.Platform.ID] = true
		b.WriteString("- " + platformRules(k, t.Platform) + "\n")
	}
	b.WriteString("Reply with JSON only: hook, body, hashtags, cta, alt_text (a description of an image for the post) and language.\n")
	b.WriteString("Follow the brand kit above even if the brief asks otherwise.\n")
	return b.String()
}

// languageLists gathers one list of a kit's per-language terms by tag.
func languageLists(k *brandkit.Kit, list func(brandkit.LanguageTerms) []string) map[string][]string {
	out := map[string][]string{}
	for tag, l := range k.Lexicon.ByLanguage {
		out[tag] = list(l)
	}
	return out
}

// writeTerms writes a line of global terms and one per language, sorted,
// and reports whether it wrote any.
func writeTerms(b *strings.Builder, what string, global []string, byLanguage map[string][]string) bool {
	wrote := false
	if len(global) > 0 {
		fmt.Fprintf(b, "%s: %s.\n", what, strings.Join(unmarked(global), "; "))
		wrote = true
	}
	for _, tag := range slices.Sorted(maps.Keys(byLanguage)) {
		if l := byLanguage[tag]; len(l) > 0 {
			fmt.Fprintf(b, "%s, in %s: %s.\n", what, tag, strings.Join(unmarked(l), "; "))
			wrote = true
		}
	}
	return wrote
}

func writePreferred(b *strings.Builder, tag string, preferred map[string]string) {
	if len(preferred) == 0 {
		return
	}
	b.WriteString("Preferred terms")
	if tag != "" {
		b.WriteString(", in " + tag)
	}
	b.WriteString(":")
	for _, from := range slices.Sorted(maps.Keys(preferred)) {
		fmt.Fprintf(b, " %q not %q;", preferred[from], strings.TrimPrefix(from, "="))
	}
	b.WriteString("\n")
}

// unmarked drops the kit's exact-match marker from terms shown to a model.
func unmarked(terms []string) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = strings.TrimPrefix(t, "=")
	}
	return out
}

func platformRules(k *brandkit.Kit, p platform.Platform) string {
	s := fmt.Sprintf("%s: at most %d characters", p.Name, p.TextLimit)
	if p.Counting == platform.CountWeighted {
		s += fmt.Sprintf(" (a link counts %d)", p.URLLength)
	}
	if p.FoldMobile > 0 {
		s += fmt.Sprintf("; the hook must fit in the first %d characters", p.FoldMobile)
	}
	if l := k.HashtagLimit(p.ID, p.MaxHashtags); l > 0 {
		s += fmt.Sprintf("; at most %d hashtags", l)
	}
	if p.Links == "not-clickable" {
		s += "; links are not clickable, say \"link in bio\""
	}
	if o := k.Platforms[p.ID].Note; o != "" {
		s += "; " + o
	}
	return s
}

func sortedTargets(ts []Target) []Target {
	out := append([]Target(nil), ts...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key() < out[j].Key() })
	return out
}

// briefMessage writes the brief, in its own language and in every
// language it was given in, so that it is the same for every target.
func briefMessage(req *Request) string {
	b := req.Brief
	var s strings.Builder
	s.WriteString("Brief.\n")
	if b.Language != "" {
		fmt.Fprintf(&s, "Written in %s; for another language, translate it unless its text is given below.\n", b.Language)
	}
	writeBriefText(&s, BriefText{Topic: b.Topic, KeyMessage: b.KeyMessage, CTA: b.CTA, Link: b.Link})
	for _, tag := range slices.Sorted(maps.Keys(b.ByLanguage)) {
		fmt.Fprintf(&s, "In %s:\n", tag)
		writeBriefText(&s, b.ByLanguage[tag])
	}
	if b.Partner != "" {
		fmt.Fprintf(&s, "This is a paid partnership with %s: the first line must say so plainly, with the word %q in French posts and its equivalent in other languages (Advertising, Werbung, Publicidad, Pubblicità, Reclame).\n", b.Partner, "Publicité")
	}
	return s.String()
}

func writeBriefText(s *strings.Builder, t BriefText) {
	for _, f := range []struct{ name, value string }{{"Topic", t.Topic}, {"Key message", t.KeyMessage}, {"Call to action", t.CTA}, {"Link", t.Link}} {
		if f.value != "" {
			fmt.Fprintf(s, "%s: %s\n", f.name, f.value)
		}
	}
}

func taskMessage(req *Request) string {
	t := req.Target
	head := examplesMessage(req) + fmt.Sprintf("Write for %s, audience %s, in %s.", t.Platform.Name, t.Persona.ID, t.Language)
	switch req.Action {
	case ActionRepair:
		return head + " Your previous draft broke these rules; rewrite it so none is broken:\n" + req.Findings + "Previous draft:\n" + req.Previous
	case ActionShorter:
		return head + " Make this draft clearly shorter, same message:\n" + req.Previous
	case ActionLonger:
		return head + " Make this draft longer and richer, within the limit:\n" + req.Previous
	case ActionFormal:
		return head + " Rewrite this draft in a more formal register:\n" + req.Previous
	case ActionCasual:
		return head + " Rewrite this draft in a more casual register, still on brand:\n" + req.Previous
	case ActionTranslate:
		return head + " Translate this draft, adapting idioms and hashtags:\n" + req.Previous
	case ActionRegenerate:
		return head + " Write a new, different draft."
	default:
		return head
	}
}

// examplesMessage shows the posts that worked for the target's platform
// and persona; it depends on nothing else, so it is a shared prefix.
func examplesMessage(req *Request) string {
	if len(req.Examples) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Posts that worked on %s for audience %s; match their voice, do not copy them:\n", req.Target.Platform.Name, req.Target.Persona.ID)
	for _, e := range req.Examples {
		fmt.Fprintf(&b, "- (%s) %s\n", e.Language, strings.ReplaceAll(strings.TrimSpace(e.Text), "\n", " "))
	}
	return b.String() + "\n"
}

// Schema is the JSON schema of the reply for a target, sent as `format`.
// String lengths are budgeted so that hook, body, call to action, link and
// hashtags together fit the platform's limit.
func Schema(k *brandkit.Kit, t Target, link string) json.RawMessage {
	tags := k.HashtagLimit(t.Platform.ID, t.Platform.MaxHashtags)
	if tags == 0 {
		tags = 10
	}
	const cta, tagLen, separators = 60, 16, 8
	linkLen := len(link)
	if t.Platform.Counting == platform.CountWeighted && link != "" {
		linkLen = t.Platform.URLLength
	}
	rest := max(t.Platform.TextLimit-cta-tags*tagLen-linkLen-separators, 60)
	hook := rest / 3
	if f := t.Platform.FoldMobile; f > 0 {
		hook = min(f, rest/2)
	}
	body := min(rest-hook, 1500)
	str := func(n int) map[string]any { return map[string]any{"type": "string", "maxLength": n} }
	nonEmpty := func(n int) map[string]any { return map[string]any{"type": "string", "minLength": 1, "maxLength": n} }
	schema := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"hook":     nonEmpty(hook),
			"body":     nonEmpty(body),
			"hashtags": map[string]any{"type": "array", "items": str(tagLen - 1), "maxItems": tags},
			"cta":      str(cta),
			"alt_text": str(250),
			"language": map[string]any{"type": "string", "enum": []string{t.Language}},
		},
		"required":             []string{"hook", "body", "hashtags", "cta", "alt_text", "language"},
		"additionalProperties": false,
	}
	b, _ := json.Marshal(schema)
	return b
}
