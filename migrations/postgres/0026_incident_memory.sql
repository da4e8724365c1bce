-- Memory (issue 30): SQLite's 0026. The full-text index is one tsvector per incident: its title
-- (weight A), what was written about it (impact, summary, root cause, resolution: B) and the words
-- of its notes, captured messages and status updates (C), under a GIN index. Triggers rebuild an
-- incident's row whenever one of those is written, so no repository has to remember to.
CREATE TABLE incident_search (
  incident_id BIGINT PRIMARY KEY,
  document    tsvector NOT NULL
);
CREATE INDEX incident_search_document ON incident_search USING GIN (document);

CREATE FUNCTION incident_search_refresh(target BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO incident_search (incident_id, document)
  SELECT i.id,
    setweight(to_tsvector('english', i.title), 'A') ||
    setweight(to_tsvector('english', concat_ws(' ', i.impact, i.summary, i.root_cause, i.resolution)), 'B') ||
    setweight(to_tsvector('english', COALESCE((SELECT string_agg(t.text, ' ' ORDER BY t.id) FROM timeline t
      WHERE t.incident_id = i.id AND t.kind IN ('note', 'message', 'status_update') AND t.removed_at IS NULL), '')), 'C')
  FROM incidents i WHERE i.id = target
  ON CONFLICT (incident_id) DO UPDATE SET document = excluded.document;
$$;

CREATE FUNCTION incident_search_incident() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM incident_search_refresh(NEW.id);
  RETURN NULL;
END;
$$;

CREATE FUNCTION incident_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.kind IN ('note', 'message', 'status_update') THEN PERFORM incident_search_refresh(OLD.incident_id); END IF;
  ELSIF NEW.kind IN ('note', 'message', 'status_update') THEN
    PERFORM incident_search_refresh(NEW.incident_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER incident_search_declared AFTER INSERT ON incidents
  FOR EACH ROW EXECUTE FUNCTION incident_search_incident();
CREATE TRIGGER incident_search_changed AFTER UPDATE OF title, impact, summary, root_cause, resolution ON incidents
  FOR EACH ROW EXECUTE FUNCTION incident_search_incident();
CREATE TRIGGER incident_search_entry AFTER INSERT OR DELETE OR UPDATE OF text, removed_at ON timeline
  FOR EACH ROW EXECUTE FUNCTION incident_search_entry();

INSERT INTO incident_search (incident_id, document)
SELECT i.id,
  setweight(to_tsvector('english', i.title), 'A') ||
  setweight(to_tsvector('english', concat_ws(' ', i.impact, i.summary, i.root_cause, i.resolution)), 'B') ||
  setweight(to_tsvector('english', COALESCE((SELECT string_agg(t.text, ' ' ORDER BY t.id) FROM timeline t
    WHERE t.incident_id = i.id AND t.kind IN ('note', 'message', 'status_update') AND t.removed_at IS NULL), '')), 'C')
FROM incidents i;

CREATE TABLE incident_links (
  incident_id BIGINT NOT NULL REFERENCES incidents (id),
  other_id    BIGINT NOT NULL REFERENCES incidents (id),
  kind        TEXT NOT NULL,
  linked_at   BIGINT NOT NULL,
  linked_by   TEXT,
  PRIMARY KEY (incident_id, other_id)
);
