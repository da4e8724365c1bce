-- The comms clock (issue 27): an incident on a public component at a severity with
-- statusPage.publishWithin that has published nothing by `due_at` reminds the comms role (else the
-- commander) once. One row per incident; `due_at` is NULL when nothing is pending (published,
-- resolved, no longer public), `reminded_at` set once the reminder went out (it never comes again).
-- Leased like other timed work.
CREATE TABLE comms_clocks (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
  due_at      INTEGER,
  within_ms   INTEGER NOT NULL,
  reminded_at INTEGER,
  lease_until INTEGER,
  lease_owner TEXT
);
CREATE INDEX comms_clocks_due ON comms_clocks (due_at);
