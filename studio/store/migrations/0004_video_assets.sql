-- foreign_keys: off
-- Assets may be videos. SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt (https://sqlite.org/lang_altertable.html, the
-- twelve steps), with foreign keys off so that dropping the old table does
-- not cascade to piece_asset and check_result.
CREATE TABLE asset_new (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('image','audio','video','font','other')),
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    width       INTEGER NOT NULL DEFAULT 0,
    height      INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    source      TEXT NOT NULL DEFAULT '',
    meta        TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);
INSERT INTO asset_new SELECT id, sha256, kind, mime, size, width, height, duration_ms, source, meta, created_at FROM asset;
DROP TABLE asset;
ALTER TABLE asset_new RENAME TO asset;
