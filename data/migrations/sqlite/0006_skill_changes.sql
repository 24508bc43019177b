-- Matching's change log: which members changed in a way the matcher's in-memory index cares about (their skills,
-- the day of their last activity, leaving or coming back, pauses and opt-in), so a cached index catches up by
-- reloading those members instead of the whole community. Written by triggers, so no writer has to remember it.
--
-- `member` is the `members` row id, not the user id: the log holds nothing personal, and forget-me leaves no trace
-- of the member here. `nonce` (random, 52 bits so JavaScript reads it exactly) lets a reader check that the change
-- it last applied still exists: if it was rolled back or pruned, the reader rebuilds. The log keeps the last 50,000 changes (all communities): a reader
-- further behind than that rebuilds, which is what it would cost anyway.

CREATE TABLE match_index_changes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  community  TEXT    NOT NULL,
  member     INTEGER NOT NULL,
  -- Set for a change of activity alone (the new last_active_at): the reader updates it without reloading the member.
  active_at  INTEGER,
  nonce      INTEGER NOT NULL DEFAULT (random() >> 12)
) STRICT;

CREATE INDEX match_index_changes_by_community ON match_index_changes (community, seq);

CREATE TRIGGER match_index_changes_bound AFTER INSERT ON match_index_changes
BEGIN
  DELETE FROM match_index_changes WHERE seq <= NEW.seq - 50000;
END;

CREATE TRIGGER match_index_skill_added AFTER INSERT ON member_skills
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, rowid FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_skill_changed AFTER UPDATE ON member_skills
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, rowid FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_skill_removed AFTER DELETE ON member_skills
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT OLD.community, rowid FROM members WHERE community = OLD.community AND user_id = OLD.user_id;
END;

-- A new member matters only if skills or preferences were stored before their row (a member row is otherwise
-- written first): most joins log nothing.
CREATE TRIGGER match_index_member_added AFTER INSERT ON members
WHEN EXISTS (SELECT 1 FROM member_skills s WHERE s.community = NEW.community AND s.user_id = NEW.user_id)
  OR EXISTS (SELECT 1 FROM match_prefs p WHERE p.community = NEW.community AND p.user_id = NEW.user_id)
BEGIN
  INSERT INTO match_index_changes (community, member) VALUES (NEW.community, NEW.rowid);
END;

-- Activity counts in days (suggestions favour members active in the last two weeks): one change per member per day.
CREATE TRIGGER match_index_member_active AFTER UPDATE OF last_active_at ON members
WHEN NEW.last_active_at / 86400000 <> OLD.last_active_at / 86400000
BEGIN
  INSERT INTO match_index_changes (community, member, active_at) VALUES (NEW.community, NEW.rowid, NEW.last_active_at);
END;

CREATE TRIGGER match_index_member_left AFTER UPDATE OF left_at ON members
WHEN NEW.left_at IS NOT OLD.left_at
BEGIN
  INSERT INTO match_index_changes (community, member) VALUES (NEW.community, NEW.rowid);
END;

CREATE TRIGGER match_index_member_removed AFTER DELETE ON members
BEGIN
  INSERT INTO match_index_changes (community, member) VALUES (OLD.community, OLD.rowid);
END;

-- Preferences rows are created with defaults for every member of a round (ignored streaks): only opt-in and pauses
-- matter to the index.
CREATE TRIGGER match_index_prefs_added AFTER INSERT ON match_prefs
WHEN NEW.opted_in = 1 OR NEW.paused_at IS NOT NULL
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, rowid FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_prefs_changed AFTER UPDATE OF opted_in, paused_at, paused_until ON match_prefs
WHEN NEW.opted_in IS NOT OLD.opted_in OR NEW.paused_at IS NOT OLD.paused_at OR NEW.paused_until IS NOT OLD.paused_until
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT NEW.community, rowid FROM members WHERE community = NEW.community AND user_id = NEW.user_id;
END;

CREATE TRIGGER match_index_prefs_removed AFTER DELETE ON match_prefs
BEGIN
  INSERT INTO match_index_changes (community, member)
    SELECT OLD.community, rowid FROM members WHERE community = OLD.community AND user_id = OLD.user_id;
END;

-- The index scan reads each member's skills in the order they were added, with their terms, from this index alone
-- (a covering index walked in order: no table lookups, no sort), which makes loading 100k members about twice as
-- fast. Its order is the order of the skills in each member's list.
CREATE INDEX member_skills_by_member ON member_skills (community, user_id, added_at, skill, kind, term);
