-- Jobs that write in batches (PostgreSQL twin of sqlite/0016_resumable_jobs.sql): a period is claimed `running`
-- under a lease first, batch after batch commits, and the period is `done` with the last one. `done_at` NULL =
-- running, held by `owner` until `lease_until` (renewed by each batch); once the lease runs out (its process died),
-- the next tick takes the period over and resumes it. Every period claimed before this migration ran in one
-- transaction: done.
ALTER TABLE job_runs ADD COLUMN done_at BIGINT;
ALTER TABLE job_runs ADD COLUMN owner TEXT;
ALTER TABLE job_runs ADD COLUMN lease_until BIGINT;
UPDATE job_runs SET done_at = claimed_at;
