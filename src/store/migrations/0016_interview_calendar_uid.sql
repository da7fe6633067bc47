-- The UID our invitations carry (domain::settle_calendar_uid): Cal.com's icsUid for bookings
-- made from now on, so ours and Cal.com's invitations are one calendar event. Empty for
-- interviews invited before: they keep "interview-<id>@<domain>", the UID their calendars hold.
ALTER TABLE interviews ADD COLUMN calendar_uid TEXT NOT NULL DEFAULT '';
