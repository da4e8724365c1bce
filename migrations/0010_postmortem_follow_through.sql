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
