package app

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"atelier/studio"
)

// prefModel is the preference key of the default model.
const prefModel = "model.default"

// session is the connection to Ollama, made off the UI goroutine at start.
type session struct {
	mu      sync.Mutex
	conn    *studio.Connection
	err     error
	ready   bool
	onReady []func()
}

func (s *session) connect(connect func(context.Context) (*studio.Connection, error), done func()) {
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
func (s *session) state() (*studio.Connection, error, bool) {
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

// drafter returns the Ollama drafter when a server is connected, or the
// template drafter, and a label saying which.
func (st *Studio) drafter() (studio.Drafter, string) {
	conn, err, _ := st.session.state()
	if conn == nil {
		return studio.TemplateDrafter{}, fmt.Sprintf("%s (%v)", lang.L("No model: drafting from the kit's templates"), err)
	}
	return &studio.OllamaDrafter{Client: conn.Client, Model: st.model()}, lang.L("Drafting with") + " " + st.model()
}

// prefWarnedHost remembers the remote Ollama host the user was warned about.
const prefWarnedHost = "ollama.warned_host"

// warnRemoteHost tells the user, once per host, that drafts will leave the
// machine when OLLAMA_HOST points elsewhere than loopback.
func (st *Studio) warnRemoteHost(host string) {
	if host == "" || studio.IsLoopback(host) || st.app.Preferences().String(prefWarnedHost) == host {
		return
	}
	st.app.Preferences().SetString(prefWarnedHost, host)
	dialog.ShowInformation(lang.L("Drafts will leave this computer"),
		fmt.Sprintf(lang.L("OLLAMA_HOST is %s, which is not this computer: briefs, brand kit and drafts are sent there. Unset OLLAMA_HOST to keep everything local."), host), st.win)
}
