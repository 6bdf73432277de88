package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/packaging"
	"atelier/samples"
	"atelier/studio"
)

func richText(rt *widget.RichText) (all, marked string) {
	for _, seg := range rt.Segments {
		if ts, ok := seg.(*widget.TextSegment); ok {
			all += ts.Text
			if ts.Style.TextStyle.Bold {
				marked += ts.Text
			}
		}
	}
	return all, marked
}

func TestComposeCheckPanelHighlightsAndFixes(t *testing.T) {
	s, ws := newTestStudio(t)
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})

	// Drafts arrive with the safe fixes applied; a hand edit may need one.
	ctx := context.Background()
	edited := "Merci à nos clients : la recharge Feu de bois arrive le 1er octobre. #MaisonLumen"
	v, err := storeOf(ws).AddVersion(ctx, studio.Version{PieceID: c.cards[0].pieceID, Text: edited, Origin: studio.OriginUser, Action: "edit"})
	if err != nil {
		t.Fatal(err)
	}
	target := studio.TextTarget(c.cards[0].target)
	c.onEvent(0, studio.Event{Kind: studio.EventDone, PieceID: v.PieceID, Version: v, Report: brandkit.CheckText(ws.Kit(), target, edited)})
	c.grid.Select(0)
	if !strings.Contains(c.check.score.Text, "Score") || len(c.check.findings) == 0 {
		t.Fatalf("check panel: %q, %d findings", c.check.score.Text, len(c.check.findings))
	}
	fix := -1
	for i, f := range c.check.findings {
		if f.Rule == "lexicon.preferred" {
			fix = i
		}
	}
	if fix < 0 {
		t.Fatalf("no preferred-term finding in %+v", c.check.findings)
	}
	c.check.list.Select(fix)
	if _, marked := richText(c.preview); marked != "clients" {
		t.Fatalf("highlighted %q, want the finding's word", marked)
	}
	if c.check.applyBtn.Disabled() {
		t.Fatal("a finding with a safe fix must enable Apply fix")
	}
	test.Tap(c.check.applyBtn)
	waitFor(t, "the fixed version", func() bool {
		v, err := ws.LatestVersion(context.Background(), c.cards[0].pieceID)
		return err == nil && v.Action == "fix:lexicon.preferred"
	})
	v, _ = ws.LatestVersion(context.Background(), c.cards[0].pieceID)
	if !strings.Contains(v.Text, "communauté") || strings.Contains(v.Text, "clients") {
		t.Fatalf("fixed text %q", v.Text)
	}
}

func TestCheckAFileScreen(t *testing.T) {
	s, _ := newTestStudio(t)
	c := showScreen[*checkFileScreen](s)

	// A dropped text file: findings listed, the selected one highlighted.
	s.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI("../samples/check/post-bad-en.txt")})
	waitFor(t, "the text report", func() bool { return c.current != nil && c.current.Kind == "text" })
	if len(c.check.findings) < 5 || c.check.findings[0].Severity != brandkit.SeverityError {
		t.Fatalf("findings %+v", c.check.findings)
	}
	for i, f := range c.check.findings {
		if f.Rule == "lexicon.banned" {
			c.check.list.Select(i)
			break
		}
	}
	if _, marked := richText(c.text); marked != "cheap" {
		t.Fatalf("highlighted %q", marked)
	}

	// An image: regions are drawn on the preview.
	c.Check("../samples/check/off-palette.png")
	waitFor(t, "the image report", func() bool { return c.current != nil && c.current.Kind == "image" })
	if _, ok := c.preview.Objects[0].(*canvas.Image); !ok || !strings.Contains(c.check.score.Text, "Score") {
		t.Fatalf("image preview %T, score %q", c.preview.Objects[0], c.check.score.Text)
	}

	// A WAV: waveform and loudness.
	c.Check("../samples/check/too-loud.wav")
	waitFor(t, "the audio report", func() bool { return c.current != nil && c.current.Kind == "audio" })
	if !strings.Contains(c.status.Text, "LUFS") || c.check.findings[0].Rule != "audio.loudness" {
		t.Fatalf("audio: %q %+v", c.status.Text, c.check.findings)
	}

	// A damaged file says so.
	c.Check("../samples/kit/brandkit.toml")
	waitFor(t, "the refusal", func() bool { return strings.Contains(c.status.Text, "this kind of file is not checked") })
}

