import type { Sql } from './sql';

/** An incident's comms clock (migrations/0019): when the publish reminder is due, and whether it went out. */
export interface CommsClock {
  incidentId: number;
  /** Null: nothing pending. */
  dueAt: number | null;
  /** The severity's publishWithin when the clock was planned, for the reminder's words. */
  within: number;
  remindedAt: number | null;
}

interface Row {
  incident_id: number;
  due_at: number | null;
  within_ms: number;
  reminded_at: number | null;
}

const toClock = (r: Row): CommsClock => ({
  incidentId: r.incident_id,
  dueAt: r.due_at,
  within: r.within_ms,
  remindedAt: r.reminded_at,
});

export type CommsClocksRepository = ReturnType<typeof createCommsClocksRepository>;

export function createCommsClocksRepository(q: Sql) {
  return {
    async of(incidentId: number): Promise<CommsClock | undefined> {
      const row = await q.one<Row>(
        'SELECT incident_id, due_at, within_ms, reminded_at FROM comms_clocks WHERE incident_id = $1',
        [incidentId],
      );
      return row && toClock(row);
    },
    /** Sets when the reminder is due, unless it already went out. */
    async plan(incidentId: number, dueAt: number, within: number): Promise<void> {
      await q.run(
        `INSERT INTO comms_clocks (incident_id, due_at, within_ms) VALUES ($1, $2, $3)
         ON CONFLICT (incident_id) DO UPDATE SET due_at = excluded.due_at, within_ms = excluded.within_ms
         WHERE comms_clocks.reminded_at IS NULL`,
        [incidentId, dueAt, within],
      );
    },
    /** Nothing pending any more (published, resolved, no longer public). */
    async clear(incidentId: number): Promise<void> {
      await q.run('UPDATE comms_clocks SET due_at = NULL WHERE incident_id = $1 AND due_at IS NOT NULL', [incidentId]);
    },
    /** The reminder went out: never again. False when it was not pending (cleared meanwhile). */
    async reminded(incidentId: number, at: number): Promise<boolean> {
      return (
        (await q.run(
          'UPDATE comms_clocks SET due_at = NULL, reminded_at = $2 WHERE incident_id = $1 AND due_at IS NOT NULL',
          [incidentId, at],
        )) === 1
      );
    },
  };
}
