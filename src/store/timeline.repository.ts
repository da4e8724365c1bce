import type { Db } from './db';
import type { NewTimelineEntry, TimelineEntry } from '../timeline/timeline.types';

/**
 * The entry as one line of text, for the `text` column: people and tools that read the database
 * directly (and rows from before migration 0007, when entries were sentences) find it there.
 * Commander itself renders entries from their data; the composition root says how this line reads.
 */
export type EntryLine = (entry: NewTimelineEntry) => string;

interface Row {
  id: number;
  incident_id: number;
  at: number;
  kind: string;
  actor_id: string | null;
  data: string | null;
}

// Every row carries the data of its kind (rows older than 0007 were given theirs by that migration).
const toEntry = (row: Row): TimelineEntry =>
  ({
    id: row.id,
    incidentId: row.incident_id,
    at: row.at,
    kind: row.kind,
    actorId: row.actor_id,
    data: row.data === null ? {} : JSON.parse(row.data),
  }) as TimelineEntry;

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;

/** Entries are listed in time order; entries with the same time keep the order they were added. */
export function createTimelineRepository({ db, entryLine = () => '' }: { db: Db; entryLine?: EntryLine }) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO timeline (incident_id, at, kind, actor_id, text, data, source_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare(
    'SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND removed_at IS NULL ORDER BY at, id',
  );
  const recent = db.prepare(
    'SELECT * FROM (SELECT id, incident_id, at, kind, actor_id, data FROM timeline WHERE incident_id = ? AND removed_at IS NULL ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id',
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
    append(entry: NewTimelineEntry): number | undefined {
      const data = JSON.stringify(entry.data);
      const result = insert.run(
        entry.incidentId,
        entry.at,
        entry.kind,
        entry.actorId,
        entryLine(entry),
        data,
        entry.sourceKey ?? null,
      );
      return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
    },
    /** An entry that has not been removed. */
    get(id: number): TimelineEntry | undefined {
      const row = byId.get(id) as Row | undefined;
      return row && toEntry(row);
    },
    /** Every entry, across incidents, that recorded this source (a captured message is on each timeline once). */
    everyBySource(sourceKey: string): TimelineEntry[] {
      return (everyBySourceKey.all(sourceKey) as Row[]).map(toEntry);
    },
    /** Marks an entry removed; it stays in the table. `by` null: its source was deleted. False if already removed. */
    remove(id: number, at: number, by: string | null): boolean {
      return remove.run(at, by, id).changes === 1;
    },
    /** Changes an entry's time or data, keeping what it said before in its history. */
    edit(entry: TimelineEntry, changed: { at: number; by: string | null }): boolean {
      const result = edit.run({
        id: entry.id,
        at: entry.at,
        data: JSON.stringify(entry.data),
        text: entryLine(entry),
        changedAt: changed.at,
        changedBy: changed.by,
      });
      return result.changes === 1;
    },
    findBySource(incidentId: number, sourceKey: string): TimelineEntry | undefined {
      const row = bySource.get(incidentId, sourceKey) as Row | undefined;
      return row && toEntry(row);
    },
    list(incidentId: number): TimelineEntry[] {
      return (list.all(incidentId) as Row[]).map(toEntry);
    },
    /** Streams every entry in order without holding them all in memory (exports of huge timelines). */
    *iterate(incidentId: number): IterableIterator<TimelineEntry> {
      for (const row of list.iterate(incidentId) as IterableIterator<Row>) yield toEntry(row);
    },
    listKind<K extends TimelineEntry['kind']>(incidentId: number, kind: K): Array<Extract<TimelineEntry, { kind: K }>> {
      return (ofKind.all(incidentId, kind) as Row[]).map(toEntry) as Array<Extract<TimelineEntry, { kind: K }>>;
    },
    recent(incidentId: number, limit: number): TimelineEntry[] {
      return (recent.all(incidentId, limit) as Row[]).map(toEntry);
    },
    /** When this person first did anything recorded on the incident's timeline. */
    firstBy(incidentId: number, actorId: string): number | null {
      return (firstBy.get(incidentId, actorId) as number | null) ?? null;
    },
    /** How many entries of each kind the incident has. */
    countByKind(incidentId: number): Record<string, number> {
      const rows = kinds.all(incidentId) as Array<{ kind: string; n: number }>;
      return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    },
    count(incidentId: number): number {
      return count.get(incidentId) as number;
    },
  };
}
