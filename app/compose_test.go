package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/ollama"
	"atelier/studio/ollamatest"
)

// waitFor runs the queued UI calls and polls cond until it holds or 60 s
// pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for runUI(); !cond(); runUI() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func connectTo(s *ollamatest.Server) func(context.Context) (*ollama.Connection, error) {
	return func(context.Context) (*ollama.Connection, error) {
		return &ollama.Connection{Client: s.Client(), Host: s.Host}, nil
	}
}

// showScreen selects the screen of type T in the sidebar and returns it.
func showScreen[T screen](s *Studio) T {
	i := screenIndex[T](s)
	s.nav.Select(i)
	return s.screens[i].(T)
}

func composeOf(s *Studio) *composeScreen { return showScreen[*composeScreen](s) }

// draftTemplates drafts on the Compose screen with the given choices (nil
// keeps the form's) once the connection attempt is over, and waits for it.
func draftTemplates(t *testing.T, s *Studio, platforms, personas, languages []string) *composeScreen {
	t.Helper()
	c := composeOf(s)
	waitFor(t, "the connection attempt", func() bool { _, _, ready := s.session.state(); return ready })
	for _, set := range []struct {
		g   *widget.CheckGroup
		c   choices
		ids []string
	}{{c.platforms, c.platformChoices, platforms}, {c.personas, c.personaChoices, personas}, {c.languages, c.languageChoices, languages}} {
		if set.ids != nil {
			set.g.SetSelected(set.c.namesOf(set.ids))
		}
	}
	test.Tap(c.draftBtn)
	waitFor(t, "the drafts", c.finished)
	return c
}

func (c *composeScreen) finished() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running || len(c.cards) == 0 {
		return false
	}
	for _, cd := range c.cards {
		if cd.report == nil && cd.err == nil {
			return false
		}
	}
	return true
}

func TestComposeDraftsWithRealOllama(t *testing.T) {
	srv := ollamatest.Start(t)
	s, ws := newTestStudioWith(t, connectTo(srv))
	s.app.Preferences().SetString(prefModel, srv.Model)
	c := composeOf(s)
	waitFor(t, "the connection", func() bool { _, _, ready := s.session.state(); return ready })
	c.platforms.SetSelected(c.platformChoices.namesOf([]string{"x", "linkedin"}))
	c.personas.SetSelected(c.personaChoices.namesOf([]string{"design-lovers"}))
	c.languages.SetSelected(c.languageChoices.namesOf([]string{"fr-FR"}))
	test.Tap(c.draftBtn)
	waitFor(t, "two variants", func() bool { return c.finished() })
	if len(c.cards) != 2 {
		t.Fatalf("%d cards", len(c.cards))
	}
	time.Sleep(250 * time.Millisecond) // let the refresh loop draw
	runUI()
	got := texts(s.Window())
	n := names{ws}
	who := " · " + n.persona("design-lovers") + " · " + n.language("fr-FR")
	for _, want := range []string{"X" + who, "LinkedIn" + who, "/ 280", "/ 3000", "Drafting with " + srv.Model} {
		if !strings.Contains(got, want) {
			t.Errorf("compose screen lacks %q", want)
		}
	}
	ps, _ := ws.Pieces(context.Background(), studio.PieceFilter{Platform: "x"})
	vs, _ := ws.Versions(context.Background(), ps[len(ps)-1].ID)
	if len(vs) == 0 || vs[0].Model != srv.Model {
		t.Fatalf("versions %+v", vs)
	}

	// An edit action on the selected card makes a new version.
	c.grid.Select(0)
	c.action.SetSelected(actionName(string(studio.ActionShorter)))
	test.Tap(c.applyBtn)
	waitFor(t, "the edit", func() bool { return c.finished() })
	waitFor(t, "a new version", func() bool {
		after, _ := ws.Versions(context.Background(), c.cards[0].pieceID)
		for _, v := range after {
			if v.Action == "shorter" {
				return true
			}
		}
		return false
	})
}

