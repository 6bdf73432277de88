package pgstore

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/jackc/pgx/v5"

	"atelier/studio"
)

const assetColumns = `a.id, a.sha256, a.kind, a.mime, a.size, a.width, a.height, a.duration_ms, a.source, a.meta, a.created_at`

func scanAsset(row pgx.Row, extra ...any) (studio.Asset, error) {
	var a studio.Asset
	err := row.Scan(append([]any{&a.ID, &a.SHA256, &a.Kind, &a.MIME, &a.Size, &a.Width, &a.Height, &a.DurationMS, &a.Source, &a.Meta, &a.CreatedAt}, extra...)...)
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
	var out studio.Asset
	err := s.tx(ctx, "storing an asset in", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO asset(sha256, kind, mime, size, width, height, duration_ms, source, meta)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (sha256) DO NOTHING`,
			a.SHA256, a.Kind, a.MIME, a.Size, a.Width, a.Height, a.DurationMS, a.Source, a.Meta); err != nil {
			return err
		}
		var err error
		out, err = scanAsset(tx.QueryRow(ctx, `SELECT `+assetColumns+` FROM asset a WHERE sha256 = $1`, a.SHA256))
		return err
	})
	if err != nil {
		return a, err
	}
	return out, nil
}

// Asset returns one asset.
func (s *Store) Asset(ctx context.Context, id int64) (studio.Asset, error) {
	a, err := scanAsset(s.pool.QueryRow(ctx, `SELECT `+assetColumns+` FROM asset a WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("asset %d: %w", id, studio.ErrNotFound)
	}
	return a, s.wrap("reading an asset from", err)
}

// Images lists the imported images (not renders), newest first.
func (s *Store) Images(ctx context.Context) ([]studio.Asset, error) {
	return queryAll(ctx, s, "listing the images in", func(rows pgx.Rows) (studio.Asset, error) { return scanAsset(rows) },
		`SELECT `+assetColumns+` FROM asset a WHERE a.kind = 'image' AND a.source NOT LIKE 'render:%' ORDER BY a.id DESC`)
}

// SetAssetMeta replaces an asset's metadata (JSON).
func (s *Store) SetAssetMeta(ctx context.Context, id int64, meta string) error {
	return s.tx(ctx, "setting an asset's metadata in", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE asset SET meta = $1 WHERE id = $2`, meta, id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("asset %d: %w", id, studio.ErrNotFound)
		}
		return nil
	})
}

// SetVariant makes an asset the piece's render for a placement, replacing
// the one before, in one transaction.
func (s *Store) SetVariant(ctx context.Context, pieceID, assetID int64, placement string) error {
	return s.tx(ctx, "setting a variant in", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM piece_asset WHERE piece_id = $1 AND role = 'variant' AND placement = $2`, pieceID, placement); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO piece_asset(piece_id, asset_id, role, placement) VALUES ($1,$2,'variant',$3)`, pieceID, assetID, placement)
		return err
	})
}

// LinkAsset ties an asset to a piece in a role (source, variant, audio),
// for a placement when it is a variant; linking twice is a no-op.
func (s *Store) LinkAsset(ctx context.Context, pieceID, assetID int64, role, placement string) error {
	return s.tx(ctx, "linking an asset in", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO piece_asset(piece_id, asset_id, role, placement) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`, pieceID, assetID, role, placement)
		return err
	})
}

// PieceAssets lists the assets linked to a piece in a role, by placement
// and newest first.
func (s *Store) PieceAssets(ctx context.Context, pieceID int64, role string) ([]studio.Asset, error) {
	return queryAll(ctx, s, "listing a piece's assets in", func(rows pgx.Rows) (studio.Asset, error) {
		var placement string
		a, err := scanAsset(rows, &placement)
		a.Placement = placement
		return a, err
	}, `SELECT `+assetColumns+`, pa.placement
		FROM asset a JOIN piece_asset pa ON pa.asset_id = a.id WHERE pa.piece_id = $1 AND pa.role = $2 ORDER BY pa.placement, a.id DESC`, pieceID, role)
}