func TestReviewShowsPiecesWithTheirCheck(t *testing.T) {
	s, _ := newTestStudio(t)
	draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, nil)
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	if len(r.cols[studio.StateDraft]) != 2 || !strings.Contains(r.counts.Text, "draft: 2") {
		t.Fatalf("pieces %d, counts %q", len(r.cols[studio.StateDraft]), r.counts.Text)
	}
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	if all, _ := richText(r.preview); !strings.Contains(all, "#MaisonLumen") || !strings.Contains(r.check.score.Text, "Score") {
		t.Fatalf("preview %q, check %q", all, r.check.score.Text)
	}
}

func TestAudioPanelRendersAndExplainsPlayback(t *testing.T) {
	s, ws := newTestStudio(t)
	c := draftTemplates(t, s, []string{"instagram"}, []string{"design-lovers"}, []string{"fr-FR"})
	c.grid.Select(0)
	a := c.audio
	if a.render.Disabled() {
		t.Fatal("render is off with a variant selected")
	}
	a.duration.SetSelected("15 s")
	test.Tap(a.render)
	waitFor(t, "the snippet", func() bool { return a.snippet != nil })
	if a.wave.Image == nil || !strings.Contains(a.figures.Text, "LUFS") || strings.Contains(a.figures.Text, ws.DataDir()) {
		t.Fatalf("waveform %v, figures %q", a.wave.Image != nil, a.figures.Text)
	}
	a.snippet = nil
	a.duration.SetSelected("60 s") // more than the template's words take to say
	test.Tap(a.render)
	waitFor(t, "the longer snippet", func() bool { return a.snippet != nil })
	if !strings.Contains(a.figures.Text, "shorter than the 60 s asked") {
		t.Errorf("a snippet shorter than asked is not explained: %q", a.figures.Text)
	}
	if m := a.snippet.Loudness.IntegratedLUFS; m < -16.5 || m > -15.5 {
		t.Errorf("snippet at %.2f LUFS", m)
	}
	if err := audioOutput(); err != nil {
		if !a.play.Disabled() || !strings.Contains(a.why.Text, "No audio output device") {
			t.Errorf("without a device the play button must be off and say why: %q", a.why.Text)
		}
	} else if a.play.Disabled() {
		t.Errorf("play is off with a device: %q", a.why.Text)
	}
	audio, err := ws.PieceAssets(context.Background(), c.cards[0].pieceID, "audio")
	if err != nil || len(audio) != 1 || audio[0].MIME != "audio/wav" || audio[0].DurationMS < 12000 {
		t.Fatalf("the snippet is not stored with its piece: %+v %v", audio, err)
	}
}

func TestKitScreenImportsAKitFile(t *testing.T) {
	s, ws := newTestStudio(t)
	k := showScreen[*kitScreen](s)
	file := filepath.Join(t.TempDir(), "other.atelierkit")
	other := t.TempDir()
	if err := studio.InstallKit(samples.Kit(), other); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(other, "brandkit.toml"))
	os.WriteFile(filepath.Join(other, "brandkit.toml"), []byte(strings.Replace(string(data), `name = "Maison Lumen"`, `name = "Atelier Sauge"`, 1)), 0o644)
	if err := packaging.ExportKit(other, file); err != nil {
		t.Fatal(err)
	}
	pump(t, k.importKit(file, false))
	if ws.Kit() == nil || ws.Kit().Identity.Name != "Atelier Sauge" {
		t.Fatalf("kit %v", ws.KitErr())
	}
	if filepath.Base(ws.KitDir()) != "atelier-sauge" || !strings.Contains(texts(s.Window()), "Atelier Sauge") {
		t.Fatalf("kit dir %s; screen shows the new kit: %v", ws.KitDir(), strings.Contains(texts(s.Window()), "Atelier Sauge"))
	}
}

