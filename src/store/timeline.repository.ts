import type { Db } from './db';
import type { NewTimelineEntry, TimelineEntry } from '../timeline/timeline.types';

interface Row {
  id: number;
  incident_id: number;
  at: number;
  kind: string;
  actor_id: string | null;
  text: string;
  data: string | null;
}

const toEntry = (row: Row): TimelineEntry => ({
  id: row.id,
  incidentId: row.incident_id,
  at: row.at,
  kind: row.kind,
  actorId: row.actor_id,
  text: row.text,
  data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
});

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;

/** Entries are listed in time order; entries with the same time keep the order they were added. */
export function createTimelineRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO timeline (incident_id, at, kind, actor_id, text, data, source_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare('SELECT id, incident_id, at, kind, actor_id, text, data FROM timeline WHERE incident_id = ? ORDER BY at, id');
  const recent = db.prepare(
    'SELECT * FROM (SELECT id, incident_id, at, kind, actor_id, text, data FROM timeline WHERE incident_id = ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id',
  );
  const count = db.prepare('SELECT COUNT(*) FROM timeline WHERE incident_id = ?').pluck();
  const ofKind = db.prepare('SELECT id, incident_id, at, kind, actor_id, text, data FROM timeline WHERE incident_id = ? AND kind = ? ORDER BY at, id');
  const bySource = db.prepare('SELECT id, incident_id, at, kind, actor_id, text, data FROM timeline WHERE incident_id = ? AND source_key = ?');

  return {
    /** Appends an entry; with a sourceKey already recorded it adds nothing and returns undefined. */
    append(entry: NewTimelineEntry): number | undefined {
      const data = entry.data === undefined ? null : JSON.stringify(entry.data);
      const result = insert.run(entry.incidentId, entry.at, entry.kind, entry.actorId ?? null, entry.text ?? '', data, entry.sourceKey ?? null);
      return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
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
    listKind(incidentId: number, kind: string): TimelineEntry[] {
      return (ofKind.all(incidentId, kind) as Row[]).map(toEntry);
    },
    recent(incidentId: number, limit: number): TimelineEntry[] {
      return (recent.all(incidentId, limit) as Row[]).map(toEntry);
    },
    count(incidentId: number): number {
      return count.get(incidentId) as number;
    },
  };
}
