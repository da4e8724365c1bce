import type { Sql } from './sql';
import type { Followup } from '../timeline/timeline.types';

export interface FollowupRow {
  id: number;
  incident_id: number;
  text: string;
  owner_id: string | null;
  created_by: string;
  created_at: number;
  done_at: number | null;
  due_at: number | null;
  issue_tracker?: string | null;
  issue_key?: string | null;
  issue_url?: string | null;
  issue_state?: string | null;
}

export const toFollowup = (row: FollowupRow): Followup => ({
  id: row.id,
  incidentId: row.incident_id,
  text: row.text,
  ownerId: row.owner_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
  doneAt: row.done_at,
  dueAt: row.due_at,
  issue:
    row.issue_tracker && row.issue_key && row.issue_url
      ? {
          tracker: row.issue_tracker,
          key: row.issue_key,
          url: row.issue_url,
          closed: row.issue_state === 'closed',
        }
      : null,
});

export type FollowupsRepository = ReturnType<typeof createFollowupsRepository>;

export function createFollowupsRepository(q: Sql) {
  return {
    /** Insert-or-nothing, then read: one follow-up per request key even across replicas. */
    async add(f: Omit<Followup, 'id' | 'doneAt' | 'issue'> & { requestKey: string }) {
      const inserted = await q.one<FollowupRow>(
        `INSERT INTO followups (incident_id, request_key, text, owner_id, created_by, created_at, due_at, nudge_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (request_key) DO NOTHING RETURNING *`,
        [f.incidentId, f.requestKey, f.text, f.ownerId, f.createdBy, f.createdAt, f.dueAt],
      );
      if (inserted) return { followup: toFollowup(inserted), created: true };
      const row = await q.one<FollowupRow>('SELECT * FROM followups WHERE request_key = $1', [f.requestKey]);
      return { followup: toFollowup(row as FollowupRow), created: false };
    },
    async list(incidentId: number) {
      return (await q.all<FollowupRow>('SELECT * FROM followups WHERE incident_id = $1 ORDER BY id', [incidentId])).map(
        toFollowup,
      );
    },
    /** True when it was open until now (marking a done one again changes nothing). */
    async markDone(id: number, at: number) {
      const result = await q.run('UPDATE followups SET done_at = $1 WHERE id = $2 AND done_at IS NULL', [at, id]);
      return result === 1;
    },
    async get(id: number) {
      const row = await q.one<FollowupRow>('SELECT * FROM followups WHERE id = $1', [id]);
      return row && toFollowup(row);
    },
    /** A person's open follow-ups across incidents, soonest due first. */
    async openOwnedBy(userId: string) {
      return (
        await q.all<FollowupRow>(
          'SELECT * FROM followups WHERE owner_id = $1 AND done_at IS NULL ORDER BY due_at IS NULL, due_at, id',
          [userId],
        )
      ).map(toFollowup);
    },
    /** Open follow-ups with an owner whose next nudge is due. */
    /** The follow-up, if its nudge is due (it has an owner and is not done). */
    async dueNudge(id: number, now: number) {
      const [row] = await q.all<FollowupRow & { nudge_at: number }>(
        'SELECT * FROM followups WHERE id = $1 AND nudge_at IS NOT NULL AND nudge_at <= $2 AND done_at IS NULL AND owner_id IS NOT NULL',
        [id, now],
      );
      return row && { ...toFollowup(row), nudgeAt: row.nudge_at };
    },
    /** The claim: one conditional UPDATE, so of two replicas moving the same nudge only one sees it move. */
    async moveNudge(id: number, from: number, to: number) {
      const result = await q.run(
        'UPDATE followups SET nudge_at = $1 WHERE id = $2 AND nudge_at = $3 AND done_at IS NULL',
        [to, id, from],
      );
      return result === 1;
    },
    /** No nudge before `until` (Snooze a week). */
    async snooze(id: number, until: number) {
      const result = await q.run('UPDATE followups SET nudge_at = $1 WHERE id = $2 AND done_at IS NULL', [until, id]);
      return result === 1;
    },
    async nextNudge(id: number) {
      return (
        (await q.one<{ nudge_at: number | null }>('SELECT nudge_at FROM followups WHERE id = $1', [id]))?.nudge_at ??
        null
      );
    },
    /** The follow-up's issue in a tracker, as people see it (migration 0025). */
    async setIssue(id: number, issue: { tracker: string; key: string; url: string; closed: boolean }) {
      await q.run(
        'UPDATE followups SET issue_tracker = $2, issue_key = $3, issue_url = $4, issue_state = $5 WHERE id = $1',
        [id, issue.tracker, issue.key, issue.url, issue.closed ? 'closed' : 'open'],
      );
    },
    async countOpen(incidentId: number) {
      const row = await q.one<{ count: number }>(
        'SELECT COUNT(*) AS count FROM followups WHERE incident_id = $1 AND done_at IS NULL',
        [incidentId],
      );
      return row?.count ?? 0;
    },
  };
}
