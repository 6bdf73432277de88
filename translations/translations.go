// Package translations holds the words Atelier's front-ends show, in
// English and French (json/*.json, in the format Fyne's lang package
// reads), and says a brand check's findings in either language for the
// front-ends that do not run Fyne.
package translations

import (
	"embed"
	"encoding/json"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// FS holds json/en.json and json/fr.json.
//
//go:embed json
var FS embed.FS

var (
	once   sync.Once
	tables map[string]map[string]json.RawMessage
)

// Lookup returns the translation of key in lang ("fr", "en", or a tag
// whose base is one), and whether there is one. A plural entry gives its
// "other" form.
func Lookup(lang, key string) (string, bool) {
	once.Do(load)
	t := tables[Base(lang)]
	raw, ok := t[key]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var plural map[string]string
	if json.Unmarshal(raw, &plural) == nil && plural["other"] != "" {
		return plural["other"], true
	}
	return "", false
}

func load() {
	tables = map[string]map[string]json.RawMessage{}
	for _, l := range []string{"en", "fr"} {
		data, err := FS.ReadFile("json/" + l + ".json")
		if err != nil {
			panic(err) // embedded
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			panic("translations: json/" + l + ".json: " + err.Error()) // a test reads them
		}
		tables[l] = m
	}
}

// Base is the language of a tag or a locale ("fr-CA", "fr_FR.UTF-8" →
// "fr"); "" for one that does not parse.
func Base(tag string) string {
	tag, _, _ = strings.Cut(tag, ".")
	tag, _, _ = strings.Cut(tag, "@")
	t, err := language.Parse(strings.ReplaceAll(tag, "_", "-"))
	if err != nil {
		return ""
	}
	b, _ := t.Base()
	return b.String()
}

// Say returns key in lang, or fallback when lang has no translation;
// {{.name}} placeholders are filled from args either way.
func Say(lang, key, fallback string, args map[string]string) string {
	if s, ok := Lookup(lang, key); ok && Base(lang) != "en" {
		return brandkit.Fill(s, args)
	}
	return brandkit.Fill(fallback, args)
}

// Finding returns what f found and how to fix it, in lang. Platforms and
// placements are named as reg names them, corners and languages in lang,
// and numbers take lang's decimal mark. A finding with no translation (a
// kit's own rule) is said as the check wrote it.
func Finding(lang string, f brandkit.Finding, reg *platform.Registry) (message, fix string) {
	if Base(lang) != "fr" {
		lang = "en"
	}
	fixKey := f.Key
	if f.FixKey != "" {
		fixKey = f.FixKey
	}
	msg, ok := phrase(lang, f.Key, false)
	if !ok {
		return f.Message, f.Fix // a kit's own rule, in the kit's words
	}
	args := localArgs(lang, f.Args, reg)
	message, fix = brandkit.Fill(msg, args), f.Fix
	if s, ok := phrase(lang, fixKey, true); ok && f.Fix != "" {
		fix = brandkit.Fill(s, args)
	}
	return message, fix
}

// phrase is a finding's message (or fix) template in lang: the
// translations' for French, the checks' own for English.
func phrase(lang, key string, fix bool) (string, bool) {
	if key == "" {
		return "", false
	}
	if lang == "en" {
		msg, fixText := brandkit.Phrase(key)
		if fix {
			return fixText, fixText != ""
		}
		return msg, msg != ""
	}
	if fix {
		key += ".fix"
	}
	return Lookup(lang, "finding."+key)
}

var decimal = regexp.MustCompile(`^[+-]?\d+\.\d+$`)

// localArgs says a finding's arguments in lang.
func localArgs(lang string, args map[string]string, reg *platform.Registry) map[string]string {
	out := make(map[string]string, len(args))
	for k, v := range args {
		switch k {
		case "platform":
			v = PlatformName(lang, v, reg)
		case "placement":
			v = PlacementName(lang, v, reg)
		case "corner":
			v = Say(lang, "corner."+v, v, nil)
		case "corners":
			parts := strings.Split(v, ", ")
			for i, p := range parts {
				parts[i] = Say(lang, "corner."+p, p, nil)
			}
			v = strings.Join(parts, ", ")
		case "got", "want":
			v = LanguageName(lang, v)
		}
		if decimal.MatchString(v) && Base(lang) == "fr" {
			v = strings.Replace(v, ".", ",", 1)
		}
		out[k] = v
	}
	return out
}

// PlatformName is a platform's name: the registry's (a brand name, the
// same in every language), or the words for "the platform" when the
// finding had none.
func PlatformName(lang, id string, reg *platform.Registry) string {
	if id == "platform" {
		return Say(lang, "the platform", "the platform", nil)
	}
	if reg != nil {
		if p, ok := reg.Get(id); ok && p.Name != "" {
			return p.Name
		}
	}
	return id
}

// PlacementName is a placement's name in lang ("Carré du fil").
func PlacementName(lang, id string, reg *platform.Registry) string {
	if reg == nil {
		return id
	}
	pl, ok := reg.Placement(id)
	if !ok {
		return id
	}
	name := Say(lang, pl.Name, pl.Name, nil)
	if platformID, _, _ := strings.Cut(id, "."); platformID != "" {
		p, _ := reg.Get(platformID)
		if p.Name == "" {
			return name
		}
		return p.Name + " · " + name
	}
	return name
}

// VideoPlacementName is a video placement's name in lang ("Vidéo
// TikTok 9:16").
func VideoPlacementName(lang, id string, reg *platform.Registry) string {
	if reg == nil {
		return id
	}
	v, ok := reg.VideoPlacement(id)
	if !ok {
		return id
	}
	return Say(lang, v.Name, v.Name, nil)
}

// LanguageName is a language's name in lang ("allemand").
func LanguageName(lang, tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if name := display.Tags(language.Make(lang)).Name(t); name != "" {
		return name
	}
	return tag
}
