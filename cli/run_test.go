package cli

import (
	"atelier/studio"
	"atelier/studio/store"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atelier/samples"
)

func TestKitValidateCommand(t *testing.T) {
	var out bytes.Buffer
	if err := commands["kit"](context.Background(), streams{out: &out, log: io.Discard}, []string{"validate", "../samples/kit"}); err != nil {
		t.Fatalf("sample kit: %v\n%s", err, out.String())
	}
	if !strings.HasPrefix(out.String(), "ok: Maison Lumen") {
		t.Fatalf("output %q", out.String())
	}

	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "brandkit.toml"), []byte("[identity]\nname = \"\"\nlanguages = [\"xx_YY_zz\"]\n[[palette]]\nname=\"A\"\nhex=\"#12\"\nrole=\"primary\"\n"), 0o644)
	out.Reset()
	err := commands["kit"](context.Background(), streams{out: &out, log: io.Discard}, []string{"validate", bad})
	if !errors.Is(err, errFailed) {
		t.Fatalf("a bad kit must fail, got %v", err)
	}
	for _, want := range []string{"brandkit.toml:2: identity.name", "brandkit.toml:3: identity.languages[0]", "brandkit.toml:6: palette[0].hex", "error(s)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestDemoRunsHeadless(t *testing.T) {
	var out bytes.Buffer
	home := t.TempDir()
	if err := commands["demo"](context.Background(), streams{out: &out, log: io.Discard}, []string{"--home", home}); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	assertPeopleInTheAudit(t, home)
	for _, want := range []string{"ok: Maison Lumen", "Instagram", "instagram.story 1080×1920", "search \"recharge automne\" → brief", "variants drafted, checked and stored", "jingle.wav", "audio.loudness", "image.palette", "fr-influence.disclosure", "Loi n° 2023-451", "eu-green-claims.offsetting", "U+200B ZERO WIDTH SPACE", "LUFS (target -16)", "snippet-waveform.png", "instagram.story      1080×1920", "variants-sheet.png", "approved by Inès", "exported 2 pieces", "calendar.ics", "(Europe/Paris)", "does not exist in Europe/Paris", "0 rules broken by the plan", "instagram.reel, 1080×1920 at 30 fps", "12 pieces drafted from the kit's templates (7 draft, 2 in_review, 1 changes_requested, 2 approved), 3 renders, snippet true", "gemma3:4b", "Demo finished."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

// assertPeopleInTheAudit fails when a version, transition or comment in
// the data folder names a program ("studio", "cli", "demo") or nobody.
func assertPeopleInTheAudit(t *testing.T, home string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(home, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, err := st.Pieces(ctx, studio.PieceFilter{})
	if err != nil || len(ps) == 0 {
		t.Fatalf("pieces: %d %v", len(ps), err)
	}
	bad := func(who string) bool {
		switch strings.ToLower(strings.TrimSpace(who)) {
		case "", "studio", "cli", "demo", "atelier":
			return true
		}
		return false
	}
	for _, p := range ps {
		vs, _ := st.Versions(ctx, p.ID)
		for _, v := range vs {
			if bad(v.Author) {
				t.Errorf("piece %d version %d is by %q", p.ID, v.Number, v.Author)
			}
		}
		trs, _ := st.Transitions(ctx, p.ID)
		for _, tr := range trs {
			if bad(tr.Who) {
				t.Errorf("piece %d moved %s → %s by %q", p.ID, tr.From, tr.To, tr.Who)
			}
		}
		cs, _ := st.Comments(ctx, p.ID)
		for _, c := range cs {
			if bad(c.Author) {
				t.Errorf("piece %d comment by %q", p.ID, c.Author)
			}
		}
	}
}

// TestRealWindowUnderXvfb starts the real binary on a virtual X display and
// screenshots the whole screen with ImageMagick's import. Set
// ATELIER_SCREENSHOT to keep the picture.
func TestRealWindowUnderXvfb(t *testing.T) {
	for _, tool := range []string{"Xvfb", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: run scripts/bootstrap (it installs xvfb and imagemagick)", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "atelier")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	display := startXvfb(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := exec.CommandContext(ctx, bin)
	app.Env = append(os.Environ(), "DISPLAY="+display, "ATELIER_HOME="+filepath.Join(dir, "home"), "LANG=C", "LC_ALL=C", "LANGUAGE=")
	var logs bytes.Buffer
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()

	shot := os.Getenv("ATELIER_SCREENSHOT")
	if shot == "" {
		shot = filepath.Join(dir, "screenshot.png")
	}
	deadline := time.Now().Add(45 * time.Second)
	var colours int
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("atelier exited early: %v\n%s", err, logs.String())
		case <-time.After(time.Second):
		}
		img, err := capture(display, shot)
		if err != nil {
			continue
		}
		if colours = distinctColours(img); colours > 200 {
			t.Logf("screenshot with %d colours saved to %s", colours, shot)
			return
		}
	}
	t.Fatalf("the screen stayed blank (%d colours)\n%s", colours, logs.String())
}

func startXvfb(t *testing.T) string { return startXvfbSized(t, "1280x800x24") }

// startXvfbSized starts Xvfb with one screen of the given WxHxDEPTH and
// returns its display.
func startXvfbSized(t *testing.T, screen string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not report a display")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start in 20 s")
	}
	return ""
}

