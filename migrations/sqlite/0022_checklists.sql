-- Checklists (issue 29): the lists attached to each incident, their items, and the one message in
-- the incident channel that shows them. A list is attached at most once per incident (the primary
-- key: two replicas attaching at once make one row, the other's transaction runs again and finds
-- it). Items are copied from the policy when attached, so a later policy change never rewrites an
-- incident's list; ad-hoc items (`/incident task add`) have list_id '' and their command's key.
CREATE TABLE incident_checklists (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  list_id     TEXT NOT NULL,
  title       TEXT NOT NULL,
  -- 'warn' or 'refuse': what resolving with a required item unticked does.
  on_resolve  TEXT NOT NULL,
  attached_at INTEGER NOT NULL,
  attached_by TEXT,
  PRIMARY KEY (incident_id, list_id)
);
CREATE TABLE checklist_items (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  list_id     TEXT NOT NULL,
  place       INTEGER NOT NULL,
  text        TEXT NOT NULL,
  link        TEXT,
  role        TEXT,
  owner_id    TEXT,
  required    INTEGER NOT NULL DEFAULT 0,
  added_by    TEXT,
  request_key TEXT UNIQUE,
  ticked_at   INTEGER,
  ticked_by   TEXT,
  UNIQUE (incident_id, list_id, place)
);
-- The checklist message: `due_at` set when what it shows changed and it is not yet brought up to
-- date; `revision` counts those changes, so a refresh that read an older one leaves it due. Leased
-- like other timed work.
CREATE TABLE checklist_messages (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
  message_ts  TEXT,
  due_at      INTEGER,
  revision    INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  lease_owner TEXT
);
CREATE INDEX checklist_messages_due ON checklist_messages (due_at);
