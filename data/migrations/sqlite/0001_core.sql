-- Core tables. Every row belongs to one community (`slack:T…`, `discord:…`, `shell:…`); instants are integer
-- epoch milliseconds (UTC); JSON columns hold objects written and parsed by the repositories. Rows do not reference
-- `communities` by foreign key on purpose: a repository works for any community id, and scoping is by the column.

CREATE TABLE communities (
  id          TEXT    PRIMARY KEY,
  settings    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE members (
  community        TEXT    NOT NULL,
  user_id          TEXT    NOT NULL,
  display_name     TEXT    NOT NULL,
  -- display_name folded (NFKC, lower case) by the repository: SQLite's NOCASE only folds ASCII ("Émile").
  name_key         TEXT    NOT NULL,
  joined_at        INTEGER,
  left_at          INTEGER,
  first_seen_at    INTEGER NOT NULL,
  last_active_at   INTEGER NOT NULL,
  dm_unreachable   INTEGER NOT NULL DEFAULT 0 CHECK (dm_unreachable IN (0, 1)),
  dm_notice_shown  INTEGER NOT NULL DEFAULT 0 CHECK (dm_notice_shown IN (0, 1)),
  timezone         TEXT,
  PRIMARY KEY (community, user_id)
) STRICT;

CREATE INDEX members_by_name ON members (community, name_key);
CREATE INDEX members_by_recency ON members (community, last_active_at DESC);

-- One row per (job, community, period) that ran: the primary key is what makes a period run once.
CREATE TABLE job_runs (
  community   TEXT    NOT NULL,
  job         TEXT    NOT NULL,
  period      TEXT    NOT NULL,
  claimed_at  INTEGER NOT NULL,
  PRIMARY KEY (community, job, period)
) STRICT;

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  community   TEXT    NOT NULL,
  platform    TEXT    NOT NULL CHECK (platform IN ('slack', 'discord', 'shell')),
  key         TEXT    NOT NULL,
  target      TEXT    NOT NULL CHECK (json_valid(target)),
  reply       TEXT    NOT NULL CHECK (json_valid(reply)),
  ref         TEXT,
  status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  not_before  INTEGER NOT NULL,
  last_error  TEXT,
  created_at  INTEGER NOT NULL,
  sent_at     INTEGER,
  -- When it was given up on (status failed): kept for operators and pruning.
  failed_at   INTEGER,
  UNIQUE (community, key)
) STRICT;

CREATE INDEX outbox_due ON outbox (platform, status, not_before);
-- An update waits for the post that will save its ref: this finds that post.
CREATE INDEX outbox_by_ref ON outbox (community, ref) WHERE ref IS NOT NULL;

CREATE TABLE message_refs (
  community   TEXT NOT NULL,
  ref         TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  PRIMARY KEY (community, ref)
) STRICT;

CREATE TABLE inbound_events (
  community  TEXT    NOT NULL,
  event_id   TEXT    NOT NULL,
  seen_at    INTEGER NOT NULL,
  PRIMARY KEY (community, event_id)
) STRICT;
