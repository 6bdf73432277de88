package app

import (
	"atelier/studio/ollama"
	"atelier/studio/store"
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
)

// noOllama is a connector for tests that need no model: drafting falls
// back to the templates.
func noOllama(context.Context) (*ollama.Connection, error) { return nil, ollama.ErrNoOllama }

// newTestStudio opens a studio on a fresh data dir holding a copy of the
// sample kit, in Fyne's test driver, with no Ollama server.
func newTestStudio(t *testing.T) (*Studio, *studio.Workspace) {
	t.Helper()
	return newTestStudioWith(t, noOllama)
}

// fixtures maps each test workspace to its store, for the fixtures tests
// write below the studio's tasks (ten thousand pieces, a bare version).
var fixtures sync.Map

func storeOf(ws *studio.Workspace) *store.Store {
	st, _ := fixtures.Load(ws)
	return st.(*store.Store)
}

func newTestStudioWith(t *testing.T, connect func(context.Context) (*ollama.Connection, error)) (*Studio, *studio.Workspace) {
	t.Helper()
	ws := testWorkspace(t)
	if err := ws.EnsureSampleCampaign(context.Background()); err != nil {
		t.Fatal(err)
	}
	return openTestStudio(t, ws, connect), ws
}

// testWorkspace is a new data folder holding a copy of the sample kit.
func testWorkspace(t *testing.T) *studio.Workspace {
	t.Helper()
	dir := t.TempDir()
	kitDir, err := studio.DefaultKitDir(dir, samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	ws := studio.New(st, dir, kitDir)
	fixtures.Store(ws, st)
	t.Cleanup(func() { ws.Close() })
	return ws
}

// openTestStudio opens the studio window on ws in Fyne's test driver.
func openTestStudio(t *testing.T, ws *studio.Workspace, connect func(context.Context) (*ollama.Connection, error)) *Studio {
	t.Helper()
	a := test.NewTempApp(t)
	s := New(a, ws, Options{Connect: connect})
	t.Cleanup(s.Close)
	t.Cleanup(func() { waitBackground(t) })    // before Close and the folders' removal
	s.Window().Resize(fyne.NewSize(1240, 680)) // the size the window opens at
	return s
}

// texts returns every piece of text drawn in the window.
func texts(w fyne.Window) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(w.Content()) {
		switch t := o.(type) {
		case *canvas.Text:
			if t.Visible() {
				b.WriteString(t.Text + "\n")
			}
		case *widget.Entry:
			b.WriteString(t.Text + "\n")
		}
	}
	return b.String()
}

func fills(w fyne.Window) map[color.NRGBA]bool {
	out := map[color.NRGBA]bool{}
	for _, o := range test.LaidOutObjects(w.Content()) {
		if r, ok := o.(*canvas.Rectangle); ok && r.Visible() {
			if c, ok := r.FillColor.(color.NRGBA); ok {
				out[c] = true
			}
		}
	}
	return out
}

func TestNavigationReachesEveryScreen(t *testing.T) {
	s, _ := newTestStudio(t)
	want := []string{"Compose", "Review", "Calendar", "Results", "Assets", "Brand kit", "Model", "Check a file", "Settings"}
	if got := s.ScreenTitles(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sidebar %v, want %v", got, want)
	}
	if s.Current() != "Compose" {
		t.Fatalf("opens on %q, want Compose", s.Current())
	}
	expect := map[string]string{
		"Compose":      "Key message",
		"Review":       "draft: 0",
		"Assets":       "Drop images here or import them",
		"Brand kit":    "Maison Lumen",
		"Model":        "No Ollama server is running.",
		"Settings":     "ATELIER_HOME",
		"Check a file": "Drop a text, image or WAV file here",
	}
	for i, title := range want {
		s.nav.Select(i)
		if s.Current() != title {
			t.Fatalf("selected %d, showing %q", i, s.Current())
		}
		waitFor(t, fmt.Sprintf("the %s screen to show %q", title, expect[title]), func() bool { return strings.Contains(texts(s.Window()), expect[title]) })
	}
}

