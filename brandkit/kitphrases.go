package brandkit

// kitPhrases are the kit validation's problems, with what is expected
// instead, in English, by message key; FieldError carries the key and its
// arguments so a front-end can say them in its own language (under
// "kit.KEY" and "kit.KEY.expected", with the same {{.name}} placeholders).
var kitPhrases = map[string][2]string{
	"audio.not_wav":         {"\"{{.value}}\" is not a WAV file", "a RIFF/WAVE file"},
	"audio.notes":           {"{{.detail}}", "notes such as \"C5:150 E5:150 G5:300\""},
	"audio.peak":            {"{{.value}} dBTP is above full scale", "0 or less, such as -1"},
	"audio.rate":            {"{{.value}} words a minute is out of range", "80 to 400"},
	"audio.target":          {"{{.value}} LUFS is out of range", "-40 to -5, such as -16 for podcasts"},
	"claims.window":         {"the window is negative", "a number of characters, such as 200"},
	"colour.hex":            {"\"{{.value}}\" is not a hex colour", "\"#RRGGBB\", such as \"#1F2A44\""},
	"colour.name_twice":     {"\"{{.value}}\" is named twice", "unique colour names"},
	"colour.no_name":        {"the colour has no name", "a name such as \"Ambre\""},
	"colour.role":           {"\"{{.value}}\" is not a colour role", "{{.choices}}"},
	"count.negative":        {"the count is negative", "0 or more"},
	"emoji.policy":          {"\"{{.value}}\" is not an emoji policy", "\"none\", \"sparing\" or \"free\""},
	"file.empty":            {"\"{{.value}}\" is empty (0 bytes)", "the file itself: copy or export it again"},
	"file.irregular":        {"\"{{.value}}\" is not a regular file", "a plain file (no link, no folder)"},
	"file.missing":          {"file \"{{.value}}\" is missing", "the file inside the kit folder"},
	"file.none":             {"no file is named", "a path relative to the kit folder"},
	"file.outside":          {"\"{{.value}}\" points outside the kit folder", "a path inside the kit folder, such as \"fonts/Body.ttf\""},
	"file.too_big":          {"\"{{.value}}\" is {{.size}} MB", "at most {{.max}} MB"},
	"file.unreadable":       {"{{.detail}}", "a readable file"},
	"font.no_family":        {"the typeface has no family name", "a family name such as \"Lato\""},
	"font.unreadable":       {"\"{{.value}}\" is not a font that can be read ({{.detail}})", "a TrueType or OpenType file (.ttf, .otf)"},
	"hashtag.invalid":       {"\"{{.value}}\" is not a hashtag", "\"#Word\", with no spaces"},
	"identity.languages":    {"no language is listed", "at least one BCP 47 tag, such as [\"fr-FR\", \"en-GB\"]"},
	"identity.name":         {"the brand has no name", "a non-empty name"},
	"identity.timezone":     {"\"{{.value}}\" is not a time zone", "an IANA zone such as \"Europe/Paris\" or \"America/New_York\", or nothing for the computer's own"},
	"calendar.min_gap":      {"{{.value}} minutes is less than the 30 minutes one account needs between two posts", "30 or more, or 0 for each platform's own gap"},
	"calendar.quiet_hours":  {"\"{{.value}}\" is not a start and an end time", "two times of day, such as [\"22:00\", \"07:00\"]"},
	"image.not_png":         {"\"{{.value}}\" is not a PNG image that can be read", "a PNG image"},
	"image.svg":             {"\"{{.value}}\" is an SVG image, which Atelier cannot draw on renders yet", "a PNG export of the logo, at least as wide as logo.min_width_px, with a transparent background"},
	"language.not_kit":      {"\"{{.value}}\" is not one of the kit's languages", "{{.choices}} (identity.languages)"},
	"language.tag":          {"{{.problem}}", "a BCP 47 tag such as \"fr\", \"fr-FR\", \"de-CH\" or \"en-GB\""},
	"limit.negative":        {"the limit is negative", "0 or more"},
	"logo.clear_space":      {"{{.value}} is out of range", "a fraction of the logo width from 0 to 1, such as 0.25"},
	"logo.corner":           {"\"{{.value}}\" is not a corner", "{{.choices}}"},
	"logo.min_width":        {"no minimum width is set", "a width in pixels, such as 120"},
	"logo.no_corner":        {"no corner is allowed", "{{.choices}}"},
	"mention.invalid":       {"\"{{.value}}\" is not a mention", "\"@account\""},
	"pack.unknown":          {"\"{{.value}}\" is not a regulatory pack", "{{.choices}}"},
	"pack.unknown.guess":    {"\"{{.value}}\" is not a regulatory pack, did you mean \"{{.guess}}\"", "{{.choices}}"},
	"palette.empty":         {"the palette is empty", "[[palette]] entries with name, hex and role"},
	"persona.id_twice":      {"\"{{.value}}\" is used twice", "unique persona ids"},
	"persona.no_id":         {"the persona has no id", "a short id such as \"urban-parents\""},
	"persona.no_name":       {"the persona has no name", "a name"},
	"personas.none":         {"no persona is defined", "[[personas]] entries with id, name and description"},
	"platform.unknown":      {"\"{{.value}}\" is not a known platform", "{{.choices}}"},
	"preferred.empty":       {"no replacement is given for \"{{.value}}\"", "the term to use instead"},
	"proof.claim":           {"\"{{.value}}\" is not a restricted claim", "one of claims.restricted or claims.by_language, or a regulatory pack's rule such as \"eu-green-claims.generic\""},
	"proof.no_id":           {"the substantiation has no id", "a short id such as \"ademe-2025\""},
	"proof.no_text":         {"the substantiation has no text", "the proof as it may be quoted"},
	"proof.translation":     {"the translation is empty", "the proof's text in that language"},
	"rule.severity":         {"\"{{.value}}\" is not a severity", "\"error\", \"warning\", \"info\" or \"off\""},
	"rule.unknown":          {"\"{{.value}}\" is not a rule", "one of {{.choices}}"},
	"rule.unknown.guess":    {"\"{{.value}}\" is not a rule, did you mean \"{{.guess}}\"", "one of {{.choices}}"},
	"template.empty":        {"the template is empty", "text with placeholders such as {topic} and {cta}"},
	"example.empty":         {"the example post is empty", "the text of a post the brand is proud of"},
	"example.persona":       {"\"{{.value}}\" is not one of the kit's personas", "{{.choices}}"},
	"example.persona.guess": {"\"{{.value}}\" is not one of the kit's personas, did you mean \"{{.guess}}\"", "{{.choices}}"},
	"term.empty":            {"the term is empty", "a word or phrase; start it with \"=\" to match only that exact form"},
	"voice.formality":       {"\"{{.value}}\" is not a formality", "\"formal\" or \"casual\", or a language's own word: \"vous\"/\"tu\", \"Sie\"/\"du\", \"usted\"/\"tú\", \"Lei\", \"u\"/\"je\""},
}

// KitPhraseKeys lists the validation's message keys, for a front-end's
// translation test.
func KitPhraseKeys() []string {
	keys := make([]string, 0, len(kitPhrases))
	for k := range kitPhrases {
		keys = append(keys, k)
	}
	return keys
}

// KitPhrase returns the English problem and expectation under key.
func KitPhrase(key string) (problem, expected string) {
	p := kitPhrases[key]
	return p[0], p[1]
}
