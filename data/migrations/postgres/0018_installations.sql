-- Slack workspaces that installed the app (OAuth mode). `sealed` is the installation Bolt hands over, bot token
-- included, encrypted with AES-256-GCM under HALLWAY_ENCRYPTION_KEY: a dump of this table reveals no token.
-- `install_key` is the workspace's team id.
CREATE TABLE slack_installations (
  install_key   TEXT    PRIMARY KEY,
  community     TEXT    NOT NULL,
  sealed        TEXT    NOT NULL,
  installed_at  BIGINT  NOT NULL
);
CREATE INDEX slack_installations_by_community ON slack_installations (community);

-- When the app was removed from the community (uninstalled, token revoked, bot kicked from the server): no jobs
-- run for it, and its data is deleted HALLWAY_RETENTION_DAYS later. NULL while the app is there.
ALTER TABLE communities ADD COLUMN left_at BIGINT;
CREATE INDEX communities_by_left ON communities (left_at) WHERE left_at IS NOT NULL;
