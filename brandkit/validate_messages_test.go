package brandkit_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/brandkit"
)

// editedKit copies the sample kit and rewrites its brandkit.toml with edit.
func editedKit(t *testing.T, edit func(string) string) string {
	t.Helper()
	dir := copyKit(t)
	path := filepath.Join(dir, brandkit.FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(edit(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestValidationMessagesADesignerCanActOn: each problem is said where it
// is, in words, with what to write instead.
func TestValidationMessagesADesignerCanActOn(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(string) string
		files map[string]string // files to write into the kit (name → content)
		field string            // the field the error names
		want  []string          // what the message must say
	}{
		{"underscore tag", replace(`languages = ["fr-FR", "en-GB"]`, `languages = ["fr-FR", "en_GB"]`), nil, "identity.languages[1]", []string{`did you mean "en-GB"`}},
		{"unknown language", replace(`languages = ["fr-FR", "en-GB"]`, `languages = ["fr-FR", "xq"]`), nil, "identity.languages[1]", []string{"not a known language"}},
		{"misspelt section", replace("[lexicon]\n", "[lexikon]\n"), nil, "lexikon", []string{`did you mean "lexicon"`, "identity, voice, lexicon"}},
		{"misspelt key", replace("max_emoji = 2", "max_emoij = 2"), nil, "voice.max_emoij", []string{`did you mean "max_emoji"`}},
		{"type in words", replace("max_emoji = 2", `max_emoji = "two"`), nil, "voice.max_emoji", []string{"max_emoji is text", "a whole number such as 2"}},
		{"empty logo", nil, map[string]string{"logo.png": ""}, "logo.file", []string{"is empty (0 bytes)"}},
		{"svg logo", replace(`file = "logo.png"`, `file = "logo.svg"`), map[string]string{"logo.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`}, "logo.file", []string{"SVG", "PNG export"}},
		{"unknown pack", replace(`packs = ["eu-green-claims",`, `packs = ["eu-green-claim",`), nil, "regulatory.packs[0]", []string{`did you mean "eu-green-claims"`}},
		{"unknown rule", func(s string) string { return s + "\n[rules]\n\"emoji.polcy\" = \"error\"\n" }, nil, "rules.emoji.polcy", []string{`did you mean "emoji.policy"`}},
		{"bad severity", func(s string) string { return s + "\n[rules]\n\"emoji.policy\" = \"fatal\"\n" }, nil, "rules.emoji.policy", []string{`"error", "warning", "info" or "off"`}},
		{"foreign by_language", func(s string) string { return s + "\n[lexicon.by_language.de]\nbanned = [\"billig\"]\n" }, nil, "lexicon.by_language.de", []string{"not one of the kit's languages", "fr-FR, en-GB"}},
		{"bad formality", replace(`formality = "vous"`, `formality = "polite"`), nil, "voice.formality", []string{`"formal" or "casual"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			edit := c.edit
			if edit == nil {
				edit = func(s string) string { return s }
			}
			dir := editedKit(t, edit)
			for name, content := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := brandkit.Load(dir, opts)
			var ve *brandkit.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("no validation error: %v", err)
			}
			for _, fe := range ve.Errors {
				if fe.Field != c.field {
					continue
				}
				msg := fe.Error()
				for _, w := range c.want {
					if !strings.Contains(msg, w) {
						t.Errorf("%q lacks %q", msg, w)
					}
				}
				if fe.Line == 0 && c.files == nil {
					t.Errorf("%q has no line", msg)
				}
				return
			}
			t.Fatalf("no error names %s: %v", c.field, err)
		})
	}
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("the sample kit lacks " + old)
		}
		return strings.Replace(s, old, new, 1)
	}
}

// TestEmptyKitFileIsSaidToBeEmpty: a brandkit.toml with nothing in it.
func TestEmptyKitFileIsSaidToBeEmpty(t *testing.T) {
	for _, content := range []string{"", "  \n# only a comment\n"} {
		dir := editedKit(t, func(string) string { return content })
		_, err := brandkit.Load(dir, opts)
		if err == nil || !strings.Contains(err.Error(), "the file is empty") {
			t.Errorf("%q: %v", content, err)
		}
	}
}

// TestFormalityAliasesAndLanguageRulesLoad: each language's own words for
// its forms of address are accepted, and per-language terms load.
func TestFormalityAliasesAndLanguageRulesLoad(t *testing.T) {
	for _, f := range []string{"formal", "casual", "vous", "tu", "Sie", "du", "usted", "tú", "Lei", "u", "je"} {
		dir := editedKit(t, replace(`formality = "vous"`, `formality = "`+f+`"`))
		if _, err := brandkit.Load(dir, opts); err != nil {
			t.Errorf("formality %q: %v", f, err)
		}
	}
	dir := editedKit(t, func(s string) string {
		return s + "\n[claims.by_language.fr]\nrestricted = [\"biodégradable\"]\n[rules]\n\"emoji.policy\" = \"error\"\n"
	})
	if _, err := brandkit.Load(dir, opts); err != nil {
		t.Errorf("per-language claims and rules: %v", err)
	}
}
