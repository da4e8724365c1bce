import type { Db } from './sqlite/db';
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

/**
 * Entries are listed in time order; entries with the same time keep the order they were added.
 * Entries come in through the recorder (src/timeline/record.ts) with their `text` already made: the
 * plain line kept for people and tools that read the database directly (and rows from before
 * migration 0007, when entries were sentences); Commander itself renders entries from their data.
 */
export function createTimelineRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO timeline (incident_id, at, kind, actor_id, text, data, source_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND removed_at IS NULL ORDER BY at, id',
  );
  const recent = db.prepare(
    'SELECT * FROM (SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND removed_at IS NULL ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id',
  );
  const firstPage = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND removed_at IS NULL ORDER BY at, id LIMIT ?',
  );
  // A row value, not `at > ? OR (at = ? AND id > ?)`: SQLite walks the (incident_id, at, id) index
  // from the page's start only for the row value; with the OR every page read the timeline from
  // its beginning, and a 100,000-entry export took seconds in paging alone.
  const pageAfter = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND removed_at IS NULL AND (at, id) > (?, ?) ORDER BY at, id LIMIT ?',
  );
  const count = db.prepare('SELECT COUNT(*) FROM timeline WHERE incident_id = ? AND removed_at IS NULL').pluck();
  const ofKind = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND kind = ? AND removed_at IS NULL ORDER BY at, id',
  );
  const kinds = db.prepare(
    'SELECT kind, COUNT(*) AS n FROM timeline WHERE incident_id = ? AND removed_at IS NULL GROUP BY kind',
  );
  const firstBy = db
    .prepare('SELECT MIN(at) FROM timeline WHERE incident_id = ? AND actor_id = ? AND removed_at IS NULL')
    .pluck();
  const byId = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE id = ? AND removed_at IS NULL',
  );
  const everyBySourceKey = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE source_key = ? AND removed_at IS NULL',
  );
  const remove = db.prepare('UPDATE timeline SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL');
  const edit = db.prepare(`
    UPDATE timeline SET
      history = json_insert(COALESCE(history, '[]'), '$[#]',
        json_object('at', at, 'data', json(data), 'changedAt', @changedAt, 'changedBy', @changedBy)),
      at = @at, data = @data, text = @text
    WHERE id = @id AND removed_at IS NULL`);
  const bySource = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND source_key = ?',
  );

  return {
    /** Appends an entry; with a sourceKey already recorded it adds nothing and returns undefined. */
    async append(entry: RecordedEntry): Promise<number | undefined> {
      const data = JSON.stringify(entry.data);
      const result = insert.run(
        entry.incidentId,
        entry.at,
        entry.kind,
        entry.actorId,
        entry.text,
        data,
        entry.sourceKey ?? null,
      );
      return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
    },
    /** An entry that has not been removed. */
    async get(id: number): Promise<TimelineEntry | undefined> {
      const row = byId.get(id) as TimelineRow | undefined;
      return row && toEntry(row);
    },
    /** Every entry, across incidents, that recorded this source (a captured message is on each timeline once). */
    async everyBySource(sourceKey: string): Promise<TimelineEntry[]> {
      return (everyBySourceKey.all(sourceKey) as TimelineRow[]).map(toEntry);
    },
    /** Marks an entry removed; it stays in the table. `by` null: its source was deleted. False if already removed. */
    async remove(id: number, at: number, by: string | null): Promise<boolean> {
      return remove.run(at, by, id).changes === 1;
    },
    /** Changes an entry's time or data, keeping what it said before in its history. */
    async edit(entry: RecordedEntry<TimelineEntry>, changed: { at: number; by: string | null }): Promise<boolean> {
      const result = edit.run({
        id: entry.id,
        at: entry.at,
        data: JSON.stringify(entry.data),
        text: entry.text,
        changedAt: changed.at,
        changedBy: changed.by,
      });
      return result.changes === 1;
    },
    async findBySource(incidentId: number, sourceKey: string): Promise<TimelineEntry | undefined> {
      const row = bySource.get(incidentId, sourceKey) as TimelineRow | undefined;
      return row && toEntry(row);
    },
    async list(incidentId: number): Promise<TimelineEntry[]> {
      return (list.all(incidentId) as TimelineRow[]).map(toEntry);
    },
    /**
     * Entries in order after the entry (`at`, `id`), at most `limit`: a page of a long timeline. Pages
     * rather than a cursor, so streaming a huge timeline neither holds the connection nor all the rows.
     */
    async pageAfter(
      incidentId: number,
      after: { at: number; id: number } | null,
      limit: number,
    ): Promise<TimelineEntry[]> {
      const rows = after ? pageAfter.all(incidentId, after.at, after.id, limit) : firstPage.all(incidentId, limit);
      return (rows as TimelineRow[]).map(toEntry);
    },
    async listKind<K extends TimelineEntry['kind']>(
      incidentId: number,
      kind: K,
    ): Promise<Array<Extract<TimelineEntry, { kind: K }>>> {
      return (ofKind.all(incidentId, kind) as TimelineRow[]).map(toEntry) as Array<Extract<TimelineEntry, { kind: K }>>;
    },
    async recent(incidentId: number, limit: number): Promise<TimelineEntry[]> {
      return (recent.all(incidentId, limit) as TimelineRow[]).map(toEntry);
    },
    /** When this person first did anything recorded on the incident's timeline. */
    async firstBy(incidentId: number, actorId: string): Promise<number | null> {
      return (firstBy.get(incidentId, actorId) as number | null) ?? null;
    },
    /** How many entries of each kind the incident has. */
    async countByKind(incidentId: number): Promise<Record<string, number>> {
      const rows = kinds.all(incidentId) as Array<{ kind: string; n: number }>;
      return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    },
    async count(incidentId: number): Promise<number> {
      return count.get(incidentId) as number;
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
