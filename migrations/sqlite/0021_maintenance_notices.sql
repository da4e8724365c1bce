-- Maintenance windows from Slack (issue 27): who scheduled a window and who cancelled or ended it
-- early, its confirmation message in the announcement channel (channel and ts, so the timed job can
-- update it), and `told`: the last state announced there. A state not yet told keeps the row due
-- (next_at) until the announcement went out, so a restart or another replica finishes it.
ALTER TABLE status_maintenances ADD COLUMN created_by TEXT;
ALTER TABLE status_maintenances ADD COLUMN closed_by TEXT;
ALTER TABLE status_maintenances ADD COLUMN notice_channel TEXT;
ALTER TABLE status_maintenances ADD COLUMN notice_ts TEXT;
ALTER TABLE status_maintenances ADD COLUMN told TEXT;
-- The form that made it (Slack's view id): a submission delivered twice makes one window.
ALTER TABLE status_maintenances ADD COLUMN form_key TEXT;
CREATE UNIQUE INDEX status_maintenances_form_key ON status_maintenances (form_key);
-- Windows made before had nothing to announce.
UPDATE status_maintenances SET told = state;
