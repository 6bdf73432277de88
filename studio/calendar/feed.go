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
	"strconv"
	"time"
)

// FeedPath is the feed's path on the local server.
const FeedPath = "/calendar.ics"

// FeedHost is the only address the feed server listens on: the feed is
// for calendar apps on this computer, never the network.
const FeedHost = "127.0.0.1"

// AddressError is a feed address that is not 127.0.0.1:port.
type AddressError struct {
	Addr    string
	Problem string
}

func (e *AddressError) Error() string {
	return fmt.Sprintf("the calendar feed's address %q %s; use %s:PORT (%s:0 picks a free port)", e.Addr, e.Problem, FeedHost, FeedHost)
}

// checkAddr accepts 127.0.0.1:port and localhost:port, the latter as
// 127.0.0.1.
func checkAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", &AddressError{Addr: addr, Problem: "is not host:port (" + err.Error() + ")"}
	}
	if host == "localhost" {
		host = FeedHost
	}
	if host != FeedHost {
		return "", &AddressError{Addr: addr, Problem: "is not the loopback address " + FeedHost + ": the calendar feed is served on this computer only"}
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", &AddressError{Addr: addr, Problem: "has no valid port"}
	}
	return net.JoinHostPort(host, port), nil
}

// Serve starts a read-only feed server on addr, which must be
// 127.0.0.1:port (":0" picks a free port), and returns the feed's URL.
// It answers GET and HEAD on FeedPath only, asking feed for the feed
// afresh each time; other methods get 405, other paths 404, and a Host
// header that is not this address 421 (a web page cannot reach it by DNS
// rebinding). The server stops when ctx ends.
func Serve(ctx context.Context, addr string, feed func() ([]byte, error)) (string, error) {
	addr, err := checkAddr(addr)
	if err != nil {
		return "", err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("starting the calendar feed on %s: %w; choose another port, or 0 for a free one", addr, err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	mux := http.NewServeMux()
	mux.Handle(FeedPath, feedHandler{feed: feed, hosts: map[string]bool{FeedHost + ":" + port: true, "localhost:" + port: true}})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(os.Stderr, "calendar feed on %s stopped: %v\n", addr, err)
		}
	}()
	return "http://" + l.Addr().String() + FeedPath, nil
}

// feedHandler serves the feed read-only.
type feedHandler struct {
	feed  func() ([]byte, error)
	hosts map[string]bool
}

func (h feedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.hosts[r.Host] {
		http.Error(w, "this feed answers to "+FeedHost+" only", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "the calendar feed is read-only: use GET or HEAD", http.StatusMethodNotAllowed)
		return
	}
	data, err := h.feed()
	if err != nil {
		http.Error(w, "the calendar feed could not be made: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(data)
}

// FileURL is the file: URL a calendar app subscribes to for a feed written
// at path.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("the calendar feed's path %q: %w", path, err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// WriteFeedFile writes the feed to path through a temporary file in the
// same folder, so a calendar app subscribed to it never reads half a feed,
// and returns its file: URL.
func WriteFeedFile(path string, data []byte) (string, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".calendar-*.ics")
	if err != nil {
		return "", fmt.Errorf("writing the calendar feed in %s: %w; check the folder exists and is writable", dir, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("writing the calendar feed to %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("writing the calendar feed to %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("putting the calendar feed in place at %s: %w", path, err)
	}
	return FileURL(path)
}
