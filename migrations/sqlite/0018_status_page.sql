-- The public status page (issue 27): only what was published, copied out of the incident at the
-- moment it was published, so the page never reads an incident, its updates or its timeline.
-- Public ids are random (never the incident number, which would tell how many incidents, private
-- ones included, there were).
CREATE TABLE status_incidents (
  public_id     TEXT PRIMARY KEY,
  incident_id   INTEGER NOT NULL UNIQUE REFERENCES incidents (id),
  name          TEXT NOT NULL,
  status        TEXT NOT NULL,
  impact        TEXT NOT NULL,
  drill         INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  monitoring_at INTEGER,
  resolved_at   INTEGER
);
-- Each publication: its public text and what it did to each component (JSON: [{code, name,
-- old_status, new_status}]). `id` orders publications made in the same millisecond.
CREATE TABLE status_publications (
  id                 INTEGER PRIMARY KEY,
  public_id          TEXT NOT NULL UNIQUE,
  incident_public_id TEXT NOT NULL REFERENCES status_incidents (public_id),
  status             TEXT NOT NULL,
  body               TEXT NOT NULL,
  affected           TEXT NOT NULL,
  at                 INTEGER NOT NULL
);
CREATE INDEX status_publications_by_incident ON status_publications (incident_public_id, at);
-- Maintenance windows; `next_at` is when the timed job next has something to do (start or end),
-- leased like other timed work.
CREATE TABLE status_maintenances (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  message      TEXT NOT NULL,
  components   TEXT NOT NULL,
  starts_at    INTEGER NOT NULL,
  ends_at      INTEGER NOT NULL,
  state        TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  next_at      INTEGER,
  lease_until  INTEGER,
  lease_owner  TEXT
);
CREATE INDEX status_maintenances_due ON status_maintenances (next_at);
-- Components (the catalog's public services), from when the page first knew them: days before
-- are "no data" in uptime.
CREATE TABLE status_components (
  id         TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
-- What each source (an incident's publications, a maintenance window) says of a component now;
-- the component's status is the worst of them.
CREATE TABLE status_component_claims (
  component_id TEXT NOT NULL,
  source       TEXT NOT NULL,
  status       TEXT NOT NULL,
  PRIMARY KEY (component_id, source)
);
-- Every change of a component's status, for uptime.
CREATE TABLE status_component_history (
  id           INTEGER PRIMARY KEY,
  component_id TEXT NOT NULL,
  status       TEXT NOT NULL,
  at           INTEGER NOT NULL
);
CREATE INDEX status_component_history_by_component ON status_component_history (component_id, at);
-- One row (made by the first change): bumped by every change to the page, so a replica sees
-- another's publication cheaply.
CREATE TABLE status_page_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
