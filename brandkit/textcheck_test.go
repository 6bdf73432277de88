package brandkit_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"atelier/brandkit"
)

func sampleKit(t testing.TB) *brandkit.Kit {
	t.Helper()
	k, err := brandkit.Load(sampleDir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var (
	xTarget  = brandkit.TextTarget{Platform: "x", Limit: 280, Counting: "weighted", URLLength: 23, MaxHashtags: 2}
	liTarget = brandkit.TextTarget{Platform: "linkedin", Limit: 3000, Counting: "chars", MaxHashtags: 5, Fold: 140}
	igTarget = brandkit.TextTarget{Platform: "instagram", Limit: 2200, Counting: "chars", MaxHashtags: 5, Fold: 125}
	bsTarget = brandkit.TextTarget{Platform: "bluesky", Limit: 300, Counting: "graphemes"}
)

func with(t brandkit.TextTarget, lang string) brandkit.TextTarget { t.Language = lang; return t }

const (
	filler = "Light the wick and enjoy the evening. " // 38 characters, plainly English
	frOK   = "Gardez votre bougie, changez seulement la cire : la recharge Feu de bois arrive le 1er octobre. #MaisonLumen"
	enOK   = "Keep your candle and change only the wax: the Wood Fire refill arrives on the first of October. #MaisonLumen"
)

func TestCheckTextRules(t *testing.T) {
	long := strings.Repeat("a", 300)
	cases := []struct {
		name   string
		target brandkit.TextTarget
		text   string
		rules  []string // every rule that must fire, sorted; nil = none
		where  string   // the text the first located finding must cover
	}{
		{"fr clean", with(xTarget, "fr-FR"), frOK, nil, ""},
		{"en clean", with(xTarget, "en-GB"), enOK, nil, ""},
		{"en clean linkedin", with(liTarget, "en-GB"), enOK, nil, ""},
		{"fr banned word", with(xTarget, "fr-FR"), "Une bougie pas cher et durable pour toute la maison, enfin. #MaisonLumen", []string{"lexicon.banned"}, "pas cher"},
		{"banned word case-insensitive", with(xTarget, "en-GB"), "This is not a CHEAP candle, it is made to last for years. #MaisonLumen", []string{"lexicon.banned"}, "CHEAP"},
		{"banned accent-insensitive", with(xTarget, "fr-FR"), "Une création revolutionnaire pour vos soirées d'automne à la maison. #MaisonLumen", []string{"lexicon.banned"}, "revolutionnaire"},
		{"banned with accent in text", with(xTarget, "fr-FR"), "Une création RÉVOLUTIONNAIRE pour vos soirées d'automne à la maison. #MaisonLumen", []string{"lexicon.banned"}, "RÉVOLUTIONNAIRE"},
		{"banned whole words only", with(xTarget, "en-GB"), "Cheapside is a street in London where our wax is never sold at all. #MaisonLumen", nil, ""},
		{"banned multiword", with(xTarget, "en-GB"), "Our game-changer candle refill for the long evenings of autumn is here. #MaisonLumen", []string{"lexicon.banned"}, "game-changer"},
		{"preferred term fr", with(xTarget, "fr-FR"), "Merci à nos clients fidèles : la recharge arrive le 1er octobre à Lyon. #MaisonLumen", []string{"lexicon.preferred"}, "clients"},
		{"preferred term en", with(xTarget, "en-GB"), "Thank you to our customers: the refill arrives on the first of October. #MaisonLumen", []string{"lexicon.preferred"}, "customers"},
		{"preferred after elision", with(xTarget, "fr-FR"), "Découvrez l'histoire du produit, coulé à la main dans notre atelier lyonnais. #MaisonLumen", []string{"lexicon.preferred"}, "produit"},
		{"missing hashtag", with(xTarget, "fr-FR"), "Gardez votre bougie, changez seulement la cire : la recharge arrive le 1er octobre.", []string{"hashtags.required"}, ""},
		{"hashtag case-insensitive", with(xTarget, "en-GB"), "Keep your candle and change only the wax: the refill arrives in October. #maisonlumen", nil, ""},
		{"too many hashtags x", with(xTarget, "en-GB"), "Keep your candle and change only the wax this autumn. #MaisonLumen #Candles #Refill", []string{"hashtags.limit"}, "#Refill"},
		{"hashtag limit linkedin kit", with(liTarget, "en-GB"), "Keep your candle and change only the wax this autumn. #MaisonLumen #A #B #C", []string{"hashtags.limit"}, "#C"},
		{"x length over", with(xTarget, "en-GB"), enOK + " " + long, []string{"length.limit"}, ""},
		{"x url counts 23", with(xTarget, "en-GB"), strings.Repeat(filler, 6) + "Go now: https://maisonlumen.example/a/very/long/path/that/would/count/much/more/than/twenty/three #MaisonLumen", nil, ""},
		{"x url pushes over", with(xTarget, "en-GB"), strings.Repeat(filler, 6) + "Go there right now: https://m.fr/a #MaisonLumen", []string{"length.limit"}, ""},
		{"x emoji count double", with(xTarget, "en-GB"), strings.Repeat(filler, 6) + "Go there right now: " + strings.Repeat("🕯", 10) + " #MaisonLumen", []string{"emoji.policy", "length.limit"}, ""},
		{"bluesky graphemes", with(bsTarget, "en-GB"), strings.Repeat("é", 290) + " #MaisonLumen", []string{"length.limit"}, ""},
		{"bluesky combining marks are one", with(bsTarget, "en-GB"), strings.Repeat("e\u0301", 280) + " #MaisonLumen", nil, ""},
		{"linkedin fold", with(liTarget, "en-GB"), strings.Repeat("Keep your candle and change only the wax, ", 5) + "\n\nMore. #MaisonLumen", []string{"fold.hook"}, ""},
		{"instagram fold ok", with(igTarget, "en-GB"), "Keep your candle, change the wax.\n\nThe Wood Fire refill arrives on the first of October in every shop. #MaisonLumen", nil, ""},
		{"claim unsubstantiated fr", with(liTarget, "fr-FR"), "Notre recharge est éco-responsable et arrive le 1er octobre dans toutes les boutiques. #MaisonLumen", []string{"claims.unsubstantiated", "eu-green-claims.generic"}, "éco-responsable"}, // the sample kit enables the EU green-claims pack
		{"claim unsubstantiated en", with(liTarget, "en-GB"), "Our refill is eco-friendly and arrives on the first of October in every shop. #MaisonLumen", []string{"claims.unsubstantiated", "eu-green-claims.generic"}, "eco-friendly"},
		{"claim with proof", with(liTarget, "fr-FR"), "Notre recharge est éco-responsable : la recharge émet 62 % de CO₂ en moins qu'une bougie neuve (ACV, Cabinet Verdi, 2025). #MaisonLumen", nil, ""},
		{"claim with proof id", with(liTarget, "en-GB"), "Our refill is eco-friendly [recharge-acv-2025] and arrives on the first of October in every shop. #MaisonLumen", nil, ""},
		{"claim proof for other claim", with(liTarget, "en-GB"), "Our wax is carbon neutral [recharge-acv-2025] and arrives on the first of October in every shop. #MaisonLumen", []string{"claims.unsubstantiated", "eu-green-claims.offsetting"}, "carbon neutral"},
		{"claim with nbsp", with(liTarget, "fr-FR"), "Une cire 100\u00a0% naturel coulée à la main dans notre atelier lyonnais, pour vous. #MaisonLumen", []string{"claims.unsubstantiated"}, "100\u00a0% naturel"},
		{"claim far from proof", with(liTarget, "en-GB"), "Our refill is eco-friendly. " + strings.Repeat("We pour every candle by hand in Lyon. ", 8) + "La recharge émet 62 % de CO₂ en moins qu'une bougie neuve (ACV, Cabinet Verdi, 2025). #MaisonLumen", []string{"claims.unsubstantiated", "eu-green-claims.generic"}, "eco-friendly"}, // the hook is its first sentence, above the fold
		{"emoji sparing ok", with(igTarget, "en-GB"), "Keep your candle, change the wax 🕯✨ The refill arrives on the first of October. #MaisonLumen", nil, ""},
		{"emoji sparing over", with(igTarget, "en-GB"), "Keep your candle, change the wax 🕯✨🍂 The refill arrives on the first of October. #MaisonLumen", []string{"emoji.policy"}, "🍂"},
		{"emoji none on linkedin", with(liTarget, "en-GB"), "Keep your candle, change the wax 🕯 The refill arrives on the first of October in every shop. #MaisonLumen", []string{"emoji.policy"}, "🕯"},
		{"wrong language fr asked", with(xTarget, "fr-FR"), enOK, []string{"language.mismatch"}, ""},
		{"wrong language en asked", with(xTarget, "en-GB"), frOK, []string{"language.mismatch"}, ""},
		{"short text no language call", with(xTarget, "en-GB"), "Merci ! #MaisonLumen", nil, ""},
		{"tutoiement under vous", with(xTarget, "fr-FR"), "Garde ta bougie et change seulement la cire : ta recharge arrive le 1er octobre. #MaisonLumen", []string{"voice.formality"}, "ta"},
		{"t' elision under vous", with(xTarget, "fr-FR"), "La recharge t'attend en boutique dès le 1er octobre, avec la cire de colza. #MaisonLumen", []string{"voice.formality"}, "t'"},
		{"formality only for french", with(xTarget, "en-GB"), "Ta-da: keep your candle and change only the wax, the refill arrives in October. #MaisonLumen", nil, ""},
		{"readability long sentences", with(liTarget, "en-GB"), strings.Repeat("our candle ", 20) + "and " + strings.Repeat("the refill ", 10) + "arrives. #MaisonLumen", []string{"fold.hook", "readability.sentences"}, ""},
		{"several rules at once", with(xTarget, "fr-FR"), "Une bougie pas cher, éco-responsable, pour nos clients 🕯✨🍂", []string{"claims.unsubstantiated", "emoji.policy", "eu-green-claims.generic", "hashtags.required", "lexicon.banned", "lexicon.preferred"}, "pas cher"},
	}
	kit := sampleKit(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := brandkit.CheckText(kit, c.target, c.text)
			if got := rules(r); got != strings.Join(c.rules, ",") {
				t.Fatalf("rules %v, want %v\n%+v", got, c.rules, r.Findings)
			}
			if c.where != "" {
				f := r.Findings[0]
				for _, g := range r.Findings {
					if g.Start >= 0 {
						f = g
						break
					}
				}
				if f.Start < 0 || !strings.Contains(c.text[f.Start:f.End], c.where) && c.text[f.Start:f.End] != c.where {
					t.Fatalf("finding %s at %d:%d covers %q, want %q", f.Rule, f.Start, f.End, safeSlice(c.text, f.Start, f.End), c.where)
				}
			}
			for _, f := range r.Findings {
				if f.Message == "" || f.Fix == "" {
					t.Errorf("finding %s lacks a message or a fix", f.Rule)
				}
			}
			if len(c.rules) == 0 && r.Score != 100 {
				t.Errorf("clean text scored %d", r.Score)
			}
		})
	}
	if len(cases) < 40 {
		t.Fatalf("%d cases; the checker issue asks for at least 40", len(cases))
	}
}

