-- Which process drains each outbox lane (issue 14): one at a time per Slack workspace or Discord bot, so the rate a
-- lane learns and stores is the workspace's, not one process's share of it. A lease a dead process left runs out.
CREATE TABLE lane_leases (
  lane         TEXT    NOT NULL PRIMARY KEY,
  holder       TEXT    NOT NULL,
  lease_until  INTEGER NOT NULL
) STRICT;
