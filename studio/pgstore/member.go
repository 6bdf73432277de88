package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

// Invite creates a person's own login role, a member of group (one of
// Groups), with a new random password, as the database's owner, and
// returns the URL they connect with. The password is in that URL only:
// Atelier keeps no copy. The login's name is name as given (any text up to
// 63 bytes, quoted as an identifier), which is who their writes are
// recorded under.
func Invite(ctx context.Context, ownerURL, name, group string) (string, error) {
	if err := checkMemberName(name); err != nil {
		return "", err
	}
	if !slices.Contains(Groups, group) {
		return "", fmt.Errorf("%q is not a team role: choose one of %s", group, strings.Join(Groups, ", "))
	}
	password, err := newPassword()
	if err != nil {
		return "", err
	}
	err = asOwner(ctx, ownerURL, func(tx pgx.Tx) error {
		var exists bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)", name).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return fmt.Errorf("%s already has a login on this server: remove it first (atelier team remove), or choose another name", name)
		}
		// CREATE ROLE takes no parameters: the name is quoted as an
		// identifier and the password, which is base64url, as a literal.
		_, err := tx.Exec(ctx, fmt.Sprintf("CREATE ROLE %s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD '%s' IN ROLE %s",
			pgx.Identifier{name}.Sanitize(), password, pgx.Identifier{group}.Sanitize()))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("inviting %s as %s: %w", name, group, err)
	}
	return memberURL(ownerURL, name, password)
}

// checkMemberName refuses names PostgreSQL reserves or Atelier uses.
func checkMemberName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return errors.New("a team member needs a name (--name)")
	case len(name) > 63:
		return fmt.Errorf("%q is longer than PostgreSQL's 63-byte limit for a login name: shorten it", name)
	case !utf8.ValidString(name) || strings.ContainsRune(name, 0):
		return fmt.Errorf("%q is not valid text for a login name", name)
	case strings.HasPrefix(strings.ToLower(name), "pg_") || slices.Contains(Groups, name) || name == "public":
		return fmt.Errorf("%q is reserved (PostgreSQL's pg_ roles, public, and the team's groups %s): choose a person's name", name, strings.Join(Groups, ", "))
	}
	return nil
}

// newPassword returns 24 random bytes as base64url: no quote can occur in it.
func newPassword() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making a password: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// memberURL is the owner's URL with the person's name and password.
func memberURL(ownerURL, name, password string) (string, error) {
	u, err := url.Parse(ownerURL)
	if err != nil || u.Scheme == "" {
		return "", fmt.Errorf("the owner's URL %s is not a postgres:// URL, so the member's cannot be made from it", redact(ownerURL))
	}
	u.User = url.UserPassword(name, password)
	return u.String(), nil
}

// Remove disables a person's login, ends their open sessions and drops the
// role, as the database's owner. Their past writes keep their name.
func Remove(ctx context.Context, ownerURL, name string) error {
	if err := checkMemberName(name); err != nil {
		return err
	}
	id := pgx.Identifier{name}.Sanitize()
	err := asOwner(ctx, ownerURL, func(tx pgx.Tx) error {
		var member bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
			WHERE r.rolname = $1 AND g.rolname = ANY($2))`, name, Groups).Scan(&member)
		if err != nil {
			return err
		}
		if !member {
			return fmt.Errorf("%s is not a member of this team (no login in %s)", name, strings.Join(Groups, ", "))
		}
		if _, err := tx.Exec(ctx, "ALTER ROLE "+id+" NOLOGIN PASSWORD NULL"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", name); err != nil {
			return fmt.Errorf("ending %s's open sessions: %w (the login is disabled; ask the server's administrator)", name, err)
		}
		_, err = tx.Exec(ctx, "DROP ROLE "+id)
		return err
	})
	if err != nil {
		return fmt.Errorf("removing %s: %w", name, err)
	}
	return nil
}

// Members lists the team's logins with their group, by name.
func Members(ctx context.Context, ownerURL string) ([][2]string, error) {
	var out [][2]string
	err := asOwner(ctx, ownerURL, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT r.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
			JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = ANY($1) AND r.rolcanlogin ORDER BY 1, 2`, Groups)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
			var m [2]string
			return m, r.Scan(&m[0], &m[1])
		})
		return err
	})
	return out, err
}

// asOwner runs fn in one transaction on a connection with ownerURL.
func asOwner(ctx context.Context, ownerURL string, fn func(pgx.Tx) error) error {
	cfg, err := Config(ownerURL)
	if err != nil {
		return err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return fmt.Errorf("connecting to the team database %s as its owner: %w", redact(ownerURL), err)
	}
	defer conn.Close(context.Background())
	return pgx.BeginFunc(ctx, conn, fn)
}
