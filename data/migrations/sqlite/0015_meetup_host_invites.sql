-- A member named as a meetup's host by another member (not a manager) is asked first: the creator stays the host,
-- and the card names no one else, until the named member accepts. One open invitation per meetup; answering it
-- (or the meetup being deleted) removes it.
CREATE TABLE meetup_host_invites (
  community   TEXT    NOT NULL,
  meetup_id   INTEGER NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
  user_id     TEXT    NOT NULL,
  invited_by  TEXT    NOT NULL,
  invited_at  INTEGER NOT NULL,
  PRIMARY KEY (community, meetup_id)
) STRICT;

CREATE INDEX meetup_host_invites_by_user ON meetup_host_invites (community, user_id);
