// Package studio is Atelier's domain: the workspace (data dir, store, brand
// kit, platform registry), drafting and the approval workflow.
package studio

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// Workspace is everything a session of Atelier works on. It owns the brand
// kit: Kit returns the one in force, which no caller changes; an editor
// changes a copy (Kit.Clone) and hands it to SaveKit, and every kit change
// is announced to OnKitChanged's listeners.
//
// Its store's queries are its own methods (Campaigns, Pieces, Versions…);
// every write is a studio task that records who made it.
type Workspace struct {
	reads
	store    Store
	dataDir  string
	registry *platform.Registry
	kit      atomic.Pointer[kitState]
	mu       sync.Mutex
	onKit    []func()
	onChange []func(Change)
	// maxImagePixels is the largest image the library imports;
	// assets.DefaultMaxPixels when zero. Settings change it while imports
	// run off the UI goroutine, hence atomic.
	maxImagePixels atomic.Int64
}

// DataDir returns where Atelier keeps its data: $ATELIER_HOME when set,
// otherwise the OS's user data folder.
func DataDir() (string, error) {
	if d := os.Getenv("ATELIER_HOME"); d != "" {
		return filepath.Abs(d)
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the data folder: %w (set ATELIER_HOME)", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Atelier"), nil
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "Atelier"), nil
		}
		return filepath.Join(home, "AppData", "Local", "Atelier"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "atelier"), nil
	}
	return filepath.Join(home, ".local", "share", "atelier"), nil
}

// SampleKitName is the folder the sample kit is installed to under kits/.
const SampleKitName = "maison-lumen"

// DefaultKitDir returns the kit opened when none is chosen: the sample kit
// in the data dir, installed from sample on first use.
func DefaultKitDir(dataDir string, sample fs.FS) (string, error) {
	dir := filepath.Join(dataDir, "kits", SampleKitName)
	if _, err := os.Stat(filepath.Join(dir, brandkit.FileName)); err == nil {
		return dir, nil
	}
	if err := InstallKit(sample, dir); err != nil {
		return "", fmt.Errorf("installing the sample brand kit into %s: %w", dir, err)
	}
	return dir, nil
}

// InstallKit copies a kit's files into dir, each written atomically.
func InstallKit(src fs.FS, dir string) error {
	return fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(src, path)
		if err != nil {
			return err
		}
		return brandkit.WriteFileAtomic(dst, data, 0o644)
	})
}

// New makes the workspace over an open store, with its files in dataDir
// and the kit in kitDir. A kit with problems still opens (KitErr says what
// is wrong). The workspace owns the store: Close closes it.
func New(st Store, dataDir, kitDir string) *Workspace {
	w := &Workspace{reads: st, dataDir: dataDir, registry: platform.Default()}
	w.store = announcing{Store: st, w: w}
	w.loadKit(kitDir)
	return w
}

// DataDir returns the folder of the workspace's files (assets, exports).
func (w *Workspace) DataDir() string { return w.dataDir }

// Registry returns the platforms the workspace knows.
func (w *Workspace) Registry() *platform.Registry { return w.registry }

// kitState is the kit in force: as read from dir, with its problems.
type kitState struct {
	kit *brandkit.Kit // nil only when the kit could not be read at all
	err error         // the kit's validation problems, if any
	dir string
}

// Kit returns the kit in force; nil only when it could not be read at all.
// It is shared: change a Clone and save it with SaveKit.
func (w *Workspace) Kit() *brandkit.Kit { return w.kit.Load().kit }

// KitErr returns the kit's validation problems, if any.
func (w *Workspace) KitErr() error { return w.kit.Load().err }

// KitDir returns the folder of the kit in force.
func (w *Workspace) KitDir() string { return w.kit.Load().dir }

// OnKitChanged registers fn to run (on the caller's goroutine of the
// change) whenever another kit is opened, or the kit is saved or reloaded.
func (w *Workspace) OnKitChanged(fn func()) {
	w.mu.Lock()
	w.onKit = append(w.onKit, fn)
	w.mu.Unlock()
}