func safeSlice(s string, a, b int) string {
	if a < 0 || b > len(s) || a > b {
		return ""
	}
	return s[a:b]
}

func TestAutoFixes(t *testing.T) {
	kit := sampleKit(t)
	text := "Merci à nos clients : la recharge arrive le 1er octobre dans toutes les boutiques."
	r := brandkit.CheckText(kit, with(xTarget, "fr-FR"), text)
	fixed, n := brandkit.ApplyFixes(text, r.Findings)
	if n != 2 || !strings.Contains(fixed, "notre communauté") && !strings.Contains(fixed, "nos communauté") || !strings.HasSuffix(fixed, " #MaisonLumen") {
		t.Fatalf("fixed %q (%d fixes)", fixed, n)
	}
	if again := brandkit.CheckText(kit, with(xTarget, "fr-FR"), fixed); again.Count(brandkit.SeverityError) != 0 {
		t.Fatalf("errors remain after the fixes: %+v", again.Findings)
	}
	if r.Score != 100-25-8 {
		t.Errorf("score %d, want 67 (one error, one warning)", r.Score)
	}
}

func FuzzCheckText(f *testing.F) {
	kit := sampleKit(f)
	for _, s := range []string{frOK, enOK, "", "#", "l'éco-responsable 100 % naturel 🕯", "https://x.y #MaisonLumen @a", "e\u0301\u0301\u0301", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, tg := range []brandkit.TextTarget{with(xTarget, "fr-FR"), with(bsTarget, "en-GB"), with(liTarget, "en-GB")} {
			r := brandkit.CheckText(kit, tg, text)
			if r.Score < 0 || r.Score > 100 {
				t.Fatalf("score %d", r.Score)
			}
			for _, fd := range r.Findings {
				if fd.Start > fd.End || fd.End > len(text) || (fd.Start < 0) != (fd.End < 0) {
					t.Fatalf("bad range %d:%d for %s in %d bytes", fd.Start, fd.End, fd.Rule, len(text))
				}
				if fd.Start >= 0 && (!runeBoundary(text, fd.Start) || !runeBoundary(text, fd.End)) {
					t.Fatalf("%s's range %d:%d splits a character of %q", fd.Rule, fd.Start, fd.End, text)
				}
			}
			if fixed, _ := brandkit.ApplyFixes(text, r.Findings); len(fixed) > len(text)+200 {
				t.Fatalf("fixes grew the text by %d bytes", len(fixed)-len(text))
			}
		}
	})
}

