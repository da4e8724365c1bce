-- The comms clock (issue 27): SQLite's 0019. An incident on a public component at a severity with
-- statusPage.publishWithin that has published nothing by `due_at` reminds the comms role (else the
-- commander) once. One row per incident; `due_at` is NULL when nothing is pending (published,
-- resolved, no longer public), `reminded_at` set once the reminder went out (it never comes again).
-- Leased like other timed work.
CREATE TABLE comms_clocks (
  incident_id BIGINT PRIMARY KEY REFERENCES incidents (id),
  due_at      BIGINT,
  within_ms   BIGINT NOT NULL,
  reminded_at BIGINT,
  lease_until BIGINT,
  lease_owner TEXT
);
CREATE INDEX comms_clocks_due ON comms_clocks (due_at);
