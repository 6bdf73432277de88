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
			v.errs = append(v.errs, FieldError{File: file, Line: line, Field: strings.Join(e.Key(), "."),
				Problem: "unknown key", Expected: "one of the keys documented in samples/kit/" + FileName})
		}
	case errors.As(err, &decodeErr):
		line, _ := decodeErr.Position()
		v.errs = append(v.errs, FieldError{File: file, Line: line, Field: strings.Join(decodeErr.Key(), "."),
			Problem: strings.TrimPrefix(decodeErr.Error(), "toml: "), Expected: "valid TOML of the documented shape"})
		return kit, v.result()
	case err != nil:
		v.errs = append(v.errs, FieldError{File: file, Problem: err.Error()})
		return kit, v.result()
	}
	v.validate(kit, opt)
	return kit, v.result()
}
