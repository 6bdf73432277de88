-- A brief's own language, its text in other languages (JSON object keyed by
-- BCP 47 tag: topic, key_message, cta, link) and the partner of a paid
-- partnership ('' when the brief is not paid).
ALTER TABLE brief ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE brief ADD COLUMN by_language TEXT NOT NULL DEFAULT '{}';
ALTER TABLE brief ADD COLUMN partner TEXT NOT NULL DEFAULT '';
