-- Event rows are never updated or deleted. The one exception is the archiver moving a row: a row may leave
-- events only once an identical copy is in events_archive, and nothing ever leaves events_archive.

CREATE FUNCTION mev_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'events' AND EXISTS (
            SELECT 1 FROM events_archive a
            WHERE a.id = OLD.id AND a.occurred_ms = OLD.occurred_ms AND a.entity = OLD.entity
              AND a.entity_id IS NOT DISTINCT FROM OLD.entity_id
              AND a.opportunity_id IS NOT DISTINCT FROM OLD.opportunity_id
              AND a.kind = OLD.kind AND a.detail = OLD.detail) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE FUNCTION mev_events_no_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION mev_events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION mev_events_no_truncate();
CREATE TRIGGER events_archive_append_only BEFORE UPDATE OR DELETE ON events_archive
    FOR EACH ROW EXECUTE FUNCTION mev_events_append_only();
CREATE TRIGGER events_archive_no_truncate BEFORE TRUNCATE ON events_archive
    FOR EACH STATEMENT EXECUTE FUNCTION mev_events_no_truncate();
