-- Rules (issue 29): each firing of a rule, once per (rule, incident, occurrence). A firing is
-- written in the transaction of the change that triggers it (or by the scheduler, for the timed
-- triggers) with the actions decided then (`actions`, JSON); the timed job works through them in
-- order, `next_action` being the first not yet done, so a restart or a replica taking over goes on
-- from there. `due_at` is NULL once every action is done or given up. Leased like other timed work.
CREATE TABLE rule_firings (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  rule_name   TEXT NOT NULL,
  occurrence  TEXT NOT NULL,
  actions     TEXT NOT NULL,
  next_action INTEGER NOT NULL DEFAULT 0,
  attempts    INTEGER NOT NULL DEFAULT 0,
  fired_at    INTEGER NOT NULL,
  due_at      INTEGER,
  done_at     INTEGER,
  lease_until INTEGER,
  lease_owner TEXT,
  UNIQUE (rule_name, incident_id, occurrence)
);
CREATE INDEX rule_firings_due ON rule_firings (due_at);
CREATE INDEX rule_firings_incident ON rule_firings (incident_id, id);
