package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Campaign groups the briefs made for one launch or theme.
type Campaign struct {
	ID         int64
	Name       string
	KitName    string
	KitVersion string
	CreatedAt  time.Time
}

// Brief is what the CM asks for: one message for several platforms,
// personas and languages. Topic, KeyMessage, CTA and Link are written in
// Language; ByLanguage gives them in other languages, and a language left
// out is translated by the model. Partner names the partner of a paid
// partnership ("" when the brief is not paid).
type Brief struct {
	ID         int64
	CampaignID int64
	Topic      string
	KeyMessage string
	CTA        string
	Link       string
	Personas   []string
	Platforms  []string
	Languages  []string
	Formats    []string
	Language   string
	ByLanguage map[string]BriefText
	Partner    string
	CreatedAt  time.Time
}

// BriefText is a brief's words in one language.
type BriefText struct {
	Topic      string `json:"topic,omitempty" toml:"topic"`
	KeyMessage string `json:"key_message,omitempty" toml:"key_message"`
	CTA        string `json:"cta,omitempty" toml:"cta"`
	Link       string `json:"link,omitempty" toml:"link"`
}

// Text returns the brief's words for a language: its own text for its own
// language (or when it names none), the text given for that language, or,
// with translated false, its own text, which then still needs translating.
// A field left empty in a language's text falls back to the brief's own.
func (b Brief) Text(language string) (t BriefText, translated bool) {
	own := BriefText{Topic: b.Topic, KeyMessage: b.KeyMessage, CTA: b.CTA, Link: b.Link}
	if b.Language == "" || sameBase(b.Language, language) {
		return own, true
	}
	for tag, lt := range b.ByLanguage {
		if tag == language || sameBase(tag, language) {
			if lt.Topic == "" {
				lt.Topic = own.Topic
			}
			if lt.KeyMessage == "" {
				lt.KeyMessage = own.KeyMessage
			}
			if lt.CTA == "" {
				lt.CTA = own.CTA
			}
			if lt.Link == "" {
				lt.Link = own.Link
			}
			return lt, true
		}
	}
	return own, false
}

// sameBase compares the base languages of two tags ("fr-FR", "fr").
func sameBase(a, b string) bool {
	cut := func(s string) string { s, _, _ = strings.Cut(strings.ToLower(s), "-"); return s }
	return cut(a) == cut(b)
}

// CreateCampaign stores a new campaign and returns it with its id.
func (s *Store) CreateCampaign(ctx context.Context, c Campaign) (Campaign, error) {
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
func (s *Store) Campaigns(ctx context.Context) ([]Campaign, error) {
	return queryAll(ctx, s, "listing campaigns in", func(rows *sql.Rows) (Campaign, error) {
		var c Campaign
		var at string
		err := rows.Scan(&c.ID, &c.Name, &c.KitName, &c.KitVersion, &at)
		c.CreatedAt = parseTime(at)
		return c, err
	}, `SELECT id, name, kit_name, kit_version, created_at FROM campaign ORDER BY id DESC`)
}

// CreateBrief stores a brief in its campaign.
func (s *Store) CreateBrief(ctx context.Context, b Brief) (Brief, error) {
	if b.Topic == "" {
		return b, errors.New("a brief needs a topic")
	}
	lists, err := marshalLists(b.Personas, b.Platforms, b.Languages, b.Formats)
	if err != nil {
		return b, err
	}
	byLanguage := b.ByLanguage
	if byLanguage == nil {
		byLanguage = map[string]BriefText{}
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
func (s *Store) Brief(ctx context.Context, id int64) (Brief, error) {
	var b Brief
	var personas, platforms, languages, formats, texts, at string
	err := s.r.QueryRowContext(ctx, `SELECT id, campaign_id, topic, key_message, cta, link, personas, platforms, languages, formats, language, by_language, partner, created_at
		FROM brief WHERE id = ?`, id).Scan(&b.ID, &b.CampaignID, &b.Topic, &b.KeyMessage, &b.CTA, &b.Link, &personas, &platforms, &languages, &formats, &b.Language, &texts, &b.Partner, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("brief %d: %w", id, ErrNotFound)
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
