// Package store keeps Atelier's data in one SQLite file: campaigns, briefs,
// pieces, versions, comments, workflow transitions, assets and check
// results, with full-text search. Every change goes through a typed method.
//
// The file runs in WAL mode with synchronous=FULL. Writes go through a single
// connection in immediate transactions (one writer); reads use a pool.
package store

import (
	"atelier/studio"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// FileName is the database file's name inside the data dir.
const FileName = "atelier.db"

// Store is an open Atelier database.
type Store struct {
	path string
	w    *sql.DB // the one writer
	r    *sql.DB // readers
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating the data folder %s: %w (check that it is writable, or set ATELIER_HOME)", filepath.Dir(path), err)
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "5000")
	q.Set("_foreign_keys", "on")
	q.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	q.Set("_query_only", "true")
	q.Del("_txlock")
	r, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	s := &Store{path: path, w: w, r: r}
	var fts5 bool
	if err := w.QueryRowContext(ctx, "SELECT sqlite_compileoption_used('ENABLE_FTS5')").Scan(&fts5); err != nil {
		s.Close()
		return nil, s.wrap("opening", err)
	}
	if !fts5 {
		s.Close()
		return nil, errors.New("this build of Atelier has no SQLite FTS5: build it with -tags sqlite_fts5 (the Makefile does)")
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Location returns the database file's path.
func (s *Store) Location() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// SchemaVersion returns the number of the last migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict ("ok").
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&v)
	return v, err
}

type migration struct {
	number int
	name   string
	sql    string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s is not numbered", e.Name())
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{number: n, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].number < out[j].number })
	return out, nil
}

// migrate applies every numbered migration above the file's user_version,
// each in its own transaction. Running it again is a no-op.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return s.wrap("reading the schema version", err)
	}
	if last := ms[len(ms)-1].number; current > last {
		return fmt.Errorf("%s was written by a newer Atelier (schema %d, this one knows %d): update Atelier", s.path, current, last)
	}
	for _, m := range ms {
		if m.number <= current {
			continue
		}
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// noForeignKeys marks a migration that rebuilds a table: it runs with
// foreign keys off (they cannot be switched inside a transaction), and the
// keys are checked before it commits.
const noForeignKeys = "-- foreign_keys: off"

// apply runs one migration and records its number, in one transaction.
func (s *Store) apply(ctx context.Context, m migration) error {
	rebuild := strings.HasPrefix(m.sql, noForeignKeys)
	if rebuild {
		if _, err := s.w.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return s.wrap("migration "+m.name, err)
		}
		defer s.w.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if rebuild {
			rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
			if err != nil {
				return err
			}
			broken := rows.Next()
			rows.Close()
			if broken {
				return fmt.Errorf("migration %s would break a foreign key; the database is left as it was", m.name)
			}
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.number))
		return err
	})
}

// tx runs fn in one immediate transaction on the writer.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("starting a write", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.wrap("writing", err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap("committing", err)
	}
	return nil
}

// wrap turns SQLite errors into messages that say what to do.
func (s *Store) wrap(what string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return fmt.Errorf("%s %s: the disk is full; free some space and try again (nothing committed was lost): %w", what, s.path, err)
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return fmt.Errorf("%s %s: the data file cannot be written; check its permissions or set ATELIER_HOME to a writable folder: %w", what, s.path, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%s %s: another Atelier is writing; close it and try again: %w", what, s.path, err)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return fmt.Errorf("%s %s: the data file is damaged; restore it from a backup: %w", what, s.path, err)
		}
	}
	if errors.Is(err, studio.ErrNotFound) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s %s: %w", what, s.path, err)
}

// insert runs one INSERT in its own transaction and returns the new row id.
func (s *Store) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

// queryAll runs a read and scans every row with scan.
func queryAll[T any](ctx context.Context, s *Store, what string, scan func(*sql.Rows) (T, error), query string, args ...any) ([]T, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.wrap(what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// LimitPages caps the database at n pages (PRAGMA max_page_count), so that
// writes beyond it fail with SQLite's own "database or disk is full"; n = 0
// lifts the cap. The disk-full tests use it where no small filesystem can be
// mounted.
func (s *Store) LimitPages(ctx context.Context, n int64) error {
	if n <= 0 {
		n = 1073741823
	}
	_, err := s.w.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", n))
	return err
}

// OpenWorkspace opens one person's workspace: the database in dataDir
// (created on first use) and the kit in kitDir.
func OpenWorkspace(ctx context.Context, dataDir, kitDir string) (*studio.Workspace, error) {
	st, err := Open(ctx, filepath.Join(dataDir, FileName))
	if err != nil {
		return nil, err
	}
	return studio.New(st, dataDir, kitDir), nil
}
