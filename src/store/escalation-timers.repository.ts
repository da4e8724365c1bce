import type { Sql } from './sql';
import type { EscalationTimer, EscalationTrigger, NewTimer, TimerKind, TimerState } from '../escalations/timer.types';

/** A row as the database holds it (both engines). */
export interface TimerRow {
  id: number;
  incident_id: number;
  kind: TimerKind;
  level: number;
  user_id: string | null;
  due_at: number | null;
  state: TimerState;
  trigger: EscalationTrigger | null;
  done_at: number | null;
}

export const toTimer = (row: TimerRow): EscalationTimer => ({
  id: row.id,
  incidentId: row.incident_id,
  kind: row.kind,
  level: row.level,
  userId: row.user_id,
  dueAt: row.due_at,
  state: row.state,
  trigger: row.trigger,
  doneAt: row.done_at,
});

export type EscalationTimersRepository = ReturnType<typeof createEscalationTimersRepository>;

/** The escalation clock's rows (migrations/0009). Claiming is a conditional update, so a row fires once. */
export function createEscalationTimersRepository(q: Sql) {
  return {
    async add(timer: NewTimer) {
      await q.run(
        'INSERT INTO escalation_timers (incident_id, kind, level, user_id, due_at) VALUES ($1, $2, $3, $4, $5)',
        [timer.incidentId, timer.kind, timer.level, timer.userId, timer.dueAt],
      );
    },
    async get(id: number) {
      const row = await q.one<TimerRow>('SELECT * FROM escalation_timers WHERE id = $1', [id]);
      return row && toTimer(row);
    },
    /** Every timer of the incident, ladder levels in order. */
    async list(incidentId: number) {
      return (
        await q.all<TimerRow>('SELECT * FROM escalation_timers WHERE incident_id = $1 ORDER BY kind, level, id', [
          incidentId,
        ])
      ).map(toTimer);
    },
    /** Pending timers whose time has come, oldest first and, at one time, lower levels first. */
    async due(now: number, limit: number) {
      return (
        await q.all<TimerRow>(
          "SELECT * FROM escalation_timers WHERE state = 'pending' AND due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at, level, id LIMIT $2",
          [now, limit],
        )
      ).map(toTimer);
    },
    /** Marks a pending timer done; true when this call did it (the claim). */
    async finish(
      id: number,
      state: Exclude<TimerState, 'pending'>,
      at: number,
      trigger: EscalationTrigger | null = null,
    ) {
      const result = await q.run(
        "UPDATE escalation_timers SET state = $1, trigger = $2, done_at = $3 WHERE id = $4 AND state = 'pending'",
        [state, trigger, at, id],
      );
      return result === 1;
    },
    /** Fires a level its `unless` state cancelled: missed updates and `/incident escalate` still climb the ladder. */
    async fireLevel(id: number, at: number, trigger: EscalationTrigger) {
      const result = await q.run(
        "UPDATE escalation_timers SET state = 'fired', trigger = $1, done_at = $2 WHERE id = $3 AND state IN ('pending', 'cancelled')",
        [trigger, at, id],
      );
      return result === 1;
    },
    /** Open incidents with no timers at all: declared before the escalation clock existed. */
    async unplannedOpenIds(limit: number) {
      const rows = await q.all<{ id: number }>(
        'SELECT id FROM incidents i WHERE resolved_at IS NULL AND NOT EXISTS (SELECT 1 FROM escalation_timers t WHERE t.incident_id = i.id) ORDER BY id LIMIT $1',
        [limit],
      );
      return rows.map((r) => r.id);
    },
    /** Cancels the incident's pending timers of one kind (a resolve, a new commander, a new severity). */
    async cancelPending(incidentId: number, kind: TimerKind, at: number) {
      await q.run(
        "UPDATE escalation_timers SET state = 'cancelled', done_at = $1 WHERE incident_id = $2 AND kind = $3 AND state = 'pending'",
        [at, incidentId, kind],
      );
    },
  };
}
