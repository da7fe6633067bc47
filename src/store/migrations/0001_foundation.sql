-- Accounts, sessions, tokens, team members, startups and contacts.
-- Portable SQL: BIGINT times in Unix milliseconds (UTC), INTEGER 0/1 flags, TEXT strings.
CREATE TABLE users (
  id @ID_PK@,
  email TEXT NOT NULL,
  email_normalized TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id @ID_PK@,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);

-- Failed logins per account and per address, shared by every instance.
CREATE TABLE login_failures (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_started_at BIGINT NOT NULL
);

CREATE TABLE team_members (
  id @ID_PK@,
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  email TEXT NOT NULL,
  email_normalized TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  calcom_user_id BIGINT,
  calcom_username TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX team_members_by_name ON team_members (name_sort, id);

CREATE TABLE startups (
  id @ID_PK@,
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX startups_by_name ON startups (name_sort, id);

CREATE TABLE contacts (
  id @ID_PK@,
  startup_id BIGINT NOT NULL REFERENCES startups (id),
  name TEXT NOT NULL,
  name_sort TEXT NOT NULL,
  email TEXT NOT NULL,
  email_normalized TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL,
  phone TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (startup_id, email_normalized)
);
CREATE INDEX contacts_by_startup ON contacts (startup_id, name_sort, id);
CREATE INDEX contacts_by_email ON contacts (email_normalized);
CREATE INDEX contacts_by_name ON contacts (name_sort, id);