func capture(display, path string) (image.Image, error) {
	cmd := exec.Command("import", "-display", display, "-window", "root", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("import: %v: %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

func distinctColours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	return len(seen)
}

func TestCheckCommand(t *testing.T) {
	var out bytes.Buffer
	err := commands["check"](context.Background(), streams{out: &out, log: io.Discard}, []string{"--kit", "../samples/kit", "--platform", "instagram", "--json",
		"../samples/check/post-fr.txt", "../samples/check/post-bad-en.txt", "../samples/check/off-palette.png", "../samples/check/too-loud.wav"})
	if !errors.Is(err, errFailed) {
		t.Fatalf("files with errors must fail the command, got %v", err)
	}
	var got []checkedFile
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	byName := map[string]checkedFile{}
	for _, r := range got {
		byName[filepath.Base(r.File)] = r
	}
	if r := byName["post-fr.txt"]; r.Score != 100 || r.Errors != 0 || r.Kind != "text" {
		t.Errorf("clean post: %+v", r)
	}
	if r := byName["post-bad-en.txt"]; r.Errors < 4 {
		t.Errorf("bad post: %+v", r)
	}
	if r := byName["off-palette.png"]; !strings.Contains(fmt.Sprint(r.Findings), "image.palette") {
		t.Errorf("off-palette image: %+v", r)
	}
	a := byName["too-loud.wav"]
	if a.IntegratedLUFS == nil || *a.IntegratedLUFS > -7 || *a.IntegratedLUFS < -9.5 || a.TruePeakDBTP == nil || a.Errors != 1 {
		t.Errorf("audio: %+v", a)
	}

	out.Reset()
	if err := commands["check"](context.Background(), streams{out: &out, log: io.Discard}, []string{"--kit", "../samples/kit", "../samples/check/post-fr.txt", "../samples/check/on-palette.png"}); err != nil {
		t.Fatalf("clean files must pass: %v\n%s", err, out.String())
	}
	bad := filepath.Join(t.TempDir(), "cut.png")
	os.WriteFile(bad, []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644)
	out.Reset()
	if err := commands["check"](context.Background(), streams{out: &out, log: io.Discard}, []string{"--kit", "../samples/kit", bad}); !errors.Is(err, errUnreadable) || !strings.Contains(out.String(), "cannot check") {
		t.Fatalf("a damaged image: %v\n%s", err, out.String())
	}
}

func TestAudioCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "teaser.wav")
	wave := filepath.Join(dir, "teaser.png")
	var b bytes.Buffer
	if err := commands["audio"](context.Background(), streams{out: &b, log: io.Discard}, []string{"--kit", "../samples/kit", "--text", "../samples/check/post-fr.txt", "--out", out, "--seconds", "15", "--waveform", wave}); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	for _, f := range []string{out, strings.TrimSuffix(out, ".wav") + ".mp3", wave} {
		if info, err := os.Stat(f); err != nil || info.Size() < 1000 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	if !strings.Contains(b.String(), "-16.0 LUFS") {
		t.Errorf("output %q", b.String())
	}
	b.Reset()
	if err := commands["audio"](context.Background(), streams{out: &b, log: io.Discard}, []string{"--text", "../samples/check/post-fr.txt", "--seconds", "20"}); !errors.Is(err, errFailed) {
		t.Errorf("20 s must be refused: %v", err)
	}
}

func TestKitExportImportCommands(t *testing.T) {
	t.Setenv("ATELIER_HOME", t.TempDir())
	file := filepath.Join(t.TempDir(), "lumen.atelierkit")
	var out bytes.Buffer
	if err := commands["kit"](context.Background(), streams{out: &out, log: io.Discard}, []string{"export", "../samples/kit", file}); err != nil {
		t.Fatal(err)
	}
	if err := commands["kit"](context.Background(), streams{out: &out, log: io.Discard}, []string{"import", file}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "installed in") {
		t.Fatalf("output %q", out.String())
	}
	err := commands["kit"](context.Background(), streams{out: &out, log: io.Discard}, []string{"import", file})
	if err == nil || !strings.Contains(err.Error(), "--replace") {
		t.Fatalf("a second import must ask for --replace: %v", err)
	}
	if err := commands["kit"](context.Background(), streams{out: &out, log: io.Discard}, []string{"import", "--replace", file}); err != nil {
		t.Fatal(err)
	}
}

func TestRenderCommand(t *testing.T) {
	out := t.TempDir()
	var b bytes.Buffer
	err := commands["render"](context.Background(), streams{out: &b, log: io.Discard}, []string{"--kit", "../samples/kit", "--image", "../samples/photo.jpg", "--placements", "instagram.story,linkedin.link",
		"--out", out, "--headline", "La recharge Feu de bois arrive", "--frame", "Ambre"})
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	for _, want := range []string{"2400×1600 jpeg", "found by saliency", "instagram.story", "1080×1920", "linkedin.link", "check 9", "2 renders"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
	// `atelier check` reads each render with its metadata.
	b.Reset()
	story := filepath.Join(out, "instagram.story.jpg")
	if err := commands["check"](context.Background(), streams{out: &b, log: io.Discard}, []string{"--kit", "../samples/kit", story}); err != nil && !errors.Is(err, errFailed) {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "render metadata") {
		t.Errorf("check did not read the render's metadata:\n%s", b.String())
	}
	// Bad input: each refused with what to do.
	cut := filepath.Join(t.TempDir(), "cut.jpg")
	os.WriteFile(cut, samples.Photo[:len(samples.Photo)/3], 0o644)
	for args, want := range map[string]string{
		"--image ../samples/photo.jpg --focal 1.5,0.2":             "give two fractions from 0 to 1",
		"--image ../samples/photo.jpg --placements instagram.reel": "unknown placement \"instagram.reel\"; known: x.image",
		"--image " + cut: "cut.jpg: damaged image",
		"--image ../samples/photo.jpg --frame Vert":  "the frame colour \"Vert\" is neither a kit colour nor #RRGGBB",
		"--image ../samples/photo.jpg --max-mp 1":    "over the pixel budget of 1 MP",
		"--image ../samples/photo.jpg --format tiff": "format \"tiff\": use jpeg or png",
	} {
		err := commands["render"](context.Background(), streams{out: io.Discard, log: io.Discard}, append([]string{"--kit", "../samples/kit", "--out", t.TempDir()}, strings.Fields(args)...))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
	}
}

// TestCheckSpeaksTheUserLanguage: findings follow --lang-ui, then the
// locale, and stay English in the JSON's message for scripts, with the
// key and arguments beside it.
func TestCheckSpeaksTheUserLanguage(t *testing.T) {
	post := filepath.Join(t.TempDir(), "post.txt")
	os.WriteFile(post, []byte("Notre bougie est éco-responsable et tu vas adorer."), 0o644)
	run := func(args ...string) string {
		var out, log bytes.Buffer
		Run(context.Background(), append(args, "--kit", "../samples/kit", "--platform", "instagram", "--lang", "fr", post), &out, &log)
		return out.String() + log.String()
	}
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C.UTF-8")
	en := run("check")
	fr := run("--lang-ui", "fr", "check")
	t.Setenv("LANG", "fr_FR.UTF-8")
	locale := run("check")
	back := run("check", "--lang-ui=en")
	if !strings.Contains(en, "breaks the kit's address") || !strings.Contains(en, "error claims.unsubstantiated") {
		t.Fatalf("English output:\n%s", en)
	}
	if !strings.Contains(fr, "ne respecte pas l'adresse de la charte") || !strings.Contains(fr, "erreur claims.unsubstantiated") ||
		!strings.Contains(fr, "Citez la preuve approuvée") || strings.Contains(fr, "restricted claim") {
		t.Fatalf("--lang-ui fr output:\n%s", fr)
	}
	if locale != fr {
		t.Errorf("LANG=fr_FR gave\n%s\nnot\n%s", locale, fr)
	}
	if back != en {
		t.Errorf("--lang-ui=en under a French locale gave\n%s", back)
	}
	var out bytes.Buffer
	if code := Run(context.Background(), []string{"check", "--lang-ui"}, &out, &out); code != 2 || !strings.Contains(out.String(), "--lang-ui needs a language") {
		t.Errorf("a bare --lang-ui: %d %s", code, out.String())
	}
}

func TestExportRefusesAnUnknownPlatform(t *testing.T) {
	_, err := parseExport([]string{"--campaign", "1", "--out", t.TempDir() + "/b", "--platforms", "instagram,myspace"})
	if err == nil || !strings.Contains(err.Error(), `"myspace" is not a platform`) {
		t.Fatalf("err = %v", err)
	}
	o, err := parseExport([]string{"--campaign", "1", "--out", "b", "--platforms", " instagram , x "})
	if err != nil || strings.Join(o.Platforms, ",") != "instagram,x" {
		t.Fatalf("%v %v", o.Platforms, err)
	}
}
