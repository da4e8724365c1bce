import type { Db } from './db';
import type { Followup } from '../timeline/timeline.types';

export interface FollowupRow {
  id: number;
  incident_id: number;
  text: string;
  owner_id: string | null;
  created_by: string;
  created_at: number;
  done_at: number | null;
}

export const toFollowup = (row: FollowupRow): Followup => ({
  id: row.id,
  incidentId: row.incident_id,
  text: row.text,
  ownerId: row.owner_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
  doneAt: row.done_at,
});

export type FollowupsRepository = ReturnType<typeof createFollowupsRepository>;

export function createFollowupsRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO followups (incident_id, request_key, text, owner_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byKey = db.prepare('SELECT * FROM followups WHERE request_key = ?');
  const list = db.prepare('SELECT * FROM followups WHERE incident_id = ? ORDER BY id');
  const openCount = db.prepare('SELECT count(*) FROM followups WHERE incident_id = ? AND done_at IS NULL').pluck();
  const markDone = db.prepare('UPDATE followups SET done_at = ? WHERE id = ? AND done_at IS NULL');

  return {
    /** Adds a follow-up once per request key; returns it and whether it was new. */
    async add(
      f: Omit<Followup, 'id' | 'doneAt'> & { requestKey: string },
    ): Promise<{ followup: Followup; created: boolean }> {
      const result = insert.run(f.incidentId, f.requestKey, f.text, f.ownerId, f.createdBy, f.createdAt);
      return { followup: toFollowup(byKey.get(f.requestKey) as FollowupRow), created: result.changes === 1 };
    },
    async list(incidentId: number): Promise<Followup[]> {
      return (list.all(incidentId) as FollowupRow[]).map(toFollowup);
    },
    /** True when it was open until now (marking a done one again changes nothing). */
    async markDone(id: number, at: number): Promise<boolean> {
      return markDone.run(at, id).changes === 1;
    },
    async countOpen(incidentId: number): Promise<number> {
      return openCount.get(incidentId) as number;
    },
  };
}
