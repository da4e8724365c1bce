-- Escalation on the runbooks' clock (issue 14).
-- Who acknowledged the incident first, and when (the postmortem's "acknowledged" key time).
ALTER TABLE incidents ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE incidents ADD COLUMN acknowledged_by TEXT;

-- Snoozes used in the current streak of reminders (reminders.maxSnoozes).
ALTER TABLE reminders ADD COLUMN snoozes INTEGER NOT NULL DEFAULT 0;

-- Every "later" of the escalation clock is a row with a due time, claimed once by the jobs tick:
-- kind 'level' (a ladder level, `level` from 1), 'ack_request' (the DM asking the commander to
-- acknowledge), 'ack_overdue' (acknowledgeWithin passed), 'comms' (commsWithin passed).
-- state: pending → fired | cancelled | skipped. A row fires once, also across restarts.
CREATE TABLE escalation_timers (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  kind        TEXT NOT NULL,
  level       INTEGER NOT NULL DEFAULT 0,
  user_id     TEXT,
  due_at      INTEGER,
  state       TEXT NOT NULL DEFAULT 'pending',
  trigger     TEXT,
  done_at     INTEGER
);

CREATE INDEX escalation_timers_due ON escalation_timers (due_at) WHERE state = 'pending';
CREATE INDEX escalation_timers_incident ON escalation_timers (incident_id, kind, level);
