package studio

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"atelier/brandkit"
	"atelier/studio/results"
)

// mappingDir is where the CM's column mappings are kept, one JSON file each.
func (w *Workspace) mappingDir() string { return filepath.Join(w.dataDir, "result-mappings") }

// SaveResultMapping keeps a mapping the CM made for a file Atelier did not
// recognise; later imports of files with those columns use it.
func (w *Workspace) SaveResultMapping(m *results.Mapping) error {
	if err := m.Validate(); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		return err
	}
	cols := make([]string, 0, len(m.Columns))
	for c := range m.Columns {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	sum := sha256.Sum256([]byte(strings.Join(cols, "\x00")))
	if err := os.MkdirAll(w.mappingDir(), 0o755); err != nil {
		return err
	}
	return brandkit.WriteFileAtomic(filepath.Join(w.mappingDir(), hex.EncodeToString(sum[:8])+".json"), b.Bytes(), 0o644)
}

// resultMappings are the saved mappings; an unreadable one is skipped.
func (w *Workspace) resultMappings() []*results.Mapping {
	files, _ := filepath.Glob(filepath.Join(w.mappingDir(), "*.json"))
	var out []*results.Mapping
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		m, err := results.LoadMapping(fh)
		fh.Close()
		if err == nil {
			out = append(out, m)
		}
	}
	return out
}

// readResults reads path as a known export or, failing that, with the
// first saved mapping whose columns it has.
func (w *Workspace) readResults(path string, sink results.Sink) (results.Summary, error) {
	opts := results.Options{Location: w.Zone()}
	sum, err := results.ReadFile(path, opts, sink)
	var unknown *results.UnknownFormatError
	for _, m := range w.resultMappings() {
		if !errors.As(err, &unknown) {
			break
		}
		opts.Mapping = m
		sum, err = results.ReadFile(path, opts, sink)
	}
	return sum, err
}