// runeBoundary reports whether i starts a character of text, as decoding
// walks it (a byte that is not UTF-8 is one character), or is its end.
func runeBoundary(text string, i int) bool {
	at := 0
	for at < i {
		_, size := utf8.DecodeRuneInString(text[at:])
		at += size
	}
	return at == i
}

// FuzzStripInvisible: stripping never panics, is idempotent, keeps the
// visible characters in order and leaves nothing HiddenAt finds.
func FuzzStripInvisible(f *testing.F) {
	for _, s := range []string{"bil\u200blig", "a\u00adb\u2060c", "👩\u200d🚀 ▶\ufe0f ★\ufe0f", "\U000e0041\U000e0042", "\xff\xfe\u202e", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		once := brandkit.StripInvisible(text)
		if twice := brandkit.StripInvisible(once); twice != once {
			t.Fatalf("stripping twice %q != once %q", twice, once)
		}
		if at := brandkit.HiddenAt(once); at >= 0 {
			t.Fatalf("%q still has an invisible character at %d", once, at)
		}
		if len(once) > len(text) {
			t.Fatalf("stripping grew the text")
		}
	})
}

func TestHiddenCharactersAreFoundAndRemoved(t *testing.T) {
	kit := sampleKit(t)
	text := "Réservez\x00 la recharge\x1b[31m \u202eeuqinu\u202c #MaisonLumen \xff@ami"
	r := brandkit.CheckText(kit, with(xTarget, "fr-FR"), text)
	var runs [][2]int
	for _, f := range r.Findings {
		if f.Rule == "text.hidden_characters" {
			if f.Severity != brandkit.SeverityError || f.AutoFix == nil {
				t.Fatalf("%+v", f)
			}
			runs = append(runs, [2]int{f.Start, f.End})
		}
	}
	if len(runs) != 5 {
		t.Fatalf("hidden runs %v, want NUL, ESC, the two direction marks and the bad byte", runs)
	}
	fixed, _ := brandkit.ApplyFixes(text, r.Findings)
	if brandkit.HiddenAt(fixed) != -1 || !strings.Contains(fixed, "Réservez la recharge[31m") {
		t.Fatalf("after the fixes: %q", fixed)
	}
	if brandkit.HiddenAt("Ligne 1\nLigne 2\tfin\r\n") != -1 {
		t.Error("line breaks and tabs are not hidden characters")
	}
}
