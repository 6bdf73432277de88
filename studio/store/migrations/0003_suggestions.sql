-- A comment may carry a suggested edit: the whole text the reviewer
-- proposes for the piece, against the comment's version. resolution is ''
-- while the author has not answered, then 'accepted' or 'refused'.
ALTER TABLE comment ADD COLUMN suggestion TEXT NOT NULL DEFAULT '';
ALTER TABLE comment ADD COLUMN resolution TEXT NOT NULL DEFAULT ''
    CHECK (resolution IN ('', 'accepted', 'refused'));
