-- The managers' dashboard and members' calendar feeds (PostgreSQL twin of sqlite/0012_dashboard.sql): active weeks
-- written by triggers on `members`, sign-in links and sessions (token hashes only), calendar feed addresses.

CREATE TABLE member_active_weeks (
  community  TEXT    NOT NULL,
  member     BIGINT  NOT NULL,
  week       BIGINT  NOT NULL,
  PRIMARY KEY (community, week, member)
);

CREATE INDEX member_active_weeks_by_member ON member_active_weeks (community, member);

INSERT INTO member_active_weeks (community, member, week)
  SELECT community, id, ((last_active_at + 259200000) / 604800000) * 604800000 - 259200000 FROM members
  WHERE joined_at IS NULL OR last_active_at > joined_at;

-- The week (Monday 00:00 UTC) of the member's activity; a week already recorded is left alone.
CREATE FUNCTION member_active_week() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_active_weeks (community, member, week)
    VALUES (NEW.community, NEW.id, ((NEW.last_active_at + 259200000) / 604800000) * 604800000 - 259200000)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION member_active_weeks_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM member_active_weeks WHERE community = OLD.community AND member = OLD.id;
  RETURN NULL;
END $$;

CREATE TRIGGER member_active_weeks_seen AFTER INSERT ON members
  FOR EACH ROW WHEN (NEW.joined_at IS NULL) EXECUTE FUNCTION member_active_week();
CREATE TRIGGER member_active_weeks_active AFTER UPDATE OF last_active_at ON members
  FOR EACH ROW EXECUTE FUNCTION member_active_week();
CREATE TRIGGER member_active_weeks_removed AFTER DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION member_active_weeks_forget();

CREATE TABLE dashboard_sign_ins (
  token_hash  TEXT    PRIMARY KEY,
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  expires_at  BIGINT  NOT NULL,
  used_at     BIGINT
);

CREATE INDEX dashboard_sign_ins_by_member ON dashboard_sign_ins (community, user_id);

CREATE TABLE dashboard_sessions (
  token_hash  TEXT    PRIMARY KEY,
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  expires_at  BIGINT  NOT NULL
);

CREATE INDEX dashboard_sessions_by_member ON dashboard_sessions (community, user_id);

CREATE TABLE calendar_feeds (
  token_hash  TEXT    PRIMARY KEY,
  community   TEXT    NOT NULL,
  user_id     TEXT,
  created_at  BIGINT  NOT NULL
);

CREATE UNIQUE INDEX calendar_feeds_member ON calendar_feeds (community, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX calendar_feeds_community ON calendar_feeds (community) WHERE user_id IS NULL;