func TestComposeCancelKeepsPartialText(t *testing.T) {
	srv := ollamatest.Start(t)
	s, ws := newTestStudioWith(t, connectTo(srv))
	s.app.Preferences().SetString(prefModel, srv.Model)
	c := composeOf(s)
	waitFor(t, "the connection", func() bool { _, _, ready := s.session.state(); return ready })
	c.platforms.SetSelected(c.platformChoices.namesOf([]string{"instagram", "linkedin", "x"}))
	test.Tap(c.draftBtn)
	waitFor(t, "text to stream", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.cards[0].text != ""
	})
	test.Tap(c.cancelBtn)
	waitFor(t, "the cancel", func() bool { c.mu.Lock(); defer c.mu.Unlock(); return !c.running })
	total := 0
	ps, _ := ws.Pieces(context.Background(), studio.PieceFilter{})
	for _, p := range ps {
		vs, _ := ws.Versions(context.Background(), p.ID)
		total += len(vs)
	}
	if len(ps) >= len(c.cards) {
		t.Fatalf("cancel did not stop the run: %d of %d pieces made", len(ps), len(c.cards))
	}
	if total == 0 {
		t.Fatal("no text was kept")
	}
}

func TestComposeWithoutOllamaUsesLabelledTemplates(t *testing.T) {
	s, _ := newTestStudio(t)
	c := composeOf(s)
	waitFor(t, "the connection attempt", func() bool { _, _, ready := s.session.state(); return ready })
	c.platforms.SetSelected(c.platformChoices.namesOf([]string{"x"}))
	c.personas.SetSelected(c.personaChoices.namesOf([]string{"design-lovers"}))
	for _, f := range c.translations { // the brief in French only
		f.topic.SetText("")
		f.message.SetText("")
		f.cta.SetText("")
	}
	test.Tap(c.draftBtn)
	waitFor(t, "template drafts", func() bool { return c.finished() })
	time.Sleep(250 * time.Millisecond)
	runUI()
	got := texts(s.Window())
	for _, want := range []string{"No model: drafting from the kit's templates", "· template"} {
		if !strings.Contains(got, want) {
			t.Errorf("compose screen lacks %q:\n%s", want, got)
		}
	}
	for _, cd := range c.cards {
		if cd.target.Language != "fr-FR" { // the brief is written in French: the templates cannot translate it
			var nt *studio.NeedsTranslationError
			if !errors.As(cd.err, &nt) {
				t.Errorf("card %s: %v, want needs translation", cd.target.Key(), cd.err)
			}
			continue
		}
		if cd.origin != studio.OriginTemplate || !strings.Contains(cd.text, "#MaisonLumen") {
			t.Errorf("card %s: origin %s, text %q", cd.target.Key(), cd.origin, cd.text)
		}
	}
	if !strings.Contains(s.status.Text, "No Ollama") {
		t.Errorf("status line %q does not say Ollama is missing", s.status.Text)
	}
}

func TestModelScreenListsModelsAndKeepsDefault(t *testing.T) {
	srv := ollamatest.Start(t)
	s, _ := newTestStudioWith(t, connectTo(srv))
	m := showScreen[*modelScreen](s)
	pump(t, m.shown)
	if !strings.Contains(strings.Join(m.def.Options, ","), srv.Model) {
		t.Fatalf("models %v", m.def.Options)
	}
	m.def.SetSelected(srv.Model)
	if s.model() != srv.Model || !strings.Contains(s.status.Text, srv.Model) {
		t.Fatalf("default model %q, status %q", s.model(), s.status.Text)
	}
	if !strings.Contains(m.server.Text, "No model is loaded in memory") || strings.Contains(m.server.Text, "[]") {
		t.Errorf("server line %q is not a sentence", m.server.Text)
	}
	if len(m.info) != 1 || !strings.Contains(describeModel(m.info[0]), "parameters") || m.empty.Visible() {
		t.Errorf("installed: %+v", m.info)
	}
	if len(m.suggested.Objects) < 2 {
		t.Errorf("%d suggestions", len(m.suggested.Objects))
	}
	m.pullName.SetText("gemma3:4b")
	test.Tap(m.pullBtn)
	waitFor(t, "the offline pull to fail", func() bool {
		return strings.Contains(m.pullMsg.Text, "gemma3:4b — The model could not be downloaded")
	})
}

