-- Invitations to host a meetup (PostgreSQL twin of sqlite/0015_meetup_host_invites.sql).
CREATE TABLE meetup_host_invites (
  community   TEXT    NOT NULL,
  meetup_id   BIGINT  NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
  user_id     TEXT    NOT NULL,
  invited_by  TEXT    NOT NULL,
  invited_at  BIGINT  NOT NULL,
  PRIMARY KEY (community, meetup_id)
);

CREATE INDEX meetup_host_invites_by_user ON meetup_host_invites (community, user_id);
