-- The team layer of the schedule (migration 0006), applied after team.sql:
-- the authors plan pieces, every change is audited, and its who is the
-- session's user.
CREATE OR REPLACE FUNCTION stamp_who() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.who := session_user;
    RETURN NEW;
END $$;
ALTER FUNCTION stamp_who() SET search_path = atelier, pg_temp;
REVOKE EXECUTE ON FUNCTION stamp_who() FROM PUBLIC, cm, designer, reviewer, brand_owner;
DROP TRIGGER IF EXISTS schedule_change_actor ON schedule_change;
CREATE TRIGGER schedule_change_actor BEFORE INSERT ON schedule_change FOR EACH ROW EXECUTE FUNCTION stamp_who();
DROP TRIGGER IF EXISTS schedule_audit ON schedule;
CREATE TRIGGER schedule_audit AFTER INSERT OR UPDATE OR DELETE ON schedule FOR EACH ROW EXECUTE FUNCTION audit_row();
DROP TRIGGER IF EXISTS schedule_change_audit ON schedule_change;
CREATE TRIGGER schedule_change_audit AFTER INSERT ON schedule_change FOR EACH ROW EXECUTE FUNCTION audit_row();
GRANT INSERT, DELETE, UPDATE (at) ON schedule TO cm, designer, brand_owner;
GRANT INSERT ON schedule_change TO cm, designer, brand_owner;
