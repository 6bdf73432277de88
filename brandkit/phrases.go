package brandkit

import (
	"strconv"
	"strings"
)

// A finding says what it found twice: as English sentences (Message and
// Fix, for the command line, logs and repair prompts) and as a message key
// with arguments (Key and Args), which a front-end looks up in its own
// language. phrases holds the English for every key the checks use; a
// front-end's translation of key K is found under "finding.K" and
// "finding.K.fix", with the same {{.name}} placeholders.
var phrases = map[string][2]string{
	"audio.silent":                  {"The sound is silent.", "Check the recording."},
	"audio.loudness":                {"Integrated loudness is {{.lufs}} LUFS; the target is {{.target}} ({{.delta}} LU).", "Apply {{.gain}} dB of gain, or render it again in Atelier, which normalises."},
	"audio.loudness.near":           {"Integrated loudness is {{.lufs}} LUFS; the target is {{.target}} ({{.delta}} LU).", "Apply {{.gain}} dB of gain."},
	"audio.true_peak":               {"True peak is {{.peak}} dBTP; at most {{.limit}} is allowed, or it may clip once encoded.", "Lower the gain or use a true-peak limiter."},
	"audio.duration":                {"The sound lasts {{.seconds}} s; {{.platform}} takes at most {{.max}} s.", "Shorten it."},
	"audio.silence.start":           {"{{.seconds}} s of silence at the start.", "Trim the start."},
	"audio.silence.end":             {"{{.seconds}} s of silence at the end.", "Trim the end."},
	"voice.formality":               {"\"{{.word}}\" breaks the kit's address: the brand says \"{{.want}}\".", "Address the reader with \"{{.want}}\"."},
	"logo.unverified":               {"The kit's logo could not be read to look for it.", "Fix the kit's logo file."},
	"logo.not_found":                {"The kit's logo was not found (best match {{.score}}; a template match misses recoloured or distorted logos).", "Add the logo in an allowed corner, or render the image in Atelier."},
	"image.resolution":              {"The image is {{.width}}×{{.height}}; {{.placement}} needs at least {{.min_width}}×{{.min_height}}.", "Use a larger source image."},
	"image.palette":                 {"Only {{.share}} % of the image is within ΔE 10 of the kit's colours; the main off-palette colours are {{.colours}}.", "Recolour the background or a frame in a kit colour, or pick another image."},
	"image.contrast":                {"Text {{.colour}} on {{.background}} has a contrast of {{.ratio}}:1; WCAG asks at least {{.min}}:1.", "Use a kit colour with more contrast, or add a band behind the text."},
	"logo.missing":                  {"The render carries no logo.", "Render it with the brand layer on."},
	"logo.corner":                   {"The logo is in the {{.corner}} corner; the kit allows {{.corners}}.", "Move it to an allowed corner."},
	"logo.size":                     {"The logo is {{.width}} px wide; the kit's minimum is {{.min}}.", "Render it larger."},
	"logo.clear_space":              {"The logo is closer to the edge than its clear space ({{.margin}} px).", "Move it inwards."},
	"logo.clear_space.text":         {"Text stands inside the logo's clear space.", "Move the text or the logo."},
	"image.safe_zone.logo":          {"The logo reaches into the area {{.placement}}'s interface covers.", "Keep it inside the safe zone."},
	"image.safe_zone.text":          {"The text reaches into the area {{.placement}}'s interface covers.", "Keep it inside the safe zone."},
	"text.too_large":                {"The text is {{.size}} KB; no platform takes more than {{.max}} KB.", "Shorten the text."},
	"text.hidden_characters":        {"Invisible character(s) here: {{.chars}}. A reader cannot see them, the platform would publish them, and they can hide a word from the checks.", "Remove them."},
	"length.limit":                  {"{{.count}} characters as {{.platform}} counts them; the limit is {{.limit}}.", "Cut {{.cut}} characters."},
	"lexicon.banned":                {"\"{{.word}}\" is a banned word in the {{.brand}} kit.", "Rephrase without it."},
	"lexicon.banned.listed":         {"\"{{.word}}\" is a banned word in the {{.brand}} kit (listed as \"{{.listed}}\").", "Rephrase without it."},
	"lexicon.preferred":             {"The kit prefers \"{{.to}}\" to \"{{.word}}\".", "Write \"{{.to}}\"."},
	"hashtags.required":             {"The required hashtag {{.tag}} is missing.", "Add {{.tag}}."},
	"hashtags.limit":                {"{{.count}} hashtags; at most {{.limit}} on {{.platform}} for this kit.", "Keep the {{.limit}} that matter most."},
	"mentions.required":             {"The required mention {{.mention}} is missing.", "Add {{.mention}}."},
	"claims.unsubstantiated":        {"\"{{.word}}\" is a restricted claim and no approved substantiation stands within {{.window}} characters.", "Remove the claim: the kit has no approved proof for it."},
	"claims.unsubstantiated.listed": {"\"{{.word}}\" is a restricted claim (listed as \"{{.listed}}\") and no approved substantiation stands within {{.window}} characters.", "Remove the claim: the kit has no approved proof for it."},
	"claims.proof":                  {"", "Quote the approved proof nearby: \"{{.proof}}\""},
	"emoji.none":                    {"The kit allows no emoji on {{.platform}}; {{.emoji}} is one.", "Remove the emoji."},
	"emoji.count":                   {"{{.count}} emoji; the kit allows {{.max}}.", "Keep at most {{.max}}."},
	"fold.hook":                     {"The hook is {{.count}} characters; {{.platform}} folds after about {{.fold}}, so readers see only its start.", "Say the point in the first {{.fold}} characters, then break the line."},
	"language.mismatch":             {"The text reads as \"{{.got}}\"; \"{{.want}}\" was asked for.", "Translate it, or change the piece's language."},
	"draft.invalid_reply":           {"The model's reply could not be read as a post: {{.error}}", "Regenerate, or write the post by hand."},
	"readability.sentences":         {"Sentences average {{.words}} words; posts read best under 20.", "Split the longest sentences."},
}

