package packaging_test

import (
	"archive/zip"
	"atelier/studio/store"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/packaging"
	"atelier/samples"
	"atelier/studio"
)

// approvedCampaign drafts the sample brief for X and Instagram in French
// from the templates, approves both, gives one an audio snippet, and leaves
// a third piece in draft.
func approvedCampaign(t *testing.T) (*studio.Workspace, studio.Campaign) {
	t.Helper()
	ctx := context.Background()
	home := t.TempDir()
	kitDir, err := studio.DefaultKitDir(home, samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(home, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	ws := studio.New(st, home, kitDir)
	t.Cleanup(func() { ws.Close() })
	c, _ := st.CreateCampaign(ctx, studio.Campaign{Name: "Automne", KitName: ws.Kit().Identity.Name, KitVersion: ws.Kit().Identity.Version})
	b := studio.SampleBrief(c.ID)
	b.Platforms, b.Personas, b.Languages = []string{"x", "instagram", "linkedin"}, []string{"design-lovers"}, []string{"fr-FR"}
	b, _ = st.CreateBrief(ctx, b)
	outs, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, b, nil)
	if err != nil || len(outs) != 3 {
		t.Fatal(err)
	}
	for _, o := range outs[:2] {
		for _, step := range [][2]studio.State{{studio.StateDraft, studio.StateInReview}, {studio.StateInReview, studio.StateApproved}} {
			if _, err := st.RecordTransition(ctx, studio.Transition{PieceID: o.Piece.ID, From: step[0], To: step[1], Who: "Léa"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	s, err := assets.RenderSnippet(ctx, &assets.SnippetRequest{Kit: ws.Kit(), Text: outs[1].Version.Text, Language: "fr-FR", Target: 15 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ws.SaveSnippet(ctx, outs[1].Piece.ID, s); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(t.TempDir(), "bougie.jpg")
	os.WriteFile(photo, samples.Photo, 0o644)
	img, err := ws.ImportImage(ctx, photo)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.RenderVariants(ctx, &studio.RenderRequest{PieceID: outs[1].Piece.ID, SourceID: img.ID}, nil); err != nil {
		t.Fatal(err)
	}
	return ws, c
}

func TestExportBundle(t *testing.T) {
	ws, c := approvedCampaign(t)
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "bundle")
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	m, err := packaging.ExportCampaign(ctx, ws, packaging.ExportOptions{CampaignID: c.ID, Out: out, Start: start, User: studio.User{Name: "Camille"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Pieces) != 2 {
		t.Fatalf("%d pieces exported, want the 2 approved", len(m.Pieces))
	}
	// The manifest on disk matches the files.
	var disk packaging.Manifest
	data, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(data, &disk); err != nil || disk.SchemaVersion != 1 || disk.Kit.Name != "Maison Lumen" {
		t.Fatalf("manifest: %v %+v", err, disk.Kit)
	}
	roles := map[string]int{}
	for _, p := range disk.Pieces {
		if p.Approver != "Léa" || p.ApprovedAt.IsZero() || p.CheckScore == 0 {
			t.Errorf("piece %d: approval or score missing: %+v", p.ID, p)
		}
		for _, f := range p.Files {
			b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
			sum := sha256.Sum256(b)
			if err != nil || hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(b)) != f.Size {
				t.Errorf("%s: hash or size differs (%v)", f.Path, err)
			}
			if !strings.HasPrefix(f.Path, p.Platform+"/") {
				t.Errorf("%s is not in its platform's folder", f.Path)
			}
			roles[f.Role]++
		}
	}
	if roles["text"] != 2 || roles["alt_text"] != 2 || roles["audio"] < 1 || roles["image"] != 3 || roles["image_meta"] != 3 {
		t.Errorf("files by role: %v", roles)
	}
	// A render keeps its metadata: the checker reads it from the bundle.
	feed := filepath.Join(out, "instagram", "01-design-lovers-fr-FR-instagram.feed.jpg")
	fc, err := studio.CheckFile(ws.Kit(), ws.Registry(), studio.CheckTarget{}, feed)
	if err != nil || fc.Report.LogoMethod != brandkit.LogoFromMetadata {
		t.Errorf("checking the exported render: %v %+v", err, fc)
	}
	// The schedule reads back as the pieces.
	f, _ := os.Open(filepath.Join(out, "schedule.csv"))
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 3 || rows[0][0] != "Date" || rows[0][3] != "Message" {
		t.Fatalf("schedule: %v %v", err, rows)
	}
	for i, r := range rows[1:] {
		p := disk.Pieces[i]
		when, err := time.Parse(time.RFC3339, r[0])
		if err != nil || !when.Equal(start.Add(time.Duration(i)*24*time.Hour)) || r[2] != p.Platform || r[3] != p.Text || r[4] != "https://maisonlumen.example/recharge" {
			t.Errorf("row %d: %v", i+1, r)
		}
		if strings.Contains(r[5], ".wav") || strings.Contains(r[5], ".mp3") {
			t.Errorf("row %d gives the scheduler a sound file to post: %s", i+1, r[5])
		}
	}
	// The states moved, with the exporter recorded; the draft stayed.
	for _, p := range disk.Pieces {
		got, _ := ws.Piece(ctx, p.ID)
		trs, _ := ws.Transitions(ctx, p.ID)
		if got.State != studio.StateExported || trs[len(trs)-1].Who != "Camille" {
			t.Errorf("piece %d: %s, %+v", p.ID, got.State, trs[len(trs)-1])
		}
	}
	drafts, _ := ws.Pieces(ctx, studio.PieceFilter{CampaignID: c.ID, State: studio.StateDraft})
	if len(drafts) != 1 {
		t.Errorf("%d drafts left, want 1", len(drafts))
	}
	if _, err := packaging.ExportCampaign(ctx, ws, packaging.ExportOptions{CampaignID: c.ID, Out: out + "2"}, nil); !errors.Is(err, studio.ErrNothingApproved) {
		t.Errorf("a second export: %v", err)
	}
	contactSheetInChromium(t, out, disk)
}

// contactSheetInChromium opens index.html offline in headless Chromium and
// checks every post is on the page; the screenshot is kept in the test's
// folder (or ATELIER_SCREENSHOT_DIR).
func contactSheetInChromium(t *testing.T, dir string, m packaging.Manifest) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is missing: run scripts/bootstrap (it installs Debian's chromium)")
	}
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir=" + t.TempDir()}
	page := "file://" + filepath.Join(dir, "index.html")
	dom, err := exec.Command(bin, append(flags, "--dump-dom", page)...).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	for _, p := range m.Pieces {
		first := strings.SplitN(p.Text, "\n", 2)[0]
		if !strings.Contains(string(dom), `id="piece-`) || !strings.Contains(string(dom), first) {
			t.Errorf("the contact sheet lacks piece %d (%q)", p.ID, first)
		}
	}
	shots := os.Getenv("ATELIER_SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	}
	shot := filepath.Join(shots, "contact-sheet.png")
	if out, err := exec.Command(bin, append(flags, "--screenshot="+shot, "--window-size=1200,900", page)...).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	if info, err := os.Stat(shot); err != nil || info.Size() < 5000 {
		t.Fatalf("no screenshot: %v", err)
	}
}

func TestFailedExportChangesNothing(t *testing.T) {
	ws, c := approvedCampaign(t)
	ctx := context.Background()
	parent := t.TempDir()
	out := filepath.Join(parent, strings.Repeat("x", 300)+".zip") // the final rename fails: name too long
	if _, err := packaging.ExportCampaign(ctx, ws, packaging.ExportOptions{CampaignID: c.ID, Out: out}, nil); err == nil {
		t.Fatal("the export must fail")
	}
	approved, _ := ws.Pieces(ctx, studio.PieceFilter{CampaignID: c.ID, State: studio.StateApproved})
	if len(approved) != 2 {
		t.Fatalf("%d pieces still approved, want 2", len(approved))
	}
	if left, _ := os.ReadDir(parent); len(left) != 0 {
		t.Fatalf("a half-written export was left: %v", left)
	}
}

func TestExportAsZip(t *testing.T) {
	ws, c := approvedCampaign(t)
	out := filepath.Join(t.TempDir(), "automne.zip")
	if _, err := packaging.ExportCampaign(context.Background(), ws, packaging.ExportOptions{CampaignID: c.ID, Out: out}, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"manifest.json", "schedule.csv", "index.html"} {
		if !names[want] {
			t.Errorf("the zip lacks %s", want)
		}
	}
}

// TestSlugIsReadable: folder names keep every letter readable.
func TestSlugIsReadable(t *testing.T) {
	for in, want := range map[string]string{"Atelier de Noël": "atelier-de-noel", "Œuvre & Cie": "oeuvre-cie", "Straße Ølberg": "strasse-olberg", "??": "kit"} {
		if got := packaging.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExportVideo: a Reel made for the Instagram piece goes into its
// folder with its sidecar, captions and cover, and schedule.csv gives the
// scheduler the video rather than the images.
func TestExportVideo(t *testing.T) {
	ws, c := approvedCampaign(t)
	ctx := context.Background()
	pieces, _ := ws.Pieces(ctx, studio.PieceFilter{CampaignID: c.ID, Platform: "instagram"})
	if _, err := ws.RenderVideo(ctx, &studio.VideoRequest{PieceID: pieces[0].ID, Seconds: 15, Cuts: true}, nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "bundle")
	m, err := packaging.ExportCampaign(ctx, ws, packaging.ExportOptions{CampaignID: c.ID, Out: out, Platforms: []string{"instagram"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string][]string{}
	for _, f := range m.Pieces[0].Files {
		roles[f.Role] = append(roles[f.Role], f.Path)
	}
	base := "instagram/01-design-lovers-fr-FR-instagram.reel"
	want := map[string][]string{"video": {base + ".mp4"}, "video_meta": {base + ".mp4.atelier.json"},
		"captions": {base + ".srt", base + ".vtt"}, "cover": {base + "-cover.jpg"}}
	for role, paths := range want {
		if strings.Join(roles[role], " ") != strings.Join(paths, " ") {
			t.Errorf("%s files %v, want %v", role, roles[role], paths)
		}
	}
	f, _ := os.Open(filepath.Join(out, "schedule.csv"))
	rows, _ := csv.NewReader(f).ReadAll()
	f.Close()
	if len(rows) != 2 || rows[1][5] != base+".mp4" {
		t.Errorf("schedule.csv media %q, want the video", rows[1][5])
	}
	fc, err := studio.CheckFile(ws.Kit(), ws.Registry(), studio.CheckTarget{Platform: "instagram"}, filepath.Join(out, filepath.FromSlash(base+".mp4")))
	if err != nil || fc.Kind != "video" || len(fc.Report.Errors()) > 0 || fc.Image == nil {
		t.Fatalf("checking the exported video: %v %+v", err, fc)
	}
}
