package ollama

import (
	"net/http"
	"net/url"
	"testing"
)

// TestOllamaClientTransport: the client Atelier makes has its own
// transport with dial and header timeouts, and sends nothing to a local
// server through a proxy.
func TestOllamaClientTransport(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:9")
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:9")
	t.Setenv("NO_PROXY", "")
	c := httpClient()
	if c == http.DefaultClient {
		t.Fatal("the default client")
	}
	tr := c.Transport.(*http.Transport)
	if tr.ResponseHeaderTimeout == 0 || tr.DialContext == nil {
		t.Fatal("no header or dial timeout")
	}
	for host, proxied := range map[string]bool{"127.0.0.1:11434": false, "localhost:11434": false, "[::1]:11434": false, "ollama.example:11434": true} {
		p, err := tr.Proxy(&http.Request{URL: &url.URL{Scheme: "http", Host: host}})
		if err != nil || (p != nil) != proxied {
			t.Errorf("%s: proxy %v %v, want proxied %v", host, p, err, proxied)
		}
	}
}
