package pgstore_test

import (
	"context"
	"os"
	"testing"

	"atelier/studio"
	"atelier/studio/pgstore"
	"atelier/studio/pgtest"
	"atelier/studio/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// newTeam makes an empty database on the test server, sets it up as its
// owner (the superuser) and returns the owner's URL.
func newTeam(t *testing.T) string {
	t.Helper()
	owner := pgtest.Database(t)
	if err := pgstore.Setup(context.Background(), owner); err != nil {
		t.Fatal(err)
	}
	return owner
}

var invited int

// invite creates a login in group on the team's database and returns its
// URL; the login is dropped when the test ends.
func invite(t *testing.T, owner, name, group string) string {
	t.Helper()
	u, err := pgstore.Invite(context.Background(), owner, name, group)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pgstore.Remove(context.Background(), owner, name) })
	return u
}

// uniqueName gives each test's logins their own names: roles belong to
// the whole server, which the tests share.
func uniqueName(prefix string) string {
	invited++
	return prefix + "-" + itoa(invited)
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

func openAs(t *testing.T, url string) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestPostgresStore runs the conformance suite against the PostgreSQL
// store, connected as a brand owner's own login (not the superuser), so
// the grants are proven enough for every call the studio makes.
func TestPostgresStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) studio.Store {
		owner := newTeam(t)
		return openAs(t, invite(t, owner, uniqueName("Élise Brand"), "brand_owner"))
	})
}