// TestSlowServerKeepsTheUIResponsive drafts through a link that dribbles the
// real server's reply: while the stream crawls, the window switches screens
// and back at once, the card keeps filling, and Cancel keeps the text.
func TestSlowServerKeepsTheUIResponsive(t *testing.T) {
	srv := ollamatest.Start(t)
	slow := ollamatest.Slow(t, srv.Host, 60*time.Millisecond)
	s, ws := newTestStudioWith(t, func(context.Context) (*ollama.Connection, error) {
		return &ollama.Connection{Client: slow.Client(), Host: slow.Host}, nil
	})
	s.app.Preferences().SetString(prefModel, srv.Model)
	c := composeOf(s)
	waitFor(t, "the connection", func() bool { _, _, ready := s.session.state(); return ready })
	c.platforms.SetSelected(c.platformChoices.namesOf([]string{"linkedin"}))
	c.personas.SetSelected(c.personaChoices.namesOf([]string{"design-lovers"}))
	c.languages.SetSelected(c.languageChoices.namesOf([]string{"fr-FR"}))
	// Each screen is built on its first visit (the kit screen takes half a
	// second under -race): visit them all first, so the switches timed
	// below measure only what the slow stream could block.
	for i := range s.screens {
		s.nav.Select(i)
		runUI()
	}
	showScreen[*composeScreen](s)
	test.Tap(c.draftBtn)
	streamed := func() int { c.mu.Lock(); defer c.mu.Unlock(); return len(c.cards[0].text) }
	waitFor(t, "text to stream", func() bool { return streamed() > 0 })
	var worst time.Duration
	for i := range s.screens {
		start := time.Now()
		s.nav.Select(i)
		runUI()
		worst = max(worst, time.Since(start))
	}
	showScreen[*composeScreen](s)
	if !c.running {
		t.Fatal("the draft finished before the UI was tried; the link is not slow enough")
	}
	if worst > time.Second {
		t.Errorf("a screen switch took %v while the server was slow", worst)
	}
	before := streamed()
	waitFor(t, "more text", func() bool { return streamed() > before })
	test.Tap(c.cancelBtn)
	waitFor(t, "the cancel", func() bool { return !c.running })
	vs, _ := ws.Versions(context.Background(), c.cards[0].pieceID)
	if len(vs) != 1 || vs[0].Status != studio.VersionInterrupted || vs[0].Text == "" {
		t.Fatalf("the partial text is not kept: %+v", vs)
	}
	t.Logf("slowest screen switch during the stream: %v", worst)
}

// TestDraftAgainWithFewerVariants: a finding picked or a fix applied after
// drafting again with fewer variants does not reach past the new cards (it
// panicked).
func TestDraftAgainWithFewerVariants(t *testing.T) {
	s, _ := newTestStudio(t)
	c := draftTemplates(t, s, []string{"instagram", "x"}, []string{"design-lovers", "parents-urbains"}, []string{"fr-FR"})
	c.grid.Select(3)
	runUI()
	draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	f := brandkit.Finding{Rule: "lexicon.preferred", Start: 0, End: 1, AutoFix: &brandkit.Edit{Start: 0, End: 1, With: "A"}}
	c.onFindingSelected(f)
	c.onApplyFix(f)
	runUI()
	if _, ok := c.selectedCard(); ok {
		t.Error("a card is still selected after drafting again")
	}
}
