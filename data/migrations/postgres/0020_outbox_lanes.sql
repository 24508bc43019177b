-- Lanes per Slack workspace and fairness by community (twin of sqlite/0020_outbox_lanes.sql): a lane claims the
-- due items of one community at a time, so the claim looks rows up by community first.
CREATE INDEX outbox_community_due ON outbox (community, status, priority, not_before);
