-- The sending rate each outbox lane learned from the platform (messages per second), so a restart, or another
-- process sending to the same workspace, starts from what the platform accepted instead of from scratch.
CREATE TABLE send_rates (
  lane        TEXT    NOT NULL PRIMARY KEY,
  rate        REAL    NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
