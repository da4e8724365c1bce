import type { RecordedEntry, TimelineEntry } from '../../timeline/timeline.types';
import { type TimelineRepository, type TimelineRow, toEntry } from '../timeline.repository';
import { all, one, type Queryable } from './pool';

const COLUMNS = 'id, incident_id, at, kind, actor_id, data';
// Removed entries stay in the table, marked; every read but findBySource leaves them out, as on SQLite.
const LIVE = 'removed_at IS NULL';

export function createPgTimelineRepository(q: Queryable): TimelineRepository {
  const entries = async (sql: string, params: unknown[]) => (await all<TimelineRow>(q, sql, params)).map(toEntry);
  return {
    async append(entry: RecordedEntry) {
      const row = await one<{ id: number }>(
        q,
        'INSERT INTO timeline (incident_id, at, kind, actor_id, text, data, source_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id',
        [
          entry.incidentId,
          entry.at,
          entry.kind,
          entry.actorId,
          entry.text,
          JSON.stringify(entry.data),
          entry.sourceKey ?? null,
        ],
      );
      return row?.id;
    },
    async get(id: number) {
      const row = await one<TimelineRow>(q, `SELECT ${COLUMNS} FROM timeline WHERE id = $1 AND ${LIVE}`, [id]);
      return row && toEntry(row);
    },
    async everyBySource(sourceKey: string) {
      return entries(`SELECT ${COLUMNS} FROM timeline WHERE source_key = $1 AND ${LIVE}`, [sourceKey]);
    },
    async remove(id: number, at: number, by: string | null) {
      const result = await q.query(`UPDATE timeline SET removed_at = $1, removed_by = $2 WHERE id = $3 AND ${LIVE}`, [
        at,
        by,
        id,
      ]);
      return result.rowCount === 1;
    },
    /** One UPDATE: the history gets the row's time and data from before the change (SET reads the old row). */
    async edit(entry: RecordedEntry<TimelineEntry>, changed: { at: number; by: string | null }) {
      const result = await q.query(
        `UPDATE timeline SET
           history = (COALESCE(history, '[]')::jsonb || jsonb_build_array(jsonb_build_object(
             'at', at, 'data', data::jsonb, 'changedAt', $5::bigint, 'changedBy', $6::text)))::text,
           at = $2, data = $3, text = $4
         WHERE id = $1 AND ${LIVE}`,
        [entry.id, entry.at, JSON.stringify(entry.data), entry.text, changed.at, changed.by],
      );
      return result.rowCount === 1;
    },
    async findBySource(incidentId: number, sourceKey: string) {
      const row = await one<TimelineRow>(
        q,
        `SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND source_key = $2`,
        [incidentId, sourceKey],
      );
      return row && toEntry(row);
    },
    async list(incidentId: number) {
      return entries(`SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND ${LIVE} ORDER BY at, id`, [
        incidentId,
      ]);
    },
    async pageAfter(incidentId: number, after: { at: number; id: number } | null, limit: number) {
      return after
        ? entries(
            `SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND ${LIVE} AND (at, id) > ($2, $3) ORDER BY at, id LIMIT $4`,
            [incidentId, after.at, after.id, limit],
          )
        : entries(`SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND ${LIVE} ORDER BY at, id LIMIT $2`, [
            incidentId,
            limit,
          ]);
    },
    async listKind<K extends TimelineEntry['kind']>(incidentId: number, kind: K) {
      return (await entries(
        `SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND kind = $2 AND ${LIVE} ORDER BY at, id`,
        [incidentId, kind],
      )) as Array<Extract<TimelineEntry, { kind: K }>>;
    },
    async recent(incidentId: number, limit: number) {
      return entries(
        `SELECT * FROM (SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND ${LIVE} ORDER BY at DESC, id DESC LIMIT $2) AS latest ORDER BY at, id`,
        [incidentId, limit],
      );
    },
    async firstBy(incidentId: number, actorId: string) {
      const row = await one<{ first: number | null }>(
        q,
        `SELECT MIN(at) AS first FROM timeline WHERE incident_id = $1 AND actor_id = $2 AND ${LIVE}`,
        [incidentId, actorId],
      );
      return row?.first ?? null;
    },
    async countByKind(incidentId: number) {
      const rows = await all<{ kind: string; n: number }>(
        q,
        `SELECT kind, COUNT(*) AS n FROM timeline WHERE incident_id = $1 AND ${LIVE} GROUP BY kind`,
        [incidentId],
      );
      return Object.fromEntries(rows.map((r) => [r.kind, r.n])) as Record<string, number>;
    },
    async count(incidentId: number) {
      return (
        (
          await one<{ count: number }>(q, `SELECT COUNT(*) AS count FROM timeline WHERE incident_id = $1 AND ${LIVE}`, [
            incidentId,
          ])
        )?.count ?? 0
      );
    },
  };
}
