-- An interview's life after the booking: two more statuses (awaiting_host: Cal.com holds the
-- booking for the host to accept; reschedule_requested: the host asked for a new time), who did
-- not come to a meeting that took place, an outcome note, and the last Cal.com event that
-- changed the interview, in plain words (InterviewRepo writes them with the interview).
ALTER TABLE interviews ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN calcom_last_event TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN calcom_last_event_at BIGINT;
-- The absent parties, a line each ("contact", "guest:<address>", "interviewer:<member id>";
-- store/interview_rows.cpp): read with the row, where a table would cost every read a statement.
ALTER TABLE interviews ADD COLUMN no_shows TEXT NOT NULL DEFAULT '';
-- postgresql only
ALTER TABLE interviews DROP CONSTRAINT interviews_status_check;
ALTER TABLE interviews ADD CONSTRAINT interviews_status_check CHECK (status IN ('draft', 'scheduled',
  'awaiting_host', 'confirmed', 'reschedule_requested', 'completed', 'cancelled'));
-- sqlite only
-- SQLite cannot alter a CHECK: its text is edited in place as 0009 did (every existing row
-- still passes; the new chain accepts more), and the cookie moves so connections read it again.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
                  'CHECK (status = ''draft'' OR status = ''scheduled'' OR status = ''confirmed'' OR '
                  || 'status = ''completed'' OR status = ''cancelled'')',
                  'CHECK (status = ''draft'' OR status = ''scheduled'' OR status = ''awaiting_host'' OR '
                  || 'status = ''confirmed'' OR status = ''reschedule_requested'' OR '
                  || 'status = ''completed'' OR status = ''cancelled'')')
WHERE type = 'table' AND name = 'interviews';
PRAGMA schema_version = @NEXT_SCHEMA_VERSION@;
PRAGMA writable_schema = OFF;
