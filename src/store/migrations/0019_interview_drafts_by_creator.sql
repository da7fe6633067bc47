-- A person's drafts, newest edit first, for one startup or all: the wizard asks for them each
-- time it opens (to offer resuming one) and the drafts list pages through them. Only drafts are
-- in the index, so a booked interview's writes never touch it, and a draft leaves it when it is
-- sent or discarded. Both stores take a partial index.
CREATE INDEX interviews_drafts_by_creator ON interviews (created_by, startup_id, updated_at, id)
  WHERE status = 'draft';
