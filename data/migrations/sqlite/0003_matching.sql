-- Matching: who takes part in weekly rounds (pauses, opt-in without skills), whom members avoid, the rounds, the
-- pairings (a round's, or an introduction asked for from /match) with each member's answers to the follow-up, and
-- the suggestions /match showed. Instants are integer epoch milliseconds (UTC), like the core tables. Skills are
-- read from `member_skills` (introductions) and members who left (`members.left_at`) are skipped in every listing.

CREATE TABLE match_prefs (
  community       TEXT    NOT NULL,
  user_id         TEXT    NOT NULL,
  -- 1: asked to take part (/match resume) even before listing skills.
  opted_in        INTEGER NOT NULL DEFAULT 0 CHECK (opted_in IN (0, 1)),
  -- Paused since (NULL: taking part); until (NULL with paused_at set: until they resume).
  paused_at       INTEGER,
  paused_until    INTEGER,
  pause_reason    TEXT    CHECK (pause_reason IS NULL OR pause_reason IN ('member', 'ignored')),
  -- Weekly rounds in a row the member let pass without any answer; three pause them.
  ignored_streak  INTEGER NOT NULL DEFAULT 0,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) STRICT;

-- One member's wish never to be matched with another (read both ways by the matcher).
CREATE TABLE match_avoid (
  community      TEXT    NOT NULL,
  user_id        TEXT    NOT NULL,
  avoid_user_id  TEXT    NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, avoid_user_id)
) STRICT;

CREATE TABLE match_rounds (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  community    TEXT    NOT NULL,
  -- The job period (`2026-11-16T09:00`): one round per period.
  period       TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  members      INTEGER NOT NULL,
  total_score  REAL    NOT NULL,
  repeats      INTEGER NOT NULL DEFAULT 0,
  left_out     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (community, period)
) STRICT;

CREATE TABLE match_pairings (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  community     TEXT    NOT NULL,
  -- NULL for an introduction asked for from a /match suggestion.
  round_id      INTEGER REFERENCES match_rounds (id) ON DELETE CASCADE,
  kind          TEXT    NOT NULL CHECK (kind IN ('round', 'intro')),
  score         REAL    NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  -- When "Did you meet?" went out (NULL: not yet). Each pairing is asked once.
  follow_up_at  INTEGER
) STRICT;

CREATE INDEX match_pairings_by_round ON match_pairings (community, round_id);
CREATE INDEX match_pairings_follow_up ON match_pairings (community, follow_up_at, created_at);

CREATE TABLE match_pairing_members (
  pairing_id     INTEGER NOT NULL REFERENCES match_pairings (id) ON DELETE CASCADE,
  community      TEXT    NOT NULL,
  user_id        TEXT    NOT NULL,
  -- Any answer (a button on the round's DM or the follow-up) counts as taking part.
  responded_at   INTEGER,
  met            TEXT    CHECK (met IS NULL OR met IN ('yes', 'not_yet', 'no')),
  collaborating  INTEGER CHECK (collaborating IS NULL OR collaborating IN (0, 1)),
  PRIMARY KEY (pairing_id, user_id)
) STRICT;

CREATE INDEX match_pairing_members_by_user ON match_pairing_members (community, user_id);

CREATE TABLE match_suggestions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  community     TEXT    NOT NULL,
  user_id       TEXT    NOT NULL,
  suggested_id  TEXT    NOT NULL,
  score         REAL    NOT NULL,
  status        TEXT    NOT NULL DEFAULT 'shown' CHECK (status IN ('shown', 'introduced', 'dismissed')),
  created_at    INTEGER NOT NULL,
  decided_at    INTEGER
) STRICT;

CREATE INDEX match_suggestions_by_user ON match_suggestions (community, user_id, created_at);
