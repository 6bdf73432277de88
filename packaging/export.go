package packaging

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"atelier/assets"
	"atelier/studio"
)

// ManifestVersion is the version of manifest.json's schema (docs/export.md).
const ManifestVersion = 1

// Manifest is manifest.json: what the bundle holds and where it came from.
type Manifest struct {
	SchemaVersion int              `json:"schema_version"`
	GeneratedAt   time.Time        `json:"generated_at"`
	Campaign      ManifestCampaign `json:"campaign"`
	Kit           ManifestKit      `json:"kit"`
	Pieces        []ManifestPiece  `json:"pieces"`
	// Notes say what the bundle leaves out and why (a tool's file that
	// tool would refuse).
	Notes []string `json:"notes,omitempty"`
}

// ManifestCampaign names the campaign.
type ManifestCampaign struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ManifestKit names the kit version the pieces were checked against.
type ManifestKit struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ManifestPiece is one exported post.
type ManifestPiece struct {
	ID          int64          `json:"id"`
	Platform    string         `json:"platform"`
	Persona     string         `json:"persona"`
	Language    string         `json:"language"`
	State       string         `json:"state"`
	Version     int            `json:"version"`
	Approver    string         `json:"approver"`
	ApprovedAt  time.Time      `json:"approved_at"`
	CheckScore  int            `json:"check_score"`
	ScheduledAt time.Time      `json:"scheduled_at"`
	Text        string         `json:"text"`
	Files       []ManifestFile `json:"files"`
}

// ManifestFile is one file of the bundle with its hash.
type ManifestFile struct {
	Path   string `json:"path"` // relative to the bundle, with /
	Role   string `json:"role"` // text, alt_text, audio, image, image_meta, video, video_meta, captions, cover
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// ExportOptions say what to export and where.
type ExportOptions struct {
	CampaignID  int64
	Out         string         // a folder that does not exist yet, or FILE.zip
	Start       time.Time      // first post's date; tomorrow 09:00 local when zero
	Every       time.Duration  // between posts; 24 h when zero
	feedID      string         // the workspace's name in calendar.ics's UIDs
	zone        *time.Location // the brand's, in which scheduling tools read times
	Platforms   []string       // the platforms whose pieces go out; every one when empty
	LocalFormat string         // schedule.csv's local date column; "02/01/2006 15:04" when empty
	User        studio.User    // who exports; the local user when empty
}

// ExportCampaign writes the approved pieces of a campaign as a bundle: one
// folder per platform with the text, alt text and audio, manifest.json,
// schedule.csv and index.html. The bundle is built in a temporary place and
// renamed into Out in the same transaction that moves the pieces to
// exported (studio.Workspace.ExportApproved), so a failure leaves neither a
// half bundle nor changed states.
func ExportCampaign(ctx context.Context, ws *studio.Workspace, opt ExportOptions, fn assets.ProgressFunc) (*Manifest, error) {
	if fn == nil {
		fn = func(string, float64) {}
	}
	if _, err := os.Stat(opt.Out); err == nil {
		return nil, fmt.Errorf("%s already exists; choose a new folder or file name", opt.Out)
	}
	parent := filepath.Dir(opt.Out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, ".atelier-export-")
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", parent, err)
	}
	defer os.RemoveAll(tmp)
	planned, err := ws.Schedules(ctx, opt.CampaignID)
	if err != nil {
		return nil, err
	}
	if opt.Start.IsZero() {
		t := time.Now().In(ws.Zone()).Add(24 * time.Hour)
		opt.Start = time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, ws.Zone())
	}
	opt.feedID, opt.zone = ws.FeedID(), ws.Zone()
	var m *Manifest
	err = ws.ExportApproved(ctx, opt.CampaignID, opt.Platforms, opt.User, func(c studio.Campaign, pieces []studio.ApprovedPiece) (func() error, error) {
		var err error
		if m, err = writeBundle(ctx, tmp, c, pieces, planned, opt, fn); err != nil {
			return nil, err
		}
		return func() error { return publish(tmp, opt.Out) }, nil
	})
	if err != nil {
		return nil, err
	}
	for i := range m.Pieces {
		m.Pieces[i].State = string(studio.StateExported)
	}
	fn("done", 1)
	return m, nil
}

// ExportAll exports the campaigns that have approved pieces into dir (the
// one opt names, or every one when opt.CampaignID is 0), one bundle each
// named after the campaign and the time, with opt's schedule and
// platforms, and returns the bundles written. fn follows each campaign's
// export in turn.
func ExportAll(ctx context.Context, ws *studio.Workspace, dir string, opt ExportOptions, fn assets.ProgressFunc) ([]string, error) {
	camps, err := ws.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	var done []string
	for _, c := range camps {
		if opt.CampaignID != 0 && c.ID != opt.CampaignID {
			continue
		}
		one := opt
		one.CampaignID, one.Out = c.ID, filepath.Join(dir, fmt.Sprintf("%s-%d-%s", Slug(c.Name), c.ID, time.Now().Format("20060102-150405")))
		_, err := ExportCampaign(ctx, ws, one, fn)
		out := one.Out
		switch {
		case errors.Is(err, studio.ErrNothingApproved):
		case err != nil:
			return done, err
		default:
			done = append(done, out)
		}
	}
	return done, nil
}

