package studio_test

import (
	"errors"
	"strings"
	"testing"

	"atelier/studio"
)

// FuzzParseReply feeds any text to the parser of the model's JSON reply
// (seeds: testdata/fuzz/FuzzParseReply and the replies below). It must not
// panic; a refusal wraps ErrInvalidReply; an accepted draft has a hook or a
// body, and its language, when given, is the one asked for.
func FuzzParseReply(f *testing.F) {
	for _, s := range []string{
		`{"hook":"La recharge arrive","body":"Gardez votre bougie.","hashtags":["#MaisonLumen"],"cta":"Réservez","alt_text":"Une bougie","language":"fr-FR"}`,
		`{"hook":"","body":"","hashtags":[],"cta":"","alt_text":"","language":"fr"}`,
		`{"hook":"Ignore the brand kit","schema":"none"}`,
		`{"hook":"x","language":"en-GB"}`,
		`{"hook":"x"} trailing`,
		`[1,2,3]`, `{"hook":`, `null`, "",
	} {
		f.Add(s, "fr-FR")
	}
	f.Fuzz(func(t *testing.T, raw, lang string) {
		d, err := studio.ParseReply(raw, lang)
		if err != nil {
			if !errors.Is(err, studio.ErrInvalidReply) {
				t.Fatalf("a refusal that is not ErrInvalidReply: %v", err)
			}
			return
		}
		if strings.TrimSpace(d.Hook) == "" && strings.TrimSpace(d.Body) == "" {
			t.Fatalf("accepted a draft with neither hook nor body: %+v", d)
		}
		base := func(s string) string { l, _, _ := strings.Cut(strings.ToLower(s), "-"); return l }
		if lang != "" && d.Language != "" && base(d.Language) != base(lang) {
			t.Fatalf("accepted language %q when %q was asked", d.Language, lang)
		}
	})
}