// TestReviewExportsApprovedPieces: Export asks for the first post's date,
// the cadence, the platforms and the folder (typed), and the bundle's
// schedule follows them; a platform left out keeps its pieces approved.
func TestReviewExportsApprovedPieces(t *testing.T) {
	s, ws := newTestStudio(t)
	c := draftTemplates(t, s, []string{"x", "linkedin"}, []string{"design-lovers"}, []string{"fr-FR", "en-GB"})
	ctx := context.Background()
	for _, cd := range c.cards {
		storeOf(ws).RecordTransition(ctx, studio.Transition{PieceID: cd.pieceID, From: studio.StateDraft, To: studio.StateInReview, Who: "a"})
		storeOf(ws).RecordTransition(ctx, studio.Transition{PieceID: cd.pieceID, From: studio.StateInReview, To: studio.StateApproved, Who: "b"})
	}
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	test.Tap(r.export)
	form := s.win.Canvas().Overlays().Top()
	if form == nil {
		t.Fatal("Export asks nothing")
	}
	dir := t.TempDir()
	for _, o := range test.LaidOutObjects(form) {
		switch w := o.(type) {
		case *widget.Entry:
			if strings.Contains(w.Text, ":") && !strings.Contains(w.Text, "/") {
				w.SetText("2026-12-01 10:30")
			} else {
				w.SetText(dir)
			}
		case *widget.Select:
			if slices.Contains(w.Options, "Every 2 days") {
				w.SetSelected("Every 2 days")
			}
		case *widget.CheckGroup:
			w.SetSelected([]string{"X"})
		}
	}
	for _, o := range test.LaidOutObjects(form) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Export" {
			test.Tap(b)
		}
	}
	waitFor(t, "the export", func() bool {
		ps, _ := ws.Pieces(ctx, studio.PieceFilter{State: studio.StateExported})
		return len(ps) == 2
	})
	waitBackground(t)
	bundles, _ := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	if len(bundles) != 1 {
		t.Fatalf("bundles: %v", bundles)
	}
	data, _ := os.ReadFile(bundles[0])
	var m packaging.Manifest
	if err := json.Unmarshal(data, &m); err != nil || len(m.Pieces) != 2 {
		t.Fatalf("manifest: %v %+v", err, m.Pieces)
	}
	first := time.Date(2026, 12, 1, 10, 30, 0, 0, time.Local)
	if !m.Pieces[0].ScheduledAt.Equal(first) || !m.Pieces[1].ScheduledAt.Equal(first.Add(48*time.Hour)) {
		t.Errorf("schedule %v, %v", m.Pieces[0].ScheduledAt, m.Pieces[1].ScheduledAt)
	}
	if left, _ := ws.Pieces(ctx, studio.PieceFilter{State: studio.StateApproved}); len(left) != 2 || left[0].Platform != "linkedin" {
		t.Errorf("the LinkedIn pieces left out: %+v", left)
	}
}

func buttonIn(t *testing.T, c *fyne.Container, label string) *widget.Button {
	t.Helper()
	for _, o := range c.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	t.Fatalf("no %q button", label)
	return nil
}

func TestReviewWorkflowInTheApp(t *testing.T) {
	s, ws := newTestStudio(t)
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	id := c.cards[0].pieceID
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	state := func() studio.State { p, _ := ws.Piece(context.Background(), id); return p.State }

	s.setUser(studio.User{Name: "Camille", Role: studio.RoleAuthor})
	waitBackground(t)
	if b := buttonIn(t, r.actions, "Reject"); !b.Disabled() {
		t.Error("an author is offered Reject")
	}
	test.Tap(buttonIn(t, r.actions, "Send to review"))
	waitBackground(t)
	if state() != studio.StateInReview {
		t.Fatalf("state %s", state())
	}
	s.setUser(studio.User{Name: "Léa", Role: studio.RoleReviewer})
	waitBackground(t)
	r.note.SetText("Plus court, s'il vous plaît")
	test.Tap(buttonIn(t, r.actions, "Request changes"))
	waitBackground(t)
	test.Tap(buttonIn(t, r.actions, "Back to draft"))
	waitBackground(t)
	test.Tap(buttonIn(t, r.actions, "Send to review"))
	waitBackground(t)
	test.Tap(buttonIn(t, r.actions, "Approve"))
	waitBackground(t)
	if state() != studio.StateApproved {
		t.Fatalf("state %s", state())
	}
	l := func(st studio.State) string { return lang.L(string(st)) }
	for _, want := range []string{
		"Camille: " + l(studio.StateDraft) + " → " + l(studio.StateInReview),
		"Léa: " + l(studio.StateInReview) + " → " + l(studio.StateChangesRequested) + " — Plus court",
		"Léa: " + l(studio.StateInReview) + " → " + l(studio.StateApproved),
	} {
		if !strings.Contains(r.trail.Text, want) {
			t.Errorf("the audit trail lacks %q:\n%s", want, r.trail.Text)
		}
	}
}

