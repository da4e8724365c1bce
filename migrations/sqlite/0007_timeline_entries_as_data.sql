-- Timeline entries become data: each kind's details live in `data` (ids, statuses, old and new
-- values, and text people wrote as they wrote it), and Commander renders every surface from them.
-- The `text` column stays, written as one line of Slack text for people and tools that read the
-- database directly. Rows written before this migration get the data their sentences held.

UPDATE timeline SET data = '{}' WHERE data IS NULL;

UPDATE timeline SET data = json_insert(data,
    '$.title', (SELECT title FROM incidents WHERE incidents.id = timeline.incident_id),
    '$.severity', (SELECT severity FROM incidents WHERE incidents.id = timeline.incident_id),
    '$.commanderId', (SELECT declared_by FROM incidents WHERE incidents.id = timeline.incident_id),
    '$.impact', '',
    '$.private', json('false'))
  WHERE kind = 'declared';

UPDATE timeline SET data = json_insert(data,
    '$.summary', COALESCE(
      (SELECT summary FROM status_updates WHERE status_updates.id = json_extract(timeline.data, '$.updateId')),
      substr(text, instr(text, ': ') + 2)),
    '$.impact', '',
    '$.nextSteps', '')
  WHERE kind = 'status_update';

UPDATE timeline SET data = json_insert(data, '$.resolution', substr(text, instr(text, ': ') + 2), '$.rootCause', NULL)
  WHERE kind = 'resolved';

UPDATE timeline SET data = json_insert(data, '$.reason', '') WHERE kind IN ('severity_changed', 'reopened');

-- "Scribe: <@U1> (was <@U2>)": the role's name is what came before the colon.
UPDATE timeline SET data = json_insert(data, '$.roleName', substr(text, 1, instr(text, ': ') - 1)) WHERE kind = 'role_assigned';

UPDATE timeline SET data = json_insert(data, '$.code', 'unknown') WHERE kind IN ('archive_failed', 'reminder_failed', 'escalation_failed');

-- How long the incident had gone without an update when the reminder went out: since the last
-- update, reopening or the declaration before it, which is what set last_update_at then.
UPDATE timeline SET data = json_insert(data, '$.sinceLastUpdate', timeline.at - MAX(
    (SELECT declared_at FROM incidents WHERE incidents.id = timeline.incident_id),
    COALESCE((SELECT MAX(posted_at) FROM status_updates s WHERE s.incident_id = timeline.incident_id AND s.posted_at <= timeline.at), 0),
    COALESCE((SELECT MAX(r.at) FROM timeline r WHERE r.incident_id = timeline.incident_id AND r.kind = 'reopened' AND r.at <= timeline.at), 0)))
  WHERE kind = 'reminder_sent';

-- Escalations recorded before there were levels went to the escalateTo contacts (see 0005).
UPDATE timeline SET data = json_insert(data, '$.level', 'manager', '$.users', json('[]'), '$.usergroup', NULL, '$.missed', 0)
  WHERE kind IN ('escalated', 'escalation_failed');

-- What people wrote stays as the chat platform delivered it; it is read again when shown.
UPDATE timeline SET data = json_insert(data, '$.source', text) WHERE kind IN ('note', 'message');

UPDATE timeline SET data = json_insert(data, '$.text', COALESCE(
    (SELECT text FROM followups WHERE followups.id = json_extract(timeline.data, '$.followupId')), ''))
  WHERE kind IN ('followup_added', 'followup_done');
