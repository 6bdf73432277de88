-- As the SQLite store's 0004: assets may be videos. PostgreSQL changes the
-- CHECK constraint in place; no table is rebuilt.
ALTER TABLE asset DROP CONSTRAINT asset_kind;
ALTER TABLE asset ADD CONSTRAINT asset_kind CHECK (kind IN ('image','audio','video','font','other'));
