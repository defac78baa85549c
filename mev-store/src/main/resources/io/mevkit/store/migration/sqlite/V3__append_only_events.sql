-- Event rows are never updated or deleted. The one exception is the archiver moving a row: a row may leave
-- events only once an identical copy is in events_archive, and nothing ever leaves events_archive.

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_delete_only_when_archived BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM events_archive a
                 WHERE a.id = OLD.id AND a.occurred_ms = OLD.occurred_ms AND a.entity = OLD.entity
                   AND a.entity_id IS OLD.entity_id AND a.opportunity_id IS OLD.opportunity_id
                   AND a.kind = OLD.kind AND a.detail = OLD.detail)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused for a row not copied to events_archive');
END;

CREATE TRIGGER events_archive_no_update BEFORE UPDATE ON events_archive
BEGIN
    SELECT RAISE(ABORT, 'events_archive is append-only: UPDATE refused');
END;

CREATE TRIGGER events_archive_no_delete BEFORE DELETE ON events_archive
BEGIN
    SELECT RAISE(ABORT, 'events_archive is append-only: DELETE refused');
END;
