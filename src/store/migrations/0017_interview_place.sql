-- Where an interview happens (domain/interview_place.hpp): a video call, whose provider and link
-- stay in meeting_provider and meeting_url, an address, or a phone number. Every interview made
-- before was a video call.
ALTER TABLE interviews ADD COLUMN place_kind TEXT NOT NULL DEFAULT 'video'
  CHECK (place_kind = 'video' OR place_kind = 'in_person' OR place_kind = 'phone');
ALTER TABLE interviews ADD COLUMN place_detail TEXT NOT NULL DEFAULT '';
