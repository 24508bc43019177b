-- The same schema on SQLite and PostgreSQL (the postgres/ folder holds its twin; a test compares the two).
-- 1. `members` gets an explicit `id`: the matching change log named members by SQLite's hidden rowid, which
--    PostgreSQL has no equivalent of. The table is rebuilt with `id` = the old rowid, so the log stays valid.
-- 2. The outbox gets plain columns for what its claim query read out of JSON (`target_kind`, `target_ref`), a
--    lease (`lease_until`: a process that died while sending loses its items to another process when the lease
--    runs out) and a priority (0: a reply to what a member just did; 1: bulk, such as a round or a digest).

DROP TRIGGER match_index_member_added;
DROP TRIGGER match_index_member_active;
DROP TRIGGER match_index_member_left;
DROP TRIGGER match_index_member_removed;
DROP TRIGGER match_index_skill_added;
DROP TRIGGER match_index_skill_changed;
DROP TRIGGER match_index_skill_removed;
DROP TRIGGER match_index_prefs_added;
DROP TRIGGER match_index_prefs_changed;
DROP TRIGGER match_index_prefs_removed;

CREATE TABLE members_new (
  id               INTEGER PRIMARY KEY,
  community        TEXT    NOT NULL,
  user_id          TEXT    NOT NULL,
  display_name     TEXT    NOT NULL,
  name_key         TEXT    NOT NULL,
  joined_at        INTEGER,
  left_at          INTEGER,
  first_seen_at    INTEGER NOT NULL,
  last_active_at   INTEGER NOT NULL,
  dm_unreachable   INTEGER NOT NULL DEFAULT 0 CHECK (dm_unreachable IN (0, 1)),
  dm_notice_shown  INTEGER NOT NULL DEFAULT 0 CHECK (dm_notice_shown IN (0, 1)),
  timezone         TEXT,
  UNIQUE (community, user_id)
) STRICT;

INSERT INTO members_new (id, community, user_id, display_name, name_key, joined_at, left_at, first_seen_at,
                         last_active_at, dm_unreachable, dm_notice_shown, timezone)
  SELECT rowid, community, user_id, display_name, name_key, joined_at, left_at, first_seen_at, last_active_at,
         dm_unreachable, dm_notice_shown, timezone FROM members;
DROP TABLE members;
ALTER TABLE members_new RENAME TO members;
CREATE INDEX members_by_name ON members (community, name_key);
CREATE INDEX members_by_recency ON members (community, last_active_at DESC);

CREATE TRIGGER match_index_skill_added AFTER INSERT ON member_skills
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, id FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_skill_changed AFTER UPDATE ON member_skills
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, id FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_skill_removed AFTER DELETE ON member_skills
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT OLD.community, id FROM members WHERE community = OLD.community AND user_id = OLD.user_id;
END;

CREATE TRIGGER match_index_member_added AFTER INSERT ON members
WHEN EXISTS (SELECT 1 FROM member_skills s WHERE s.community = NEW.community AND s.user_id = NEW.user_id)
  OR EXISTS (SELECT 1 FROM match_prefs p WHERE p.community = NEW.community AND p.user_id = NEW.user_id)
BEGIN
  INSERT INTO match_index_changes (community, member) VALUES (NEW.community, NEW.id);
END;

CREATE TRIGGER match_index_member_active AFTER UPDATE OF last_active_at ON members
WHEN NEW.last_active_at / 86400000 <> OLD.last_active_at / 86400000
BEGIN
  INSERT INTO match_index_changes (community, member, active_at) VALUES (NEW.community, NEW.id, NEW.last_active_at);
END;

CREATE TRIGGER match_index_member_left AFTER UPDATE OF left_at ON members
WHEN NEW.left_at IS NOT OLD.left_at
BEGIN
  INSERT INTO match_index_changes (community, member) VALUES (NEW.community, NEW.id);
END;

CREATE TRIGGER match_index_member_removed AFTER DELETE ON members
BEGIN
  INSERT INTO match_index_changes (community, member) VALUES (OLD.community, OLD.id);
END;

CREATE TRIGGER match_index_prefs_added AFTER INSERT ON match_prefs
WHEN NEW.opted_in = 1 OR NEW.paused_at IS NOT NULL
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, id FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_prefs_changed AFTER UPDATE OF opted_in, paused_at, paused_until ON match_prefs
WHEN NEW.opted_in IS NOT OLD.opted_in OR NEW.paused_at IS NOT OLD.paused_at OR NEW.paused_until IS NOT OLD.paused_until
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, id FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_prefs_removed AFTER DELETE ON match_prefs
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT OLD.community, id FROM members WHERE community = OLD.community AND user_id = OLD.user_id;
END;

ALTER TABLE outbox ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'dm' CHECK (target_kind IN ('dm', 'post', 'update'));
ALTER TABLE outbox ADD COLUMN target_ref TEXT;
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET target_kind = json_extract(target, '$.kind'), target_ref = json_extract(target, '$.ref');
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (platform, status, priority, not_before);
CREATE INDEX outbox_by_target_ref ON outbox (community, target_ref) WHERE target_ref IS NOT NULL;
