-- Events out. Each event is written here, once per receiver it is for, in the same transaction as
-- the change it reports, and sent afterwards: at least once, in id order per receiver and
-- incident. A row stays 'pending' until the receiver takes it ('delivered') or it is given up
-- ('failed': retried past its receiver's giveUpAfter, or answered 410 Gone).
CREATE TABLE webhook_outbox (
  id            INTEGER PRIMARY KEY,
  event_id      TEXT NOT NULL,           -- the event's id in the body; the same for every receiver and retry
  url           TEXT NOT NULL,           -- the receiver, as the policy names it
  incident_id   INTEGER NOT NULL REFERENCES incidents (id),
  type          TEXT NOT NULL,           -- incident.declared, followup.done, ...
  body          TEXT NOT NULL,           -- the JSON sent, fixed when the change was made
  state         TEXT NOT NULL DEFAULT 'pending',
  attempts      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  since         INTEGER NOT NULL,        -- when retrying started (created_at, or a manual retry): giveUpAfter counts from it
  next_at       INTEGER NOT NULL,        -- the next attempt, or the end of the current attempt's lease
  last_error    TEXT,                    -- 'HTTP 500', 'timeout', 'connection refused': never a body
  done_at       INTEGER,
  UNIQUE (event_id, url)
);

-- The head of each receiver's queue per incident, and the due heads.
CREATE INDEX webhook_outbox_queue ON webhook_outbox (url, incident_id, id) WHERE state = 'pending';
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_at) WHERE state = 'pending';
CREATE INDEX webhook_outbox_failed ON webhook_outbox (id) WHERE state = 'failed';
