-- A count of an interview's saves, raised by every UPDATE of its row (InterviewRepo is the one
-- writer of an interview and its team, guests and questions, and each save updates the row).
-- A webhook's interview is read before its transaction, off the writer's serial section; inside,
-- the same row_version says the read still holds (webhooks/event_applier.hpp).
ALTER TABLE interviews ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
