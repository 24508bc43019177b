-- Issue 20 (PostgreSQL twin of sqlite/0013_avoid_hashes.sql): keyed hashes in avoid lists, the neighbours each
-- intro card lists, the skills a published card shows.

CREATE TABLE match_avoid_keys (
  community  TEXT NOT NULL PRIMARY KEY,
  secret     TEXT NOT NULL
);

ALTER TABLE match_avoid DROP CONSTRAINT match_avoid_pkey;
ALTER TABLE match_avoid ALTER COLUMN avoid_user_id DROP NOT NULL;
ALTER TABLE match_avoid ADD COLUMN avoid_hash TEXT;
ALTER TABLE match_avoid ADD CONSTRAINT match_avoid_someone CHECK (avoid_user_id IS NOT NULL OR avoid_hash IS NOT NULL);
CREATE UNIQUE INDEX match_avoid_by_member ON match_avoid (community, user_id, avoid_user_id);
CREATE UNIQUE INDEX match_avoid_by_hash ON match_avoid (community, user_id, avoid_hash);
CREATE INDEX match_avoid_avoided ON match_avoid (community, avoid_hash);
CREATE INDEX match_avoid_avoided_member ON match_avoid (community, avoid_user_id);

CREATE TABLE intro_card_neighbours (
  community     TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  neighbour_id  TEXT NOT NULL,
  PRIMARY KEY (community, user_id, neighbour_id)
);
CREATE INDEX intro_card_neighbours_by_neighbour ON intro_card_neighbours (community, neighbour_id);

ALTER TABLE profiles ADD COLUMN published_skills TEXT;
