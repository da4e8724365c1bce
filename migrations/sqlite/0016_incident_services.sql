-- The services an incident hurts (issue 26): ids of the catalog's services (the policy's
-- `services:`), added at declaration or later. A removed service's row is deleted; its addition and
-- removal stay on the timeline. The first migration numbered in lockstep with PostgreSQL's.
CREATE TABLE incident_services (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  service_id  TEXT NOT NULL,
  added_at    INTEGER NOT NULL,
  added_by    TEXT,
  PRIMARY KEY (incident_id, service_id)
);
CREATE INDEX incident_services_by_service ON incident_services (service_id, incident_id);
