package calendar

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFeedServerIsLocalAndReadOnly: the server takes 127.0.0.1 (or
// localhost) only, answers GET and HEAD on its one path with the
// calendar's content type, 405 for the other methods, 404 elsewhere, 421
// for another Host header, and stops with its context.
func TestFeedServerIsLocalAndReadOnly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::1]:0", "192.168.1.2:8765", "example.com:80", "127.0.0.1", "127.0.0.1:99999"} {
		var ae *AddressError
		if _, err := Serve(ctx, addr, nil); !errors.As(err, &ae) || !strings.Contains(err.Error(), "127.0.0.1:PORT") {
			t.Errorf("serving on %q: %v", addr, err)
		}
	}
	body := "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
	u, err := Serve(ctx, "localhost:0", func() ([]byte, error) { return []byte(body), nil })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u, "http://127.0.0.1:") || !strings.HasSuffix(u, FeedPath) {
		t.Fatalf("url %q", u)
	}
	cases := []struct {
		method, path, host string
		status             int
		body               string
	}{
		{http.MethodGet, FeedPath, "", 200, body},
		{http.MethodHead, FeedPath, "", 200, ""},
		{http.MethodPost, FeedPath, "", 405, ""},
		{http.MethodPut, FeedPath, "", 405, ""},
		{http.MethodDelete, FeedPath, "", 405, ""},
		{http.MethodGet, "/other.ics", "", 404, ""},
		{http.MethodGet, FeedPath + "/x", "", 404, ""},
		{http.MethodGet, FeedPath, "evil.example", http.StatusMisdirectedRequest, ""},
	}
	base, _ := url.Parse(u)
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, "http://"+base.Host+c.path, strings.NewReader(""))
		if c.host != "" {
			req.Host = c.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", c.method, c.path, err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || (c.status == 200 && (string(got) != c.body || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8")) {
			t.Errorf("%s %s (host %q): %d %q %q", c.method, c.path, c.host, resp.StatusCode, resp.Header.Get("Content-Type"), got)
		}
		if c.status == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow %q", c.method, resp.Header.Get("Allow"))
		}
	}
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(u)
		if err != nil {
			break
		}
		resp.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("the feed still answers after its context ended")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestFeedServerSaysWhenTheFeedFails: the feed's error is a 500 that says
// so.
func TestFeedServerSaysWhenTheFeedFails(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u, err := Serve(ctx, "127.0.0.1:0", func() ([]byte, error) { return nil, errors.New("the store is locked") })
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(got), "the store is locked") {
		t.Errorf("%d %q", resp.StatusCode, got)
	}
}

// TestWriteFeedFile writes the feed in place, leaves no temporary file,
// and returns a file: URL that names it.
func TestWriteFeedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan calendar.ics")
	u, err := WriteFeedFile(path, []byte("BEGIN:VCALENDAR\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := url.Parse(u)
	if err != nil || parsed.Scheme != "file" || filepath.FromSlash(parsed.Path) != path || !strings.Contains(u, "plan%20calendar.ics") {
		t.Errorf("url %q (%v)", u, err)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "BEGIN:VCALENDAR\r\n" {
		t.Errorf("%q %v", data, err)
	}
	if ls, _ := os.ReadDir(dir); len(ls) != 1 {
		t.Errorf("%d files left", len(ls))
	}
	if _, err := WriteFeedFile(filepath.Join(dir, "missing", "c.ics"), nil); err == nil || !strings.Contains(err.Error(), "writable") {
		t.Errorf("missing folder: %v", err)
	}
}
