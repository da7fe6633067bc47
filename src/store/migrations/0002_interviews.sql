-- Interviews, their team, guests, questions and history.
CREATE TABLE interviews (
  id @ID_PK@,
  startup_id BIGINT NOT NULL REFERENCES startups (id),
  contact_id BIGINT REFERENCES contacts (id),
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'confirmed', 'completed', 'cancelled')),
  event_type_id BIGINT,
  event_type_slug TEXT NOT NULL DEFAULT '',
  event_type_title TEXT NOT NULL DEFAULT '',
  duration_minutes INTEGER NOT NULL DEFAULT 0,
  custom_duration INTEGER NOT NULL DEFAULT 0,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  start_at BIGINT,
  end_at BIGINT,
  calcom_booking_id BIGINT,
  calcom_booking_uid TEXT UNIQUE,
  ical_uid TEXT,
  ical_sequence INTEGER NOT NULL DEFAULT 0,
  meeting_url TEXT NOT NULL DEFAULT '',
  meeting_provider TEXT NOT NULL DEFAULT '',
  prep_notes_markdown TEXT NOT NULL DEFAULT '',
  cancellation_reason TEXT NOT NULL DEFAULT '',
  -- A confirm in progress holds this until the given time, so two clicks book once.
  confirm_lock_until BIGINT,
  -- Set once a create-booking request has gone to Cal.com: the next attempt looks it up first.
  booking_attempted_at BIGINT,
  created_by BIGINT REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  -- The list order: the meeting time once there is one, else when the draft was made.
  sort_at BIGINT NOT NULL
);
CREATE INDEX interviews_by_sort ON interviews (sort_at, id);
CREATE INDEX interviews_by_status ON interviews (status, sort_at, id);
CREATE INDEX interviews_by_startup ON interviews (startup_id, sort_at, id);

CREATE TABLE interview_team (
  interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  team_member_id BIGINT NOT NULL REFERENCES team_members (id),
  is_primary INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (interview_id, team_member_id)
);
CREATE INDEX interview_team_by_member ON interview_team (team_member_id, interview_id);

CREATE TABLE interview_guests (
  id @ID_PK@,
  interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_normalized TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  contact_id BIGINT REFERENCES contacts (id),
  invitation_status TEXT NOT NULL DEFAULT 'pending' CHECK (invitation_status IN ('pending', 'sent')),
  invited_at BIGINT,
  last_sent_at BIGINT,
  UNIQUE (interview_id, email_normalized)
);

CREATE TABLE interview_questions (
  interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (interview_id, position)
);

CREATE TABLE interview_events (
  id @ID_PK@,
  interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interview_events_by_interview ON interview_events (interview_id, id);
