// Package packaging turns work into files that leave the studio: brand kits
// as .atelierkit files and, with the export issue, campaign bundles.
package packaging

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"atelier/brandkit"
)

// Limits on a .atelierkit being imported.
const (
	MaxKitEntries = 1000
	MaxKitBytes   = 200 << 20 // uncompressed
	MaxKitRatio   = 100       // uncompressed over compressed, per file
)

// ErrUnsafeKit wraps every reason an .atelierkit is refused.
var ErrUnsafeKit = errors.New("the .atelierkit file is refused")

// ErrKitExists is returned when a kit of the same name is installed and the
// caller did not ask to replace it.
var ErrKitExists = errors.New("a kit with this name is already installed")

// kitEpoch stamps every entry, so exporting the same kit twice gives the
// same bytes.
var kitEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// ExportKit writes the kit folder as a zip at out: brandkit.toml and every
// regular file beside it, in name order; hidden files, links and temporary
// files are left out. The file is written to a temporary name and renamed.
func ExportKit(dir, out string) error {
	if _, err := os.Stat(filepath.Join(dir, brandkit.FileName)); err != nil {
		return fmt.Errorf("%s is not a kit folder (no %s)", dir, brandkit.FileName)
	}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	return zipFiles(out, dir, files)
}

// zipFiles writes the files (relative to dir, with /) into a zip at out, in
// the order given and with a fixed timestamp, through a temporary file that
// is synced and renamed, so out is whole or absent.
func zipFiles(out, dir string, files []string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".atelier-zip-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := zip.NewWriter(tmp)
	for _, rel := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: rel, Method: zip.Deflate, Modified: kitEpoch})
		if err != nil {
			return err
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		_, err = io.Copy(w, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}

// checkEntries refuses zip slips, absolute paths, links, too many entries,
// too many bytes and suspicious compression ratios, before anything is
// written. It returns the folder prefix to strip (a zip made of a folder).
func checkEntries(files []*zip.File) (string, error) {
	if len(files) > MaxKitEntries {
		return "", fmt.Errorf("%w: it has %d entries; at most %d are allowed", ErrUnsafeKit, len(files), MaxKitEntries)
	}
	var total uint64
	prefix := ""
	for _, f := range files {
		name := f.Name
		switch {
		case strings.Contains(name, "\\"), path.IsAbs(name), filepath.IsAbs(name), len(name) > 1 && name[1] == ':':
			return "", fmt.Errorf("%w: entry %q has an absolute or Windows path", ErrUnsafeKit, name)
		case name == ".." || strings.HasPrefix(name, "../") || strings.Contains(name, "/../") || strings.HasSuffix(name, "/.."):
			return "", fmt.Errorf("%w: entry %q points outside the kit (zip slip)", ErrUnsafeKit, name)
		case f.Mode()&fs.ModeSymlink != 0:
			return "", fmt.Errorf("%w: entry %q is a symbolic link", ErrUnsafeKit, name)
		case !f.Mode().IsRegular() && !f.FileInfo().IsDir():
			return "", fmt.Errorf("%w: entry %q is not a plain file", ErrUnsafeKit, name)
		}
		total += f.UncompressedSize64
		if total > MaxKitBytes {
			return "", fmt.Errorf("%w: it unpacks to more than %d MB", ErrUnsafeKit, MaxKitBytes>>20)
		}
		if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > MaxKitRatio {
			return "", fmt.Errorf("%w: entry %q expands %d times (a zip bomb?); at most %d is allowed", ErrUnsafeKit, name, f.UncompressedSize64/f.CompressedSize64, MaxKitRatio)
		}
		if path.Base(name) == brandkit.FileName {
			prefix = strings.TrimSuffix(name, brandkit.FileName)
		}
	}
	if prefix != "" && strings.Count(prefix, "/") > 1 {
		return "", fmt.Errorf("%w: %s is nested too deep (%s)", ErrUnsafeKit, brandkit.FileName, prefix)
	}
	return prefix, nil
}

// unpack writes the entries under dir, reading at most what each header
// declares, so a lying header cannot fill the disk.
func unpack(files []*zip.File, prefix, dir string) error {
	for _, f := range files {
		rel := strings.TrimPrefix(f.Name, prefix)
		if rel == "" || f.FileInfo().IsDir() || !strings.HasPrefix(f.Name, prefix) {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if !strings.HasPrefix(dst, filepath.Clean(dir)+string(os.PathSeparator)) {
			return fmt.Errorf("%w: entry %q points outside the kit (zip slip)", ErrUnsafeKit, f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		r, err := f.Open()
		if err != nil {
			return fmt.Errorf("%w: entry %q: %v", ErrUnsafeKit, f.Name, err)
		}
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			r.Close()
			return err
		}
		n, err := io.Copy(out, io.LimitReader(r, int64(f.UncompressedSize64)+1))
		r.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%w: entry %q: %v", ErrUnsafeKit, f.Name, err)
		}
		if uint64(n) > f.UncompressedSize64 {
			return fmt.Errorf("%w: entry %q is larger than its header says", ErrUnsafeKit, f.Name)
		}
	}
	return nil
}

var slugRe = regexp.MustCompile(`[^a-z0-9]+`)

// Slug names a folder after a brand or a campaign, readably: accents
// folded ("Noël" → "noel"), ligatures spelled out ("Œuvre" → "oeuvre").
func Slug(name string) string {
	s := ligatures.Replace(strings.ToLower(brandkit.FoldAccents(name)))
	s = strings.Trim(slugRe.ReplaceAllString(s, "-"), "-")
	if s == "" {
		return "kit"
	}
	return s
}

// ligatures are the letters that do not fold to plain ones.
var ligatures = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d", "þ", "th")

// ImportKit checks an .atelierkit, unpacks it to a temporary folder in
// kitsDir, validates the kit, and installs it as kitsDir/SLUG. A kit already
// there is kept as SLUG.previous-TIMESTAMP when replace is true; otherwise
// ErrKitExists is returned and nothing changes.
func ImportKit(file, kitsDir string, opt brandkit.Options, replace bool) (string, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return "", fmt.Errorf("%w: %s is not a zip file: %v", ErrUnsafeKit, file, err)
	}
	defer zr.Close()
	prefix, err := checkEntries(zr.File)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(kitsDir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(kitsDir, ".import-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := unpack(zr.File, prefix, tmp); err != nil {
		return "", err
	}
	kit, err := brandkit.Load(tmp, opt)
	if err != nil {
		return "", fmt.Errorf("the kit in %s does not validate, so it was not installed:\n%w", file, err)
	}
	dst := filepath.Join(kitsDir, Slug(kit.Identity.Name))
	if _, err := os.Stat(dst); err == nil {
		if !replace {
			return dst, fmt.Errorf("%w: %s", ErrKitExists, dst)
		}
		keep := dst + ".previous-" + time.Now().UTC().Format("20060102T150405")
		if err := os.Rename(dst, keep); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		return "", err
	}
	return dst, nil
}
