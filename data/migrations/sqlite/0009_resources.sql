-- Shared resources: the community's rooms, machines and tools (bookable for a time slot, lendable to take away, or
-- both), their bookings, loans with a waitlist, who is trained on what, and members' asks for things nobody listed.
-- Instants are integer epoch milliseconds (UTC), as in 0001. Every table carries the community; every query filters
-- by it, and every write that names a resource or an ask first finds it in the same community.

-- The integer id is shown on cards; members name a resource by its name, unique per community whatever its case
-- (`name_key` is the name folded for comparison), so the database refuses a second "risograph" even from two racing
-- `/resource add`. `owner_user_id` is NULL for the community's own things (kept by whoever added them).
CREATE TABLE resources (
  id                 INTEGER PRIMARY KEY,
  community          TEXT    NOT NULL,
  name               TEXT    NOT NULL,
  name_key           TEXT    NOT NULL,
  kind               TEXT    NOT NULL CHECK (kind IN ('space', 'equipment', 'tool', 'book', 'other')),
  location           TEXT,
  description        TEXT,
  bookable           INTEGER NOT NULL CHECK (bookable IN (0, 1)),
  lendable           INTEGER NOT NULL CHECK (lendable IN (0, 1)),
  owner_user_id      TEXT,
  training_required  INTEGER NOT NULL DEFAULT 0 CHECK (training_required IN (0, 1)),
  created_by         TEXT,
  created_at         INTEGER NOT NULL,
  -- Where the card was posted (its message is saved in message_refs as `resource-card:<id>`).
  card_channel_id    TEXT,
  -- Bumped at each card update: the outbox key of an update must differ from the previous one.
  card_version       INTEGER NOT NULL DEFAULT 0,
  CHECK (bookable = 1 OR lendable = 1),
  UNIQUE (community, name_key)
) STRICT;

CREATE INDEX resources_by_owner ON resources (community, owner_user_id);
CREATE INDEX resources_by_age ON resources (community, created_at);

-- A time slot of a bookable resource. Two `booked` rows of one resource never overlap: the store decides inside
-- the unit of work, which is serializable (SQLite: one writer at a time; PostgreSQL: SERIALIZABLE, retried), since
-- an exclusion constraint is PostgreSQL-only. The partial unique index is a portable backstop for the commonest race,
-- two members pressing the same slot. Bookings are at most 14 days long, which bounds the overlap search.
CREATE TABLE resource_bookings (
  id           INTEGER PRIMARY KEY,
  community    TEXT    NOT NULL,
  resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  user_id      TEXT    NOT NULL,
  starts_at    INTEGER NOT NULL,
  ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at),
  status       TEXT    NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
  -- Set when the reminder before the slot was queued: it goes out once.
  reminded_at  INTEGER,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX resource_bookings_by_resource ON resource_bookings (community, resource_id, status, starts_at);
CREATE INDEX resource_bookings_by_start ON resource_bookings (community, status, starts_at);
CREATE INDEX resource_bookings_by_user ON resource_bookings (community, user_id, status);
CREATE UNIQUE INDEX resource_bookings_one_start ON resource_bookings (resource_id, starts_at) WHERE status = 'booked';

-- Borrowing a lendable resource. The queue of one resource is its open loans in id order: at most one at its head
-- (`requested`: the keeper is asked; `lent`: it is out), the rest `waiting`. The partial unique indexes let the
-- database refuse a second head and a second open loan of one member.
CREATE TABLE resource_loans (
  id              INTEGER PRIMARY KEY,
  community       TEXT    NOT NULL,
  resource_id     INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  borrower        TEXT    NOT NULL,
  status          TEXT    NOT NULL
                    CHECK (status IN ('waiting', 'requested', 'lent', 'returned', 'declined', 'cancelled')),
  -- What the borrower asked for (`until:`); the due date is fixed when the keeper lends it.
  wanted_until    INTEGER,
  requested_at    INTEGER NOT NULL,
  lent_at         INTEGER,
  due_at          INTEGER,
  closed_at       INTEGER,
  -- Due and overdue reminders queued so far (at most three) and the last one's time (at most one a day).
  reminders_sent  INTEGER NOT NULL DEFAULT 0,
  reminded_at     INTEGER,
  CHECK (status <> 'lent' OR due_at IS NOT NULL)
) STRICT;

CREATE INDEX resource_loans_by_resource ON resource_loans (community, resource_id, status);
CREATE INDEX resource_loans_by_borrower ON resource_loans (community, borrower, status);
CREATE INDEX resource_loans_due ON resource_loans (community, status, due_at);
CREATE UNIQUE INDEX resource_loans_one_head ON resource_loans (resource_id) WHERE status IN ('requested', 'lent');
CREATE UNIQUE INDEX resource_loans_one_open ON resource_loans (resource_id, borrower)
  WHERE status IN ('waiting', 'requested', 'lent');

-- Who may book or borrow a resource that needs training.
CREATE TABLE resource_trainings (
  community    TEXT    NOT NULL,
  resource_id  INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  user_id      TEXT    NOT NULL,
  trained_by   TEXT,
  trained_at   INTEGER NOT NULL,
  PRIMARY KEY (resource_id, user_id)
) STRICT;

CREATE INDEX resource_trainings_by_user ON resource_trainings (community, user_id);

-- "Does anyone have a tripod?": `open` while the members asked may answer, `found` once one said yes, `posted` once
-- offered in the feedback channel, `closed` when nobody could be asked and there was nowhere to post.
CREATE TABLE resource_asks (
  id          INTEGER PRIMARY KEY,
  community   TEXT    NOT NULL,
  asker       TEXT    NOT NULL,
  what        TEXT    NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'found', 'posted', 'closed')),
  helper      TEXT,
  created_at  INTEGER NOT NULL,
  closed_at   INTEGER
) STRICT;

CREATE INDEX resource_asks_by_status ON resource_asks (community, status, created_at);
CREATE INDEX resource_asks_by_asker ON resource_asks (community, asker);

-- Each member asked, and their answer. Their asks (open and recent) spread the load, as for feedback reviewers.
CREATE TABLE resource_ask_replies (
  community    TEXT    NOT NULL,
  ask_id       INTEGER NOT NULL REFERENCES resource_asks (id) ON DELETE CASCADE,
  user_id      TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('asked', 'yes', 'no', 'closed')),
  asked_at     INTEGER NOT NULL,
  answered_at  INTEGER,
  PRIMARY KEY (ask_id, user_id)
) STRICT;

CREATE INDEX resource_ask_replies_by_user ON resource_ask_replies (community, user_id, asked_at);
