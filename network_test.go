package main

import (
	"bytes"
	"net/http"
	"sync"
	"testing"

	"atelier/studio/ollamatest"
)

// recorder notes every host an HTTP request goes to.
type recorder struct {
	mu    sync.Mutex
	hosts map[string]int
	next  http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.hosts[req.URL.Host]++
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// TestDemoTalksOnlyToTheConfiguredOllama runs the whole demo with every
// HTTP request recorded: the only destination is OLLAMA_HOST.
func TestDemoTalksOnlyToTheConfiguredOllama(t *testing.T) {
	srv := ollamatest.Start(t)
	t.Setenv("OLLAMA_HOST", srv.Host)
	rec := &recorder{hosts: map[string]int{}, next: http.DefaultTransport}
	http.DefaultTransport = rec
	t.Cleanup(func() { http.DefaultTransport = rec.next })
	var out bytes.Buffer
	if err := demoCommand(&out, []string{"--home", t.TempDir()}); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	if len(rec.hosts) != 1 || rec.hosts[srv.Host] == 0 {
		t.Fatalf("the demo contacted %v; only %s is allowed", rec.hosts, srv.Host)
	}
	t.Logf("requests by host: %v", rec.hosts)
}
