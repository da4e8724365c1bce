-- Memory (issue 30): a full-text index over each incident's words, and links between incidents.
--
-- The index is one FTS5 row per incident (rowid = incident id): its title, what was written about
-- it (impact, summary, root cause, resolution) and the words of its notes, captured messages and
-- status updates. Triggers rebuild an incident's row whenever one of those is written, so no
-- repository has to remember to; the last statement builds it for the incidents already stored.
CREATE VIRTUAL TABLE incident_search USING fts5 (title, body, notes, tokenize = 'porter unicode61');

CREATE TRIGGER incident_search_declared AFTER INSERT ON incidents BEGIN
  INSERT INTO incident_search (rowid, title, body, notes)
  SELECT i.id, i.title,
    i.impact || ' ' || COALESCE(i.summary, '') || ' ' || COALESCE(i.root_cause, '') || ' ' || COALESCE(i.resolution, ''),
    COALESCE((SELECT group_concat(t.text, ' ') FROM timeline t WHERE t.incident_id = i.id
      AND t.kind IN ('note', 'message', 'status_update') AND t.removed_at IS NULL), '')
  FROM incidents i WHERE i.id = NEW.id;
END;

CREATE TRIGGER incident_search_changed AFTER UPDATE OF title, impact, summary, root_cause, resolution ON incidents BEGIN
  DELETE FROM incident_search WHERE rowid = NEW.id;
  INSERT INTO incident_search (rowid, title, body, notes)
  SELECT i.id, i.title,
    i.impact || ' ' || COALESCE(i.summary, '') || ' ' || COALESCE(i.root_cause, '') || ' ' || COALESCE(i.resolution, ''),
    COALESCE((SELECT group_concat(t.text, ' ') FROM timeline t WHERE t.incident_id = i.id
      AND t.kind IN ('note', 'message', 'status_update') AND t.removed_at IS NULL), '')
  FROM incidents i WHERE i.id = NEW.id;
END;

CREATE TRIGGER incident_search_entry AFTER INSERT ON timeline
WHEN NEW.kind IN ('note', 'message', 'status_update') BEGIN
  DELETE FROM incident_search WHERE rowid = NEW.incident_id;
  INSERT INTO incident_search (rowid, title, body, notes)
  SELECT i.id, i.title,
    i.impact || ' ' || COALESCE(i.summary, '') || ' ' || COALESCE(i.root_cause, '') || ' ' || COALESCE(i.resolution, ''),
    COALESCE((SELECT group_concat(t.text, ' ') FROM timeline t WHERE t.incident_id = i.id
      AND t.kind IN ('note', 'message', 'status_update') AND t.removed_at IS NULL), '')
  FROM incidents i WHERE i.id = NEW.incident_id;
END;

CREATE TRIGGER incident_search_entry_edited AFTER UPDATE OF text, removed_at ON timeline
WHEN NEW.kind IN ('note', 'message', 'status_update') BEGIN
  DELETE FROM incident_search WHERE rowid = NEW.incident_id;
  INSERT INTO incident_search (rowid, title, body, notes)
  SELECT i.id, i.title,
    i.impact || ' ' || COALESCE(i.summary, '') || ' ' || COALESCE(i.root_cause, '') || ' ' || COALESCE(i.resolution, ''),
    COALESCE((SELECT group_concat(t.text, ' ') FROM timeline t WHERE t.incident_id = i.id
      AND t.kind IN ('note', 'message', 'status_update') AND t.removed_at IS NULL), '')
  FROM incidents i WHERE i.id = NEW.incident_id;
END;

INSERT INTO incident_search (rowid, title, body, notes)
SELECT i.id, i.title,
  i.impact || ' ' || COALESCE(i.summary, '') || ' ' || COALESCE(i.root_cause, '') || ' ' || COALESCE(i.resolution, ''),
  COALESCE((SELECT group_concat(t.text, ' ') FROM timeline t WHERE t.incident_id = i.id
    AND t.kind IN ('note', 'message', 'status_update') AND t.removed_at IS NULL), '')
FROM incidents i;

-- Two incidents linked, one row per direction: `kind` says what `other_id` is to `incident_id`
-- (related, duplicate_of/duplicated_by, child_of/parent_of).
CREATE TABLE incident_links (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  other_id    INTEGER NOT NULL REFERENCES incidents (id),
  kind        TEXT NOT NULL,
  linked_at   INTEGER NOT NULL,
  linked_by   TEXT,
  PRIMARY KEY (incident_id, other_id)
);
