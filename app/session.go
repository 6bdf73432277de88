package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"atelier/studio"
	"atelier/studio/ollama"
)

// prefModel is the preference key of the default model.
const prefModel = "model.default"

// session is the connection to Ollama, made off the UI goroutine at start.
type session struct {
	mu      sync.Mutex
	conn    *ollama.Connection
	err     error
	ready   bool
	onReady []func()
}

func (s *session) connect(connect func(context.Context) (*ollama.Connection, error), done func()) {
	goBackground(func() {
		conn, err := connect(context.Background())
		s.mu.Lock()
		s.conn, s.err, s.ready = conn, err, true
		waiting := s.onReady
		s.onReady = nil
		s.mu.Unlock()
		onUI(func() {
			done()
			for _, f := range waiting {
				f()
			}
		})
	})
}

// state returns the connection (nil when there is none) and why not.
func (s *session) state() (*ollama.Connection, error, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn, s.err, s.ready
}

// whenReady runs f on the UI goroutine once the connection attempt is over.
func (s *session) whenReady(f func()) {
	s.mu.Lock()
	if !s.ready {
		s.onReady = append(s.onReady, f)
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	f()
}

func (s *session) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.conn.Close()
	}
}

// model returns the default model chosen in the preferences.
func (st *Studio) model() string {
	return st.app.Preferences().StringWithFallback(prefModel, studio.DefaultModel)
}

// errTemplatesChosen is why the templates draft once the user chose them.
var errTemplatesChosen = errors.New("you chose to draft from the kit's templates")

// drafter chooses the drafter by studio's one rule, off the UI goroutine
// (it asks the server for its models); the kit's templates when the user
// chose them.
func (st *Studio) drafter(ctx context.Context) studio.DrafterChoice {
	if st.templatesChosen.Load() {
		return studio.DrafterChoice{Drafter: studio.TemplateDrafter{}, Reason: errTemplatesChosen}
	}
	conn, err, _ := st.session.state()
	choice, _ := studio.ChooseDrafter(ctx, conn, err, st.model(), 0, true) // with the fallback allowed, there is always a choice
	return choice
}

// checkModel asks the server, off the UI goroutine, for its models and
// which are loaded, keeps the answer for the status line, and hands it to
// then on the UI goroutine. Without a server, then gets a zero state.
func (st *Studio) checkModel(then func(ollama.ServerState)) {
	conn, _, _ := st.session.state()
	goBackground(func() {
		var state ollama.ServerState
		if conn != nil {
			state = (&ollama.Models{Client: conn.Client}).State(context.Background())
		}
		onUI(func() {
			st.server = state
			st.refreshStatus()
			if then != nil {
				then(state)
			}
		})
	})
}

// warmModel loads model into the server's memory in the background, for
// 30 minutes, so the first draft does not wait for it; the status line
// says so meanwhile.
func (st *Studio) warmModel(conn *ollama.Connection, model string) {
	if st.warming {
		return
	}
	st.warming = true
	st.refreshStatus()
	goBackground(func() {
		err := (&ollama.Models{Client: conn.Client}).Warm(context.Background(), model, 30*time.Minute)
		onUI(func() {
			st.warming = false
			if err != nil {
				st.notice = model + " — " + sentence(err)
			}
			st.checkModel(nil)
		})
	})
}

// drafterLabel says the choice in the user's language.
func drafterLabel(d studio.DrafterChoice) string {
	if d.Reason == nil && d.Slots > 1 {
		return fmt.Sprintf(lang.L("Drafting with %s, %d variants at once"), d.Model, d.Slots)
	}
	if d.Reason == nil {
		return fmt.Sprintf(lang.L("Drafting with %s, one variant at a time: the server has one slot (start it with OLLAMA_NUM_PARALLEL=4 to draft several at once)"), d.Model)
	}
	if errors.Is(d.Reason, errTemplatesChosen) {
		return lang.L("Drafting from the kit's templates; each draft is labelled \"template\".")
	}
	return lang.L("No model: drafting from the kit's templates") // the panel above and the status line say why
}

// prefWarnedHost remembers the remote Ollama host the user was warned about.
const prefWarnedHost = "ollama.warned_host"

// warnRemoteHost tells the user, once per host, that drafts will leave the
// machine when OLLAMA_HOST points elsewhere than loopback.
func (st *Studio) warnRemoteHost(host string) {
	if host == "" || ollama.IsLoopback(host) || st.app.Preferences().String(prefWarnedHost) == host {
		return
	}
	st.app.Preferences().SetString(prefWarnedHost, host)
	dialog.ShowInformation(lang.L("Drafts will leave this computer"),
		fmt.Sprintf(lang.L("OLLAMA_HOST is %s, which is not this computer: briefs, brand kit and drafts are sent there. Unset OLLAMA_HOST to keep everything local."), host), st.win)
}

// describeServer says which server is in use, in the UI's language.
func describeServer(conn *ollama.Connection) string {
	if conn.Managed != nil {
		return fmt.Sprintf(lang.L("Ollama started by Atelier on %s"), conn.Managed.Host)
	}
	return fmt.Sprintf(lang.L("Ollama at %s"), conn.Host)
}
