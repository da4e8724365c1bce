import type { NewTimelineEntry, TimelineEntry } from '../../timeline/timeline.types';
import { type EntryLine, type TimelineRepository, type TimelineRow, toEntry } from '../timeline.repository';
import { all, one, type Queryable } from './pool';

const COLUMNS = 'id, incident_id, at, kind, actor_id, data';

export function createPgTimelineRepository(q: Queryable, entryLine: EntryLine = () => ''): TimelineRepository {
  const entries = async (sql: string, params: unknown[]) => (await all<TimelineRow>(q, sql, params)).map(toEntry);
  return {
    async append(entry: NewTimelineEntry) {
      const row = await one<{ id: number }>(
        q,
        'INSERT INTO timeline (incident_id, at, kind, actor_id, text, data, source_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id',
        [
          entry.incidentId,
          entry.at,
          entry.kind,
          entry.actorId,
          entryLine(entry),
          JSON.stringify(entry.data),
          entry.sourceKey ?? null,
        ],
      );
      return row?.id;
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
      return entries(`SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 ORDER BY at, id`, [incidentId]);
    },
    async pageAfter(incidentId: number, after: { at: number; id: number } | null, limit: number) {
      return after
        ? entries(
            `SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND (at > $2 OR (at = $2 AND id > $3)) ORDER BY at, id LIMIT $4`,
            [incidentId, after.at, after.id, limit],
          )
        : entries(`SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 ORDER BY at, id LIMIT $2`, [
            incidentId,
            limit,
          ]);
    },
    async listKind<K extends TimelineEntry['kind']>(incidentId: number, kind: K) {
      return (await entries(`SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 AND kind = $2 ORDER BY at, id`, [
        incidentId,
        kind,
      ])) as Array<Extract<TimelineEntry, { kind: K }>>;
    },
    async recent(incidentId: number, limit: number) {
      return entries(
        `SELECT * FROM (SELECT ${COLUMNS} FROM timeline WHERE incident_id = $1 ORDER BY at DESC, id DESC LIMIT $2) AS latest ORDER BY at, id`,
        [incidentId, limit],
      );
    },
    async count(incidentId: number) {
      return (
        (await one<{ count: number }>(q, 'SELECT COUNT(*) AS count FROM timeline WHERE incident_id = $1', [incidentId]))
          ?.count ?? 0
      );
    },
  };
}
