-- Introductions: one profile per member (the published intro, a submission waiting for approval, the welcome and
-- reminder state), the skills members offer and look for, and the managers Hallway has seen (approval requests).
-- Instants are integer epoch milliseconds (UTC), like the core tables. Other features READ `member_skills`
-- (column names are a contract) and must, like these queries, skip members whose `members.left_at` is set.

CREATE TABLE profiles (
  community      TEXT    NOT NULL,
  user_id        TEXT    NOT NULL,
  -- The published introduction: what other members see. Empty until the first intro is published.
  role           TEXT    NOT NULL DEFAULT '',
  working_on     TEXT    NOT NULL DEFAULT '',
  -- JSON array of http(s) URLs.
  links          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(links) AND json_type(links) = 'array'),
  pronouns       TEXT,
  fun_fact       TEXT,
  -- JSON array of {"question", "answer"}: the community's custom questions as they were asked.
  answers        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(answers) AND json_type(answers) = 'array'),
  -- A submitted intro waiting for approval (or rejected, kept so the member can edit it): JSON of all the fields.
  draft          TEXT    CHECK (draft IS NULL OR json_valid(draft)),
  status         TEXT    NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'pending_approval', 'approved', 'rejected')),
  -- Bumped at every submission; approval buttons carry it, so a stale request never approves newer text.
  revision       INTEGER NOT NULL DEFAULT 0,
  introduced_at  INTEGER,
  updated_at     INTEGER NOT NULL,
  welcomed_at    INTEGER,
  reminded_at    INTEGER,
  card_posted_at INTEGER,
  reviewed_by    TEXT,
  reviewed_at    INTEGER,
  review_note    TEXT,
  PRIMARY KEY (community, user_id)
) STRICT;

-- The reminder scan and the approval queue.
CREATE INDEX profiles_by_status ON profiles (community, status, welcomed_at);

CREATE TABLE member_skills (
  community  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('offer', 'need')),
  -- Canonical skill (vocabulary), and the term as the member typed it (cleaned).
  skill      TEXT    NOT NULL,
  term       TEXT    NOT NULL,
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, kind, skill)
) STRICT;

-- `/skills find`, complements and the matcher look members up by skill.
CREATE INDEX member_skills_by_skill ON member_skills (community, skill, kind);

-- Members seen acting with admin rights, so approval requests have someone to go to (HALLWAY_MANAGERS and platform
-- roles are not stored anywhere else).
CREATE TABLE intro_managers (
  community  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  seen_at    INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) STRICT;
