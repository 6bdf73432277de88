package packaging_test

import (
	"errors"
	"path/filepath"
	"testing"

	"atelier/brandkit"
	"atelier/packaging"
	"atelier/samples"
	"atelier/studio/platform"
)

// TestKitLibrary: a new kit from the sample, a blank one and a duplicate
// each validate under their own name, are listed by name, and a second kit
// of the same name is refused.
func TestKitLibrary(t *testing.T) {
	kits := filepath.Join(t.TempDir(), "kits")
	opt := brandkit.Options{Platforms: platform.Default().IDs()}
	fromSample, err := packaging.NewKit(kits, "Café Nord", samples.Kit(), false, opt)
	if err != nil {
		t.Fatal(err)
	}
	blank, err := packaging.NewKit(kits, "Blank Brand", samples.Kit(), true, opt)
	if err != nil {
		t.Fatal(err)
	}
	dup, err := packaging.DuplicateKit(kits, fromSample, "Café Nord Pro", opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{fromSample, blank, dup} {
		if _, err := brandkit.Load(dir, opt); err != nil {
			t.Errorf("%s: %v", dir, err)
		}
	}
	k, _ := brandkit.Load(blank, opt)
	if len(k.Lexicon.Banned) != 0 || len(k.Personas) != 1 || k.Identity.Name != "Blank Brand" {
		t.Errorf("blank kit keeps the sample's brand: %+v", k.Identity)
	}
	list, err := packaging.InstalledKits(kits, opt)
	if err != nil || len(list) != 3 || list[0].Name != "Blank Brand" || list[1].Name != "Café Nord" || list[2].Problems != 0 {
		t.Fatalf("installed: %+v %v", list, err)
	}
	if _, err := packaging.NewKit(kits, "café nord", samples.Kit(), false, opt); !errors.Is(err, packaging.ErrKitExists) {
		t.Fatalf("same name again: %v", err)
	}
	if _, err := packaging.NewKit(kits, "  ", samples.Kit(), false, opt); err == nil {
		t.Fatal("a kit without a name")
	}
}
