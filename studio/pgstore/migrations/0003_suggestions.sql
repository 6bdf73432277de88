-- As the SQLite store's 0003: a comment may carry a suggested edit, the
-- whole text proposed for the piece; resolution is '' until the author
-- answers, then 'accepted' or 'refused'.
ALTER TABLE comment ADD COLUMN suggestion text NOT NULL DEFAULT '';
ALTER TABLE comment ADD COLUMN resolution text NOT NULL DEFAULT ''
    CHECK (resolution IN ('', 'accepted', 'refused'));
