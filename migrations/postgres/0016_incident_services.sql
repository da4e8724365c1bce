-- The services an incident hurts (issue 26): SQLite's 0016, the first migration numbered in lockstep.
CREATE TABLE incident_services (
  incident_id BIGINT NOT NULL REFERENCES incidents (id),
  service_id  TEXT NOT NULL,
  added_at    BIGINT NOT NULL,
  added_by    TEXT,
  PRIMARY KEY (incident_id, service_id)
);
CREATE INDEX incident_services_by_service ON incident_services (service_id, incident_id);
