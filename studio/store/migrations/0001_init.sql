-- Atelier's first schema: campaigns, briefs, pieces, their versions,
-- comments, workflow transitions, assets and brand-check results.

CREATE TABLE campaign (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    kit_name    TEXT NOT NULL DEFAULT '',
    kit_version TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE brief (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL,
    key_message TEXT NOT NULL DEFAULT '',
    cta         TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    personas    TEXT NOT NULL DEFAULT '[]',  -- JSON arrays of ids
    platforms   TEXT NOT NULL DEFAULT '[]',
    languages   TEXT NOT NULL DEFAULT '[]',
    formats     TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL
);
CREATE INDEX brief_campaign ON brief(campaign_id);

CREATE TABLE piece (
    id          INTEGER PRIMARY KEY,
    brief_id    INTEGER NOT NULL REFERENCES brief(id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    platform    TEXT NOT NULL,
    persona     TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL,
    format      TEXT NOT NULL DEFAULT 'text',
    state       TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft','in_review','changes_requested','approved','exported','rejected')),
    author      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX piece_state ON piece(state, campaign_id);
CREATE INDEX piece_brief ON piece(brief_id);

CREATE TABLE version (
    id                 INTEGER PRIMARY KEY,
    piece_id           INTEGER NOT NULL REFERENCES piece(id) ON DELETE CASCADE,
    number             INTEGER NOT NULL,
    text               TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'complete'
                       CHECK (status IN ('complete','interrupted','failed_check')),
    origin             TEXT NOT NULL CHECK (origin IN ('model','template','user','restore')),
    action             TEXT NOT NULL DEFAULT 'generate',
    model              TEXT NOT NULL DEFAULT '',
    prompt_hash        TEXT NOT NULL DEFAULT '',
    seed               INTEGER NOT NULL DEFAULT 0,
    prompt_eval_count  INTEGER NOT NULL DEFAULT 0,
    eval_count         INTEGER NOT NULL DEFAULT 0,
    prompt_eval_ns     INTEGER NOT NULL DEFAULT 0,
    eval_ns            INTEGER NOT NULL DEFAULT 0,
    total_ns           INTEGER NOT NULL DEFAULT 0,
    payload            TEXT NOT NULL DEFAULT '{}',  -- the structured draft as JSON
    author             TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    UNIQUE (piece_id, number)
);

CREATE TABLE comment (
    id         INTEGER PRIMARY KEY,
    piece_id   INTEGER NOT NULL REFERENCES piece(id) ON DELETE CASCADE,
    version_id INTEGER REFERENCES version(id) ON DELETE SET NULL,
    parent_id  INTEGER REFERENCES comment(id) ON DELETE CASCADE,
    author     TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (body <> ''),
    anchor     TEXT NOT NULL DEFAULT '',  -- JSON: a text range or an image region
    created_at TEXT NOT NULL
);
CREATE INDEX comment_piece ON comment(piece_id);

CREATE TABLE transition (
    id              INTEGER PRIMARY KEY,
    piece_id        INTEGER NOT NULL REFERENCES piece(id) ON DELETE CASCADE,
    from_state      TEXT NOT NULL,
    to_state        TEXT NOT NULL,
    who             TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    at              TEXT NOT NULL
);
CREATE INDEX transition_piece ON transition(piece_id);

CREATE TABLE asset (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('image','audio','font','other')),
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL DEFAULT 0,
    height      INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    source      TEXT NOT NULL DEFAULT '',
    meta        TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);

CREATE TABLE piece_asset (
    piece_id  INTEGER NOT NULL REFERENCES piece(id) ON DELETE CASCADE,
    asset_id  INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    role      TEXT NOT NULL,  -- source, variant, audio
    placement TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (piece_id, asset_id, role, placement)
);

CREATE TABLE check_result (
    id         INTEGER PRIMARY KEY,
    piece_id   INTEGER REFERENCES piece(id) ON DELETE CASCADE,
    version_id INTEGER REFERENCES version(id) ON DELETE CASCADE,
    asset_id   INTEGER REFERENCES asset(id) ON DELETE CASCADE,
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    errors     INTEGER NOT NULL DEFAULT 0,
    warnings   INTEGER NOT NULL DEFAULT 0,
    findings   TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE INDEX check_piece ON check_result(piece_id);

-- Full-text search over briefs and version text, kept in step by triggers.
CREATE VIRTUAL TABLE brief_fts USING fts5(topic, key_message, cta, content='brief', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER brief_ai AFTER INSERT ON brief BEGIN
    INSERT INTO brief_fts(rowid, topic, key_message, cta) VALUES (new.id, new.topic, new.key_message, new.cta);
END;
CREATE TRIGGER brief_ad AFTER DELETE ON brief BEGIN
    INSERT INTO brief_fts(brief_fts, rowid, topic, key_message, cta) VALUES ('delete', old.id, old.topic, old.key_message, old.cta);
END;
CREATE TRIGGER brief_au AFTER UPDATE ON brief BEGIN
    INSERT INTO brief_fts(brief_fts, rowid, topic, key_message, cta) VALUES ('delete', old.id, old.topic, old.key_message, old.cta);
    INSERT INTO brief_fts(rowid, topic, key_message, cta) VALUES (new.id, new.topic, new.key_message, new.cta);
END;

CREATE VIRTUAL TABLE version_fts USING fts5(text, content='version', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER version_ai AFTER INSERT ON version BEGIN
    INSERT INTO version_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER version_ad AFTER DELETE ON version BEGIN
    INSERT INTO version_fts(version_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER version_au AFTER UPDATE OF text ON version BEGIN
    INSERT INTO version_fts(version_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO version_fts(rowid, text) VALUES (new.id, new.text);
END;
