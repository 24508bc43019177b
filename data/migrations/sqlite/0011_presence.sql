-- Who's in today: check-ins (deleted at the end of the community's day: no history), per-member preferences,
-- coffee invitations between members who are in (gone with the day too), and a daily count for stats.

CREATE TABLE presence_checkins (
  community      TEXT    NOT NULL,
  user_id        TEXT    NOT NULL,
  -- The community's local day of the check-in, yyyy-MM-dd.
  day            TEXT    NOT NULL,
  checked_in_at  INTEGER NOT NULL,
  -- Shown as in until then (`/here off` sets it to the moment they left).
  until_at       INTEGER NOT NULL,
  -- The end of that day in the community's zone: the row is deleted then.
  expires_at     INTEGER NOT NULL,
  location       TEXT,
  -- The morning nudge went out (at most one a day).
  nudged_at      INTEGER,
  PRIMARY KEY (community, user_id)
) STRICT;

CREATE INDEX presence_checkins_by_until ON presence_checkins (community, until_at);
CREATE INDEX presence_checkins_by_expiry ON presence_checkins (community, expires_at);

-- Both off unless the member turns them on.
CREATE TABLE presence_prefs (
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  nudges      INTEGER NOT NULL DEFAULT 0 CHECK (nudges IN (0, 1)),
  listed      INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1)),
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) STRICT;

CREATE TABLE presence_coffees (
  community    TEXT    NOT NULL,
  from_id      TEXT    NOT NULL,
  to_id        TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('asked', 'sure', 'not_today')),
  created_at   INTEGER NOT NULL,
  answered_at  INTEGER,
  expires_at   INTEGER NOT NULL,
  PRIMARY KEY (community, from_id, to_id)
) STRICT;

CREATE INDEX presence_coffees_to ON presence_coffees (community, to_id);
CREATE INDEX presence_coffees_by_expiry ON presence_coffees (community, expires_at);

-- How many members checked in each day: the only trace presence leaves.
CREATE TABLE presence_days (
  community  TEXT    NOT NULL,
  day        TEXT    NOT NULL,
  members    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (community, day)
) STRICT;
