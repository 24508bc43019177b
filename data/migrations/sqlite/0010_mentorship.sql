-- Mentorship: mentors' offers (skills, how many mentees at once, paused), mentees' requests and the mentors asked
-- for each, mentorships with their check-ins and closing answers. Instants are epoch milliseconds (UTC); every row
-- carries its community.

CREATE TABLE mentor_offers (
  community   TEXT    NOT NULL,
  user_id     TEXT    NOT NULL,
  capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 5),
  note        TEXT,
  paused      INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (community, user_id)
) STRICT;

-- The skills a mentor mentors, canonical (the shared vocabulary) with the term they typed, in their order.
CREATE TABLE mentor_skills (
  community  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL,
  skill      TEXT    NOT NULL,
  term       TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  PRIMARY KEY (community, user_id, skill)
) STRICT;

CREATE TABLE mentor_requests (
  id          INTEGER PRIMARY KEY,
  community   TEXT    NOT NULL,
  mentee_id   TEXT    NOT NULL,
  skill       TEXT    NOT NULL,
  term        TEXT    NOT NULL,
  about       TEXT    NOT NULL,
  goal        TEXT,
  -- pending: a mentor is asked; waiting: nobody is, the mentor round will look; matched; withdrawn.
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'waiting', 'matched', 'withdrawn')),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

-- One open request per mentee: when two arrive at once, the database decides.
CREATE UNIQUE INDEX mentor_requests_one_open ON mentor_requests (community, mentee_id)
  WHERE status IN ('pending', 'waiting');
-- The mentor round's queue, oldest first.
CREATE INDEX mentor_requests_by_status ON mentor_requests (community, status, created_at);

CREATE TABLE mentor_asks (
  community    TEXT    NOT NULL,
  request_id   INTEGER NOT NULL REFERENCES mentor_requests (id) ON DELETE CASCADE,
  mentor_id    TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('asked', 'accepted', 'declined', 'timed_out', 'withdrawn')),
  -- 1: the mentor round chose this mentor; 0: the mentee did.
  via_round    INTEGER NOT NULL DEFAULT 0 CHECK (via_round IN (0, 1)),
  asked_at     INTEGER NOT NULL,
  answered_at  INTEGER,
  PRIMARY KEY (request_id, mentor_id)
) STRICT;

-- A request waits on one mentor at a time.
CREATE UNIQUE INDEX mentor_asks_one_waiting ON mentor_asks (request_id) WHERE status = 'asked';
-- A mentor's pending asks (load, status) and the timeout scan.
CREATE INDEX mentor_asks_by_mentor ON mentor_asks (community, mentor_id, status);
CREATE INDEX mentor_asks_by_status ON mentor_asks (community, status, asked_at);

CREATE TABLE mentorships (
  id                INTEGER PRIMARY KEY,
  community         TEXT    NOT NULL,
  mentor_id         TEXT    NOT NULL,
  -- Emptied (with about and goal) when the mentee is forgotten, so the mentor's completed count survives.
  mentee_id         TEXT    NOT NULL,
  skill             TEXT    NOT NULL,
  term              TEXT    NOT NULL,
  about             TEXT    NOT NULL,
  goal              TEXT,
  -- Which of the mentor's places (1..capacity) an active mentorship holds: see mentorships_place.
  slot              INTEGER NOT NULL,
  status            TEXT    NOT NULL CHECK (status IN ('active', 'completed', 'stopped')),
  started_at        INTEGER NOT NULL,
  -- The natural end (12 weeks after the start), when both get the closing question.
  ends_at           INTEGER NOT NULL,
  next_check_in_at  INTEGER,
  check_ins         INTEGER NOT NULL DEFAULT 0,
  ended_at          INTEGER
) STRICT;

-- Two accepts racing for a mentor's last place cannot both take it, and a pair has one active mentorship.
CREATE UNIQUE INDEX mentorships_place ON mentorships (community, mentor_id, slot) WHERE status = 'active';
CREATE UNIQUE INDEX mentorships_one_per_pair ON mentorships (community, mentor_id, mentee_id)
  WHERE status = 'active';
CREATE INDEX mentorships_by_mentor ON mentorships (community, mentor_id, status);
CREATE INDEX mentorships_by_mentee ON mentorships (community, mentee_id, status);
-- The check-in scan.
CREATE INDEX mentorships_due ON mentorships (community, status, next_check_in_at);

-- One answer per member per check-in ("How is it going?").
CREATE TABLE mentor_check_ins (
  community      TEXT    NOT NULL,
  mentorship_id  INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  user_id        TEXT    NOT NULL,
  answer         TEXT    NOT NULL CHECK (answer IN ('going', 'stuck', 'wrap')),
  answered_at    INTEGER NOT NULL,
  PRIMARY KEY (mentorship_id, seq, user_id)
) STRICT;

-- The closing question's answers ("What did you take away?"); the mentee's reaches the mentor.
CREATE TABLE mentor_closings (
  community      TEXT    NOT NULL,
  mentorship_id  INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE CASCADE,
  user_id        TEXT    NOT NULL,
  takeaway       TEXT    NOT NULL,
  answered_at    INTEGER NOT NULL,
  PRIMARY KEY (mentorship_id, user_id)
) STRICT;
