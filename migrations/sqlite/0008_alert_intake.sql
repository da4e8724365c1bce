-- Alerts in. Every accepted notification is stored before the sender gets its 202, and worked
-- through afterwards in id order; processed_at stays NULL until it is done, so a restart picks
-- up where the last run stopped.
CREATE TABLE alert_notifications (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,           -- the policy's source name
  kind          TEXT NOT NULL,           -- alertmanager | grafana | generic
  received_at   INTEGER NOT NULL,
  notification  TEXT NOT NULL,           -- the validated notification, as JSON
  processed_at  INTEGER,
  outcome       TEXT                     -- declared, attached, repeat, resolved_note, notified, dropped, ...
);

CREATE INDEX alert_notifications_pending ON alert_notifications (id) WHERE processed_at IS NULL;

-- One row per alert group and source: the incident (or notify post) its current episode led to.
-- A group whose incident was resolved starts a new episode, and so a new incident, when it fires again.
CREATE TABLE alert_groups (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,
  group_key     TEXT NOT NULL,
  episode       INTEGER NOT NULL DEFAULT 1,
  declare_key   TEXT,                    -- the declaration's idempotency key for this episode
  incident_id   INTEGER REFERENCES incidents (id),
  UNIQUE (source, group_key)
);

-- The alerts seen in a group's episode, by fingerprint, and whether each was last firing or resolved:
-- a repeat changes nothing, a new fingerprint or a change of status is recorded once.
CREATE TABLE alert_fingerprints (
  group_id      INTEGER NOT NULL REFERENCES alert_groups (id),
  fingerprint   TEXT NOT NULL,
  status        TEXT NOT NULL,
  PRIMARY KEY (group_id, fingerprint)
);
