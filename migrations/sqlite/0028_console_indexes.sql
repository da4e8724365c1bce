-- The web console's reads over a long history (issue 28; bench/console.bench.ts). The list's text
-- search looks in each candidate incident's notes: this index holds them with their text, so the
-- search reads no timeline rows. The insights read a few kinds of entry of every incident in a
-- range: this one holds only those, so they are not picked out of the whole timeline.
CREATE INDEX timeline_notes ON timeline (incident_id, text) WHERE kind = 'note' AND removed_at IS NULL;
CREATE INDEX timeline_insight_kinds ON timeline (incident_id, at, id)
  WHERE kind IN ('severity_changed', 'reminder_sent', 'escalated', 'acknowledgement_overdue', 'postmortem_step_done')
  AND removed_at IS NULL;