func TestReviewVersionsAndComments(t *testing.T) {
	s, ws := newTestStudio(t)
	c := draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	ctx := context.Background()
	id := c.cards[0].pieceID
	first, _ := ws.LatestVersion(ctx, id)
	storeOf(ws).AddVersion(ctx, studio.Version{PieceID: id, Text: strings.Replace(first.Text, "Gardez", "Conservez", 1), Origin: studio.OriginUser})
	s.setUser(studio.User{Name: "Léa", Role: studio.RoleReviewer})
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	h := r.history
	if len(h.versions) != 2 {
		t.Fatalf("%d versions", len(h.versions))
	}
	h.list.Select(1)
	all, _ := richText(h.diff)
	var added, removed string
	for _, seg := range h.diff.Segments {
		ts := seg.(*widget.TextSegment)
		switch ts.Style.ColorName {
		case "success":
			added += ts.Text
		case "error":
			removed += ts.Text
		}
	}
	if strings.TrimSpace(added) != "Conservez" || strings.TrimSpace(removed) != "Gardez" || !strings.Contains(all, "bougie") {
		t.Fatalf("diff: added %q, removed %q", added, removed)
	}
	h.list.Select(0)
	test.Tap(h.restore)
	waitBackground(t)
	v, _ := ws.LatestVersion(ctx, id)
	if v.Number != 3 || v.Text != first.Text || v.Origin != studio.OriginRestore {
		t.Fatalf("restore: %+v", v)
	}
	// Any two versions compare: v3 (restored) against v1 is the same text.
	h.list.Select(2)
	h.against.SetSelected("v1")
	for _, seg := range h.diff.Segments {
		if c := seg.(*widget.TextSegment).Style.ColorName; c == "success" || c == "error" {
			t.Fatalf("v3 against v1 shows a change: %q", seg.(*widget.TextSegment).Text)
		}
	}
	r.marked = [2]int{0, 5} // as a selected finding marks it
	h.entry.SetText("Le verbe « garder » est plus chaleureux.")
	h.onComment()
	waitBackground(t)
	h.clist.Select(0)
	h.entry.SetText("D'accord.")
	h.onComment()
	waitBackground(t)
	cs, _ := ws.Comments(ctx, id)
	if len(cs) != 2 || cs[1].ParentID != cs[0].ID || cs[0].Author != "Léa" || h.depth(h.comments[1]) != 1 || cs[0].Anchor != `{"start":0,"end":5}` {
		t.Fatalf("comments %+v", cs)
	}
}

func TestBoardFiltersSearchesAndMovesOn(t *testing.T) {
	s, ws := newTestStudio(t)
	draftTemplates(t, s, []string{"x", "linkedin"}, []string{"design-lovers"}, []string{"fr-FR", "en-GB"})
	r := showScreen[*reviewScreen](s)
	pump(t, r.refresh())
	if n := len(r.cols[studio.StateDraft]); n != 4 {
		t.Fatalf("%d drafts on the board", n)
	}
	drafts := func(n int) func() bool { return func() bool { return len(r.cols[studio.StateDraft]) == n } }
	r.platform.SetSelected(r.platforms.namesOf([]string{"linkedin"})[0])
	waitFor(t, "the platform filter's 2 drafts", drafts(2))
	r.language.SetSelected(r.languages.namesOf([]string{"en-GB"})[0])
	waitFor(t, "the language filter's 1 draft", drafts(1))
	r.platform.SetSelected(anyFilter)
	r.language.SetSelected(anyFilter)
	waitFor(t, "the 4 drafts again", drafts(4))
	ctx := context.Background()
	storeOf(ws).AddVersion(ctx, studio.Version{PieceID: r.cols[studio.StateDraft][2].ID, Text: "Une lueur de colza sur vos soirées", Origin: studio.OriginUser})
	// Typing is debounced: one search runs once the typing pauses.
	for _, prefix := range []string{"l", "lu", "lue", "lueu", "lueur"} {
		r.search.SetText(prefix)
	}
	waitFor(t, "the search's 1 draft", drafts(1))
	r.search.SetText("")
	waitFor(t, "the 4 drafts after the search", drafts(4))
	r.lists[studio.StateDraft].Select(0)
	waitBackground(t)
	first := r.current.ID
	r.next()
	if r.current.ID == first || r.current.ID != r.cols[studio.StateDraft][1].ID {
		t.Fatalf("next went from %d to %d", first, r.current.ID)
	}
}
