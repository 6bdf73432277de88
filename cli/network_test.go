package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
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

// TestDemoTalksOnlyToTheConfiguredOllama runs the whole demo with
// OLLAMA_HOST pointing at a recording proxy in front of the real server,
// and every request through Go's default transport recorded: the proxy is
// reached, and nothing else is.
func TestDemoTalksOnlyToTheConfiguredOllama(t *testing.T) {
	srv := ollamatest.Start(t)
	target, _ := url.Parse("http://" + srv.Host)
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Transport = &http.Transport{} // not the default one, which is recorded
	var ollamaCalls atomic.Int64
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ollamaCalls.Add(1)
		proxy.ServeHTTP(w, r)
	}))
	defer front.Close()
	t.Setenv("OLLAMA_HOST", front.Listener.Addr().String())
	rec := &recorder{hosts: map[string]int{}, next: http.DefaultTransport}
	http.DefaultTransport = rec
	t.Cleanup(func() { http.DefaultTransport = rec.next })
	var out bytes.Buffer
	if err := commands["demo"](context.Background(), streams{out: &out, log: io.Discard}, []string{"--home", t.TempDir()}); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	if ollamaCalls.Load() == 0 || len(rec.hosts) != 0 {
		t.Fatalf("the demo made %d calls to OLLAMA_HOST and contacted %v besides; only OLLAMA_HOST is allowed", ollamaCalls.Load(), rec.hosts)
	}
	t.Logf("%d calls to OLLAMA_HOST", ollamaCalls.Load())
}
