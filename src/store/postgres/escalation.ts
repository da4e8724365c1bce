import type { EscalationTrigger, NewTimer, TimerKind, TimerState } from '../../escalations/timer.types';
import { type EscalationTimersRepository, type TimerRow, toTimer } from '../escalation-timers.repository';
import { all, one, type Queryable } from './pool';

/** The escalation clock's rows on PostgreSQL; a claim is one conditional UPDATE, so a row fires once across replicas. */
export function createPgEscalationTimersRepository(q: Queryable): EscalationTimersRepository {
  return {
    async add(timer: NewTimer) {
      await q.query(
        'INSERT INTO escalation_timers (incident_id, kind, level, user_id, due_at) VALUES ($1, $2, $3, $4, $5)',
        [timer.incidentId, timer.kind, timer.level, timer.userId, timer.dueAt],
      );
    },
    async get(id: number) {
      const row = await one<TimerRow>(q, 'SELECT * FROM escalation_timers WHERE id = $1', [id]);
      return row && toTimer(row);
    },
    async list(incidentId: number) {
      return (
        await all<TimerRow>(q, 'SELECT * FROM escalation_timers WHERE incident_id = $1 ORDER BY kind, level, id', [
          incidentId,
        ])
      ).map(toTimer);
    },
    async due(now: number, limit: number) {
      return (
        await all<TimerRow>(
          q,
          "SELECT * FROM escalation_timers WHERE state = 'pending' AND due_at IS NOT NULL AND due_at <= $1 ORDER BY due_at, level, id LIMIT $2",
          [now, limit],
        )
      ).map(toTimer);
    },
    async finish(
      id: number,
      state: Exclude<TimerState, 'pending'>,
      at: number,
      trigger: EscalationTrigger | null = null,
    ) {
      const result = await q.query(
        "UPDATE escalation_timers SET state = $1, trigger = $2, done_at = $3 WHERE id = $4 AND state = 'pending'",
        [state, trigger, at, id],
      );
      return result.rowCount === 1;
    },
    async fireLevel(id: number, at: number, trigger: EscalationTrigger) {
      const result = await q.query(
        "UPDATE escalation_timers SET state = 'fired', trigger = $1, done_at = $2 WHERE id = $3 AND state IN ('pending', 'cancelled')",
        [trigger, at, id],
      );
      return result.rowCount === 1;
    },
    async unplannedOpenIds(limit: number) {
      const rows = await all<{ id: number }>(
        q,
        'SELECT id FROM incidents i WHERE resolved_at IS NULL AND NOT EXISTS (SELECT 1 FROM escalation_timers t WHERE t.incident_id = i.id) ORDER BY id LIMIT $1',
        [limit],
      );
      return rows.map((r) => r.id);
    },
    async cancelPending(incidentId: number, kind: TimerKind, at: number) {
      await q.query(
        "UPDATE escalation_timers SET state = 'cancelled', done_at = $1 WHERE incident_id = $2 AND kind = $3 AND state = 'pending'",
        [at, incidentId, kind],
      );
    },
  };
}
