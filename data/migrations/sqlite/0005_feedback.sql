-- Feedback loops: requests, the reviewers asked for each, the requester's ratings, per-member prompt opt-outs.
-- Instants are integer epoch milliseconds (UTC), like the core tables. Every row carries its community.

CREATE TABLE feedback_requests (
  id          INTEGER PRIMARY KEY,
  community   TEXT    NOT NULL,
  requester   TEXT    NOT NULL,
  about       TEXT    NOT NULL,
  link        TEXT,
  -- JSON array of canonical skills (the matching vocabulary).
  skills      TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(skills) AND json_type(skills) = 'array'),
  due_at      INTEGER,
  status      TEXT    NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'fulfilled', 'expired', 'cancelled', 'offered_publicly')),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX feedback_requests_by_requester ON feedback_requests (community, requester, status);
-- The deadline scan.
CREATE INDEX feedback_requests_by_due ON feedback_requests (community, status, due_at);

CREATE TABLE feedback_asks (
  community    TEXT    NOT NULL,
  request_id   INTEGER NOT NULL REFERENCES feedback_requests (id) ON DELETE CASCADE,
  reviewer     TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('asked', 'accepted', 'declined', 'timed_out', 'given')),
  asked_at     INTEGER NOT NULL,
  answered_at  INTEGER,
  -- The reviewer's optional note when they mark the feedback given.
  note         TEXT,
  PRIMARY KEY (request_id, reviewer)
) STRICT;

-- Each reviewer's load (routing) and the timeout scan.
CREATE INDEX feedback_asks_by_reviewer ON feedback_asks (community, reviewer, status, asked_at);
CREATE INDEX feedback_asks_by_status ON feedback_asks (community, status, asked_at);

-- The requester's answer to "Was this helpful?" for one reviewer, and their optional thank-you.
CREATE TABLE feedback_ratings (
  community   TEXT    NOT NULL,
  request_id  INTEGER NOT NULL REFERENCES feedback_requests (id) ON DELETE CASCADE,
  reviewer    TEXT    NOT NULL,
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  thanks      TEXT,
  rated_at    INTEGER NOT NULL,
  PRIMARY KEY (request_id, reviewer)
) STRICT;

-- "Feedback given" recognition on profiles.
CREATE INDEX feedback_ratings_by_reviewer ON feedback_ratings (community, reviewer, score);

-- A row means the member turned that kind of prompt off: review asks, or "was this helpful?".
CREATE TABLE feedback_optouts (
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('asks', 'helpful')),
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, kind)
) STRICT;
