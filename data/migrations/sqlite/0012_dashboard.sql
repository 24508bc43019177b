-- The managers' dashboard and members' calendar feeds. Instants are integer epoch milliseconds (UTC), as in 0001.
--
-- 1. Which weeks each member was active (used a command, pressed a button, submitted a form: whatever makes the
--    core touch `members.last_active_at`), for the dashboard's "active members per week". Written by triggers on
--    `members`, so no writer has to remember it; a week is Monday 00:00 UTC, as epoch milliseconds. A member row
--    created by a join (joined_at set) is not activity. Rows name the `members` row id, not the user id, and go
--    with the member row (forget-me).
-- 2. Dashboard sign-in links and sessions: only a SHA-256 of each token is kept, never the token itself.
-- 3. Calendar feed addresses (meetups): a member's feed, or (user_id NULL) the community feed managers hand out.

CREATE TABLE member_active_weeks (
  community  TEXT    NOT NULL,
  member     INTEGER NOT NULL,
  week       INTEGER NOT NULL,
  PRIMARY KEY (community, week, member)
) STRICT;

CREATE INDEX member_active_weeks_by_member ON member_active_weeks (community, member);

-- What activity there was before this migration: each member's last active week.
INSERT INTO member_active_weeks (community, member, week)
  SELECT community, id, ((last_active_at + 259200000) / 604800000) * 604800000 - 259200000 FROM members
  WHERE joined_at IS NULL OR last_active_at > joined_at;

CREATE TRIGGER member_active_weeks_seen AFTER INSERT ON members
WHEN NEW.joined_at IS NULL
BEGIN
  INSERT INTO member_active_weeks (community, member, week)
    SELECT NEW.community, NEW.id, ((NEW.last_active_at + 259200000) / 604800000) * 604800000 - 259200000
    WHERE NOT EXISTS (
      SELECT 1 FROM member_active_weeks w WHERE w.community = NEW.community AND w.member = NEW.id
        AND w.week = ((NEW.last_active_at + 259200000) / 604800000) * 604800000 - 259200000);
END;

CREATE TRIGGER member_active_weeks_active AFTER UPDATE OF last_active_at ON members
BEGIN
  INSERT INTO member_active_weeks (community, member, week)
    SELECT NEW.community, NEW.id, ((NEW.last_active_at + 259200000) / 604800000) * 604800000 - 259200000
    WHERE NOT EXISTS (
      SELECT 1 FROM member_active_weeks w WHERE w.community = NEW.community AND w.member = NEW.id
        AND w.week = ((NEW.last_active_at + 259200000) / 604800000) * 604800000 - 259200000);
END;

CREATE TRIGGER member_active_weeks_removed AFTER DELETE ON members
BEGIN
  DELETE FROM member_active_weeks WHERE community = OLD.community AND member = OLD.id;
END;

-- A one-time link a manager gets by DM (`/hallway dashboard`): valid until expires_at, once (used_at).
CREATE TABLE dashboard_sign_ins (
  token_hash  TEXT    PRIMARY KEY,
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
) STRICT;

CREATE INDEX dashboard_sign_ins_by_member ON dashboard_sign_ins (community, user_id);

-- A signed-in browser: one manager, one community, until expires_at.
CREATE TABLE dashboard_sessions (
  token_hash  TEXT    PRIMARY KEY,
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX dashboard_sessions_by_member ON dashboard_sessions (community, user_id);

-- One feed per member, one community feed: a reset replaces the row (the old address stops working).
CREATE TABLE calendar_feeds (
  token_hash  TEXT    PRIMARY KEY,
  community   TEXT    NOT NULL,
  user_id     TEXT,
  created_at  INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX calendar_feeds_member ON calendar_feeds (community, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX calendar_feeds_community ON calendar_feeds (community) WHERE user_id IS NULL;
