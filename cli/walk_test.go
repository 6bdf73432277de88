package cli

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atelier/studio"
	"atelier/studio/store"
)

// TestNewcomerWalk is a newcomer's first hour, with real input events
// (xdotool) in the real window on a 1366×768 Xvfb screen, with no model
// server: the first run fills the studio, the newcomer says who they are,
// drafts from the kit's templates, sends a draft to review, becomes a
// reviewer, approves a piece with Ctrl+Enter, renders a draft's images
// and snippet, and exports the approved pieces. Each screen is saved as
// a screenshot; set ATELIER_TOUR=docs/tour to refresh the README's tour.
// The clicks are at the places the window lays its widgets out at that
// size; the data folder is read after each step to see that it happened.
func TestNewcomerWalk(t *testing.T) {
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: run scripts/bootstrap (it installs xvfb, xdotool and imagemagick)", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "atelier")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tour := os.Getenv("ATELIER_TOUR")
	if tour == "" {
		tour = filepath.Join(dir, "tour")
	} else if !filepath.IsAbs(tour) {
		tour = filepath.Join("..", tour) // relative to the repository, not to cli/
	}
	if err := os.MkdirAll(tour, 0o755); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	w := &walker{t: t, display: startXvfbSized(t, "1366x768x24"), tour: tour}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := exec.CommandContext(ctx, bin)
	if err := os.MkdirAll(filepath.Join(dir, "userhome"), 0o755); err != nil {
		t.Fatal(err)
	}
	app.Env = append(os.Environ(), "DISPLAY="+w.display, "ATELIER_HOME="+home, "HOME="+filepath.Join(dir, "userhome"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), // a newcomer: no preferences yet
		"OLLAMA_HOST=127.0.0.1:9", "LANG=C", "LC_ALL=C", "LANGUAGE=")
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		app.Wait()
		if t.Failed() {
			t.Logf("atelier's output:\n%s", logs.String())
		}
	}()
	w.run("xdotool", "search", "--sync", "--name", "Atelier")

	// The first run fills the studio in the background.
	pieces := w.until("the first-run content", home, func(ps []studio.Piece) bool { return len(ps) >= 12 })
	w.shot("1-first-run")
	// Who is using Atelier? (the dialog in the middle of the window)
	w.click(650, 317)
	w.run("xdotool", "type", "--delay", "30", "Camille")
	w.click(660, 396)

	w.nav(0) // Compose: no server, so the panel offers the templates; Draft drafts from them
	w.shot("2-compose-no-model")
	w.click(551, 613)
	w.until("the template drafts", home, func(ps []studio.Piece) bool { return len(ps) >= len(pieces)+12 })
	w.shot("3-compose-drafted")

	// The newcomer edits the first draft and saves it; the live check
	// flags "clients", and Apply fix writes the kit's word.
	w.click(750, 150) // the first card
	w.click(600, 460) // into its text
	w.run("xdotool", "type", "--delay", "30", "Nos clients adorent. ")
	w.click(795, 613) // Save
	w.version(home, "the edit", func(v studio.Version) bool { return v.Action == "edit" && v.Author == "Camille" })
	w.click(862, 414)  // Check
	w.click(1000, 500) // its first finding: "communauté" rather than "clients"
	w.shot("3b-compose-edited")
	w.click(1185, 454) // Apply fix
	w.version(home, "the fix", func(v studio.Version) bool {
		return v.Action == "fix:lexicon.preferred" && strings.Contains(v.Text, "Nos communauté adorent.")
	})

	w.nav(1) // Review: the first draft goes to review
	w.click(310, 227)
	w.shot("4-review-piece")
	w.click(291, 574) // Send to review
	w.until("a draft sent to review", home, func(ps []studio.Piece) bool { return count(ps, studio.StateInReview) == 3 })

	w.nav(8) // Settings: the newcomer reviews too
	w.click(490, 104)
	w.click(462, 177) // reviewer
	w.click(594, 104) // Save
	w.shot("5-settings")

	w.nav(1)
	w.click(480, 227) // the first piece in review
	w.run("xdotool", "key", "ctrl+Return")
	w.until("the approval", home, func(ps []studio.Piece) bool { return count(ps, studio.StateApproved) == 3 })
	w.shot("6-review-approved")

	w.nav(0) // Compose: the first card's image and snippet
	w.click(760, 150)
	w.click(936, 414)  // Images
	w.click(1180, 574) // Render every placement, from the sample photo
	w.assets(home, "variant", 2)
	w.shot("7-compose-images")
	w.click(1003, 414) // Audio
	w.click(870, 454)  // 15 s
	w.click(1110, 454) // Render audio
	w.assets(home, "audio", 2)
	w.shot("8-compose-audio")

	w.nav(1) // Review: export the approved pieces, into the folder the dialog opens on
	w.click(1030, 21)
	w.shot("9-export-dialog")
	w.click(664, 456) // Export, with the dialog's schedule: from tomorrow 09:00, one a day, into the home folder
	w.until("the export", home, func(ps []studio.Piece) bool { return count(ps, studio.StateExported) == 3 })
	if bundles, _ := filepath.Glob(filepath.Join(dir, "userhome", "sample-*", "manifest.json")); len(bundles) != 1 {
		t.Errorf("the bundle is not in the folder chosen: %v", bundles)
	}

	for i, name := range map[int]string{2: "14-calendar", 3: "15-results", 4: "10-assets", 5: "11-brand-kit", 6: "12-model", 7: "13-check-a-file"} {
		w.nav(i)
		w.shot(name)
	}
	ws := openHome(t, home)
	defer ws.Close()
	if !approvedBy(ws, "Camille") {
		t.Error("no piece was approved by the newcomer")
	}
}

