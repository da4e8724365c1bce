-- Who wants to know (issue 30): people following an incident, standing subscriptions that follow
-- future incidents for them, and the DMs owed to followers (one per status update, the resolution
-- included), each a leased row so it goes out once across redeliveries, restarts and replicas.
-- A follow that was stopped keeps its row (stopped_at), so a later matching change does not start
-- it again behind the person's back; following by hand clears it.
CREATE TABLE incident_followers (
  incident_id     INTEGER NOT NULL REFERENCES incidents (id),
  user_id         TEXT NOT NULL,
  -- The subscription that made it; NULL: followed by hand (the Follow button, /incident follow).
  subscription_id INTEGER,
  since           INTEGER NOT NULL,
  stopped_at      INTEGER,
  PRIMARY KEY (incident_id, user_id)
);
CREATE INDEX incident_followers_user ON incident_followers (user_id);
CREATE TABLE follow_subscriptions (
  id         INTEGER PRIMARY KEY,
  user_id    TEXT NOT NULL,
  -- 'service' (a catalog service's id) or 'severity' (a severity's id: it and anything more severe).
  field      TEXT NOT NULL,
  value      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (user_id, field, value)
);
CREATE INDEX follow_subscriptions_field ON follow_subscriptions (field, value);
-- A DM owed to a follower: `step` 'update-<id>' about one status update (the resolution is one), or
-- 'followed' when a subscription made them follow an incident just declared or changed. `due_at` is
-- NULL once it was sent or given up (`outcome`: 'sent', 'hidden' when the person may not see the
-- private incident, 'failed').
CREATE TABLE follow_notices (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  update_id   INTEGER REFERENCES status_updates (id),
  step        TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  due_at      INTEGER,
  outcome     TEXT,
  done_at     INTEGER,
  lease_until INTEGER,
  lease_owner TEXT,
  UNIQUE (incident_id, user_id, step)
);
CREATE INDEX follow_notices_due ON follow_notices (due_at);