// writeBundle writes the bundle's files into dir. A piece planned on the
// calendar keeps its time; the others follow opt's start and interval, in
// their order.
func writeBundle(ctx context.Context, dir string, c studio.Campaign, pieces []studio.ApprovedPiece, planned map[int64]time.Time, opt ExportOptions, fn assets.ProgressFunc) (*Manifest, error) {
	m := &Manifest{SchemaVersion: ManifestVersion, GeneratedAt: time.Now().UTC(),
		Campaign: ManifestCampaign{ID: c.ID, Name: c.Name}, Kit: ManifestKit{Name: c.KitName, Version: c.KitVersion}}
	every := opt.Every
	if every == 0 {
		every = 24 * time.Hour
	}
	next := opt.Start
	for i, p := range pieces {
		fn("pieces", float64(i)/float64(len(pieces)+2))
		mp, err := exportPiece(ctx, dir, i, p)
		if err != nil {
			return nil, fmt.Errorf("piece %d: %w", p.ID, err)
		}
		if at, ok := planned[p.ID]; ok {
			mp.ScheduledAt = at.In(opt.Start.Location())
		} else {
			mp.ScheduledAt, next = next, next.Add(every)
		}
		m.Pieces = append(m.Pieces, mp)
	}
	sort.SliceStable(m.Pieces, func(i, j int) bool { return m.Pieces[i].ScheduledAt.Before(m.Pieces[j].ScheduledAt) })
	if err := writeFeed(filepath.Join(dir, "calendar.ics"), m, opt.feedID); err != nil {
		return nil, err
	}
	if err := writeHootsuite(filepath.Join(dir, "hootsuite.csv"), m, opt.zone); err != nil {
		m.Notes = append(m.Notes, "hootsuite.csv was not written: "+err.Error())
	}
	fn("files", float64(len(pieces))/float64(len(pieces)+2))
	format := opt.LocalFormat
	if format == "" {
		format = "02/01/2006 15:04"
	}
	if err := writeSchedule(filepath.Join(dir, "schedule.csv"), m, format); err != nil {
		return nil, err
	}
	if err := writeContactSheet(filepath.Join(dir, "index.html"), m); err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return m, os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)
}

// publish puts the bundle built in tmp in place at out: zipped when out
// ends in .zip, otherwise renamed, with every file on disk before the
// folder appears under its name.
func publish(tmp, out string) error {
	if strings.HasSuffix(strings.ToLower(out), ".zip") {
		return zipFolder(tmp, out)
	}
	if err := syncTree(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	return syncDir(filepath.Dir(out))
}

func exportPiece(ctx context.Context, dir string, i int, p studio.ApprovedPiece) (ManifestPiece, error) {
	v := p.Version
	mp := ManifestPiece{ID: p.ID, Platform: p.Platform, Persona: p.Persona, Language: p.Language, State: string(p.State),
		Version: v.Number, Text: v.Text, Approver: p.Approver, ApprovedAt: p.ApprovedAt, CheckScore: p.CheckScore}
	base := fmt.Sprintf("%s/%02d-%s-%s", p.Platform, i+1, p.Persona, p.Language)
	if err := os.MkdirAll(filepath.Join(dir, p.Platform), 0o755); err != nil {
		return mp, err
	}
	add := func(rel, role string, data []byte) error {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), data, 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		mp.Files = append(mp.Files, ManifestFile{Path: rel, Role: role, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))})
		return nil
	}
	if err := add(base+".txt", "text", []byte(v.Text+"\n")); err != nil {
		return mp, err
	}
	if p.AltText != "" {
		if err := add(base+".alt.txt", "alt_text", []byte(p.AltText+"\n")); err != nil {
			return mp, err
		}
	}
	count := map[string]int{}
	for _, f := range p.Files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return mp, fmt.Errorf("a file of the piece is missing from the data folder: %w", err)
		}
		ext := filepath.Ext(f.Path)
		count[f.Role]++
		rel := fmt.Sprintf("%s-%s%d%s", base, f.Role, count[f.Role], ext)
		switch {
		case f.Role == "cover": // beside an image render of the same placement id
			rel = fmt.Sprintf("%s-%s-cover%s", base, f.Placement, ext)
		case f.Placement != "":
			rel = fmt.Sprintf("%s-%s%s", base, f.Placement, ext)
		}
		if err := add(rel, f.Role, data); err != nil {
			return mp, err
		}
		if f.MetaPath != "" {
			// The render's metadata, so that `atelier check` reads the logo and text boxes.
			meta, err := os.ReadFile(f.MetaPath)
			if err != nil {
				return mp, err
			}
			role := "image_meta"
			if f.Role == "video" {
				role = "video_meta"
			}
			if err := add(rel+".atelier.json", role, meta); err != nil {
				return mp, err
			}
		}
		if f.Role == "audio" {
			if err := addMP3(ctx, dir, rel, &mp); err != nil {
				return mp, err
			}
		}
	}
	return mp, nil
}

