-- A startup's contact picks the interview's time through a personal link: one more status
-- (awaiting_contact: the link is out, no time chosen yet) and the links themselves. The token is
-- never stored, only its SHA-256; a link that is replaced or withdrawn keeps its row, revoked.
CREATE TABLE scheduling_links (
  id @ID_PK@,
  interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  window_start BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  min_notice_minutes INTEGER NOT NULL,
  -- The times staff offered, as Unix milliseconds a line; empty: any common free time.
  shortlist TEXT NOT NULL DEFAULT '',
  invite_guests INTEGER NOT NULL DEFAULT 0,
  change_notice_minutes INTEGER NOT NULL,
  created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  opened_at BIGINT,
  booked_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX scheduling_links_by_interview ON scheduling_links (interview_id, id);
-- postgresql only
ALTER TABLE interviews DROP CONSTRAINT interviews_status_check;
ALTER TABLE interviews ADD CONSTRAINT interviews_status_check CHECK (status IN ('draft', 'awaiting_contact',
  'scheduled', 'awaiting_host', 'confirmed', 'reschedule_requested', 'completed', 'cancelled'));
-- sqlite only
-- SQLite cannot alter a CHECK: its text is edited in place as 0009 did (every existing row
-- still passes; the new chain accepts more), and the cookie moves so connections read it again.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
                  'CHECK (status = ''draft'' OR status = ''scheduled'' OR status = ''awaiting_host'' OR ',
                  'CHECK (status = ''draft'' OR status = ''awaiting_contact'' OR status = ''scheduled'' OR '
                  || 'status = ''awaiting_host'' OR ')
WHERE type = 'table' AND name = 'interviews';
PRAGMA schema_version = @NEXT_SCHEMA_VERSION@;
PRAGMA writable_schema = OFF;
