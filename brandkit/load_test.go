package brandkit_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/brandkit"
)

const sampleDir = "../samples/kit"

// opts names the platforms the sample kit overrides, and no others.
var opts = brandkit.Options{Platforms: []string{"x", "linkedin", "instagram", "facebook"}}

// copyKit copies the sample kit into a temporary folder the test may break.
func copyKit(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(sampleDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(sampleDir, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// edit replaces old with new in the kit's brandkit.toml; old must be there.
func edit(t *testing.T, dir, old, new string) {
	t.Helper()
	path := filepath.Join(dir, brandkit.FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("the sample kit no longer contains %q", old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func problems(t *testing.T, err error) []brandkit.FieldError {
	t.Helper()
	var ve *brandkit.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a *ValidationError, got %v", err)
	}
	return ve.Errors
}

func TestSampleKitIsValid(t *testing.T) {
	kit, err := brandkit.Load(sampleDir, opts)
	if err != nil {
		t.Fatalf("the sample kit must validate: %v", err)
	}
	if kit.Identity.Name != "Maison Lumen" || len(kit.Identity.Languages) != 2 || len(kit.Personas) < 2 || len(kit.Palette) < 4 {
		t.Fatalf("sample kit read incompletely: %+v", kit.Identity)
	}
	if c, ok := kit.ColourByRole("primary"); !ok || c.Hex != "#1F2A44" {
		t.Fatalf("primary colour = %+v", c)
	}
	if _, ok := kit.Platforms["linkedin"]; !ok {
		t.Fatal("platform overrides were not read")
	}
	if !kit.SpeaksLanguage("fr") || kit.SpeaksLanguage("de") {
		t.Fatal("SpeaksLanguage compares base languages")
	}
}

func TestLoadReportsEachError(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		field  string
		line   int
		want   string // in the problem or the expectation
	}{
		{"unknown key", func(t *testing.T, dir string) {
			edit(t, dir, `handle = "@maisonlumen"`, `handle = "@maisonlumen"`+"\nmascot = \"owl\"")
		},
			"identity.mascot", 11, "unknown key"},
		{"bad hex colour", func(t *testing.T, dir string) { edit(t, dir, `hex = "#F2A541"`, `hex = "#F2A54G"`) },
			"palette[1].hex", 39, "#RRGGBB"},
		{"missing logo file", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "logo.png")) },
			"logo.file", 66, "missing"},
		{"font that won't parse", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "fonts", "Lato-Regular.ttf"), []byte("not a font at all"), 0o644)
		}, "typography.body.file", 63, "TrueType or OpenType"},
		{"language that isn't BCP 47", func(t *testing.T, dir string) { edit(t, dir, `"en-GB"]`, `"en-GB", "english_uk"]`) },
			"identity.languages[2]", 9, "BCP 47"},
		{"logo outside the kit", func(t *testing.T, dir string) { edit(t, dir, `file = "logo.png"`, `file = "../../etc/passwd"`) },
			"logo.file", 66, "outside the kit"},
		{"unknown platform", func(t *testing.T, dir string) { edit(t, dir, `[platforms.x]`, `[platforms.myspace]`) },
			"platforms.myspace", 0, "not a known platform"},
		{"bad corner", func(t *testing.T, dir string) { edit(t, dir, `"bottom-right", "top-left"`, `"bottom-right", "middle"`) },
			"logo.corners[1]", 69, "not a corner"},
		{"substantiation of an unknown claim", func(t *testing.T, dir string) {
			edit(t, dir, `claims = ["100 % naturel", "100% natural"]`, `claims = ["bio"]`)
		},
			"claims.substantiations[0].claims[0]", 0, "not a restricted claim"},
		{"bad sonic logo notes", func(t *testing.T, dir string) { edit(t, dir, `notes = "C5:140 E5:140 G5:320"`, `notes = "H5:140"`) },
			"audio.notes", 0, "A to G"},
		{"wrong type", func(t *testing.T, dir string) { edit(t, dir, `min_width_px = 120`, `min_width_px = "wide"`) },
			"logo.min_width_px", 67, ""},
		{"syntax error", func(t *testing.T, dir string) { edit(t, dir, `[logo]`, `[logo`) },
			"", 65, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyKit(t)
			c.break_(t, dir)
			_, err := brandkit.Load(dir, opts)
			ps := problems(t, err)
			var got *brandkit.FieldError
			for i := range ps {
				if ps[i].Field == c.field || (c.field == "" && ps[i].Line == c.line) {
					got = &ps[i]
				}
			}
			if got == nil {
				t.Fatalf("no error on %q; got %v", c.field, err)
			}
			if c.line != 0 && got.Line != c.line {
				t.Errorf("line = %d, want %d (%s)", got.Line, c.line, got)
			}
			if got.Line == 0 && c.field != "" && !strings.HasPrefix(c.field, "platforms") {
				t.Errorf("error has no line: %s", got)
			}
			if !strings.Contains(got.Problem+got.Expected, c.want) {
				t.Errorf("error %q does not say %q", got, c.want)
			}
			if !strings.HasSuffix(got.File, brandkit.FileName) || !strings.Contains(got.Error(), brandkit.FileName+":") {
				t.Errorf("error does not name the file: %s", got)
			}
		})
	}
}

