-- Introductions (PostgreSQL twin of sqlite/0002_introductions.sql).

CREATE TABLE profiles (
  community      TEXT    NOT NULL,
  user_id        TEXT    NOT NULL,
  role           TEXT    NOT NULL DEFAULT '',
  working_on     TEXT    NOT NULL DEFAULT '',
  links          TEXT    NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links::jsonb) = 'array'),
  pronouns       TEXT,
  fun_fact       TEXT,
  answers        TEXT    NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(answers::jsonb) = 'array'),
  draft          TEXT    CHECK (draft IS NULL OR draft::jsonb IS NOT NULL),
  status         TEXT    NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'pending_approval', 'approved', 'rejected')),
  revision       INTEGER NOT NULL DEFAULT 0,
  introduced_at  BIGINT,
  updated_at     BIGINT  NOT NULL,
  welcomed_at    BIGINT,
  reminded_at    BIGINT,
  card_posted_at BIGINT,
  reviewed_by    TEXT,
  reviewed_at    BIGINT,
  review_note    TEXT,
  PRIMARY KEY (community, user_id)
);

CREATE INDEX profiles_by_status ON profiles (community, status, welcomed_at);

CREATE TABLE member_skills (
  community  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('offer', 'need')),
  skill      TEXT    NOT NULL,
  term       TEXT    NOT NULL,
  added_at   BIGINT  NOT NULL,
  PRIMARY KEY (community, user_id, kind, skill)
);

CREATE INDEX member_skills_by_skill ON member_skills (community, skill, kind);

CREATE TABLE intro_managers (
  community  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  seen_at    BIGINT  NOT NULL,
  PRIMARY KEY (community, user_id)
);
