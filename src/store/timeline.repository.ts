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

export function createTimelineRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    'INSERT INTO timeline (incident_id, at, kind, actor_id, text, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare('SELECT * FROM timeline WHERE incident_id = ? ORDER BY id');

  return {
    append(entry: NewTimelineEntry): number {
      const data = entry.data === undefined ? null : JSON.stringify(entry.data);
      return Number(insert.run(entry.incidentId, entry.at, entry.kind, entry.actorId ?? null, entry.text ?? '', data).lastInsertRowid);
    },
    list(incidentId: number): TimelineEntry[] {
      return (list.all(incidentId) as Row[]).map(toEntry);
    },
  };
}
