-- Lanes per Slack workspace and fairness by community (issue 14): each lane claims the due items of one community
-- at a time, so the claim looks rows up by community first instead of walking every due row of the platform.
CREATE INDEX outbox_community_due ON outbox (community, status, priority, not_before);
