import { rowsOf, type Sql } from './sql';
import type { RecordedEntry, TimelineEntry } from '../timeline/timeline.types';

export interface TimelineRow {
  id: number;
  incident_id: number;
  at: number;
  kind: string;
  actor_id: string | null;
  data: string | null;
}

// Every row carries the data of its kind (rows older than 0007 were given theirs by that migration).
export const toEntry = (row: TimelineRow): TimelineEntry =>
  ({
    id: row.id,
    incidentId: row.incident_id,
    at: row.at,
    kind: row.kind,
    actorId: row.actor_id,
    data: row.data === null ? {} : JSON.parse(row.data),
  }) as TimelineEntry;

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;

const COLUMNS = 'id, incident_id, at, kind, actor_id, data';
// Removed entries stay in the table, marked; every read but findBySource leaves them out.
const LIVE = 'removed_at IS NULL';

/**
 * Entries are listed in time order; entries with the same time keep the order they were added.
 * Entries come in through the recorder (src/timeline/record.ts) with their `text` already made: the
 * plain line kept for people and tools that read the database directly (and rows from before
 * migration 0007, when entries were sentences); Commander itself renders entries from their data.
 */
export function createTimelineRepository(q: Sql) {
  const entries = async (sql: string, params: unknown[]) => (await q.all<TimelineRow>(sql, params)).map(toEntry);

  async function appendMany(batch: readonly RecordedEntry[]): Promise<Array<number | undefined>> {
    const rows = await q.all<{ id: number; incident_id: number; source_key: string | null }>(
      `INSERT INTO timeline (incident_id, at, kind, actor_id, text, data, source_key) VALUES ${rowsOf(batch.length, 7)} ON CONFLICT DO NOTHING RETURNING id, incident_id, source_key`,
      batch.flatMap((e) => [
        e.incidentId,
        e.at,
        e.kind,
        e.actorId,
        e.text,
        JSON.stringify(e.data),
        e.sourceKey ?? null,
      ]),
    );
    if (batch.length === 1) return [rows[0]?.id];
    // Rows are numbered in the order they are given, and RETURNING does not promise an order: an
    // entry with a sourceKey is found by it (absent when it was recorded already), the others take
    // the remaining ids in order, as none of them can have been left out.
    rows.sort((a, b) => a.id - b.id);
    const bySource = new Map(
      rows.filter((r) => r.source_key !== null).map((r) => [`${r.incident_id} ${r.source_key}`, r.id]),
    );
    const plain = rows.filter((r) => r.source_key === null).map((r) => r.id);
    return batch.map((e) => {
      if (e.sourceKey == null) return plain.shift();
      const key = `${e.incidentId} ${e.sourceKey}`;
      const id = bySource.get(key);
      bySource.delete(key); // the same key twice in one batch: the second was left out
      return id;
    });
  }
  return {
    /** Appends an entry; with a sourceKey already recorded it adds nothing and returns undefined. */
    async append(entry: RecordedEntry) {
      return (await appendMany([entry]))[0];
    },
    /** Several at once (coalesced-calls.ts), each as `append` would: their ids in the same order. */
    appendMany,
    /** An entry that has not been removed. */
    async get(id: number) {
      const row = await q.one<TimelineRow>(`SELECT ${COLUMNS} FROM timeline WHERE id = $1 AND ${LIVE}`, [id]);
      return row && toEntry(row);
    },
    /** Every entry, across incidents, that recorded this source (a captured message is on each timeline once). */
    async everyBySource(sourceKey: string) {
      return entries(`SELECT ${COLUMNS} FROM timeline WHERE source_key = $1 AND ${LIVE}`, [sourceKey]);
    },
    /** Marks an entry removed; it stays in the table. `by` null: its source was deleted. False if already removed. */
    async remove(id: number, at: number, by: string | null) {
      const result = await q.run(`UPDATE timeline SET removed_at = $1, removed_by = $2 WHERE id = $3 AND ${LIVE}`, [
        at,
        by,
        id,
      ]);
      return result === 1;
    },
    /** Replaces a live entry's time, data and text, keeping what they were in its history; false when it is gone. */
    async edit(entry: RecordedEntry<TimelineEntry>, changed: { at: number; by: string | null }) {
      return (await q.specific.editTimelineEntry(q, entry, changed)) === 1;
    },
    async findBySource(incidentId: number, sourceKey: string) {
      const row = await q.one<TimelineRow>(
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
    /**
     * Entries in order after the entry (`at`, `id`), at most `limit`: a page of a long timeline. Pages
     * rather than a cursor, so streaming a huge timeline neither holds the connection nor all the rows.
     */
    // A row value, not `at > $2 OR (at = $2 AND id > $3)`: SQLite walks the (incident_id, at, id)
    // index from the page's start only for the row value; with the OR every page read the timeline
    // from its beginning, and a 100,000-entry export took seconds in paging alone.
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
    /** When this person first did anything recorded on the incident's timeline. */
    async firstBy(incidentId: number, actorId: string) {
      const row = await q.one<{ first: number | null }>(
        `SELECT MIN(at) AS first FROM timeline WHERE incident_id = $1 AND actor_id = $2 AND ${LIVE}`,
        [incidentId, actorId],
      );
      return row?.first ?? null;
    },
    /** How many entries of each kind the incident has. */
    async countByKind(incidentId: number) {
      const rows = await q.all<{ kind: string; n: number }>(
        `SELECT kind, COUNT(*) AS n FROM timeline WHERE incident_id = $1 AND ${LIVE} GROUP BY kind`,
        [incidentId],
      );
      return Object.fromEntries(rows.map((r) => [r.kind, r.n])) as Record<string, number>;
    },
    async count(incidentId: number) {
      return (
        (
          await q.one<{ count: number }>(`SELECT COUNT(*) AS count FROM timeline WHERE incident_id = $1 AND ${LIVE}`, [
            incidentId,
          ])
        )?.count ?? 0
      );
    },
  };
}

/** Every entry of the incident in order, a page at a time: memory stays flat however long the timeline. */
export async function* iterateTimeline(
  timeline: Pick<TimelineRepository, 'pageAfter'>,
  incidentId: number,
  pageSize = 500,
): AsyncGenerator<TimelineEntry> {
  let after: { at: number; id: number } | null = null;
  for (;;) {
    const page = await timeline.pageAfter(incidentId, after, pageSize);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { at: last.at, id: last.id };
  }
}
