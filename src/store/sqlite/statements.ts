import type { EngineStatements, FoundRow, LeasedRow } from '../engine-statements';
import { named } from '../sql';

/**
 * SQLite's own forms of the statements that differ (engine-statements.ts). Where PostgreSQL needs
 * one statement, SQLite runs two: a repository call holds the one connection from its first
 * statement to its last (serial.ts), so nothing runs between them.
 */
export const sqliteStatements: EngineStatements = {
  async lease(sql, t, picked, values) {
    const rows = await sql.all<LeasedRow>(...named(picked, values));
    for (const row of rows)
      await sql.run(`UPDATE ${t.table} SET ${t.until} = $1, ${t.owner} = $2 WHERE ${t.key} = $3`, [
        values.until,
        values.owner,
        row.leased_id,
      ]);
    return rows;
  },
  lockPicked: '',
  inJsonArray: (column, param) => `${column} IN (SELECT value FROM json_each(${param}))`,
  async startEpisode(sql, groupId, episode, declareKey) {
    await sql.run('UPDATE alert_groups SET episode = $1, declare_key = $2, incident_id = NULL WHERE id = $3', [
      episode,
      declareKey,
      groupId,
    ]);
    await sql.run('DELETE FROM alert_fingerprints WHERE group_id = $1', [groupId]);
  },
  async enqueueWebhooks(sql, event, urls) {
    for (const url of urls)
      await sql.run(
        `INSERT INTO webhook_outbox (event_id, url, incident_id, type, body, created_at, since, next_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $6) ON CONFLICT (event_id, url) DO NOTHING`,
        [event.eventId, url, event.incidentId, event.type, event.body, event.at],
      );
  },
  editTimelineEntry: (sql, entry, changed) =>
    sql.run(
      `UPDATE timeline SET
         history = json_insert(COALESCE(history, '[]'), '$[#]',
           json_object('at', at, 'data', json(data), 'changedAt', $5, 'changedBy', $6)),
         at = $2, data = $3, text = $4
       WHERE id = $1 AND removed_at IS NULL`,
      [entry.id, entry.at, JSON.stringify(entry.data), entry.text, changed.at, changed.by],
    ),
  /** FTS5's bm25 is lower for better matches; the columns weigh title 8, what was written 3, notes 1. */
  searchResolved: (sql, words, exclude, limit, by = 'relevance', after = 0) =>
    sql.all<FoundRow>(
      `SELECT i.*, ${by === 'recent' ? '0' : '-bm25(incident_search, 8.0, 3.0, 1.0)'} AS score
       FROM incident_search JOIN incidents i ON i.id = incident_search.rowid
       WHERE incident_search MATCH $1 AND i.resolved_at IS NOT NULL AND i.id <> $2 AND incident_search.rowid > $4
       ORDER BY ${by === 'recent' ? 'incident_search.rowid' : 'score'} DESC LIMIT $3`,
      [words.map((w) => `"${w}"`).join(' OR '), exclude, limit, after],
    ),
  // The window is a rowid range, which FTS5 reads as one: a probe costs the window, not the history.
  async commonWords(sql, words, after) {
    const seen = (await sql.one<{ n: number }>('SELECT COUNT(*) AS n FROM incidents WHERE id > $1', [after]))?.n ?? 0;
    const common = new Set<string>();
    for (const word of words) {
      const held = await sql.one<{ n: number }>(
        'SELECT COUNT(*) AS n FROM incident_search WHERE incident_search MATCH $1 AND rowid > $2',
        [`"${word}"`, after],
      );
      if ((held?.n ?? 0) * 2 > seen) common.add(word);
    }
    return common;
  },
};
