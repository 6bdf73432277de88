package brandkit

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// MaxManifestBytes bounds brandkit.toml; a larger file is refused unread.
const MaxManifestBytes = 1 << 20

// Options tune validation to the caller's world.
type Options struct {
	// Platforms lists the platform ids that [platforms.ID] may name. When
	// empty, platform override names are not checked.
	Platforms []string
}

// Load reads and validates the kit in dir (a kit folder, or its
// brandkit.toml). When the kit has problems it returns the kit as far as it
// could be read together with a *ValidationError listing all of them, so a
// screen can show the kit with its errors inline.
func Load(dir string, opt Options) (*Kit, error) {
	if filepath.Base(dir) == FileName {
		dir = filepath.Dir(dir)
	}
	path := filepath.Join(dir, FileName)
	data, err := readManifest(path)
	if err != nil {
		return nil, &ValidationError{Errors: []FieldError{*err}}
	}
	return Parse(dir, data, opt)
}

func readManifest(path string) ([]byte, *FieldError) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &FieldError{File: path, Problem: "the kit has no " + FileName,
			Expected: "a kit folder holding " + FileName + " (see samples/kit)"}
	case err != nil:
		return nil, &FieldError{File: path, Problem: err.Error()}
	case info.Size() > MaxManifestBytes:
		return nil, &FieldError{File: path, Problem: fmt.Sprintf("the file is %d bytes", info.Size()),
			Expected: fmt.Sprintf("at most %d bytes", MaxManifestBytes)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FieldError{File: path, Problem: err.Error()}
	}
	return data, nil
}

// Parse decodes and validates brandkit.toml content for the kit folder dir.
func Parse(dir string, data []byte, opt Options) (*Kit, error) {
	file := filepath.Join(dir, FileName)
	if len(data) > MaxManifestBytes {
		return nil, &ValidationError{Errors: []FieldError{{File: file,
			Problem: fmt.Sprintf("the file is %d bytes", len(data)), Expected: fmt.Sprintf("at most %d bytes", MaxManifestBytes)}}}
	}
	if isBlankTOML(data) {
		return nil, &ValidationError{Errors: []FieldError{{File: file, Problem: "the file is empty",
			Expected: "a brand kit: [identity], [voice], [lexicon], [[palette]], [typography], [logo] and [[personas]] at least (see samples/kit/brandkit.toml and docs/brandkit.md)"}}}
	}
	kit := &Kit{Dir: dir}
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	err := dec.Decode(kit)

	v := validator{file: file, dir: dir, pos: scanPositions(data)}
	var strict *toml.StrictMissingError
	var decodeErr *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		for _, e := range strict.Errors {
			line, _ := e.Position()
			v.errs = append(v.errs, unknownKey(file, line, e.Key()))
		}
	case errors.As(err, &decodeErr):
		line, _ := decodeErr.Position()
		v.errs = append(v.errs, decodeProblem(file, line, decodeErr))
		return kit, v.result()
	case err != nil:
		v.errs = append(v.errs, FieldError{File: file, Problem: err.Error()})
		return kit, v.result()
	}
	v.validate(kit, opt)
	return kit, v.result()
}

// isBlankTOML reports a file with nothing but spaces and comments.
func isBlankTOML(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			return false
		}
	}
	return true
}

// unknownKey describes a key the format does not have, with the key it was
// probably meant as.
func unknownKey(file string, line int, key []string) FieldError {
	known := keysAt(key[:len(key)-1])
	what, where := "key", "here"
	if len(key) == 1 {
		what, where = "section", "at the top of the file"
	}
	fe := FieldError{File: file, Line: line, Field: strings.Join(key, "."), Problem: "unknown " + what}
	if guess := DidYouMean(key[len(key)-1], known); guess != "" {
		fe.Problem += fmt.Sprintf(", did you mean %q", guess)
	}
	if len(known) > 0 {
		fe.Expected = fmt.Sprintf("one of the keys allowed %s: %s (see docs/brandkit.md)", where, strings.Join(known, ", "))
	} else {
		fe.Expected = "one of the keys documented in docs/brandkit.md"
	}
	return fe
}

// decodeProblem says in words what a value should have been.
func decodeProblem(file string, line int, e *toml.DecodeError) FieldError {
	key := e.Key()
	fe := FieldError{File: file, Line: line, Field: strings.Join(key, "."), Problem: strings.TrimPrefix(e.Error(), "toml: "),
		Expected: "valid TOML of the documented shape (see docs/brandkit.md)"}
	if t, ok := fieldAt(key); ok && len(key) > 0 {
		name := key[len(key)-1]
		fe.Problem = fmt.Sprintf("%s has the wrong kind of value", name)
		if got := valueInWords(e.Error()); got != "" {
			fe.Problem = fmt.Sprintf("%s is %s", name, got)
		}
		fe.Expected = typeInWords(t)
	}
	return fe
}
