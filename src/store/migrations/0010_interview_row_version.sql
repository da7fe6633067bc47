-- A count of an interview's saves, raised by every save (InterviewRepo writes an interview and
-- its team, guests and questions, and each save updates the row; the one other write of the
-- table, a renamed startup's sort name, touches nothing an interview is read with).
-- A webhook's interview is read before its transaction, off the writer's serial section; inside,
-- the same row_version says the read still holds (webhooks/event_applier.hpp).
ALTER TABLE interviews ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
