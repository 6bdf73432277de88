// Package pgstore keeps a team's Atelier data in PostgreSQL, behind the
// same studio.Store interface as the SQLite store, through pgx. The
// database itself enforces who may do what: each person logs in with their
// own role, a member of the group cm, designer, reviewer or brand_owner;
// pieces change state only through a SECURITY DEFINER function that checks
// the workflow and the role; the author of every write is the session's
// user, whatever the client says; and the audit is append-only.
//
// Setup (run by the database owner: atelier team init) creates the schema
// and the roles; Open connects a member.
package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"atelier/studio"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// The team layer: team.sql, then the files that add to it for later
// migrations (team_schedule.sql…), in name order.
//
//go:embed team*.sql
var teamFS embed.FS

// teamLayer returns the team layer's SQL files in the order they apply.
func teamLayer() ([]string, error) {
	names, err := fs.Glob(teamFS, "team*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		body, err := teamFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, string(body))
	}
	return out, nil
}

// Schema is the PostgreSQL schema Atelier's tables live in.
const Schema = "atelier"

// Groups are the NOLOGIN group roles a person's login is a member of.
var Groups = []string{"cm", "designer", "reviewer", "brand_owner"}

// Store is an open team database.
type Store struct {
	pool *pgxpool.Pool
	loc  string // the URL without its password, for display
}

var _ studio.Store = (*Store)(nil)

// Config parses a connection URL into a pool configuration with Atelier's
// search path, refusing a host that is not loopback unless the URL asks
// for sslmode=verify-full (the password and the data cross the network).
func Config(rawURL string) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("the team database URL %s cannot be read: %w (expected postgres://user:password@host:port/database)", redact(rawURL), err)
	}
	if !loopback(cfg.ConnConfig.Host) {
		u, _ := url.Parse(rawURL)
		if u == nil || u.Query().Get("sslmode") != "verify-full" {
			return nil, fmt.Errorf("the team database %s is not on this computer, so its URL must end in ?sslmode=verify-full (TLS with the server's certificate checked; sslrootcert=PATH names the CA)", cfg.ConnConfig.Host)
		}
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = Schema
	cfg.ConnConfig.RuntimeParams["application_name"] = "atelier"
	return cfg, nil
}

// loopback reports whether host is this computer: a loopback address,
// localhost, or a Unix socket folder.
func loopback(host string) bool {
	if host == "localhost" || strings.HasPrefix(host, "/") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redact returns the URL with its password replaced by "xxxxx".
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(an unreadable URL)"
	}
	return u.Redacted()
}

// Open connects to a team database set up by Setup.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	cfg, err := Config(rawURL)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to the team database %s: %w", redact(rawURL), err)
	}
	s := &Store{pool: pool, loc: redact(rawURL)}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		pool.Close()
		return nil, err
	}
	if v == 0 {
		pool.Close()
		return nil, fmt.Errorf("the team database %s has no Atelier schema: its owner runs atelier team init first", s.loc)
	}
	return s, nil
}

// Location returns the database URL without its password.
func (s *Store) Location() string { return s.loc }

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Actor returns the name every write of this connection is recorded
// under: the session's user.
func (s *Store) Actor(ctx context.Context) (string, error) {
	var who string
	err := s.pool.QueryRow(ctx, "SELECT session_user").Scan(&who)
	return who, s.wrap("asking who is connected to", err)
}

// SchemaVersion returns the number of the last migration applied, 0 on a
// database Setup has not touched.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	var table *string
	if err := s.pool.QueryRow(ctx, `SELECT to_regclass('atelier.schema_migration')::text`).Scan(&table); err != nil || table == nil {
		return 0, s.wrap("reading the schema version of", err)
	}
	err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM atelier.schema_migration`).Scan(&v)
	return v, s.wrap("reading the schema version of", err)
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

// Migrations returns the number of the last migration this Atelier knows.
func Migrations() int {
	ms, _ := migrations()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].number
}

// tx runs fn in one transaction: it commits when fn returns nil and rolls
// back otherwise, so no write is ever half-applied.
func (s *Store) tx(ctx context.Context, what string, fn func(pgx.Tx) error) error {
	err := pgx.BeginFunc(ctx, s.pool, fn)
	return s.wrap(what, err)
}

// SQLSTATEs the team layer raises (see team.sql).
const (
	codeStale         = "AT409"
	codeIllegal       = "AT422"
	codeOverride      = "AT428"
	codeNotAllowed    = "42501"
	codeCheck         = "23514"
	codeNotFound      = "P0002"
	codeBadPassword   = "28P01"
	codeNoSuchRole    = "28000"
	codeUndefinedUser = "42704"
)

// wrap turns PostgreSQL's errors into the studio's typed errors, each
// saying what happened, where, and what to do.
func (s *Store) wrap(what string, err error) error {
	if err == nil || errors.Is(err, studio.ErrNotFound) || errors.Is(err, studio.ErrStale) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		if pgconn.SafeToRetry(err) || pgconn.Timeout(err) || isNetwork(err) {
			return fmt.Errorf("%s %s: the team database cannot be reached; check the network and try again (nothing was half-written): %w", what, s.loc, err)
		}
		return fmt.Errorf("%s %s: %w", what, s.loc, err)
	}
	switch pe.Code {
	case codeStale:
		return &StaleError{Current: studio.State(pe.Detail), msg: pe.Message}
	case codeIllegal:
		return fmt.Errorf("%w: %s", studio.ErrIllegalTransition, pe.Message)
	case codeOverride:
		return fmt.Errorf("%w: %s", studio.ErrOverrideNeeded, pe.Message)
	case codeNotAllowed:
		return fmt.Errorf("%w: %s, in %s (ask the team's owner for the role that may)", studio.ErrNotAllowed, pe.Message, s.loc)
	case codeNotFound:
		return fmt.Errorf("%s: %w", pe.Message, studio.ErrNotFound)
	case codeCheck:
		return fmt.Errorf("%s %s: a value was refused (%s): %w", what, s.loc, pe.ConstraintName, err)
	}
	return fmt.Errorf("%s %s: %w", what, s.loc, err)
}

func isNetwork(err error) bool {
	var ne net.Error
	var ce *pgconn.ConnectError
	return errors.As(err, &ne) || errors.As(err, &ce)
}

// StaleError is studio.ErrStale with the state the piece is in now.
type StaleError struct {
	Current studio.State
	msg     string
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("%s: %s; it is %s now", studio.ErrStale, e.msg, e.Current)
}

// Is makes errors.Is(err, studio.ErrStale) hold.
func (e *StaleError) Is(target error) bool { return target == studio.ErrStale }

// queryAll runs a read and collects every row with scan.
func queryAll[T any](ctx context.Context, s *Store, what string, scan func(pgx.Rows) (T, error), query string, args ...any) ([]T, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap(what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, s.wrap(what, err)
		}
		out = append(out, v)
	}
	return out, s.wrap(what, rows.Err())
}

// nullID maps 0 to NULL, for optional references.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// Group is the team group the session's login belongs to (brand_owner
// first when it has several), "" when it is in none.
func (s *Store) Group(ctx context.Context) (string, error) {
	for _, g := range []string{"brand_owner", "reviewer", "designer", "cm"} {
		var member bool
		if err := s.pool.QueryRow(ctx, `SELECT pg_has_role(session_user, $1, 'MEMBER')`, g).Scan(&member); err != nil {
			return "", s.wrap("asking the role of", err)
		}
		if member {
			return g, nil
		}
	}
	return "", nil
}
