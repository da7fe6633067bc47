-- Timed work about an interview: one row per kind of job and interview, planned and moved in the
-- transaction that changes the interview (so re-planning is an upsert on the unique key), and
-- run by the job worker of whichever instance claims it first.
CREATE TABLE jobs (
  id @ID_PK@,
  kind TEXT NOT NULL,
  interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  -- pending: when to run (as planned, or the next retry); running: when it was due.
  due_at BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'pending' OR state = 'running' OR state = 'done' OR state = 'dead'),
  -- Tries since it was last planned; at the limit the job is dead.
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Claims ever made, never reset: the number a worker's claim carries, so the outcome of a claim
  -- taken over (its lease ran out) or overtaken by a new plan is refused.
  claims INTEGER NOT NULL DEFAULT 0,
  -- running: the claiming worker owns the job until then; another instance takes it over after.
  lease_until BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (kind, interview_id)
);
-- The worker's scans: pending jobs in due order, and the few running ones whose lease may have
-- run out; the done and dead ones that accumulate sit apart under their own state.
CREATE INDEX jobs_due ON jobs (state, due_at);
-- Cancelling an interview removes its jobs (the unique key leads with the kind).
CREATE INDEX jobs_by_interview ON jobs (interview_id);
