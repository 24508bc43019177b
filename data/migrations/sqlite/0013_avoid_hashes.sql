-- Issue 20 (security review): protections that must outlive a member's data, and what a manager approved.
-- 1. Avoid lists keep the avoided member as a keyed hash, HMAC-SHA256(the community's key, their user id), next to
--    the readable id. Forget-me of the avoided member clears the id and keeps the hash, so the avoider stays
--    protected if that member comes back, and nothing readable names them. The key is made per community on first
--    use (`match_avoid_keys`) and never leaves the database. Rows from before this migration have no hash yet: the
--    store fills it in when it makes the community's key.
-- 2. `intro_card_neighbours`: who each posted intro card lists under "you might want to meet", so forget-me can
--    redraw the cards that name the member.
-- 3. `profiles.published_skills`: the skills the published card shows (JSON), fixed when the intro was submitted,
--    so that an approved card shows exactly the skills the manager reviewed.

CREATE TABLE match_avoid_keys (
  community  TEXT NOT NULL PRIMARY KEY,
  -- 32 random bytes, hex.
  secret     TEXT NOT NULL
) STRICT;

CREATE TABLE match_avoid_new (
  community      TEXT    NOT NULL,
  -- The member who never wants to be matched with the other.
  user_id        TEXT    NOT NULL,
  -- The avoided member; NULL once they were forgotten (the hash keeps the protection).
  avoid_user_id  TEXT,
  -- HMAC-SHA256 of the avoided member's id under the community's key, hex.
  avoid_hash     TEXT,
  created_at     INTEGER NOT NULL,
  CHECK (avoid_user_id IS NOT NULL OR avoid_hash IS NOT NULL)
) STRICT;
INSERT INTO match_avoid_new (community, user_id, avoid_user_id, avoid_hash, created_at)
  SELECT community, user_id, avoid_user_id, NULL, created_at FROM match_avoid;
DROP TABLE match_avoid;
ALTER TABLE match_avoid_new RENAME TO match_avoid;
CREATE UNIQUE INDEX match_avoid_by_member ON match_avoid (community, user_id, avoid_user_id);
CREATE UNIQUE INDEX match_avoid_by_hash ON match_avoid (community, user_id, avoid_hash);
CREATE INDEX match_avoid_avoided ON match_avoid (community, avoid_hash);
CREATE INDEX match_avoid_avoided_member ON match_avoid (community, avoid_user_id);

CREATE TABLE intro_card_neighbours (
  community     TEXT NOT NULL,
  -- Whose card.
  user_id       TEXT NOT NULL,
  -- A member the card lists under "you might want to meet".
  neighbour_id  TEXT NOT NULL,
  PRIMARY KEY (community, user_id, neighbour_id)
) STRICT;
CREATE INDEX intro_card_neighbours_by_neighbour ON intro_card_neighbours (community, neighbour_id);

ALTER TABLE profiles ADD COLUMN published_skills TEXT;
