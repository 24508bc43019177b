-- Meetups: one-off and recurring meetups, RSVPs with a waitlist, the reminders already sent, members' reminder
-- preferences and post-meetup ratings. Instants are integer epoch milliseconds (UTC), as in 0001. Every table carries
-- the community; every query filters by it.

-- A recurring series. Occurrences are computed from the first start's wall-clock time in `timezone`, so a weekly
-- 19:00 stays 19:00 local across daylight-saving changes. Each occurrence is a row in `meetups`.
CREATE TABLE meetup_series (
  id               INTEGER PRIMARY KEY,
  community        TEXT    NOT NULL,
  repeat           TEXT    NOT NULL CHECK (repeat IN ('weekly', 'biweekly', 'monthly')),
  timezone         TEXT    NOT NULL,
  first_starts_at  INTEGER NOT NULL,
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by       TEXT,
  created_at       INTEGER NOT NULL
) STRICT;

CREATE INDEX meetup_series_active ON meetup_series (community, active);

-- The integer id is what members type (`/meetup cancel 12`).
CREATE TABLE meetups (
  id                 INTEGER PRIMARY KEY,
  community          TEXT    NOT NULL,
  series_id          INTEGER REFERENCES meetup_series (id) ON DELETE SET NULL,
  -- The series date this occurrence stands for; unlike starts_at, an edit never moves it.
  slot_at            INTEGER,
  title              TEXT    NOT NULL,
  starts_at          INTEGER NOT NULL,
  ends_at            INTEGER NOT NULL CHECK (ends_at > starts_at),
  location           TEXT,
  capacity           INTEGER CHECK (capacity IS NULL OR capacity >= 1),
  description        TEXT,
  host_user_id       TEXT,
  status             TEXT    NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  created_by         TEXT,
  created_at         INTEGER NOT NULL,
  -- Where the card was posted (its message is saved in message_refs as `meetup-card:<id>`).
  card_channel_id    TEXT,
  -- Bumped at each card update: the outbox key of an update must differ from the previous one.
  card_version       INTEGER NOT NULL DEFAULT 0,
  -- Bumped when the start moves: reminders already sent for the old time do not block the new ones.
  schedule_revision  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX meetups_by_start ON meetups (community, status, starts_at);
CREATE INDEX meetups_by_end ON meetups (community, status, ends_at);
CREATE INDEX meetups_by_series ON meetups (community, series_id, starts_at);

-- One answer per member and meetup. A `going` with a waitlist position is waiting for a seat, in position order.
CREATE TABLE meetup_rsvps (
  community          TEXT    NOT NULL,
  meetup_id          INTEGER NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
  user_id            TEXT    NOT NULL,
  status             TEXT    NOT NULL CHECK (status IN ('going', 'maybe', 'no')),
  waitlist_position  INTEGER CHECK (waitlist_position IS NULL OR status = 'going'),
  responded_at       INTEGER NOT NULL,
  PRIMARY KEY (meetup_id, user_id)
) STRICT;

CREATE INDEX meetup_rsvps_by_user ON meetup_rsvps (community, user_id);

-- What was sent to whom: the primary key makes a reminder (or rating prompt) go out at most once.
CREATE TABLE meetup_reminders_sent (
  community  TEXT    NOT NULL,
  meetup_id  INTEGER NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
  user_id    TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('24h', '1h', 'rating')),
  revision   INTEGER NOT NULL,
  sent_at    INTEGER NOT NULL,
  PRIMARY KEY (meetup_id, user_id, kind, revision)
) STRICT;

CREATE INDEX meetup_reminders_sent_by_user ON meetup_reminders_sent (community, user_id);

-- Members who turned reminders off (no row: on).
CREATE TABLE meetup_reminder_prefs (
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) STRICT;

-- Post-meetup ratings by attendees. Hosts and managers see aggregates only.
CREATE TABLE meetup_ratings (
  community  TEXT    NOT NULL,
  meetup_id  INTEGER NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
  user_id    TEXT    NOT NULL,
  score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment    TEXT,
  rated_at   INTEGER NOT NULL,
  PRIMARY KEY (meetup_id, user_id)
) STRICT;
