package pgstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// Size limits of a kit kept in the database.
const (
	MaxKitFile  = 32 << 20  // one file
	MaxKitTotal = 128 << 20 // the whole kit
)

// KitVersion is one saved version of the team's brand kit: who saved it,
// when, and why.
type KitVersion struct {
	ID        int64
	Name      string
	Version   string
	Author    string
	Note      string
	Files     int
	CreatedAt time.Time
}

// SaveKit validates the kit in dir and saves it, every file, as the
// team's new kit version, in one transaction. Only brand owners may: the
// database refuses anyone else (studio.ErrNotAllowed).
func (s *Store) SaveKit(ctx context.Context, dir, note string) (KitVersion, error) {
	k, err := brandkit.Load(dir, brandkit.Options{Platforms: platform.Default().IDs()})
	if err != nil {
		return KitVersion{}, fmt.Errorf("the kit in %s is not valid, so it was not saved to the team: %w", dir, err)
	}
	files, err := readKit(dir)
	if err != nil {
		return KitVersion{}, err
	}
	kv := KitVersion{Name: k.Identity.Name, Version: k.Identity.Version, Note: note, Files: len(files)}
	err = s.tx(ctx, "saving the brand kit to", func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO kit_version(name, version, note) VALUES ($1,$2,$3) RETURNING id, author, created_at`,
			kv.Name, kv.Version, note).Scan(&kv.ID, &kv.Author, &kv.CreatedAt); err != nil {
			return err
		}
		b := &pgx.Batch{}
		for path, data := range files {
			sum := sha256.Sum256(data)
			b.Queue(`INSERT INTO kit_file(kit_version_id, path, sha256, data) VALUES ($1,$2,$3,$4)`, kv.ID, path, hex.EncodeToString(sum[:]), data)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	return kv, err
}

// readKit reads every regular file under dir by its slash path, within
// the size limits.
func readKit(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > MaxKitFile {
			return fmt.Errorf("%s is %d MB, over the team kit's limit of %d MB a file: make it smaller", path, info.Size()>>20, MaxKitFile>>20)
		}
		if total += info.Size(); total > MaxKitTotal {
			return fmt.Errorf("the kit in %s is over the team kit's limit of %d MB: remove what it does not use", dir, MaxKitTotal>>20)
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the kit in %s: %w", dir, err)
	}
	return files, nil
}

// ErrNoKit says the team has not saved a kit yet.
var ErrNoKit = errors.New("the team has no brand kit yet: its brand owner saves one (atelier team init --kit DIR)")

// KitVersions lists the saved kit versions, newest first.
func (s *Store) KitVersions(ctx context.Context) ([]KitVersion, error) {
	return queryAll(ctx, s, "listing the kit versions in", func(rows pgx.Rows) (KitVersion, error) {
		var kv KitVersion
		err := rows.Scan(&kv.ID, &kv.Name, &kv.Version, &kv.Author, &kv.Note, &kv.CreatedAt, &kv.Files)
		return kv, err
	}, `SELECT k.id, k.name, k.version, k.author, k.note, k.created_at, (SELECT count(*) FROM kit_file f WHERE f.kit_version_id = k.id)
		FROM kit_version k ORDER BY k.id DESC`)
}

// WriteKit writes the newest kit version's files into dir (a local cache
// the studio loads the kit from) and returns that version.
func (s *Store) WriteKit(ctx context.Context, dir string) (KitVersion, error) {
	vs, err := s.KitVersions(ctx)
	if err != nil {
		return KitVersion{}, err
	}
	if len(vs) == 0 {
		return KitVersion{}, ErrNoKit
	}
	kv := vs[0]
	rows, err := s.pool.Query(ctx, `SELECT path, data FROM kit_file WHERE kit_version_id = $1`, kv.ID)
	if err != nil {
		return kv, s.wrap("reading the brand kit from", err)
	}
	defer rows.Close()
	for rows.Next() {
		var path string
		var data []byte
		if err := rows.Scan(&path, &data); err != nil {
			return kv, s.wrap("reading the brand kit from", err)
		}
		if !filepath.IsLocal(filepath.FromSlash(path)) {
			return kv, fmt.Errorf("kit version %d in %s names a file outside its folder (%q); it was not written", kv.ID, s.loc, path)
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return kv, fmt.Errorf("writing the team's kit into %s: %w", dir, err)
		}
		if err := os.WriteFile(dst, data, 0o600); err != nil {
			return kv, fmt.Errorf("writing the team's kit into %s: %w", dir, err)
		}
	}
	return kv, s.wrap("reading the brand kit from", rows.Err())
}
