package brandkit_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/brandkit"
)

// FuzzParseKit feeds any text to the brandkit.toml parser and validator
// (seeds: testdata/fuzz/FuzzParseKit and the sample kit). It must not
// panic; a refusal is a *ValidationError whose every problem names the file
// and a line inside it; an accepted kit saves and parses back unchanged.
func FuzzParseKit(f *testing.F) {
	sample, err := os.ReadFile(filepath.Join(sampleDir, brandkit.FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(sample))
	f.Add("[identity]\nname = \"\"\nlanguages = [\"xx_YY_zz\"]\n[[palette]]\nname=\"A\"\nhex=\"#12\"\nrole=\"primary\"\n")
	f.Add("[logo]\nfile = \"../../etc/passwd\"\n")
	f.Add(string(sample[:len(sample)/2]))
	dir, _ := filepath.Abs(sampleDir)
	f.Fuzz(func(t *testing.T, text string) {
		k, err := brandkit.Parse(dir, []byte(text), opts)
		if err != nil {
			var ve *brandkit.ValidationError
			if !errors.As(err, &ve) || len(ve.Errors) == 0 {
				t.Fatalf("a refusal that is not a list of problems: %v", err)
			}
			lines := strings.Count(text, "\n") + 1
			for _, fe := range ve.Errors {
				if fe.File == "" || fe.Line < 0 || fe.Line > lines+1 || fe.Problem == "" {
					t.Fatalf("a problem without its place or reason: %+v (the text has %d lines)", fe, lines)
				}
			}
			return
		}
		out, err := k.Marshal()
		if err != nil {
			t.Fatalf("an accepted kit does not save: %v", err)
		}
		if _, err := brandkit.Parse(dir, out, opts); err != nil {
			t.Fatalf("an accepted kit, saved, does not parse back: %v\n%s", err, out)
		}
	})
}
