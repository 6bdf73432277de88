package studio_test

import (
	"atelier/studio/ollama"
	"atelier/studio/store"
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/ollamatest"
)

// server is the real Ollama test server shared by this package's tests.
var server *ollamatest.Server

func TestMain(m *testing.M) {
	if os.Getenv("ATELIER_CONNECT_CHILD") != "" { // TestConnectChild needs no test server
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "atelier-ollama-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	server, err = ollamatest.StartIn(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting the Ollama test server:", err)
		os.Exit(1)
	}
	code := m.Run()
	server.Stop()
	os.RemoveAll(dir)
	os.Exit(code)
}

func newWorkspace(t *testing.T) *studio.Workspace {
	t.Helper()
	home := t.TempDir()
	kitDir, err := studio.DefaultKitDir(home, samples.Kit())
	if err != nil {
		t.Fatal(err)
	}
	ws, err := store.OpenWorkspace(context.Background(), home, kitDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func newBrief(t *testing.T, ws *studio.Workspace, platforms, personas, languages []string) studio.Brief {
	t.Helper()
	ctx := context.Background()
	c, err := studio.StoreOf(ws).CreateCampaign(ctx, studio.Campaign{Name: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	b := studio.SampleBrief(c.ID)
	b.Platforms, b.Personas, b.Languages = platforms, personas, languages
	b, err = studio.StoreOf(ws).CreateBrief(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ollamaDrafter drafts on the test server. Its deadline is generous: these
// tests are not about the deadline (the slow-link test sets its own), and a
// loaded 2-core machine running packages side by side under -race took
// over 30 s for one call.
func ollamaDrafter(s *ollamatest.Server) *studio.OllamaDrafter {
	return &studio.OllamaDrafter{Client: s.Client(), Model: s.Model, Timeout: 3 * time.Minute, NumPredict: 2048}
}

func TestComposeTwelveVariantsAgainstRealOllama(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"instagram", "linkedin", "x"}, []string{"parents-urbains", "design-lovers"}, []string{"fr-FR", "en-GB"})
	c := &studio.Composer{WS: ws, Drafter: ollamaDrafter(server), User: studio.User{Name: "Camille", Role: studio.RoleAuthor}}
	streamed := map[int64]int{}
	outs, err := c.Compose(context.Background(), brief, func(e studio.Event) {
		if e.Kind == studio.EventStream {
			streamed[e.PieceID]++
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 12 {
		t.Fatalf("%d variants, want 12", len(outs))
	}
	ctx := context.Background()
	for _, o := range outs {
		if o.Err != nil {
			t.Errorf("%s: %v", o.Target.Key(), o.Err)
			continue
		}
		if streamed[o.Piece.ID] == 0 {
			t.Errorf("%s: no stream reached the callback", o.Target.Key())
		}
		vs, err := ws.Versions(ctx, o.Piece.ID)
		if err != nil || len(vs) == 0 || len(vs) > 1+studio.MaxRepairs {
			t.Fatalf("%s: %d versions, %v", o.Target.Key(), len(vs), err)
		}
		for _, v := range vs {
			var d studio.Draft
			if err := json.Unmarshal(v.Payload, &d); err != nil || d.Language != o.Target.Language {
				t.Errorf("%s v%d: payload %s is not the schema's (%v)", o.Target.Key(), v.Number, v.Payload, err)
			}
			if v.Model != server.Model || v.PromptHash == "" || v.EvalCount == 0 || v.PromptEvalCount == 0 || v.TotalTime == 0 {
				t.Errorf("%s v%d: origin not recorded: %+v", o.Target.Key(), v.Number, v)
			}
		}
		last := vs[len(vs)-1]
		if last.Status != studio.VersionComplete && last.Status != studio.VersionFailedCheck {
			t.Errorf("%s: last version %s", o.Target.Key(), last.Status)
		}
		if (last.Status == studio.VersionComplete) != (o.Report.Count("error") == 0) {
			t.Errorf("%s: status %s with %d errors", o.Target.Key(), last.Status, o.Report.Count("error"))
		}
		if last.Status == studio.VersionFailedCheck && len(vs) != 1+studio.MaxRepairs {
			t.Errorf("%s: failed the check after %d attempts, want %d", o.Target.Key(), len(vs), 1+studio.MaxRepairs)
		}
		if !strings.Contains(last.Text, "#MaisonLumen") {
			t.Errorf("%s: the required hashtag was not fixed in: %q", o.Target.Key(), last.Text)
		}
		cr, err := ws.LatestCheck(ctx, o.Piece.ID)
		if err != nil || cr.VersionID != last.ID {
			t.Errorf("%s: check result %+v %v", o.Target.Key(), cr, err)
		}
	}
}

func TestKVPrefixIsReused(t *testing.T) {
	s := ollamatest.Start(t)
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"instagram", "linkedin", "x"}, []string{"design-lovers"}, []string{"en-GB"})
	c := &studio.Composer{WS: ws}
	targets, err := c.Targets(brief)
	if err != nil {
		t.Fatal(err)
	}
	d := ollamaDrafter(s)
	for i, tg := range targets {
		res, err := d.Draft(context.Background(), &studio.Request{Kit: ws.Kit(), Brief: brief, Targets: targets, Target: tg, Seed: int64(i)}, nil)
		if err != nil && !errors.Is(err, studio.ErrInvalidReply) {
			t.Fatal(err)
		}
		if res.Metrics.PromptEvalCount == 0 {
			t.Fatalf("call %d reported no prompt_eval_count", i+1)
		}
	}
	loads := s.CacheLoads()
	if len(loads) != len(targets) {
		t.Fatalf("%d cache loads logged for %d calls", len(loads), len(targets))
	}
	if loads[0].Used != 0 {
		t.Errorf("the first call found %d tokens cached on a fresh server", loads[0].Used)
	}
	for i := 1; i < len(loads); i++ {
		if pct := 100 * loads[i].Remaining / loads[0].Remaining; pct > 15 {
			t.Errorf("call %d evaluated %d prompt tokens, %d%% of the first (%d): the prefix was not reused", i+1, loads[i].Remaining, pct, loads[0].Remaining)
		}
	}
	t.Logf("cache loads: %+v", loads)
}

func TestCancelMidStreamKeepsInterruptedVersion(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"linkedin"}, []string{"design-lovers"}, []string{"en-GB"})
	c := &studio.Composer{WS: ws, Drafter: ollamaDrafter(server)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outs, err := c.Compose(ctx, brief, func(e studio.Event) {
		if e.Kind == studio.EventStream && len(e.Text) > 5 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("compose error %v, want cancelled", err)
	}
	if len(outs) != 1 || !errors.Is(outs[0].Err, studio.ErrInterrupted) {
		t.Fatalf("outcomes %+v", outs)
	}
	vs, _ := ws.Versions(context.Background(), outs[0].Piece.ID)
	if len(vs) != 1 || vs[0].Status != studio.VersionInterrupted || len(vs[0].Text) < 5 {
		t.Fatalf("versions after cancel: %+v", vs)
	}
}

func TestServerKilledMidStreamThenRetry(t *testing.T) {
	s := ollamatest.Start(t)
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	c := &studio.Composer{WS: ws, Drafter: ollamaDrafter(s)}
	killed := false
	var runners []int
	outs, err := c.Compose(context.Background(), brief, func(e studio.Event) {
		if e.Kind == studio.EventStream && !killed && len(e.Text) > 5 {
			killed = true
			runners = ollamatest.Children(s.Pid())
			s.Kill()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(runners) == 0 {
		t.Fatal("the server had no model runner while it streamed")
	}
	for _, pid := range runners {
		if waitGone(pid, 5*time.Second) {
			t.Errorf("the model runner %d outlived its killed server", pid)
		}
	}
	if !killed || !errors.Is(outs[0].Err, studio.ErrInterrupted) {
		t.Fatalf("want an interrupted draft, got %v", outs[0].Err)
	}
	ctx := context.Background()
	vs, _ := ws.Versions(ctx, outs[0].Piece.ID)
	if len(vs) != 1 || vs[0].Status != studio.VersionInterrupted || vs[0].Text == "" {
		t.Fatalf("partial text not kept: %+v", vs)
	}

	s.Restart(t)
	v, _, err := c.Edit(ctx, outs[0].Piece.ID, studio.ActionRegenerate, "", nil)
	if err != nil {
		t.Fatalf("retry after restart: %v", err)
	}
	if v.Number != 2 || v.Status == studio.VersionInterrupted {
		t.Fatalf("retry stored %+v", v)
	}
	// Stopping the restarted server ends its runner too: nothing is left.
	pid, runners := s.Pid(), ollamatest.Children(s.Pid())
	s.Stop()
	for _, p := range append(runners, pid) {
		if waitGone(p, 5*time.Second) {
			t.Errorf("process %d outlived the stopped server", p)
		}
	}
}

// waitGone waits up to d for a process to end and reports whether it is
// still there.
func waitGone(pid int, d time.Duration) bool {
	for end := time.Now().Add(d); ollamatest.Alive(pid) && time.Now().Before(end); {
		time.Sleep(20 * time.Millisecond)
	}
	return ollamatest.Alive(pid)
}

// TestKilledAtelierLeavesNoServer: the Ollama server Atelier starts dies
// with it, even when Atelier is killed with SIGKILL; a pidfile left by a
// crashed run lets the next start stop a server still running.
func TestKilledAtelierLeavesNoServer(t *testing.T) {
	if os.Getenv("ATELIER_CONNECT_CHILD") != "" {
		return
	}
	bin, err := ollamatest.Binary()
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestConnectChild$", "-test.v")
	cmd.Env = append(os.Environ(), "ATELIER_CONNECT_CHILD=1", "ATELIER_HOME="+home, "ATELIER_OLLAMA_BIN="+bin, "OLLAMA_HOST=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var pid int
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if _, err := fmt.Sscanf(sc.Text(), "managed-pid %d", &pid); err == nil {
			break
		}
	}
	if pid == 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the child did not start a managed server")
	}
	if data, err := os.ReadFile(filepath.Join(home, ollama.PidFile)); err != nil || !strings.HasPrefix(string(data), fmt.Sprint(pid)) {
		t.Errorf("the pidfile does not record the server: %q %v", data, err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if waitGone(pid, 5*time.Second) {
		syscall.Kill(-pid, syscall.SIGKILL)
		t.Fatalf("the managed server %d outlived Atelier killed with SIGKILL", pid)
	}

	// A server still running under a stale pidfile is stopped by the next start.
	ctx := context.Background()
	ms, err := ollama.Start(ctx, bin, filepath.Join(home, "models"), ollamatest.Offline...)
	if err != nil {
		t.Fatal(err)
	}
	defer ms.Stop()
	pidFile := filepath.Join(home, ollama.PidFile)
	os.WriteFile(pidFile, []byte(fmt.Sprintf("%d %s\n", ms.Pid(), ms.Host)), 0o644)
	if got := ollama.StopStaleServer(pidFile); got != ms.Pid() || waitGone(ms.Pid(), 5*time.Second) {
		t.Fatalf("the stale server %d was not stopped (stopped %d)", ms.Pid(), got)
	}
	if _, err := os.Stat(pidFile); !os.IsNotExist(err) {
		t.Error("the stale pidfile is still there")
	}
	// A pidfile naming another program leaves it alone.
	os.WriteFile(pidFile, []byte(fmt.Sprintf("%d 127.0.0.1:1\n", os.Getpid())), 0o644)
	if got := ollama.StopStaleServer(pidFile); got != 0 {
		t.Fatalf("a pidfile naming the test itself stopped %d", got)
	}
}

// TestConnectChild is the child of TestKilledAtelierLeavesNoServer: it
// connects as Atelier does, says which server it started and waits to be
// killed.
func TestConnectChild(t *testing.T) {
	if os.Getenv("ATELIER_CONNECT_CHILD") == "" {
		return
	}
	dir, err := studio.DataDir()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := ollama.Connect(context.Background(), dir)
	if err != nil || conn.Managed == nil {
		t.Fatalf("connect: %v %+v", err, conn)
	}
	fmt.Printf("managed-pid %d\n", conn.Managed.Pid())
	time.Sleep(time.Minute)
}

func TestEditActionsMakeNewVersions(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"linkedin"}, []string{"parents-urbains"}, []string{"fr-FR"})
	c := &studio.Composer{WS: ws, Drafter: ollamaDrafter(server)}
	ctx := context.Background()
	outs, err := c.Compose(ctx, brief, nil)
	if err != nil || outs[0].Err != nil {
		t.Fatal(err, outs[0].Err)
	}
	id := outs[0].Piece.ID
	before, _ := ws.Versions(ctx, id)
	for _, a := range []studio.Action{studio.ActionShorter, studio.ActionLonger, studio.ActionFormal, studio.ActionCasual, studio.ActionRegenerate} {
		v, _, err := c.Edit(ctx, id, a, "", nil)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if v.PieceID != id {
			t.Fatalf("%s wrote to piece %d", a, v.PieceID)
		}
	}
	after, _ := ws.Versions(ctx, id)
	if len(after) < len(before)+5 {
		t.Fatalf("%d versions after 5 edits, had %d", len(after), len(before))
	}
	actions := map[string]bool{}
	for _, v := range after {
		actions[v.Action] = true
	}
	for _, a := range []string{"shorter", "longer", "more_formal", "more_casual", "regenerate"} {
		if !actions[a] {
			t.Errorf("no version records action %s", a)
		}
	}
	v, _, err := c.Edit(ctx, id, studio.ActionTranslate, "en-GB", nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := ws.Piece(ctx, v.PieceID)
	if p.ID == id || p.Language != "en-GB" || p.Platform != "linkedin" {
		t.Fatalf("translation went to %+v", p)
	}
	if _, _, err := c.Edit(ctx, id, studio.ActionTranslate, "de-DE", nil); err == nil {
		t.Fatal("translating to a language the kit does not speak must fail")
	}
}

func TestMissingModelAndOfflinePull(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"x", "linkedin"}, []string{"design-lovers"}, []string{"en-GB"})
	d := ollamaDrafter(server)
	d.Model = "not-installed:1b"
	c := &studio.Composer{WS: ws, Drafter: d}
	outs, err := c.Compose(context.Background(), brief, nil)
	if !errors.Is(err, studio.ErrModelMissing) {
		t.Fatalf("compose must stop on a missing model, got %v", err)
	}
	if has, err := (&ollama.Models{Client: server.Client()}).Has(context.Background(), "not-installed:1b"); has || err != nil {
		t.Fatalf("Has(missing) = %v, %v", has, err)
	}
	if len(outs) != 1 || !errors.Is(outs[0].Err, studio.ErrModelMissing) || !strings.Contains(outs[0].Err.Error(), "ollama pull not-installed:1b") {
		t.Fatalf("missing model: %v", outs[0].Err)
	}
	m := &ollama.Models{Client: server.Client()}
	err = m.Pull(context.Background(), "gemma3:4b", func(ollama.PullProgress) {})
	if err == nil || !strings.Contains(err.Error(), "could not download gemma3:4b") {
		t.Fatalf("offline pull: %v", err)
	}
}

func TestUnreachableServer(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"x"}, []string{"design-lovers"}, []string{"en-GB"})
	d := &studio.OllamaDrafter{Client: api.NewClient(&url.URL{Scheme: "http", Host: "127.0.0.1:9"}, http.DefaultClient), Model: "m"}
	c := &studio.Composer{WS: ws, Drafter: d}
	outs, _ := c.Compose(context.Background(), brief, nil)
	if !errors.Is(outs[0].Err, studio.ErrUnreachable) || !strings.Contains(outs[0].Err.Error(), "ollama serve") {
		t.Fatalf("unreachable: %v", outs[0].Err)
	}
}

// A stream that stops without a done message cannot be caused on the real
// server on demand, so httptest stands in for it.
func TestBrokenStreamShape(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		fmt.Fprintln(w, `{"model":"m","message":{"role":"assistant","content":"{\"hook\": \"Bonj"},"done":false}`)
		w.(http.Flusher).Flush()
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"x"}, []string{"design-lovers"}, []string{"fr-FR"})
	c := &studio.Composer{WS: ws, Drafter: &studio.OllamaDrafter{Client: api.NewClient(u, http.DefaultClient), Model: "m"}}
	outs, _ := c.Compose(context.Background(), brief, nil)
	if !errors.Is(outs[0].Err, studio.ErrInterrupted) {
		t.Fatalf("broken stream: %v", outs[0].Err)
	}
	vs, _ := ws.Versions(context.Background(), outs[0].Piece.ID)
	if len(vs) != 1 || !strings.Contains(vs[0].Text, "Bonj") || vs[0].Status != studio.VersionInterrupted {
		t.Fatalf("partial text: %+v", vs)
	}
}

func TestTemplateDrafterIsLabelled(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"instagram", "x"}, []string{"design-lovers"}, []string{"fr-FR", "en-GB"})
	c := &studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}
	outs, err := c.Compose(context.Background(), brief, nil)
	if err != nil || len(outs) != 4 {
		t.Fatal(err, len(outs))
	}
	for _, o := range outs {
		if o.Err != nil || o.Version.Origin != studio.OriginTemplate || o.Version.Model != "template" {
			t.Fatalf("%s: %+v %v", o.Target.Key(), o.Version, o.Err)
		}
		text, _ := brief.Text(o.Target.Language)
		if !strings.Contains(o.Version.Text, text.Topic) || !strings.Contains(o.Version.Text, "#MaisonLumen") {
			t.Errorf("%s: template not filled with the %s text: %q", o.Target.Key(), o.Target.Language, o.Version.Text)
		}
	}
	en, _ := brief.Text("en-GB")
	if !strings.Contains(outs[0].Version.Text, "—") || !strings.Contains(outs[1].Version.Text, en.Topic+":") {
		t.Error("each language must use its own template")
	}
	// A rewrite needs a model: the templates say so rather than store an
	// identical version.
	_, _, err = c.Edit(context.Background(), outs[0].Piece.ID, studio.ActionShorter, "", nil)
	if !errors.Is(err, studio.ErrNeedsModel) || !strings.Contains(err.Error(), "edit the text yourself") {
		t.Fatalf("shorter with the templates: %v", err)
	}
	if vs, _ := ws.Versions(context.Background(), outs[0].Piece.ID); len(vs) != 1 {
		t.Fatalf("%d versions after a refused rewrite", len(vs))
	}
}

