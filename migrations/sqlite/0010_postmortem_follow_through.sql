-- After the fire (issue 15).
-- Key times a commander corrected by hand; a key time with no row here is the one Commander
-- recorded (declared, first commander action, first Monitoring update, resolved).
CREATE TABLE incident_key_times (
  incident_id  INTEGER NOT NULL REFERENCES incidents (id),
  key          TEXT NOT NULL,             -- impactStarted | detected | acknowledged | mitigated | resolved
  at           INTEGER NOT NULL,
  PRIMARY KEY (incident_id, key)
);

-- What the postmortem asks for at resolve time: a 2–3 sentence summary and how many users were affected.
ALTER TABLE incidents ADD COLUMN summary TEXT;
ALTER TABLE incidents ADD COLUMN users_affected TEXT;

-- Timeline entries that can be fixed. A removed entry stays, marked (removed_by NULL: the message
-- it recorded was deleted in Slack); every edit keeps what the entry said before in `history`.
ALTER TABLE timeline ADD COLUMN removed_at INTEGER;
ALTER TABLE timeline ADD COLUMN removed_by TEXT;
ALTER TABLE timeline ADD COLUMN history TEXT;               -- JSON: [{ at, data, changedAt, changedBy }]
-- A message edited or deleted in Slack finds its entries (in any incident) by channel and ts.
CREATE INDEX timeline_source_key ON timeline (source_key) WHERE source_key IS NOT NULL;

-- The steps of a required postmortem (report, draft, meeting, actions), each due some time after
-- the resolution. A step not done by its due time nudges the commander once, in their working
-- hours: nudge_at is when the job next looks at it, nudged_at when the nudge went out.
CREATE TABLE postmortem_steps (
  incident_id  INTEGER NOT NULL REFERENCES incidents (id),
  step         TEXT NOT NULL,
  due_at       INTEGER NOT NULL,
  nudge_at     INTEGER,
  nudged_at    INTEGER,
  done_at      INTEGER,
  done_by      TEXT,
  PRIMARY KEY (incident_id, step)
);
CREATE INDEX postmortem_steps_nudge ON postmortem_steps (nudge_at) WHERE nudge_at IS NOT NULL AND done_at IS NULL;

-- Follow-ups get an optional due date. An overdue one nudges its owner once a working day:
-- nudge_at is when the job next looks at it (Snooze a week moves it on a week).
ALTER TABLE followups ADD COLUMN due_at INTEGER;
ALTER TABLE followups ADD COLUMN nudge_at INTEGER;
CREATE INDEX followups_nudge ON followups (nudge_at) WHERE nudge_at IS NOT NULL AND done_at IS NULL;
CREATE INDEX followups_owner ON followups (owner_id) WHERE done_at IS NULL;
