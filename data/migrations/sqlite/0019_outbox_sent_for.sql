-- Who made Hallway send each new message (the member whose command or click queued a DM or a post), so one
-- member's sends in the last minute can be counted from the database, across processes, with no write of its own
-- (see src/core/send-budget.ts). Empty for jobs, card edits and managers' actions; cleared by forget-me.
ALTER TABLE outbox ADD COLUMN sent_for TEXT;
CREATE INDEX outbox_sent_for ON outbox (community, sent_for, created_at) WHERE sent_for IS NOT NULL;
