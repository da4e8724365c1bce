-- Status-update reminders: one row per incident. The scheduler asks for rows whose due_at has
-- passed (an indexed range scan), so a tick costs what is due, not what is open.

CREATE TABLE reminders (
  incident_id    INTEGER PRIMARY KEY REFERENCES incidents (id),
  due_at         INTEGER,                 -- UTC ms of the next reminder; NULL when none is planned
  missed         INTEGER NOT NULL DEFAULT 0, -- reminders sent since the last update or snooze
  escalated_at   INTEGER,                 -- set once the current streak has been escalated
  last_sent_at   INTEGER,
  failures       INTEGER NOT NULL DEFAULT 0, -- consecutive failed sends, for backoff
  last_error     TEXT
);

CREATE INDEX reminders_due ON reminders (due_at) WHERE due_at IS NOT NULL;