// PhraseKeys lists the keys of every finding the built-in checks make,
// packs' rules included, for a front-end's translation test.
func PhraseKeys() []string {
	var keys []string
	for k := range phrases {
		if k != "claims.proof" {
			keys = append(keys, k)
		}
	}
	for _, p := range Packs() {
		for _, r := range p.Rules {
			pr := packRule{pack: p, rule: r}
			keys = append(keys, pr.key(false))
			if r.BuriedMessage != "" {
				keys = append(keys, pr.key(true))
			}
		}
	}
	return keys
}

// Phrase returns the English message and fix under key.
func Phrase(key string) (message, fix string) {
	p := phrases[key]
	return p[0], p[1]
}

// Say fills f's Key, Args, Message and Fix from the phrase under key;
// args are name, value pairs.
func Say(f Finding, key string, args ...string) Finding {
	p, ok := phrases[key]
	if !ok {
		panic("brandkit: no phrase " + key)
	}
	f.Key = key
	f.Args = pairs(args)
	f.Message = Fill(p[0], f.Args)
	f.Fix = Fill(p[1], f.Args)
	return f
}

func pairs(args []string) map[string]string {
	if len(args) == 0 {
		return nil
	}
	m := make(map[string]string, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		m[args[i]] = args[i+1]
	}
	return m
}

// Fill replaces each {{.name}} in template with args[name], the
// placeholder syntax the front-ends' translations share.
func Fill(template string, args map[string]string) string {
	if !strings.Contains(template, "{{") {
		return template
	}
	var b strings.Builder
	for {
		i := strings.Index(template, "{{.")
		if i < 0 {
			break
		}
		j := strings.Index(template[i:], "}}")
		if j < 0 {
			break
		}
		b.WriteString(template[:i])
		b.WriteString(args[template[i+3:i+j]])
		template = template[i+j+2:]
	}
	b.WriteString(template)
	return b.String()
}

// num formats a measure with one decimal, num0 with none.
func num(v float64) string  { return strconv.FormatFloat(v, 'f', 1, 64) }
func num0(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }
func signed(v float64) string {
	s := num(v)
	if v >= 0 {
		return "+" + s
	}
	return s
}
func itoa(n int) string { return strconv.Itoa(n) }
