-- The outbox stores what to say, not the composed email: `notice` is the interview notice as
-- compact JSON, and the worker composes the MIME message (text, HTML, calendar invitation) when
-- it sends, outside the writer's transaction. Rows queued before this migration keep their
-- composed `body` and no notice; new rows leave `body` empty. Which one a row uses: `notice`
-- when present, else `body`.
ALTER TABLE email_outbox ADD COLUMN notice TEXT;
