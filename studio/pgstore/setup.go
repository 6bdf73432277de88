package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Setup brings a team database up to date, as its owner: it applies every
// numbered migration above the database's version, each in its own
// transaction, then the team layer (the group roles, grants, the workflow
// function, the audit), and lets only the groups connect. Running it again
// is a no-op. The owner needs CREATEROLE (or is a superuser) to make the
// groups.
func Setup(ctx context.Context, ownerURL string) error {
	cfg, err := Config(ownerURL)
	if err != nil {
		return err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		return fmt.Errorf("connecting to the team database %s as its owner: %w", redact(ownerURL), err)
	}
	defer conn.Close(context.Background())
	loc := redact(ownerURL)
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := applyOnce(ctx, conn, m); err != nil {
			return fmt.Errorf("setting up %s: migration %s: %w (the database is left at the migration before)", loc, m.name, err)
		}
	}
	layer, err := teamLayer()
	if err != nil {
		return err
	}
	err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		for _, q := range append([]string{"SELECT pg_advisory_xact_lock(20260418)", "SET LOCAL search_path = " + Schema}, layer...) {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		return restrictConnect(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("setting up the roles and grants of %s: %w (run it as the database's owner, with CREATEROLE)", loc, err)
	}
	return nil
}

// applyOnce applies one migration unless the database has it, under an
// advisory lock so that two Setups do not race.
func applyOnce(ctx context.Context, conn *pgx.Conn, m migration) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		for _, q := range []string{
			"SELECT pg_advisory_xact_lock(20260418)",
			"CREATE SCHEMA IF NOT EXISTS " + Schema,
			"SET LOCAL search_path = " + Schema,
			`CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL,
				applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), applied_by text NOT NULL DEFAULT session_user)`,
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		var done bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT FROM schema_migration WHERE version = $1)", m.number).Scan(&done); err != nil || done {
			return err
		}
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "INSERT INTO schema_migration(version, name) VALUES ($1, $2)", m.number, m.name)
		return err
	})
}

// restrictConnect lets only the team's groups (and the owner) connect to
// the database, so a login of another team on the same server cannot.
func restrictConnect(ctx context.Context, tx pgx.Tx) error {
	var db string
	if err := tx.QueryRow(ctx, "SELECT current_database()").Scan(&db); err != nil {
		return err
	}
	id := pgx.Identifier{db}.Sanitize()
	for _, q := range []string{"REVOKE CONNECT, TEMPORARY ON DATABASE " + id + " FROM PUBLIC",
		"GRANT CONNECT ON DATABASE " + id + " TO cm, designer, reviewer, brand_owner"} {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
