-- The notices notify routes post, one row each, written in the transaction that records their
-- alerts as seen (so a repeat of the alert adds none). The post comes after the commit: a Slack
-- outage or a crash in between leaves the row due, and it is tried again until it is posted, once
-- (the post's metadata names the row, so an attempt after a lost answer finds the post).
CREATE TABLE alert_notices (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,           -- the policy's source name
  notice        TEXT NOT NULL,           -- what the post shows (channel, title, severity, ...), as JSON
  created_at    INTEGER NOT NULL,
  due_at        INTEGER,                 -- the next attempt; NULL once posted or given up
  attempts      INTEGER NOT NULL DEFAULT 0, -- failed attempts so far
  posted_at     INTEGER,
  lease_until   INTEGER,
  lease_owner   TEXT
);

CREATE INDEX alert_notices_due ON alert_notices (due_at) WHERE due_at IS NOT NULL;
