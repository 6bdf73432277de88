package packaging

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"atelier/brandkit"
	"atelier/studio"
)

// InstalledKit is one brand kit in the data folder's kits/.
type InstalledKit struct {
	Dir       string
	Name      string // the brand's name; the folder's when the kit cannot be read
	Version   string
	Languages []string
	Problems  int   // validation problems; the kit still opens, to be fixed
	Err       error // set when the kit cannot be read at all
}

// InstalledKits lists the kits under kitsDir, by name. Folders kept by a
// replacing import (NAME.previous-TIME) are left out.
func InstalledKits(kitsDir string, opt brandkit.Options) ([]InstalledKit, error) {
	entries, err := os.ReadDir(kitsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []InstalledKit
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.Contains(e.Name(), ".previous-") {
			continue
		}
		dir := filepath.Join(kitsDir, e.Name())
		if _, err := os.Stat(filepath.Join(dir, brandkit.FileName)); err != nil {
			continue
		}
		ik := InstalledKit{Dir: dir, Name: e.Name()}
		k, err := brandkit.Load(dir, opt)
		var ve *brandkit.ValidationError
		switch {
		case k == nil:
			ik.Err = err
		case errors.As(err, &ve):
			ik.Problems = len(ve.Errors)
		}
		if k != nil {
			ik.Name, ik.Version, ik.Languages = k.Identity.Name, k.Identity.Version, k.Identity.Languages
		}
		out = append(out, ik)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// NewKit makes a kit named name in kitsDir from the sample kit's files:
// the sample as it is, renamed, or (blank) a starting point that keeps
// only what a kit cannot do without (the fonts, a placeholder logo, black
// and white, one audience) for the user to fill in.
func NewKit(kitsDir, name string, sample fs.FS, blank bool, opt brandkit.Options) (string, error) {
	return copyKit(kitsDir, name, sample, opt, func(k *brandkit.Kit) {
		if blank {
			clearKit(k)
		}
	})
}

// DuplicateKit copies the kit in src to a new kit named name in kitsDir.
func DuplicateKit(kitsDir, src, name string, opt brandkit.Options) (string, error) {
	return copyKit(kitsDir, name, os.DirFS(src), opt, nil)
}

// copyKit installs the files of src as a new kit named name, changed by
// change, and saves it; the new folder is kitsDir/SLUG.
func copyKit(kitsDir, name string, src fs.FS, opt brandkit.Options, change func(*brandkit.Kit)) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errors.New("the new kit needs a name")
	}
	dst := filepath.Join(kitsDir, Slug(name))
	if _, err := os.Stat(dst); err == nil {
		return dst, fmt.Errorf("%w: %s; choose another name", ErrKitExists, dst)
	}
	if err := studio.InstallKit(src, dst); err != nil {
		os.RemoveAll(dst)
		return "", fmt.Errorf("copying the kit to %s: %w", dst, err)
	}
	k, err := brandkit.Load(dst, opt)
	if k == nil {
		os.RemoveAll(dst)
		return "", err
	}
	k.Identity.Name = name
	if change != nil {
		change(k)
	}
	if err := k.Save(opt); err != nil {
		os.RemoveAll(dst)
		return "", err
	}
	return dst, nil
}

// clearKit leaves a kit with what every kit needs and nothing of the
// sample's brand.
func clearKit(k *brandkit.Kit) {
	k.Identity.Tagline, k.Identity.Version, k.Identity.Handle, k.Identity.Avatar, k.Identity.Timezone = "", "0.1.0", "", "", ""
	k.Voice = brandkit.Voice{Emoji: "sparing", Formality: k.Voice.Formality}
	k.Lexicon = brandkit.Lexicon{}
	k.Claims = brandkit.Claims{}
	k.Regulatory = brandkit.Regulatory{}
	k.Templates, k.Examples = nil, nil
	k.Calendar = brandkit.Calendar{}
	k.Platforms = nil
	k.Rules = nil
	k.Palette = []brandkit.Colour{{Name: "Black", Hex: "#111111", Role: "text"}, {Name: "White", Hex: "#FFFFFF", Role: "background"}}
	k.Personas = []brandkit.Persona{{ID: "audience", Name: "Our audience", Description: "Who the brand writes for; describe them here."}}
}
