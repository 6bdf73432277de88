package brandkit

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/pelletier/go-toml/v2"
)

// Marshal renders the kit as brandkit.toml content.
func (k *Kit) Marshal() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Atelier brand kit. Paths are relative to this folder.\n")
	enc := toml.NewEncoder(&b).SetIndentTables(true)
	if err := enc.Encode(k); err != nil {
		return nil, fmt.Errorf("encoding the brand kit: %w", err)
	}
	return b.Bytes(), nil
}

// Save validates the kit and writes its brandkit.toml into k.Dir. Nothing is
// written when the kit has errors, so a bad edit never replaces a good file.
func (k *Kit) Save(opt Options) error {
	data, err := k.Marshal()
	if err != nil {
		return err
	}
	if _, err := Parse(k.Dir, data, opt); err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(k.Dir, FileName), data, 0o644)
}

// WriteFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path, so a crash leaves either the old or the new file.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return WriteError(path, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return WriteError(path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return WriteError(path, err)
	}
	if d, err := os.Open(dir); err == nil {
		defer d.Close()
		if err := d.Sync(); err != nil {
			return fmt.Errorf("writing %s: syncing its folder: %w", path, err)
		}
	}
	return nil
}

// WriteError says what a failed write means and what to do: a full disk, a
// read-only or forbidden folder, or the error itself. The file is left as
// it was, since writes go through a temporary file.
func WriteError(path string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("writing %s: the disk is full; free some space and try again (the file was left as it was): %w", path, err)
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return fmt.Errorf("writing %s: the folder is read-only or not yours; make it writable, or set ATELIER_HOME to another folder (the file was left as it was): %w", path, err)
	}
	return fmt.Errorf("writing %s: %w", path, err)
}

// Clone returns a deep copy of the kit, for an editor to change while the
// original stays in use. It goes through the file format, so that every
// field, present and future, is copied.
func (k *Kit) Clone() (*Kit, error) {
	data, err := k.Marshal()
	if err != nil {
		return nil, err
	}
	c := &Kit{Dir: k.Dir}
	if err := toml.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("copying the kit: %w", err)
	}
	return c, nil
}
