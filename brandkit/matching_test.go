package brandkit_test

import (
	"path/filepath"
	"strings"
	"testing"

	"atelier/brandkit"
)

func corpusKit(t testing.TB) *brandkit.Kit {
	t.Helper()
	k, err := brandkit.Load(filepath.Join("testdata", "corpus", "kit"), brandkit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func rulesOf(r brandkit.Report) map[string]string {
	out := map[string]string{}
	for _, f := range r.Findings {
		if f.Start >= 0 {
			out[f.Rule] = "located"
		} else if _, ok := out[f.Rule]; !ok {
			out[f.Rule] = "whole"
		}
	}
	return out
}

// TestInflectedFormsMatch: banned words, preferred terms and claims match
// their inflected forms and spelling variants in the post's language, and
// only there.
func TestInflectedFormsMatch(t *testing.T) {
	kit := corpusKit(t)
	cases := []struct {
		lang, text, rule string
		want             bool
	}{
		{"de-DE", "Unsere billigen Schlösser halten nicht.", "lexicon.banned", true},
		{"de-DE", "Ein billiger Trick.", "lexicon.banned", true},
		{"de-DE", "Das Billigrad aus dem Discounter.", "lexicon.banned", true},
		{"de-DE", "Die nachhaltige Produktion in Leipzig.", "claims.unsubstantiated", true},
		{"de-DE", "Der Rahmen ist kompostierbaren Materialien ähnlich.", "claims.unsubstantiated", true},
		{"en-GB", "Two superfoods for the ride.", "lexicon.banned", true},
		{"en-GB", "Our cheaper locks.", "lexicon.banned", true},
		{"en-GB", "Cycling cures the Monday mood.", "claims.unsubstantiated", true},
		{"en-GB", "Stay curious on the road.", "claims.unsubstantiated", false},
		{"en-GB", "A carbon-neutral ride.", "claims.unsubstantiated", true},
		{"en-GB", "A carbon neutral ride.", "claims.unsubstantiated", true},
		{"en-GB", "CO₂-free deliveries.", "claims.unsubstantiated", true},
		{"en-GB", "Our customers ride daily.", "lexicon.preferred", true},
		{"fr-FR", "Des vélos incroyables et pas chers.", "lexicon.banned", true},
		{"fr-FR", "Nos clients roulent.", "lexicon.preferred", true},
		{"en-GB", "Nos clients roulent en ville tous les jours.", "lexicon.preferred", false}, // a French term in an English post
		{"fr-FR", "Le Velo X arrive.", "lexicon.banned", true},
		{"fr-FR", "Le vélo X arrive.", "lexicon.banned", true},      // accents fold
		{"fr-FR", "Les Velos X arrivent.", "lexicon.banned", false}, // exact-match term
		{"es-ES", "Bicicletas baratas.", "lexicon.banned", true},
		{"it-IT", "Biciclette economiche.", "lexicon.banned", true},
		{"nl-NL", "Goedkope fietsen.", "lexicon.banned", true},
		{"en-GB", "More at https://velora.example/cheap-bikes and info@cheap.example", "lexicon.banned", false},
		{"en-GB", "Ask @cheapbikes about it.", "lexicon.banned", false},
	}
	for _, c := range cases {
		got := rulesOf(brandkit.CheckText(kit, brandkit.TextTarget{Language: c.lang}, c.text))[c.rule] != ""
		if got != c.want {
			t.Errorf("%s %q: %s fired %v, want %v", c.lang, c.text, c.rule, got, c.want)
		}
	}
}

// TestInvisibleCharactersByProperty: every kind of invisible character is
// found, named, and cannot hide a banned word.
func TestInvisibleCharactersByProperty(t *testing.T) {
	kit := corpusKit(t)
	for _, c := range []struct{ name, char string }{
		{"zero-width space", "\u200b"}, {"zero-width joiner", "\u200d"}, {"zero-width non-joiner", "\u200c"},
		{"word joiner", "\u2060"}, {"soft hyphen", "\u00ad"}, {"LRM", "\u200e"}, {"RLM", "\u200f"}, {"ALM", "\u061c"},
		{"Mongolian vowel separator", "\u180e"}, {"combining grapheme joiner", "\u034f"}, {"invisible times", "\u2062"},
		{"tag A", "\U000E0041"}, {"BOM", "\ufeff"}, {"RLO", "\u202e"}, {"isolate", "\u2066"}, {"stray VS16", "\ufe0f"},
		{"NUL", "\x00"}, {"C1 control", "\u0085"}, {"Hangul filler", "\u3164"},
	} {
		text := "Ein bil" + c.char + "liges Angebot. #Velora"
		r := brandkit.CheckText(kit, brandkit.TextTarget{Language: "de-DE"}, text)
		rules := rulesOf(r)
		if rules["text.hidden_characters"] == "" || rules["lexicon.banned"] == "" {
			t.Errorf("%s: rules %v, want hidden characters and the banned word", c.name, rules)
			continue
		}
		for _, f := range r.Findings {
			if f.Rule == "text.hidden_characters" && !strings.Contains(f.Message, "U+") {
				t.Errorf("%s: the finding does not name the code point: %s", c.name, f.Message)
			}
			if f.Rule == "lexicon.banned" && !strings.Contains(text[f.Start:f.End], "bil") {
				t.Errorf("%s: the banned word's range %d:%d is %q", c.name, f.Start, f.End, text[f.Start:f.End])
			}
		}
	}
	for _, keep := range []string{"👩\u200d🚀", "▶\ufe0f", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "line\nbreak\ttab"} {
		if at := brandkit.HiddenAt(keep); at >= 0 {
			t.Errorf("%q: part of an emoji or a line break reported hidden at %d", keep, at)
		}
	}
}

// TestEmojiByProperty: emoji are told by Unicode's properties, one per
// sequence.
func TestEmojiByProperty(t *testing.T) {
	for _, e := range []string{"⭐", "⌚", "⏰", "▶\ufe0f", "⬆\ufe0f", "©\ufe0f", "#\ufe0f\u20e3", "1\ufe0f\u20e3", "🇫🇷", "👩\u200d🚀", "👍🏽", "😀", "🕯", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"} {
		if !brandkit.IsEmoji(e) {
			t.Errorf("%q is an emoji", e)
		}
	}
	for _, e := range []string{"★", "✓", "©", "™", "→", "▶", "#", "1", "a", "⭐\ufe0e"} {
		if brandkit.IsEmoji(e) {
			t.Errorf("%q is not an emoji", e)
		}
	}
	kit := corpusKit(t)
	r := brandkit.CheckText(kit, brandkit.TextTarget{Platform: "linkedin", Language: "en-GB"}, "Ride on ⭐ and 👩\u200d🚀 today, with ★ ratings. #Velora")
	n := 0
	for _, f := range r.Findings {
		if f.Rule == "emoji.policy" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d emoji findings on linkedin, want 2 (⭐ and the ZWJ sequence): %+v", n, r.Findings)
	}
}

// TestAddressPerLanguage: the kit's formal address is checked from
// pronouns in each language; nouns that look like pronouns are not.
func TestAddressPerLanguage(t *testing.T) {
	kit := corpusKit(t)
	cases := []struct {
		lang, text string
		want       bool
	}{
		{"fr-FR", "Découvre ton nouveau vélo en ville.", true},
		{"fr-FR", "Un ton ambré pour le cadre de votre vélo.", false},
		{"fr-FR", "Nous avons changé de ton.", false},
		{"fr-FR", "Réservez votre vélo.", false},
		{"fr-FR", "Va-t-il pleuvoir ? Prenez votre cape.", false},
		{"fr-FR", "On t'attend à l'atelier.", true},
		{"de-DE", "Hol dir dein neues Rad.", true},
		{"de-DE", "Holen Sie Ihr neues Rad ab.", false},
		{"es-ES", "Descubre tu nueva bicicleta.", true},
		{"es-ES", "Descubra su nueva bicicleta, usted la merece.", false},
		{"it-IT", "Scopri la tua nuova bicicletta.", true},
		{"it-IT", "Un tè caldo dopo la pedalata.", false},
		{"nl-NL", "Ontdek jouw nieuwe fiets.", true},
		{"nl-NL", "Ontdek uw nieuwe fiets.", false},
		{"en-GB", "Discover your new bike.", false},
	}
	for _, c := range cases {
		got := rulesOf(brandkit.CheckText(kit, brandkit.TextTarget{Language: c.lang}, c.text))["voice.formality"] != ""
		if got != c.want {
			t.Errorf("%s %q: voice.formality %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}

// TestHashtagsLeaveLinksAlone: a link's #fragment, or a # inside a word,
// is no hashtag: it neither counts towards the limit nor stands for a
// required one.
func TestHashtagsLeaveLinksAlone(t *testing.T) {
	kit := corpusKit(t)
	x := brandkit.TextTarget{Platform: "x", MaxHashtags: 2, Language: "en-GB"}
	rules := rulesOf(brandkit.CheckText(kit, x, "See https://velora.example/winter#Velora and velora.example/a#Velora, or mail a#Velora."))
	if rules["hashtags.required"] == "" {
		t.Error("a #Velora inside a link or a word passed for the required hashtag")
	}
	rules = rulesOf(brandkit.CheckText(kit, x, "See https://velora.example/winter#lights and velora.example/a#b, then #Velora and a#b #Ride."))
	if rules["hashtags.limit"] != "" || rules["hashtags.required"] != "" {
		t.Errorf("two real hashtags and three fragments: %v", rules)
	}
}

// TestSeverityPerRule: the kit's [rules] table sets a rule's severity or
// turns it off.
func TestSeverityPerRule(t *testing.T) {
	kit := corpusKit(t)
	r := brandkit.CheckText(kit, brandkit.TextTarget{Platform: "linkedin", Language: "en-GB"}, "Ride on ⭐ today. #Velora")
	for _, f := range r.Findings {
		if f.Rule == "emoji.policy" && f.Severity != brandkit.SeverityError {
			t.Errorf("emoji.policy severity %s, want the kit's error", f.Severity)
		}
	}
	kit.Rules = map[string]string{"emoji.policy": "off"}
	if rulesOf(brandkit.CheckText(kit, brandkit.TextTarget{Platform: "linkedin", Language: "en-GB"}, "Ride on ⭐ today. #Velora"))["emoji.policy"] != "" {
		t.Error("a rule turned off still fired")
	}
}
