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
	"video.resolution":              {"The video is {{.width}}×{{.height}}; {{.placement}} takes {{.want_width}}×{{.want_height}}.", "Render it again for this placement."},
	"video.frame_rate":              {"The video runs at {{.fps}} frames a second; the placement takes {{.want}}.", "Render it again at {{.want}} fps."},
	"video.variable_rate":           {"The frame rate is variable; platforms re-time such videos and the sound can drift.", "Encode at a constant frame rate."},
	"video.codec":                   {"The video is encoded as {{.codec}}; the platforms take H.264.", "Encode it as H.264 High."},
	"video.profile":                 {"The H.264 profile is {{.profile}}; High is what the platforms recommend.", "Encode with the High profile."},
	"video.pixel_format":            {"The pixel format is {{.format}}; players and platforms expect yuv420p.", "Encode as yuv420p."},
	"video.audio.none":              {"The video has no sound.", "Add the voice-over, or accept a silent video."},
	"video.audio.format":            {"The sound is {{.codec}} at {{.rate}} Hz; AAC at 48,000 Hz is what the platforms take.", "Encode the sound as AAC-LC at 48 kHz."},
	"video.faststart":               {"The file's index is at its end, so it cannot start playing before it is whole.", "Encode with +faststart."},
	"video.duration.long":           {"The video lasts {{.seconds}} s; {{.platform}} takes at most {{.max}} s here.", "Shorten it."},
	"video.duration.short":          {"The video lasts {{.seconds}} s; {{.platform}} needs at least {{.min}} s.", "Lengthen it."},
	"video.duration.recommended":    {"The video lasts {{.seconds}} s; {{.platform}} recommends about {{.recommended}} s.", "Consider a shorter cut."},
	"video.size":                    {"The file is {{.size}} MB; {{.platform}} takes at most {{.max}} MB.", "Shorten it or encode at a higher CRF."},
	"video.loudness_unmeasured":     {"The sound could not be decoded, so its loudness was not measured.", "Install ffmpeg to measure it."},
	"video.no_sidecar":              {"No Atelier sidecar (FILE.atelier.json) is beside the video: captions, logo and label were not checked.", "Render the video in Atelier, or check them by eye."},
	"video.captions.none":           {"The video has no captions; most people watch without sound.", "Render it with captions."},
	"video.captions.safe_zone":      {"The caption \"{{.text}}\" reaches outside {{.placement}}'s caption zone, where the interface can hide it.", "Keep captions inside the caption zone."},
	"video.captions.late":           {"The caption \"{{.text}}\" runs past the end of the video.", "Render the video again."},
	"video.label.missing":           {"This is a paid partnership, and the video shows no mention such as \"Publicité\".", "Render it with the partnership label."},
	"video.label.partial":           {"The mention \"{{.label}}\" is shown only from {{.from}} s to {{.to}} s; it must stay for the whole video.", "Render it with the label from start to end."},
	"video.label.unverified":        {"This is a paid partnership, and with no sidecar the checker cannot see whether the video shows \"Publicité\" throughout.", "Check it by eye, or render the video in Atelier."},
	"video.note.enlarged":           {"{{.image}} was enlarged {{.factor}} times to fill {{.width}}×{{.height}}; it will look soft.", "Use a larger image for a sharp video."},
	"video.note.colour_space":       {"{{.image}} is in the {{.profile}} colour space; Atelier reads it as sRGB, so colours may shift.", "Export it as sRGB for exact colours."},
	"video.note.script_cut":         {"The script was cut after \"{{.last}}\" to fit {{.seconds}} s; the captions end there too.", "Shorten the post, or choose a longer video."},
	"video.note.length_capped":      {"{{.placement}} takes at most {{.max}} s, so the clip lasts {{.max}} s instead of {{.asked}}.", "Choose a shorter length to keep the whole script."},
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
