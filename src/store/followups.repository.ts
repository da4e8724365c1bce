import type { Db } from './sqlite/db';
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
});

export type FollowupsRepository = ReturnType<typeof createFollowupsRepository>;

export function createFollowupsRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO followups (incident_id, request_key, text, owner_id, created_by, created_at, due_at, nudge_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT * FROM followups WHERE id = ?');
  const ownedOpen = db.prepare(
    'SELECT * FROM followups WHERE owner_id = ? AND done_at IS NULL ORDER BY due_at IS NULL, due_at, id',
  );
  const dueNudge = db.prepare(
    'SELECT * FROM followups WHERE id = ? AND nudge_at IS NOT NULL AND nudge_at <= ? AND done_at IS NULL AND owner_id IS NOT NULL',
  );
  const nudgeAt = db.prepare('SELECT nudge_at FROM followups WHERE id = ?').pluck();
  const moveNudge = db.prepare('UPDATE followups SET nudge_at = ? WHERE id = ? AND nudge_at = ? AND done_at IS NULL');
  const snooze = db.prepare('UPDATE followups SET nudge_at = ? WHERE id = ? AND done_at IS NULL');
  const byKey = db.prepare('SELECT * FROM followups WHERE request_key = ?');
  const list = db.prepare('SELECT * FROM followups WHERE incident_id = ? ORDER BY id');
  const openCount = db.prepare('SELECT count(*) FROM followups WHERE incident_id = ? AND done_at IS NULL').pluck();
  const markDone = db.prepare('UPDATE followups SET done_at = ? WHERE id = ? AND done_at IS NULL');

  return {
    /** Adds a follow-up once per request key; returns it and whether it was new. */
    async add(
      f: Omit<Followup, 'id' | 'doneAt'> & { requestKey: string },
    ): Promise<{ followup: Followup; created: boolean }> {
      const result = insert.run(
        f.incidentId,
        f.requestKey,
        f.text,
        f.ownerId,
        f.createdBy,
        f.createdAt,
        f.dueAt,
        f.dueAt,
      );
      return { followup: toFollowup(byKey.get(f.requestKey) as FollowupRow), created: result.changes === 1 };
    },
    async list(incidentId: number): Promise<Followup[]> {
      return (list.all(incidentId) as FollowupRow[]).map(toFollowup);
    },
    /** True when it was open until now (marking a done one again changes nothing). */
    async markDone(id: number, at: number): Promise<boolean> {
      return markDone.run(at, id).changes === 1;
    },
    async get(id: number): Promise<Followup | undefined> {
      const row = byId.get(id) as FollowupRow | undefined;
      return row && toFollowup(row);
    },
    /** A person's open follow-ups across incidents, soonest due first. */
    async openOwnedBy(userId: string): Promise<Followup[]> {
      return (ownedOpen.all(userId) as FollowupRow[]).map(toFollowup);
    },
    /** Open follow-ups with an owner whose next nudge is due. */
    /** The follow-up, if its nudge is due (it has an owner and is not done). */
    async dueNudge(id: number, now: number): Promise<(Followup & { nudgeAt: number }) | undefined> {
      const row = dueNudge.get(id, now) as (FollowupRow & { nudge_at: number }) | undefined;
      return row && { ...toFollowup(row), nudgeAt: row.nudge_at };
    },
    /** Moves the next nudge from `from` to `to`; false when someone else moved it first (the claim). */
    async moveNudge(id: number, from: number, to: number): Promise<boolean> {
      return moveNudge.run(to, id, from).changes === 1;
    },
    /** No nudge before `until` (Snooze a week). */
    async snooze(id: number, until: number): Promise<boolean> {
      return snooze.run(until, id).changes === 1;
    },
    async nextNudge(id: number): Promise<number | null> {
      return (nudgeAt.get(id) as number | null | undefined) ?? null;
    },
    async countOpen(incidentId: number): Promise<number> {
      return openCount.get(incidentId) as number;
    },
  };
}
