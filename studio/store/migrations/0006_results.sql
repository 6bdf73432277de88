-- Posts read back from the platforms' exports, one row per post (its key:
-- platform and post id, or its permalink), the normalised row kept as JSON.
-- piece_id is the piece it came from (NULL: an external post), matched by
-- permalink or text; an uncertain match waits for the CM, who confirms it
-- (confirmed = 1) or refuses it (piece_id NULL, confirmed = 1).
CREATE TABLE result_post (
    key          TEXT PRIMARY KEY,
    platform     TEXT NOT NULL,
    published_at TEXT NOT NULL DEFAULT '',
    post         TEXT NOT NULL,
    piece_id     INTEGER REFERENCES piece(id) ON DELETE SET NULL,
    match_by     TEXT NOT NULL DEFAULT '',
    score        REAL NOT NULL DEFAULT 0,
    uncertain    INTEGER NOT NULL DEFAULT 0,
    confirmed    INTEGER NOT NULL DEFAULT 0,
    imported_at  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX result_post_piece ON result_post(piece_id);

-- A piece's published link, pasted by the CM or read from a scheduler.
ALTER TABLE piece ADD COLUMN permalink TEXT NOT NULL DEFAULT '';
