-- Which process drains each outbox lane (issue 14): one at a time per Slack workspace or Discord bot, so the rate a
-- lane learns and stores is the workspace's, not one process's share of it. A lease a dead process left runs out.
CREATE TABLE lane_leases (
  lane         TEXT    NOT NULL PRIMARY KEY,
  holder       TEXT    NOT NULL,
  lease_until  INTEGER NOT NULL
) STRICT;

-- The processes draining the outbox, each alive until its row says: each takes its share of the due lanes, so a
-- second and third process share a Monday morning instead of the first one awake taking every workspace.
CREATE TABLE lane_holders (
  holder       TEXT    NOT NULL PRIMARY KEY,
  alive_until  INTEGER NOT NULL
) STRICT;
