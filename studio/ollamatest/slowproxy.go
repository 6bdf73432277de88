package ollamatest

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/ollama/ollama/api"
)

// SlowLink is a TCP relay in front of a real server that holds every chunk
// of the server's replies for a delay: a slow server as the client sees it
// (a loaded machine, a model on a remote box), not a fake of one.
type SlowLink struct {
	Host string // 127.0.0.1:PORT to connect to instead of the server
	ln   net.Listener
	wg   sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]bool
}

// Slow starts a relay to host whose replies arrive at most 64 bytes every
// delay. It stops with the test.
func Slow(tb testing.TB, host string, delay time.Duration) *SlowLink {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	l := &SlowLink{Host: ln.Addr().String(), ln: ln, conns: map[net.Conn]bool{}}
	l.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			l.mu.Lock()
			l.conns[c] = true
			l.mu.Unlock()
			l.wg.Go(func() { relay(c, host, delay) })
		}
	})
	tb.Cleanup(func() {
		ln.Close()
		l.mu.Lock()
		for c := range l.conns {
			c.Close() // the relay then closes its side to the server
		}
		l.mu.Unlock()
		l.wg.Wait()
	})
	return l
}

// Client is an API client through the relay.
func (l *SlowLink) Client() *api.Client {
	return api.NewClient(&url.URL{Scheme: "http", Host: l.Host}, &http.Client{})
}

func relay(c net.Conn, host string, delay time.Duration) {
	defer c.Close()
	s, err := net.Dial("tcp", host)
	if err != nil {
		return
	}
	defer s.Close()
	go func() { io.Copy(s, c); s.Close() }() // requests pass at full speed; a closed client closes the server side
	buf := make([]byte, 64)
	for {
		n, err := s.Read(buf)
		if n > 0 {
			time.Sleep(delay)
			if _, werr := c.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