func (w *Workspace) loadKit(dir string) {
	k, err := brandkit.Load(dir, w.KitOptions())
	if k != nil {
		k.Compile()
	}
	w.kit.Store(&kitState{kit: k, err: err, dir: dir})
}

func (w *Workspace) kitChanged() {
	w.mu.Lock()
	fns := append([]func(){}, w.onKit...)
	w.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// OpenKit makes the kit in dir the one in force.
func (w *Workspace) OpenKit(dir string) {
	w.loadKit(dir)
	w.kitChanged()
}

// SaveKit validates an edited copy of the kit, writes it to the kit's
// folder and makes it the kit in force. A kit with problems is not written:
// the *brandkit.ValidationError lists them.
func (w *Workspace) SaveKit(k *brandkit.Kit) error {
	if err := k.Save(w.KitOptions()); err != nil {
		return err
	}
	w.OpenKit(k.Dir)
	return nil
}

// KitOptions returns the validation options for this workspace's kit.
func (w *Workspace) KitOptions() brandkit.Options {
	return brandkit.Options{Platforms: w.registry.IDs()}
}

// ReloadKit reads the kit again from its folder.
func (w *Workspace) ReloadKit() { w.OpenKit(w.KitDir()) }

// KitProblems returns the kit's validation errors, or nil.
func (w *Workspace) KitProblems() []brandkit.FieldError {
	var ve *brandkit.ValidationError
	if errors.As(w.KitErr(), &ve) {
		return ve.Errors
	}
	return nil
}

// Close closes the store.
func (w *Workspace) Close() error { return w.store.Close() }

// StartCampaign stores a new campaign named name for the kit in force,
// with the brief as its first brief.
func (w *Workspace) StartCampaign(ctx context.Context, name string, b Brief) (Campaign, Brief, error) {
	c := Campaign{Name: name}
	if k := w.Kit(); k != nil {
		c.KitName, c.KitVersion = k.Identity.Name, k.Identity.Version
	}
	c, err := w.store.CreateCampaign(ctx, c)
	if err != nil {
		return c, b, err
	}
	b.CampaignID = c.ID
	b, err = w.store.CreateBrief(ctx, b)
	return c, b, err
}

// AddBrief stores another brief in an existing campaign.
func (w *Workspace) AddBrief(ctx context.Context, b Brief) (Brief, error) {
	return w.store.CreateBrief(ctx, b)
}

// EnsureSampleCampaign creates the sample campaign on first run, so the
// studio opens with something to look at.
func (w *Workspace) EnsureSampleCampaign(ctx context.Context) error {
	cs, err := w.store.Campaigns(ctx)
	if err != nil || len(cs) > 0 {
		return err
	}
	_, _, err = w.StartCampaign(ctx, sampleCampaignName, SampleBrief(0))
	return err
}

// SampleBrief is the brief of the sample campaign.
func SampleBrief(campaignID int64) Brief {
	return Brief{
		CampaignID: campaignID,
		Topic:      "La recharge d'automne « Feu de bois »",
		KeyMessage: "Gardez votre bougie, changez seulement la cire : la recharge Feu de bois arrive le 1er octobre.",
		CTA:        "Réservez la vôtre",
		Link:       "https://maisonlumen.example/recharge",
		Personas:   []string{"parents-urbains", "design-lovers"},
		Platforms:  []string{"instagram", "linkedin", "x"},
		Languages:  []string{"fr-FR", "en-GB"},
		Formats:    []string{"text", "image", "audio"},
		Language:   "fr-FR",
		ByLanguage: map[string]BriefText{"en-GB": {
			Topic:      "The “Wood Fire” autumn refill",
			KeyMessage: "Keep your candle and change only the wax: the Wood Fire refill arrives on 1 October.",
			CTA:        "Reserve yours",
		}},
	}
}