// TestTemplateDrafterNeedsTranslation: with no text for a language, the
// template drafter says so instead of filling that language's template
// with another language's words; a paid brief's drafts open with the
// disclosure.
func TestTemplateDrafterNeedsTranslation(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	camp, _ := studio.StoreOf(ws).CreateCampaign(ctx, studio.Campaign{Name: "Translation"})
	b := studio.SampleBrief(camp.ID)
	b.Platforms, b.Personas, b.ByLanguage, b.Partner = []string{"instagram"}, []string{"design-lovers"}, nil, "Atelier Cire"
	b, err := studio.StoreOf(ws).CreateBrief(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := (&studio.Composer{WS: ws, Drafter: studio.TemplateDrafter{}}).Compose(ctx, b, nil)
	if err != nil || len(outs) != 2 {
		t.Fatal(err, len(outs))
	}
	var nt *studio.NeedsTranslationError
	for _, o := range outs {
		switch o.Target.Language {
		case "fr-FR":
			if o.Err != nil || !strings.HasPrefix(o.Version.Text, "Publicité · Atelier Cire\n") {
				t.Errorf("fr-FR: %v %q, want the disclosure on the first line", o.Err, o.Version.Text)
			}
		case "en-GB":
			if !errors.As(o.Err, &nt) || !strings.Contains(o.Err.Error(), "needs translation") {
				t.Errorf("en-GB: %v, want needs translation", o.Err)
			}
		}
	}
}

// TestChooseDrafterAgainstTheRealServer: the installed model drafts; a
// missing one falls back to the templates with the reason, or, without the
// fallback, is an error naming the pull.
func TestChooseDrafterAgainstTheRealServer(t *testing.T) {
	conn := &ollama.Connection{Client: server.Client(), Host: server.Host}
	ctx := context.Background()
	if c, err := studio.ChooseDrafter(ctx, conn, nil, server.Model, 0, true); err != nil || c.Reason != nil || c.Model != server.Model {
		t.Fatalf("installed model: %+v %v", c, err)
	}
	c, err := studio.ChooseDrafter(ctx, conn, nil, "not-installed:1b", 0, true)
	if err != nil || c.Drafter.Name() != studio.TemplateModel || !errors.Is(c.Reason, studio.ErrModelMissing) {
		t.Fatalf("missing model with fallback: %+v %v", c, err)
	}
	if _, err := studio.ChooseDrafter(ctx, conn, nil, "not-installed:1b", 0, false); !errors.Is(err, studio.ErrModelMissing) || !strings.Contains(err.Error(), "ollama pull not-installed:1b") {
		t.Fatalf("missing model without fallback: %v", err)
	}
}
