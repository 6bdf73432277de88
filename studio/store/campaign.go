package store

import (
	"atelier/studio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// CreateCampaign stores a new campaign and returns it with its id.
func (s *Store) CreateCampaign(ctx context.Context, c studio.Campaign) (studio.Campaign, error) {
	if c.Name == "" {
		return c, errors.New("a campaign needs a name")
	}
	at := now()
	var err error
	c.ID, err = s.insert(ctx, `INSERT INTO campaign(name, kit_name, kit_version, created_at) VALUES (?,?,?,?)`, c.Name, c.KitName, c.KitVersion, at)
	c.CreatedAt = parseTime(at)
	return c, err
}

// Campaigns lists every campaign, newest first.
func (s *Store) Campaigns(ctx context.Context) ([]studio.Campaign, error) {
	return queryAll(ctx, s, "listing campaigns in", func(rows *sql.Rows) (studio.Campaign, error) {
		var c studio.Campaign
		var at string
		err := rows.Scan(&c.ID, &c.Name, &c.KitName, &c.KitVersion, &at)
		c.CreatedAt = parseTime(at)
		return c, err
	}, `SELECT id, name, kit_name, kit_version, created_at FROM campaign ORDER BY id DESC`)
}

// CreateBrief stores a brief in its campaign.
func (s *Store) CreateBrief(ctx context.Context, b studio.Brief) (studio.Brief, error) {
	if b.Topic == "" {
		return b, errors.New("a brief needs a topic")
	}
	lists, err := marshalLists(b.Personas, b.Platforms, b.Languages, b.Formats)
	if err != nil {
		return b, err
	}
	byLanguage := b.ByLanguage
	if byLanguage == nil {
		byLanguage = map[string]studio.BriefText{}
	}
	texts, err := json.Marshal(byLanguage)
	if err != nil {
		return b, err
	}
	at := now()
	b.ID, err = s.insert(ctx, `INSERT INTO brief(campaign_id, topic, key_message, cta, link, personas, platforms, languages, formats, language, by_language, partner, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, b.CampaignID, b.Topic, b.KeyMessage, b.CTA, b.Link, lists[0], lists[1], lists[2], lists[3], b.Language, string(texts), b.Partner, at)
	b.CreatedAt = parseTime(at)
	return b, err
}

// Brief returns one brief.
func (s *Store) Brief(ctx context.Context, id int64) (studio.Brief, error) {
	var b studio.Brief
	var personas, platforms, languages, formats, texts, at string
	err := s.r.QueryRowContext(ctx, `SELECT id, campaign_id, topic, key_message, cta, link, personas, platforms, languages, formats, language, by_language, partner, created_at
		FROM brief WHERE id = ?`, id).Scan(&b.ID, &b.CampaignID, &b.Topic, &b.KeyMessage, &b.CTA, &b.Link, &personas, &platforms, &languages, &formats, &b.Language, &texts, &b.Partner, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("brief %d: %w", id, studio.ErrNotFound)
	}
	if err != nil {
		return b, s.wrap("reading a brief from", err)
	}
	b.CreatedAt = parseTime(at)
	for _, l := range []struct {
		raw string
		dst *[]string
	}{{personas, &b.Personas}, {platforms, &b.Platforms}, {languages, &b.Languages}, {formats, &b.Formats}} {
		if err := json.Unmarshal([]byte(l.raw), l.dst); err != nil {
			return b, fmt.Errorf("brief %d has a damaged list: %w", id, err)
		}
	}
	if err := json.Unmarshal([]byte(texts), &b.ByLanguage); err != nil {
		return b, fmt.Errorf("brief %d has damaged texts per language: %w", id, err)
	}
	return b, nil
}

func marshalLists(lists ...[]string) ([]string, error) {
	out := make([]string, len(lists))
	for i, l := range lists {
		if l == nil {
			l = []string{}
		}
		b, err := json.Marshal(l)
		if err != nil {
			return nil, err
		}
		out[i] = string(b)
	}
	return out, nil
}
