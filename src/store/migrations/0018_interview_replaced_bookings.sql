-- Cal.com bookings an interview held and replaced with a new booking of its own making: a change
-- of the primary interviewer books under the new host's event type, then cancels the old booking.
-- Cal.com's events about a replaced booking (its cancellation above all) are stale: they never
-- speak for the interview, which the same metadata interview id would otherwise match.
CREATE TABLE interview_replaced_bookings (
  booking_uid TEXT PRIMARY KEY,
  interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  replaced_at BIGINT NOT NULL
);
-- Deleting an interview removes its rows (the key leads with the booking).
CREATE INDEX interview_replaced_bookings_by_interview ON interview_replaced_bookings (interview_id);