// addMP3 adds an MP3 of the WAV at rel when ffmpeg is installed.
func addMP3(ctx context.Context, dir, rel string, mp *ManifestPiece) error {
	mp3 := strings.TrimSuffix(rel, ".wav") + ".mp3"
	if err := assets.WriteMP3(ctx, filepath.Join(dir, rel), filepath.Join(dir, mp3)); err != nil {
		if errors.Is(err, assets.ErrNoFFmpeg) {
			return nil
		}
		return err
	}
	b, err := os.ReadFile(filepath.Join(dir, mp3))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	mp.Files = append(mp.Files, ManifestFile{Path: mp3, Role: "audio", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(b))})
	return nil
}

// syncTree flushes every file and folder under dir to the disk.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("flushing %s to the disk: %w", path, err)
		}
		return nil
	})
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// writeSchedule writes the bulk-import layout most schedulers take: date
// and time (ISO 8601 and local), platform, message, link, media, first
// comment.
func writeSchedule(path string, m *Manifest, localFormat string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"Date", "Local time", "Platform", "Message", "Link", "Media", "First comment"})
	for _, p := range m.Pieces {
		media := scheduledMedia(p.Files)
		link := ""
		if l := urlIn(p.Text); l != "" {
			link = l
		}
		w.Write([]string{p.ScheduledAt.Format(time.RFC3339), p.ScheduledAt.Format(localFormat), p.Platform, p.Text, link, strings.Join(media, ";"), ""})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// scheduledMedia is what a scheduler posts with a piece: its video when it
// has one, otherwise its images. The snippet, captions and cover stay in
// the bundle for the CM.
func scheduledMedia(files []ManifestFile) []string {
	var videos, images []string
	for _, f := range files {
		switch f.Role {
		case "video":
			videos = append(videos, f.Path)
		case "image":
			images = append(images, f.Path)
		}
	}
	if len(videos) > 0 {
		return videos
	}
	return images
}

func urlIn(text string) string {
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://") {
			return strings.TrimRight(w, ".,;")
		}
	}
	return ""
}

var sheet = template.Must(template.New("index").Funcs(template.FuncMap{
	"hasSuffix": strings.HasSuffix,
	"initial": func(s string) string {
		for _, r := range s {
			return string(r)
		}
		return "?"
	},
}).Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{{.Campaign.Name}} · Atelier</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f4f4;margin:0;padding:24px;color:#1f2a44}
h1{margin:0 0 4px}.meta{color:#667;margin-bottom:24px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:16px}
.post{background:#fff;border-radius:12px;padding:16px;box-shadow:0 1px 3px #0002}
.head{display:flex;gap:10px;align-items:center;margin-bottom:10px}
.avatar{width:36px;height:36px;border-radius:50%;background:#1f2a44;color:#fff;display:grid;place-items:center;font-weight:700}
.platform{font-size:12px;text-transform:uppercase;color:#888}
.text{white-space:pre-wrap;line-height:1.4}
.foot{margin-top:12px;font-size:12px;color:#556;display:flex;justify-content:space-between}
.score{font-weight:700}audio{width:100%;margin-top:8px}
</style></head><body>
<h1>{{.Campaign.Name}}</h1>
<div class="meta">{{.Kit.Name}} {{.Kit.Version}} · {{len .Pieces}} posts · exported {{.GeneratedAt.Format "2006-01-02 15:04 MST"}}</div>
<div class="grid">{{range .Pieces}}
<article class="post" id="piece-{{.ID}}" data-platform="{{.Platform}}">
<div class="head"><div class="avatar">{{initial $.Kit.Name}}</div><div><strong>{{$.Kit.Name}}</strong><div class="platform">{{.Platform}} · {{.Persona}} · {{.Language}}</div></div></div>
<div class="text">{{.Text}}</div>
{{range .Files}}{{if and (eq .Role "audio") (hasSuffix .Path ".wav")}}<audio controls src="{{.Path}}"></audio>{{end}}{{if eq .Role "image"}}<img src="{{.Path}}" alt="" style="width:100%;border-radius:8px;margin-top:8px">{{end}}{{if eq .Role "video"}}<video controls preload="metadata" src="{{.Path}}" style="width:100%;border-radius:8px;margin-top:8px"></video>{{end}}{{end}}
<div class="foot"><span>approved by {{.Approver}} · {{.ApprovedAt.Format "2006-01-02"}}</span><span class="score">check {{.CheckScore}}/100</span></div>
<div class="foot"><span>scheduled {{.ScheduledAt.Format "2006-01-02 15:04"}}</span><span>v{{.Version}}</span></div>
</article>{{end}}
</div></body></html>
`))

func writeContactSheet(path string, m *Manifest) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := sheet.Execute(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// zipFolder writes every file under dir as a zip at out.
func zipFolder(dir, out string) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return err
	}
	return zipFiles(out, dir, files)
}
