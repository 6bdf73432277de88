package store

import (
	"atelier/studio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
)

const assetColumns = `a.id, a.sha256, a.kind, a.mime, a.size, a.width, a.height, a.duration_ms, a.source, a.meta, a.created_at`

func scanAsset(rows interface{ Scan(...any) error }, extra ...any) (studio.Asset, error) {
	var a studio.Asset
	var at string
	err := rows.Scan(append([]any{&a.ID, &a.SHA256, &a.Kind, &a.MIME, &a.Size, &a.Width, &a.Height, &a.DurationMS, &a.Source, &a.Meta, &at}, extra...)...)
	a.CreatedAt = parseTime(at)
	return a, err
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// PutAsset stores an asset row; an asset with the same hash is returned as
// it is, since the content is the same.
func (s *Store) PutAsset(ctx context.Context, a studio.Asset) (studio.Asset, error) {
	if !sha256Hex.MatchString(a.SHA256) {
		return a, fmt.Errorf("asset hash %q is not a lower-case sha256", a.SHA256)
	}
	if a.Meta == "" {
		a.Meta = "{}"
	}
	at := now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO asset(sha256, kind, mime, size, width, height, duration_ms, source, meta, created_at)
			VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(sha256) DO NOTHING`,
			a.SHA256, a.Kind, a.MIME, a.Size, a.Width, a.Height, a.DurationMS, a.Source, a.Meta, at); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT id FROM asset WHERE sha256 = ?`, a.SHA256).Scan(&a.ID)
	})
	if err != nil {
		return a, err
	}
	return s.Asset(ctx, a.ID)
}

// Asset returns one asset.
func (s *Store) Asset(ctx context.Context, id int64) (studio.Asset, error) {
	a, err := scanAsset(s.r.QueryRowContext(ctx, `SELECT `+assetColumns+` FROM asset a WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("asset %d: %w", id, studio.ErrNotFound)
	}
	return a, err
}

// Images lists the imported images (not renders), newest first.
func (s *Store) Images(ctx context.Context) ([]studio.Asset, error) {
	return queryAll(ctx, s, "listing the images in", func(rows *sql.Rows) (studio.Asset, error) { return scanAsset(rows) },
		`SELECT `+assetColumns+` FROM asset a WHERE a.kind = 'image' AND a.source NOT LIKE 'render:%' ORDER BY a.id DESC`)
}

// SetAssetMeta replaces an asset's metadata (JSON).
func (s *Store) SetAssetMeta(ctx context.Context, id int64, meta string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE asset SET meta = ? WHERE id = ?`, meta, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("asset %d: %w", id, studio.ErrNotFound)
		}
		return nil
	})
}

// SetVariant makes an asset the piece's render for a placement, replacing
// the one before.
func (s *Store) SetVariant(ctx context.Context, pieceID, assetID int64, placement string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM piece_asset WHERE piece_id = ? AND role = 'variant' AND placement = ?`, pieceID, placement); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO piece_asset(piece_id, asset_id, role, placement) VALUES (?,?,'variant',?)`, pieceID, assetID, placement)
		return err
	})
}

// LinkAsset ties an asset to a piece in a role (source, variant, audio),
// for a placement when it is a variant.
func (s *Store) LinkAsset(ctx context.Context, pieceID, assetID int64, role, placement string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO piece_asset(piece_id, asset_id, role, placement) VALUES (?,?,?,?)`, pieceID, assetID, role, placement)
		return err
	})
}

// PieceAssets lists the assets linked to a piece in a role ("audio",
// "variant", "source"), newest first.
func (s *Store) PieceAssets(ctx context.Context, pieceID int64, role string) ([]studio.Asset, error) {
	return queryAll(ctx, s, "listing a piece's assets in", func(rows *sql.Rows) (studio.Asset, error) {
		var placement string
		a, err := scanAsset(rows, &placement)
		a.Placement = placement
		return a, err
	}, `SELECT `+assetColumns+`, pa.placement
		FROM asset a JOIN piece_asset pa ON pa.asset_id = a.id WHERE pa.piece_id = ? AND pa.role = ? ORDER BY pa.placement, a.id DESC`, pieceID, role)
}
