-- Incidents, their status updates and their timeline. Times are UTC epoch milliseconds.

CREATE TABLE incidents (
  id                  INTEGER PRIMARY KEY,          -- the incident number users see (#12)
  declare_key         TEXT NOT NULL UNIQUE,         -- idempotency key of the declaring request (modal view id)
  title               TEXT NOT NULL,
  severity            TEXT NOT NULL,
  status              TEXT NOT NULL,
  impact              TEXT NOT NULL DEFAULT '',
  commander_id        TEXT NOT NULL,
  declared_by         TEXT NOT NULL,
  declared_at         INTEGER NOT NULL,
  resolved_at         INTEGER,
  resolution          TEXT,
  root_cause          TEXT,
  last_update_at      INTEGER,
  -- Slack side of the incident, filled in step by step so an interrupted declaration can resume.
  channel_id          TEXT UNIQUE,
  channel_name        TEXT,
  kickoff_ts          TEXT,
  announcement_ts     TEXT,
  setup_done_at       INTEGER,                      -- every set-up step below has succeeded
  source_view_id      TEXT                          -- the declare modal, to report the outcome into it
);

-- Slack set-up steps of a declaration (channel, invite, topic, kickoff, pin, announce) that are done,
-- so a retry or a restart finishes the rest without repeating them.
CREATE TABLE incident_steps (
  incident_id   INTEGER NOT NULL REFERENCES incidents (id),
  step          TEXT NOT NULL,
  done_at       INTEGER NOT NULL,
  PRIMARY KEY (incident_id, step)
) WITHOUT ROWID;

CREATE INDEX incidents_open ON incidents (resolved_at);
CREATE INDEX incidents_setup_pending ON incidents (setup_done_at) WHERE setup_done_at IS NULL;

CREATE TABLE status_updates (
  id            INTEGER PRIMARY KEY,
  incident_id   INTEGER NOT NULL REFERENCES incidents (id),
  request_key   TEXT NOT NULL UNIQUE,                 -- idempotency key (modal view id)
  status        TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  impact        TEXT NOT NULL DEFAULT '',
  next_steps    TEXT NOT NULL DEFAULT '',
  author_id     TEXT NOT NULL,
  posted_at     INTEGER NOT NULL,
  message_ts    TEXT,                                 -- set once the channel post succeeded
  mirror_ts     TEXT                                  -- set once mirrored to the announcement channel
);

CREATE INDEX status_updates_incident ON status_updates (incident_id, posted_at);

CREATE TABLE timeline (
  id            INTEGER PRIMARY KEY,
  incident_id   INTEGER NOT NULL REFERENCES incidents (id),
  at            INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  actor_id      TEXT,
  text          TEXT NOT NULL DEFAULT '',
  data          TEXT                                  -- JSON with the entry's details
);

CREATE INDEX timeline_incident ON timeline (incident_id, id);
