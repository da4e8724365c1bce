-- Hand-off briefings (issue 30): one row per change of a rotation's primary (the regular hand-off,
-- an override's start or end), inserted once whoever finds it first, so the briefing goes out once
-- across restarts and replicas. `due_at` is NULL once the briefing was sent (or given up, when
-- more than a day late); leased like other timed work.
CREATE TABLE handoffs (
  id          INTEGER PRIMARY KEY,
  rotation    TEXT NOT NULL,
  at          INTEGER NOT NULL,
  outgoing    TEXT,
  incoming    TEXT NOT NULL,
  since       INTEGER NOT NULL,
  due_at      INTEGER,
  sent_at     INTEGER,
  lease_until INTEGER,
  lease_owner TEXT,
  UNIQUE (rotation, at)
);
CREATE INDEX handoffs_due ON handoffs (due_at);
