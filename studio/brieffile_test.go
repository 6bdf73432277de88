package studio_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/studio"
)

// TestParseBrief: the sample brief reads with its languages and texts;
// each bad brief is refused with the file, the line and what to write.
func TestParseBrief(t *testing.T) {
	path := filepath.Join("..", "samples", "brief.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := studio.ParseBrief(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if en, ok := b.Text("en-GB"); !ok || b.Language != "fr-FR" || !strings.Contains(en.Topic, "Wood Fire") || en.Link != b.Link {
		t.Fatalf("the sample brief's English text: %+v %v (language %q)", en, ok, b.Language)
	}
	for _, c := range []struct{ text, want string }{
		{"topic = \"a\"\nkey_mesage = \"b\"\n", `brief.toml:2: unknown key "key_mesage", did you mean "key_message"`},
		{"topic = \"a\"\nlanguages = [\"es_ES\"]\n", `did you mean "es-ES"`},
		{"topic = \"a\"\n[text.\"de-DE\"]\ntopik = \"b\"\n", `brief.toml:3: unknown key "text.de-DE.topik"`},
		{"key_message = \"b\"\n", "the brief has no topic"},
		{"topic = 3\n", "brief.toml:1:"},
	} {
		if _, err := studio.ParseBrief("brief.toml", []byte(c.text)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
}

// TestBriefNamesWhatIsValid: an unknown persona, platform or language is
// refused with the valid ones listed.
func TestBriefNamesWhatIsValid(t *testing.T) {
	ws := newWorkspace(t)
	c := &studio.Composer{WS: ws}
	for _, tc := range []struct {
		platforms, personas, languages []string
		want                           string
	}{
		{[]string{"myspace"}, nil, nil, "linkedin"},
		{[]string{"x"}, []string{"students"}, nil, "parents-urbains, design-lovers"},
		{[]string{"x"}, nil, []string{"de-DE"}, "fr-FR, en-GB"},
	} {
		b := studio.SampleBrief(0)
		b.Platforms, b.Personas, b.Languages = tc.platforms, tc.personas, tc.languages
		if _, err := c.Targets(b); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v %v: %v, want the valid ones (%s)", tc.platforms, tc.personas, tc.languages, err, tc.want)
		}
	}
}
