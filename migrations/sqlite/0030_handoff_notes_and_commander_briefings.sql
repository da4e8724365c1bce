-- Hand-off notes and new commanders' briefings (issue 30).
-- The outgoing primary is asked for notes an hour before a hand-off: `prompt_due_at` is when, NULL
-- once asked (or given up: the hand-off came first), leased on its own columns apart from the
-- briefing's. `notes` is what they wrote, as typed; `notes_closed_at` is set by the briefing job
-- before it reads them, so notes written after that are refused (and the writer told), never lost.
ALTER TABLE handoffs ADD COLUMN notes TEXT;
ALTER TABLE handoffs ADD COLUMN notes_at INTEGER;
ALTER TABLE handoffs ADD COLUMN notes_closed_at INTEGER;
ALTER TABLE handoffs ADD COLUMN prompt_due_at INTEGER;
ALTER TABLE handoffs ADD COLUMN prompt_sent_at INTEGER;
ALTER TABLE handoffs ADD COLUMN prompt_lease_until INTEGER;
ALTER TABLE handoffs ADD COLUMN prompt_lease_owner TEXT;
CREATE INDEX handoffs_prompt_due ON handoffs (prompt_due_at);

-- A new commander's briefing: one row per change of commander, written in the transaction that
-- changed it, so a restart or a replica sends it once; `due_at` NULL once sent (or given up).
CREATE TABLE commander_briefings (
  id           INTEGER PRIMARY KEY,
  incident_id  INTEGER NOT NULL REFERENCES incidents (id),
  commander_id TEXT NOT NULL,
  assigned_at  INTEGER NOT NULL,
  due_at       INTEGER,
  sent_at      INTEGER,
  lease_until  INTEGER,
  lease_owner  TEXT,
  UNIQUE (incident_id, assigned_at, commander_id)
);
CREATE INDEX commander_briefings_due ON commander_briefings (due_at);