func TestKitScreenShowsSampleKit(t *testing.T) {
	s, ws := newTestStudio(t)
	showScreen[*kitScreen](s)
	got := texts(s.Window())
	for _, want := range []string{"Maison Lumen", "@maisonlumen", "fr-FR", "The kit is valid."} {
		if !strings.Contains(got, want) {
			t.Errorf("kit screen lacks %q", want)
		}
	}
	colours := fills(s.Window())
	for _, c := range ws.Kit().Palette {
		if !colours[parseHex(c.Hex).(color.NRGBA)] {
			t.Errorf("colour %s %s is not drawn", c.Name, c.Hex)
		}
	}
	k := showScreen[*kitScreen](s)
	k.tabs.SelectIndex(1)
	got = texts(s.Window())
	for _, c := range ws.Kit().Palette {
		if !strings.Contains(got, c.Hex+" · "+c.Role) {
			t.Errorf("swatch for %s missing", c.Hex)
		}
	}
}

// findField returns the kit screen's field for a path.
func findField(t *testing.T, k *kitScreen, path string) *field {
	for _, f := range k.fields {
		if f.path == path {
			return f
		}
	}
	t.Fatalf("no field %s", path)
	return nil
}

func TestKitScreenShowsErrorsInlineAndSavesNothingBad(t *testing.T) {
	s, ws := newTestStudio(t)
	k := showScreen[*kitScreen](s)
	manifest := filepath.Join(ws.KitDir(), brandkit.FileName)
	before, _ := os.ReadFile(manifest)

	langs := findField(t, k, "identity.languages")
	langs.input.(*widget.Entry).SetText("fr-FR\nen-GB\nklingon_tlh")
	test.Tap(findButton(t, s.Window(), "Save"))
	if !langs.err.Visible() || !strings.Contains(langs.err.Text, "BCP 47") {
		t.Fatalf("inline error = %q (visible %v)", langs.err.Text, langs.err.Visible())
	}
	if !strings.Contains(texts(s.Window()), "Languages (BCP 47): ") || strings.Contains(texts(s.Window()), "brandkit.toml:") {
		t.Error("the error list does not name the field as the screen does")
	}
	after, _ := os.ReadFile(manifest)
	if string(before) != string(after) {
		t.Fatal("an invalid kit was written")
	}

	langs.input.(*widget.Entry).SetText("fr-FR\nen-GB\nde-DE")
	findField(t, k, "identity.tagline").input.(*widget.Entry).SetText("Nouvelle lumière")
	test.Tap(findButton(t, s.Window(), "Save"))
	runUI()
	// The saved kit is in force everywhere: the screens showing it are built
	// again on it, with no error left.
	fresh := s.screens[screenIndex[*kitScreen](s)].(*kitScreen)
	if fresh == k || len(fresh.problems) != 0 || ws.Kit().Identity.Tagline != "Nouvelle lumière" {
		t.Fatalf("after the save: a new screen %v, problems %v, tagline in force %q", fresh != k, fresh.problems, ws.Kit().Identity.Tagline)
	}
	if c := composeOf(s); len(c.languages.Options) != 3 {
		t.Errorf("Compose offers %v, not the saved kit's three languages", c.languages.Options)
	}
	saved, err := brandkit.Load(ws.KitDir(), ws.KitOptions())
	if err != nil || saved.Identity.Tagline != "Nouvelle lumière" || len(saved.Identity.Languages) != 3 {
		t.Fatalf("saved kit %+v, %v", saved.Identity, err)
	}
}

