-- Who's in today (PostgreSQL twin of sqlite/0011_presence.sql).

CREATE TABLE presence_checkins (
  community      TEXT    NOT NULL,
  user_id        TEXT    NOT NULL,
  day            TEXT    NOT NULL,
  checked_in_at  BIGINT  NOT NULL,
  until_at       BIGINT  NOT NULL,
  expires_at     BIGINT  NOT NULL,
  location       TEXT,
  nudged_at      BIGINT,
  PRIMARY KEY (community, user_id)
);

CREATE INDEX presence_checkins_by_until ON presence_checkins (community, until_at);
CREATE INDEX presence_checkins_by_expiry ON presence_checkins (community, expires_at);

CREATE TABLE presence_prefs (
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  nudges      INTEGER NOT NULL DEFAULT 0 CHECK (nudges IN (0, 1)),
  listed      INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1)),
  updated_at  BIGINT  NOT NULL,
  PRIMARY KEY (community, user_id)
);

CREATE TABLE presence_coffees (
  community    TEXT    NOT NULL,
  from_id      TEXT    NOT NULL,
  to_id        TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('asked', 'sure', 'not_today')),
  created_at   BIGINT  NOT NULL,
  answered_at  BIGINT,
  expires_at   BIGINT  NOT NULL,
  PRIMARY KEY (community, from_id, to_id)
);

CREATE INDEX presence_coffees_to ON presence_coffees (community, to_id);
CREATE INDEX presence_coffees_by_expiry ON presence_coffees (community, expires_at);

CREATE TABLE presence_days (
  community  TEXT    NOT NULL,
  day        TEXT    NOT NULL,
  members    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (community, day)
);
