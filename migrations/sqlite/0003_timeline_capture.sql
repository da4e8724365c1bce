-- Timeline capture (messages added with the shortcut, notes), follow-up actions, and the names
-- of people seen in Slack requests so exports can show readable names without calling Slack.

ALTER TABLE timeline ADD COLUMN source_key TEXT;  -- e.g. "C123:1700000000.000100" for a captured message
CREATE UNIQUE INDEX timeline_source ON timeline (incident_id, source_key) WHERE source_key IS NOT NULL;
-- Timelines are read in time order (captured messages carry their original time).
DROP INDEX timeline_incident;
CREATE INDEX timeline_incident_at ON timeline (incident_id, at, id);

CREATE TABLE followups (
  id            INTEGER PRIMARY KEY,
  incident_id   INTEGER NOT NULL REFERENCES incidents (id),
  request_key   TEXT UNIQUE,                 -- idempotency key of the creating request
  text          TEXT NOT NULL,
  owner_id      TEXT,
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  done_at       INTEGER
);
CREATE INDEX followups_incident ON followups (incident_id, id);

CREATE TABLE people (
  user_id       TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- A message chosen with the shortcut outside an incident channel waits here while the person
-- picks the incident in a modal (the message can be longer than a modal's metadata holds).
CREATE TABLE pending_captures (
  token         TEXT PRIMARY KEY,
  payload       TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;
