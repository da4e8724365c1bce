-- The web console's text search (issue 28; bench/console.bench.ts). It looks for words, in any case,
-- anywhere in notes and status updates' summaries (`LOWER(…) LIKE '%words%'`), which no B-tree can
-- answer: PostgreSQL read and lowered every note in the database for each search. Trigram indexes
-- (pg_trgm, shipped with PostgreSQL and a trusted extension since 13, so the database's owner may
-- create it) hold the lowered text's three-letter pieces, so a search reads only the notes and
-- updates that hold every piece of its words. SQLite's 0029 adds nothing: its LIKE over 0028's
-- notes index already meets the bench's goal.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX timeline_notes_trigrams ON timeline USING GIN (LOWER(text) gin_trgm_ops)
  WHERE kind = 'note' AND removed_at IS NULL;
CREATE INDEX status_updates_summary_trigrams ON status_updates USING GIN (LOWER(summary) gin_trgm_ops);
