package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"atelier/studio"
)

// CreateCampaign stores a new campaign and returns it with its id.
func (s *Store) CreateCampaign(ctx context.Context, c studio.Campaign) (studio.Campaign, error) {
	if c.Name == "" {
		return c, errors.New("a campaign needs a name")
	}
	err := s.tx(ctx, "creating a campaign in", func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO campaign(name, kit_name, kit_version) VALUES ($1,$2,$3) RETURNING id, created_at`,
			c.Name, c.KitName, c.KitVersion).Scan(&c.ID, &c.CreatedAt)
	})
	return c, err
}

// Campaigns lists every campaign, newest first.
func (s *Store) Campaigns(ctx context.Context) ([]studio.Campaign, error) {
	return queryAll(ctx, s, "listing campaigns in", func(rows pgx.Rows) (studio.Campaign, error) {
		var c studio.Campaign
		err := rows.Scan(&c.ID, &c.Name, &c.KitName, &c.KitVersion, &c.CreatedAt)
		return c, err
	}, `SELECT id, name, kit_name, kit_version, created_at FROM campaign ORDER BY id DESC`)
}

// CreateBrief stores a brief in its campaign.
func (s *Store) CreateBrief(ctx context.Context, b studio.Brief) (studio.Brief, error) {
	if b.Topic == "" {
		return b, errors.New("a brief needs a topic")
	}
	byLanguage := b.ByLanguage
	if byLanguage == nil {
		byLanguage = map[string]studio.BriefText{}
	}
	texts, err := json.Marshal(byLanguage)
	if err != nil {
		return b, err
	}
	err = s.tx(ctx, "creating a brief in", func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO brief(campaign_id, topic, key_message, cta, link, personas, platforms, languages, formats, language, by_language, partner)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::jsonb,$12) RETURNING id, created_at`,
			b.CampaignID, b.Topic, b.KeyMessage, b.CTA, b.Link, list(b.Personas), list(b.Platforms), list(b.Languages), list(b.Formats),
			b.Language, string(texts), b.Partner).Scan(&b.ID, &b.CreatedAt)
	})
	return b, err
}

// list maps nil to an empty list, which the columns require.
func list(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// Brief returns one brief.
func (s *Store) Brief(ctx context.Context, id int64) (studio.Brief, error) {
	var b studio.Brief
	var texts []byte
	err := s.pool.QueryRow(ctx, `SELECT id, campaign_id, topic, key_message, cta, link, personas, platforms, languages, formats, language, by_language, partner, created_at
		FROM brief WHERE id = $1`, id).Scan(&b.ID, &b.CampaignID, &b.Topic, &b.KeyMessage, &b.CTA, &b.Link,
		&b.Personas, &b.Platforms, &b.Languages, &b.Formats, &b.Language, &texts, &b.Partner, &b.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return b, fmt.Errorf("brief %d: %w", id, studio.ErrNotFound)
	}
	if err != nil {
		return b, s.wrap("reading a brief from", err)
	}
	if err := json.Unmarshal(texts, &b.ByLanguage); err != nil {
		return b, fmt.Errorf("brief %d in %s has damaged texts per language: %w", id, s.loc, err)
	}
	return b, nil
}
