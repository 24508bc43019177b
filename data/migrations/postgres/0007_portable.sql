-- The outbox's plain target columns, lease and priority (twin of sqlite/0007_portable.sql; `members.id` was
-- created with the table here).

ALTER TABLE outbox ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'dm' CHECK (target_kind IN ('dm', 'post', 'update'));
ALTER TABLE outbox ADD COLUMN target_ref TEXT;
ALTER TABLE outbox ADD COLUMN lease_until BIGINT;
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (platform, status, priority, not_before);
CREATE INDEX outbox_by_target_ref ON outbox (community, target_ref) WHERE target_ref IS NOT NULL;
