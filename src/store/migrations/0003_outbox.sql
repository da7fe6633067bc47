-- Emails waiting to be sent, written in the same transaction as the change they announce,
-- then delivered by the outbox worker (at least once; dedupe_key stops double enqueues).
-- interview_id has no foreign key: notices outlive the interviews they describe in audits,
-- and the outbox must not block deleting test data.
CREATE TABLE email_outbox (
  id @ID_PK@,
  interview_id BIGINT,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'held')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- pending: when to try next; sending: when the worker's lease expires.
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  dedupe_key TEXT NOT NULL UNIQUE
);
CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);
CREATE INDEX email_outbox_by_interview ON email_outbox (interview_id);
