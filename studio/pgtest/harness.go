package pgtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Start runs a fresh server for one test and stops it when the test ends.
// It fails the test when PostgreSQL cannot be had: these tests do not skip.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := StartIn("")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Stop(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

var (
	shared    *Server
	sharedErr error
	sharedMu  sync.Mutex
)

// Main runs a package's tests with one server they share through Database,
// then stops it, so no postgres outlives the tests:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// A server that cannot start is reported by the first test that asks for a
// database, which then fails.
func Main(m *testing.M) int {
	sharedMu.Lock()
	shared, sharedErr = StartIn("")
	sharedMu.Unlock()
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// Shared returns the server Main started, or fails the test with why it
// could not start.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if shared == nil && sharedErr == nil {
		tb.Fatal("pgtest.Shared needs the package's TestMain to call pgtest.Main")
	}
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return shared
}

// Database creates an empty database on the shared server for one test and
// returns the superuser's URL for it; the database is dropped afterwards.
func Database(tb testing.TB) string {
	tb.Helper()
	s := Shared(tb)
	name, err := s.CreateDatabase(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("dropping the test database %s: %v", name, err)
		}
	})
	return s.URL(name)
}

// CreateDatabase creates a new empty database and returns its name.
func (s *Server) CreateDatabase(ctx context.Context) (string, error) {
	s.mu.Lock()
	s.nextDB++
	name := fmt.Sprintf("test_%d", s.nextDB)
	s.mu.Unlock()
	if err := s.exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("creating the test database %s: %w\n%s", name, err, s.Logs())
	}
	return name, nil
}

// exec runs one statement as the superuser in the postgres database.
func (s *Server) exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql)
	return err
}

// ready reports whether a connection to url succeeds.
func ready(url string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return false
	}
	conn.Close(ctx)
	return true
}