func TestFivePlantedErrorsAreAllReported(t *testing.T) {
	dir := copyKit(t)
	edit(t, dir, `handle = "@maisonlumen"`, `handle = "@maisonlumen"`+"\nmascot = \"owl\"")
	edit(t, dir, `hex = "#F2A541"`, `hex = "amber"`)
	edit(t, dir, `file = "logo.png"`, `file = "logo-missing.png"`)
	edit(t, dir, `"en-GB"]`, `"en-GB", "english_uk"]`)
	os.WriteFile(filepath.Join(dir, "fonts", "Comfortaa-Bold.ttf"), []byte("garbage"), 0o644)
	_, err := brandkit.Load(dir, opts)
	ps := problems(t, err)
	if len(ps) != 5 {
		t.Fatalf("want 5 errors, got %d:\n%v", len(ps), err)
	}
	for i, p := range ps {
		if p.Line == 0 {
			t.Errorf("error %d has no line: %s", i, p)
		}
		if i > 0 && ps[i-1].Line > p.Line {
			t.Errorf("errors are not in file order: %v", err)
		}
	}
}

func TestMissingManifest(t *testing.T) {
	_, err := brandkit.Load(t.TempDir(), opts)
	ps := problems(t, err)
	if len(ps) != 1 || !strings.Contains(ps[0].Problem, "no brandkit.toml") {
		t.Fatalf("got %v", err)
	}
}

func TestSaveRoundTripsAndRefusesInvalid(t *testing.T) {
	dir := copyKit(t)
	kit, err := brandkit.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	kit.Identity.Tagline = "Nouvelle signature"
	kit.Palette[0].Hex = "#112233"
	if err := kit.Save(opts); err != nil {
		t.Fatal(err)
	}
	again, err := brandkit.Load(dir, opts)
	if err != nil {
		t.Fatalf("a saved kit must load: %v", err)
	}
	if again.Identity.Tagline != "Nouvelle signature" || again.Palette[0].Hex != "#112233" || len(again.Personas) != len(kit.Personas) {
		t.Fatalf("save lost data: %+v", again.Identity)
	}
	before, _ := os.ReadFile(filepath.Join(dir, brandkit.FileName))
	again.Palette[0].Hex = "blue"
	if err := again.Save(opts); err == nil {
		t.Fatal("saving an invalid kit must fail")
	}
	after, _ := os.ReadFile(filepath.Join(dir, brandkit.FileName))
	if string(before) != string(after) {
		t.Fatal("a refused save changed the file")
	}
}

func TestParseNotes(t *testing.T) {
	cases := []struct {
		in     string
		hz     float64
		count  int
		errSub string
	}{
		{"A4:100", 440, 1, ""},
		{"C5:140 E5:140 G5:320", 523.25, 3, ""},
		{"A#4:50", 466.16, 1, ""},
		{"Bb3:50", 233.08, 1, ""},
		{"", 0, 0, "no notes"},
		{"C5", 0, 0, "no duration"},
		{"X5:10", 0, 0, "A to G"},
		{"C9:10", 0, 0, "octave"},
		{"C5:0", 0, 0, "milliseconds"},
	}
	for _, c := range cases {
		notes, err := brandkit.ParseNotes(c.in)
		if c.errSub != "" {
			if err == nil || !strings.Contains(err.Error(), c.errSub) {
				t.Errorf("%q: error %v, want %q", c.in, err, c.errSub)
			}
			continue
		}
		if err != nil || len(notes) != c.count {
			t.Fatalf("%q: %v %v", c.in, notes, err)
		}
		if d := notes[0].Hz - c.hz; d > 0.01 || d < -0.01 {
			t.Errorf("%q: %.2f Hz, want %.2f", c.in, notes[0].Hz, c.hz)
		}
	}
}