func TestPaletteEditRecoloursSwatch(t *testing.T) {
	s, ws := newTestStudio(t)
	k := showScreen[*kitScreen](s)
	k.tabs.SelectIndex(1)
	k.swatches.Select(0)
	hex := k.swatchBox.Objects[0]
	var entry *widget.Entry
	for _, o := range test.LaidOutObjects(hex) {
		if e, ok := o.(*widget.Entry); ok && e.Text == ws.Kit().Palette[0].Hex {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("no hex entry for the selected swatch")
	}
	before := ws.Kit().Palette[0].Hex
	entry.SetText("#00FF00")
	if k.kit().Palette[0].Hex != "#00FF00" || !fills(s.Window())[color.NRGBA{0, 0xFF, 0, 0xFF}] {
		t.Fatal("the swatch did not take the new colour")
	}
	if ws.Kit().Palette[0].Hex != before {
		t.Fatal("an unsaved edit reached the kit in force, which drafting reads")
	}
}

func findButton(t *testing.T, w fyne.Window, label string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	t.Fatalf("no %q button", label)
	return nil
}

func TestFrenchTranslation(t *testing.T) {
	t.Setenv("LANGUAGE", "fr_FR")
	t.Setenv("LC_ALL", "fr_FR.UTF-8")
	t.Setenv("LANG", "fr_FR.UTF-8")
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Setenv("LANGUAGE", "C")
		os.Setenv("LC_ALL", "C")
		os.Setenv("LANG", "C")
		LoadTranslations()
	})
	s, _ := newTestStudio(t)
	got := strings.Join(s.ScreenTitles(), ",")
	if got != "Composer,Relecture,Calendrier,Résultats,Ressources,Charte de marque,Modèle,Vérifier un fichier,Réglages" {
		t.Fatalf("French sidebar: %s", got)
	}
	showScreen[*kitScreen](s)
	if !strings.Contains(texts(s.Window()), "La charte est valide.") {
		t.Error("kit screen is not in French")
	}
}

func TestEnglishFallbackForCLocale(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "C")
	t.Setenv("LANG", "C")
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	s, _ := newTestStudio(t)
	if got := s.ScreenTitles()[0]; got != "Compose" {
		t.Fatalf("LANG=C gives %q, want English", got)
	}
}

func TestRemoteOllamaHostIsWarnedOnce(t *testing.T) {
	s, _ := newTestStudio(t)
	overlays := func() int { return len(s.Window().Canvas().Overlays().List()) }
	before := overlays()
	for _, loopback := range []string{"127.0.0.1:11434", "localhost:11434", "http://[::1]:11434"} {
		s.warnRemoteHost(loopback)
	}
	if overlays() != before {
		t.Fatal("a loopback host must not warn")
	}
	s.warnRemoteHost("gpu-box.example:11434")
	if overlays() != before+1 {
		t.Fatal("a remote host must warn")
	}
	s.warnRemoteHost("gpu-box.example:11434")
	if overlays() != before+1 {
		t.Fatal("the warning shows once per host")
	}
}

// TestFirstRunShowsTheSampleCampaign: a new data folder opens on the
// sample campaign made in the background, with a progress bar meanwhile,
// and the Review board shows pieces in every state it reached.
func TestFirstRunShowsTheSampleCampaign(t *testing.T) {
	ws := testWorkspace(t)
	s := openTestStudio(t, ws, noOllama)
	if !s.busy.Visible() {
		t.Error("no progress bar while the sample campaign is made")
	}
	waitBackground(t)
	if s.busy.Visible() || !strings.Contains(s.status.Text, "Sample campaign ready") {
		t.Fatalf("status %q", s.status.Text)
	}
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	for _, st := range []studio.State{studio.StateDraft, studio.StateInReview, studio.StateChangesRequested, studio.StateApproved} {
		if len(r.cols[st]) == 0 {
			t.Errorf("no piece %s on the board", st)
		}
	}
	a := showScreen[*assetsScreen](s)
	waitBackground(t)
	if len(a.list) == 0 {
		t.Error("the library is empty")
	}
}
