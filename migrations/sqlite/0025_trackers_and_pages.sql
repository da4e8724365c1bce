-- Where the work continues (issue 31): follow-ups as issues in GitHub, Jira or Linear, and pages
-- through PagerDuty, both sent through leased outbox rows so an outage of either loses nothing.

-- The follow-up's issue as people see it: which tracker, its key (#12, OPS-4, ENG-7), its link and
-- whether the tracker last said it was open or closed.
ALTER TABLE followups ADD COLUMN issue_tracker TEXT;
ALTER TABLE followups ADD COLUMN issue_key TEXT;
ALTER TABLE followups ADD COLUMN issue_url TEXT;
ALTER TABLE followups ADD COLUMN issue_state TEXT;

-- One row per follow-up sent to a tracker: the work of making its issue (retried with backoff, and
-- after a lost answer found again by the marker in its body), then of checking it every syncEvery,
-- and of closing it. `next_at` is when the job next looks at it; NULL once nothing is left to do.
CREATE TABLE tracker_issues (
  followup_id   INTEGER PRIMARY KEY REFERENCES followups (id),
  incident_id   INTEGER NOT NULL REFERENCES incidents (id),
  tracker       TEXT NOT NULL,            -- github | jira | linear
  marker        TEXT NOT NULL,            -- commander-followup:<install>:<followup id>, hidden in the body
  state         TEXT NOT NULL DEFAULT 'create', -- create | open | closed | refused
  ref           TEXT,                     -- the tracker's own id for later calls (number, key, uuid)
  close_wanted  INTEGER NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  since         INTEGER NOT NULL,
  next_at       INTEGER,
  last_error    TEXT,                     -- 'HTTP 503', 'timeout': never a token, never a body
  lease_until   INTEGER,
  lease_owner   TEXT
);
CREATE INDEX tracker_issues_due ON tracker_issues (next_at) WHERE next_at IS NOT NULL;

-- PagerDuty Events API v2 events, one per incident, ladder level and action, so each is sent once;
-- an incident's events for a level go in id order (trigger, acknowledge, resolve). The body is
-- fixed when queued and holds no routing key: that is read from the policy at each attempt.
CREATE TABLE pager_events (
  id            INTEGER PRIMARY KEY,
  incident_id   INTEGER NOT NULL REFERENCES incidents (id),
  level         INTEGER NOT NULL,
  action        TEXT NOT NULL,            -- trigger | acknowledge | resolve
  body          TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'pending', -- pending | sent | failed
  attempts      INTEGER NOT NULL DEFAULT 0,
  since         INTEGER NOT NULL,
  next_at       INTEGER NOT NULL,
  last_error    TEXT,
  done_at       INTEGER,
  lease_until   INTEGER,
  lease_owner   TEXT,
  UNIQUE (incident_id, level, action)
);
CREATE INDEX pager_events_due ON pager_events (next_at) WHERE state = 'pending';
