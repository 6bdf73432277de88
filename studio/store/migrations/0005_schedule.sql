-- A piece's planned publication, in UTC (RFC 3339). A piece with no row is
-- unscheduled. Every change is kept in schedule_change with its actor:
-- from_at is '' when the piece was unscheduled, to_at '' when it became so.
CREATE TABLE schedule (
    piece_id INTEGER PRIMARY KEY REFERENCES piece(id) ON DELETE CASCADE,
    at       TEXT NOT NULL
);
CREATE INDEX schedule_at ON schedule(at);

CREATE TABLE schedule_change (
    id       INTEGER PRIMARY KEY,
    piece_id INTEGER NOT NULL REFERENCES piece(id) ON DELETE CASCADE,
    from_at  TEXT NOT NULL DEFAULT '',
    to_at    TEXT NOT NULL DEFAULT '',
    who      TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX schedule_change_piece ON schedule_change(piece_id);
