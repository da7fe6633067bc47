-- Cal.com webhook deliveries, the reconciliation cursor, and what each interview last took
-- from Cal.com (so late or reordered events can be recognised as stale).
-- Every verified delivery is kept with its outcome; its effect is applied in the same
-- transaction. dedupe_key is NULL on the rows that record a repeat of an earlier delivery
-- (UNIQUE allows many NULLs in SQLite and PostgreSQL), so admins see duplicates too.
CREATE TABLE webhook_deliveries (
  id @ID_PK@,
  dedupe_key TEXT UNIQUE,
  duplicate_of BIGINT,
  source TEXT NOT NULL CHECK (source IN ('webhook', 'sync')),
  trigger_event TEXT NOT NULL,
  booking_uid TEXT NOT NULL DEFAULT '',
  event_created_at BIGINT,
  received_at BIGINT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'duplicate', 'ignored', 'unmatched', 'stale', 'rejected')),
  interview_id BIGINT,
  raw_body TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  reapplied_at BIGINT
);
CREATE INDEX webhook_deliveries_by_interview ON webhook_deliveries (interview_id, id);
CREATE INDEX webhook_deliveries_by_outcome ON webhook_deliveries (outcome, id);

-- One row per reconciliation job: bookings updated after cursor_at are looked at next time.
CREATE TABLE calcom_sync_state (
  name TEXT PRIMARY KEY,
  cursor_at BIGINT,
  last_run_at BIGINT,
  last_result TEXT NOT NULL DEFAULT ''
);

-- Cal.com's iCalSequence of the last applied event (-1: none yet) and that event's createdAt.
-- ical_sequence stays ours: the SEQUENCE of the invitations we send.
ALTER TABLE interviews ADD COLUMN calcom_sequence INTEGER NOT NULL DEFAULT -1;
ALTER TABLE interviews ADD COLUMN calcom_event_at BIGINT;
