import type { Db } from './sqlite/db';
import type { Status, StatusUpdate } from '../incidents/incident.types';

export interface StatusUpdateRow {
  id: number;
  incident_id: number;
  request_key: string;
  status: Status;
  summary: string;
  impact: string;
  next_steps: string;
  author_id: string;
  posted_at: number;
  message_ts: string | null;
  mirror_ts: string | null;
}

export const toUpdate = (row: StatusUpdateRow): StatusUpdate => ({
  id: row.id,
  incidentId: row.incident_id,
  requestKey: row.request_key,
  status: row.status,
  summary: row.summary,
  impact: row.impact,
  nextSteps: row.next_steps,
  authorId: row.author_id,
  postedAt: row.posted_at,
  messageTs: row.message_ts,
  mirrorTs: row.mirror_ts,
});

export type NewStatusUpdate = Omit<StatusUpdate, 'id' | 'messageTs' | 'mirrorTs'>;
export type StatusUpdatesRepository = ReturnType<typeof createStatusUpdatesRepository>;

export function createStatusUpdatesRepository({ db }: { db: Db }) {
  const insert = db.prepare(`
    INSERT INTO status_updates (incident_id, request_key, status, summary, impact, next_steps, author_id, posted_at)
    VALUES (@incidentId, @requestKey, @status, @summary, @impact, @nextSteps, @authorId, @postedAt)`);
  const byId = db.prepare('SELECT * FROM status_updates WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM status_updates WHERE request_key = ?');
  const list = db.prepare('SELECT * FROM status_updates WHERE incident_id = ? ORDER BY posted_at, id');
  const latest = db.prepare(
    'SELECT * FROM status_updates WHERE incident_id = ? ORDER BY posted_at DESC, id DESC LIMIT 1',
  );
  const setMessage = db.prepare('UPDATE status_updates SET message_ts = ? WHERE id = ?');
  const setMirror = db.prepare('UPDATE status_updates SET mirror_ts = ? WHERE id = ?');

  return {
    async findByKey(requestKey: string): Promise<StatusUpdate | undefined> {
      const row = byKey.get(requestKey) as StatusUpdateRow | undefined;
      return row && toUpdate(row);
    },
    async insert(update: NewStatusUpdate): Promise<StatusUpdate> {
      const id = Number(insert.run(update).lastInsertRowid);
      return toUpdate(byId.get(id) as StatusUpdateRow);
    },
    async list(incidentId: number): Promise<StatusUpdate[]> {
      return (list.all(incidentId) as StatusUpdateRow[]).map(toUpdate);
    },
    async latest(incidentId: number): Promise<StatusUpdate | undefined> {
      const row = latest.get(incidentId) as StatusUpdateRow | undefined;
      return row && toUpdate(row);
    },
    async setMessageTs(id: number, ts: string): Promise<void> {
      setMessage.run(ts, id);
    },
    async setMirrorTs(id: number, ts: string): Promise<void> {
      setMirror.run(ts, id);
    },
  };
}
