import type { EngineStatements, FoundRow, LeasedRow } from '../engine-statements';
import { named } from '../sql';

type Ordered = LeasedRow & Record<`o${number}`, number>;

/** RETURNING follows the update, not the sub-select's order: the rows are put back in the work's order. */
function inOrder(rows: Ordered[]): Ordered[] {
  const rank = (row: Ordered) =>
    Object.keys(row)
      .filter((k) => /^o\d+$/.test(k))
      .sort()
      .map((k) => row[k as `o${number}`]);
  return [...rows].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return 0;
  });
}

/** PostgreSQL's own forms of the statements that differ (engine-statements.ts). */
export const postgresStatements: EngineStatements = {
  /**
   * One statement: the sub-select locks the rows it takes and skips rows another replica is locking
   * right now (FOR UPDATE SKIP LOCKED), so two replicas claiming at once get disjoint rows; joining it
   * (rather than `id IN (…)`) also hands back each row's owner from before the claim.
   */
  async lease(sql, t, picked, values) {
    const order = t.order.split(',').map((c) => c.trim());
    const text = `UPDATE ${t.table} AS t SET ${t.until} = @until, ${t.owner} = @owner FROM (${picked}) AS old WHERE t.${t.key} = old.leased_id RETURNING old.leased_id, old.was_owner, ${order.map((c, i) => `t.${c} AS o${i}`).join(', ')}`;
    return inOrder(await sql.all<Ordered>(...named(text, values)));
  },
  lockPicked: ' FOR UPDATE SKIP LOCKED',
  inJsonArray: (column, param) => `${column} IN (SELECT json_array_elements_text(CAST(${param} AS json)))`,
  async startEpisode(sql, groupId, episode, declareKey) {
    await sql.run(
      'WITH forgotten AS (DELETE FROM alert_fingerprints WHERE group_id = $3) UPDATE alert_groups SET episode = $1, declare_key = $2, incident_id = NULL WHERE id = $3',
      [episode, declareKey, groupId],
    );
  },
  async enqueueWebhooks(sql, event, urls) {
    await sql.run(
      `INSERT INTO webhook_outbox (event_id, url, incident_id, type, body, created_at, since, next_at)
       SELECT $1::text, url, $2::bigint, $3::text, $4::text, $5::bigint, $5::bigint, $5::bigint FROM unnest($6::text[]) WITH ORDINALITY AS u (url, n) ORDER BY n
       ON CONFLICT (event_id, url) DO NOTHING`,
      [event.eventId, event.incidentId, event.type, event.body, event.at, urls],
    );
  },
  /** One UPDATE: the history gets the row's time and data from before the change (SET reads the old row). */
  editTimelineEntry: (sql, entry, changed) =>
    sql.run(
      `UPDATE timeline SET
         history = (COALESCE(history, '[]')::jsonb || jsonb_build_array(jsonb_build_object(
           'at', at, 'data', data::jsonb, 'changedAt', $5::bigint, 'changedBy', $6::text)))::text,
         at = $2, data = $3, text = $4
       WHERE id = $1 AND removed_at IS NULL`,
      [entry.id, entry.at, JSON.stringify(entry.data), entry.text, changed.at, changed.by],
    ),
  /** ts_rank weighs the title (A) over what was written (B) over the notes (C). */
  searchResolved: (sql, words, exclude, limit, by = 'relevance', after = 0) =>
    sql.all<FoundRow>(
      `SELECT i.*, ${by === 'recent' ? '0' : 'ts_rank(s.document, q.query)'} AS score
       FROM incident_search s JOIN incidents i ON i.id = s.incident_id,
         websearch_to_tsquery('english', $1::text) AS q (query)
       WHERE s.document @@ q.query AND i.resolved_at IS NOT NULL AND i.id <> $2 AND i.id > $4
       ORDER BY ${by === 'recent' ? 'i.id' : 'score DESC, i.id'} DESC LIMIT $3`,
      [words.join(' or '), exclude, limit, after],
    ),
  async commonWords(sql, words, after) {
    const rows = await sql.all<{ word: string }>(
      `WITH recent AS (SELECT document FROM incident_search WHERE incident_id > $2),
         asked AS (SELECT w.word, plainto_tsquery('english', w.word) AS query FROM unnest($1::text[]) AS w (word))
       SELECT a.word FROM asked a CROSS JOIN LATERAL (
         SELECT COUNT(*) FILTER (WHERE r.document @@ a.query) AS held, COUNT(*) AS seen FROM recent r) c
       WHERE numnode(a.query) > 0 AND c.held * 2 > c.seen`,
      [words, after],
    );
    return new Set(rows.map((row) => row.word));
  },
};
