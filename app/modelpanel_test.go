package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"atelier/studio"
	"atelier/studio/ollama"
	"atelier/studio/ollamatest"
)

// TestMissingModelOffersThreeWaysForward: against a real server without
// the default model, Compose says so, offers to pull it with its size and
// lists the installed models; choosing one drafts with it, and the status
// line says whether it is installed, cold or warm.
func TestMissingModelOffersThreeWaysForward(t *testing.T) {
	srv := ollamatest.Start(t)
	s, _ := newTestStudioWith(t, connectTo(srv))
	c := composeOf(s)
	waitFor(t, "the model panel", func() bool { return c.models.box.Visible() })
	p := c.models
	if !strings.Contains(p.msg.Text, studio.DefaultModel) || !strings.Contains(p.pull.Text, "GB") || !p.template.Visible() {
		t.Fatalf("panel: %q / %q", p.msg.Text, p.pull.Text)
	}
	if !strings.Contains(s.status.Text, "not installed") {
		t.Errorf("status line: %q", s.status.Text)
	}
	if len(p.use.Options) != 1 || p.use.Options[0] != srv.Model {
		t.Fatalf("installed models offered: %v", p.use.Options)
	}
	p.use.SetSelected(srv.Model)
	waitFor(t, "the panel to close", func() bool { waitBackground(t); return !p.box.Visible() })
	// Choosing the model readies it: it is loaded (by the warm-up, or by
	// the probe of the server's slots) before the first draft.
	waitFor(t, "the model warm", func() bool { waitBackground(t); return strings.Contains(s.status.Text, srv.Model+" (warm)") })
	if !strings.Contains(c.mode.Text, "Drafting with "+srv.Model) {
		t.Fatalf("mode %q, status %q", c.mode.Text, s.status.Text)
	}
}

// TestPullOfAMissingModelFailsClearly: the test server is offline, so the
// pull fails; the panel says why, and the bar and Cancel go away.
func TestPullOfAMissingModelFailsClearly(t *testing.T) {
	srv := ollamatest.Start(t)
	s, _ := newTestStudioWith(t, connectTo(srv))
	c := composeOf(s)
	waitFor(t, "the model panel", func() bool { return c.models.box.Visible() })
	test.Tap(c.models.pull)
	waitBackground(t)
	if !strings.Contains(c.models.msg.Text, studio.DefaultModel+" — The model could not be downloaded") || c.models.bar.Visible() || c.models.stop.Visible() {
		t.Fatalf("after a failed pull: %q", c.models.msg.Text)
	}
}

// TestNoServerDraftsFromTemplatesWhenChosen: with no server the panel
// offers no pull, and choosing the templates labels every draft.
func TestNoServerDraftsFromTemplatesWhenChosen(t *testing.T) {
	s, _ := newTestStudio(t)
	c := composeOf(s)
	waitFor(t, "the model panel", func() bool { return c.models.box.Visible() })
	if c.models.pull.Visible() || !strings.Contains(c.models.msg.Text, "No Ollama server") {
		t.Fatalf("panel: %q", c.models.msg.Text)
	}
	test.Tap(c.models.template)
	waitBackground(t)
	if c.models.box.Visible() || !strings.Contains(c.mode.Text, "template") {
		t.Fatalf("after choosing the templates: %q", c.mode.Text)
	}
	draftTemplates(t, s, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	for _, cd := range c.cards {
		if cd.origin != studio.OriginTemplate {
			t.Errorf("%s drafted by %s", cd.target.Key(), cd.origin)
		}
	}
}

// TestComposeWarmsAColdModel: opening Compose with an installed model
// that is not in memory loads it at once, so the first draft does not
// wait; the status line says so while it loads, then that it is warm.
func TestComposeWarmsAColdModel(t *testing.T) {
	srv := ollamatest.Start(t)
	s, _ := newTestStudioWith(t, connectTo(srv))
	s.app.Preferences().SetString(prefModel, srv.Model)
	composeOf(s)
	waitFor(t, "the model to be warm", func() bool {
		waitBackground(t)
		return strings.Contains(s.status.Text, srv.Model+" (warm)")
	})
	st := (&ollama.Models{Client: srv.Client()}).State(context.Background())
	if st.Readiness(srv.Model) != ollama.Warm {
		t.Fatalf("the server has %v in memory", st.Running)
	}
}
