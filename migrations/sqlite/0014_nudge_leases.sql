-- Nudges are timed work like the rest (issue 24): an overdue follow-up's nudge and a resolved
-- incident's postmortem-step nudges are leased (owner, until) by the replica that sends them,
-- instead of claimed by moving their due time. The postmortem's steps are leased per incident.
ALTER TABLE followups ADD COLUMN nudge_lease_until INTEGER;
ALTER TABLE followups ADD COLUMN nudge_lease_owner TEXT;

ALTER TABLE incidents ADD COLUMN nudge_lease_until INTEGER;
ALTER TABLE incidents ADD COLUMN nudge_lease_owner TEXT;
