package calendar

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// FeedPath is the feed's path on the local server.
const FeedPath = "/calendar.ics"

// Serve starts a read-only feed server on addr, which must be a loopback
// address ("127.0.0.1:0" picks a free port), and returns the feed's URL.
// Each GET asks feed for the feed afresh. The server stops when ctx ends.
func Serve(ctx context.Context, addr string, feed func() ([]byte, error)) (string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("the feed's address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("the calendar feed is served on this computer only: %q is not a loopback address; use 127.0.0.1", host)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("starting the calendar feed on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc(FeedPath, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "the calendar feed is read-only", http.StatusMethodNotAllowed)
			return
		}
		data, err := feed()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Write(data)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "calendar feed:", err)
		}
	}()
	return "http://" + l.Addr().String() + FeedPath, nil
}

// FileURL is the file: URL a calendar app subscribes to for a feed written
// at path.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}
