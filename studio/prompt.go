package studio

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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
// so every call of the brief sends it byte for byte the same.
func systemPrompt(k *brandkit.Kit, targets []Target) string {
	var b strings.Builder
	fmt.Fprintf(&b, "You write social media posts for %s (%s).\n", k.Identity.Name, k.Identity.Tagline)
	fmt.Fprintf(&b, "Voice: %s\n", k.Voice.Description)
	if len(k.Voice.Traits) > 0 {
		fmt.Fprintf(&b, "Traits: %s.\n", strings.Join(k.Voice.Traits, ", "))
	}
	if f := k.Voice.Formality; f != "" {
		fmt.Fprintf(&b, "Formality: %s (in French, address the reader as \"%s\").\n", f, frenchAddress(f))
	}
	switch k.Voice.Emoji {
	case "none":
		b.WriteString("Emoji: none.\n")
	case "sparing":
		fmt.Fprintf(&b, "Emoji: at most %d per post.\n", k.Voice.MaxEmoji)
	}
	if len(k.Lexicon.Banned) > 0 {
		fmt.Fprintf(&b, "Never use these words: %s.\n", strings.Join(k.Lexicon.Banned, "; "))
	}
	if len(k.Lexicon.Preferred) > 0 {
		keys := make([]string, 0, len(k.Lexicon.Preferred))
		for from := range k.Lexicon.Preferred {
			keys = append(keys, from)
		}
		sort.Strings(keys)
		b.WriteString("Preferred terms:")
		for _, from := range keys {
			fmt.Fprintf(&b, " %q not %q;", k.Lexicon.Preferred[from], from)
		}
		b.WriteString("\n")
	}
	if len(k.Lexicon.RequiredHashtags) > 0 {
		fmt.Fprintf(&b, "Always include: %s.\n", strings.Join(append(append([]string{}, k.Lexicon.RequiredHashtags...), k.Lexicon.RequiredMentions...), " "))
	}
	if len(k.Claims.Restricted) > 0 {
		fmt.Fprintf(&b, "Restricted claims (%s) may only appear next to an approved proof, quoted as is:\n", strings.Join(k.Claims.Restricted, "; "))
		for _, s := range k.Claims.Substantiations {
			fmt.Fprintf(&b, "- for %s: %q\n", strings.Join(s.Claims, " / "), s.Text)
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

func frenchAddress(formality string) string {
	if formality == "tu" || formality == "casual" {
		return "tu"
	}
	return "vous"
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

func briefMessage(req *Request) string {
	b := req.Brief
	var s strings.Builder
	s.WriteString("Brief.\n")
	fmt.Fprintf(&s, "Topic: %s\nKey message: %s\n", b.Topic, b.KeyMessage)
	if b.CTA != "" {
		fmt.Fprintf(&s, "Call to action: %s\n", b.CTA)
	}
	if b.Link != "" {
		fmt.Fprintf(&s, "Link: %s\n", b.Link)
	}
	return s.String()
}

func taskMessage(req *Request) string {
	t := req.Target
	head := fmt.Sprintf("Write for %s, audience %s, in %s.", t.Platform.Name, t.Persona.ID, t.Language)
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
