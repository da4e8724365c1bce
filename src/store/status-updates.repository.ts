import type { Sql } from './sql';
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

export function createStatusUpdatesRepository(q: Sql) {
  return {
    async findByKey(requestKey: string) {
      const row = await q.one<StatusUpdateRow>('SELECT * FROM status_updates WHERE request_key = $1', [requestKey]);
      return row && toUpdate(row);
    },
    async insert(u: NewStatusUpdate) {
      const row = await q.one<StatusUpdateRow>(
        `INSERT INTO status_updates (incident_id, request_key, status, summary, impact, next_steps, author_id, posted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [u.incidentId, u.requestKey, u.status, u.summary, u.impact, u.nextSteps, u.authorId, u.postedAt],
      );
      return toUpdate(row as StatusUpdateRow);
    },
    async list(incidentId: number) {
      const rows = await q.all<StatusUpdateRow>(
        'SELECT * FROM status_updates WHERE incident_id = $1 ORDER BY posted_at, id',
        [incidentId],
      );
      return rows.map(toUpdate);
    },
    async latest(incidentId: number) {
      const row = await q.one<StatusUpdateRow>(
        'SELECT * FROM status_updates WHERE incident_id = $1 ORDER BY posted_at DESC, id DESC LIMIT 1',
        [incidentId],
      );
      return row && toUpdate(row);
    },
    async setMessageTs(id: number, ts: string) {
      await q.run('UPDATE status_updates SET message_ts = $1 WHERE id = $2', [ts, id]);
    },
    async setMirrorTs(id: number, ts: string) {
      await q.run('UPDATE status_updates SET mirror_ts = $1 WHERE id = $2', [ts, id]);
    },
  };
}
