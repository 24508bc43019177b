-- When each setting last changed (a JSON object: setting name → epoch ms). A scheduled job's occurrence that
-- passed before its schedule said so (or before the community existed) is not caught up: it was never missed.
ALTER TABLE communities ADD COLUMN settings_changed TEXT NOT NULL DEFAULT '{}';
