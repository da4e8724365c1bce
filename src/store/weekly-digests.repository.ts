import type { Sql } from './sql';

/** A week's digest (migrations/0032): when it is posted, and whether it was. */
export interface WeeklyDigest {
  id: number;
  at: number;
  dueAt: number | null;
  postedAt: number | null;
}

interface Row {
  id: number;
  at: number;
  due_at: number | null;
  posted_at: number | null;
}

export type WeeklyDigestsRepository = ReturnType<typeof createWeeklyDigestsRepository>;

export function createWeeklyDigestsRepository(q: Sql) {
  return {
    /** Records a week's digest, due at its time; nothing when it is recorded already (another replica, an earlier tick). */
    async record(at: number): Promise<boolean> {
      return (
        (await q.run('INSERT INTO weekly_digests (at, due_at) VALUES ($1, $1) ON CONFLICT (at) DO NOTHING', [at])) === 1
      );
    },
    async get(id: number): Promise<WeeklyDigest | undefined> {
      const row = await q.one<Row>('SELECT id, at, due_at, posted_at FROM weekly_digests WHERE id = $1', [id]);
      return row && { id: row.id, at: row.at, dueAt: row.due_at, postedAt: row.posted_at };
    },
    /** Incidents with postmortem steps open and due before `before` (overdue ones included), each with its earliest, soonest first. */
    async postmortemsDueBefore(before: number, limit = 200): Promise<Array<{ incidentId: number; dueAt: number }>> {
      const rows = await q.all<{ incident_id: number; due_at: number }>(
        `SELECT incident_id, MIN(due_at) AS due_at FROM postmortem_steps WHERE done_at IS NULL AND due_at < $1
         GROUP BY incident_id ORDER BY MIN(due_at), incident_id LIMIT $2`,
        [before, limit],
      );
      return rows.map((r) => ({ incidentId: r.incident_id, dueAt: Number(r.due_at) }));
    },
    /** Posted (or given up, `postedAt` null): due no more. */
    async done(id: number, postedAt: number | null): Promise<void> {
      await q.run('UPDATE weekly_digests SET due_at = NULL, posted_at = $2 WHERE id = $1', [id, postedAt]);
    },
  };
}
