-- As the SQLite store's 0002: a brief's own language, its text in other
-- languages (JSON keyed by BCP 47 tag) and the partner of a paid
-- partnership. A brief is searched in its own language.
ALTER TABLE brief ADD COLUMN language text NOT NULL DEFAULT '';
ALTER TABLE brief ADD COLUMN by_language jsonb NOT NULL DEFAULT '{}';
ALTER TABLE brief ADD COLUMN partner text NOT NULL DEFAULT '';

CREATE FUNCTION brief_ts_cfg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.ts_cfg := ts_config(NEW.language);
    RETURN NEW;
END $$;
CREATE TRIGGER brief_ts_cfg BEFORE INSERT OR UPDATE OF language ON brief FOR EACH ROW EXECUTE FUNCTION brief_ts_cfg();