// approvedBy reports whether who approved a piece.
func approvedBy(ws *studio.Workspace, who string) bool {
	ps, _ := ws.Pieces(context.Background(), studio.PieceFilter{})
	for _, p := range ps {
		trs, _ := ws.Transitions(context.Background(), p.ID)
		for _, tr := range trs {
			if tr.To == studio.StateApproved && tr.Who == who {
				return true
			}
		}
	}
	return false
}

// walker drives the window with real input events and saves screenshots.
type walker struct {
	t       *testing.T
	display string
	tour    string
}

func (w *walker) run(args ...string) {
	w.t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Fatalf("%s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// click clicks at x,y on the screen (the window sits at 0,0) and lets the
// window answer.
func (w *walker) click(x, y int) {
	w.t.Helper()
	w.run("xdotool", "mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	time.Sleep(700 * time.Millisecond)
}

// nav opens the sidebar's screen i.
func (w *walker) nav(i int) {
	w.t.Helper()
	w.click(60, 21+39*i)
	time.Sleep(500 * time.Millisecond)
}

// shot saves the window (at 0,0, 1240×680) as NAME.png in the tour
// folder, once it has drawn what the last step changed.
func (w *walker) shot(name string) {
	w.t.Helper()
	time.Sleep(time.Second)
	path := filepath.Join(w.tour, name+".png")
	img, err := capture(w.display, path)
	if err != nil {
		w.t.Fatal(err)
	}
	window := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(0, 0, 1240, 680))
	if err := writePNG(path, window); err != nil {
		w.t.Fatal(err)
	}
}

// until reads the data folder's pieces until ok holds, for at most 30 s.
func (w *walker) until(what, home string, ok func([]studio.Piece) bool) []studio.Piece {
	w.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ws := openHome(w.t, home)
		ps, err := ws.Pieces(context.Background(), studio.PieceFilter{})
		ws.Close()
		if err == nil && ok(ps) {
			return ps
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("timed out waiting for %s (%d pieces, %v)", what, len(ps), err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// version waits until some piece's latest version satisfies ok.
func (w *walker) version(home, what string, ok func(studio.Version) bool) {
	w.t.Helper()
	w.until(what, home, func(ps []studio.Piece) bool {
		ws := openHome(w.t, home)
		defer ws.Close()
		for _, p := range ps {
			if v, err := ws.LatestVersion(context.Background(), p.ID); err == nil && ok(v) {
				return true
			}
		}
		return false
	})
}

// assets waits until n pieces have assets of the role (first-run content
// included).
func (w *walker) assets(home, role string, n int) {
	w.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ws := openHome(w.t, home)
		ps, _ := ws.Pieces(context.Background(), studio.PieceFilter{})
		have := 0
		for _, p := range ps {
			if as, _ := ws.PieceAssets(context.Background(), p.ID, role); len(as) > 0 {
				have++
			}
		}
		ws.Close()
		if have >= n {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("timed out waiting for %d pieces with %s assets (%d)", n, role, have)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// openHome opens the data folder the window works in, beside it.
func openHome(t *testing.T, home string) *studio.Workspace {
	t.Helper()
	ws, err := store.OpenWorkspace(context.Background(), home, filepath.Join(home, "kits", studio.SampleKitName))
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func count(ps []studio.Piece, st studio.State) int {
	n := 0
	for _, p := range ps {
		if p.State == st {
			n++
		}
	}
	return n
}
