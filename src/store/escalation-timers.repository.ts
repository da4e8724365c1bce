import type { Db } from './sqlite/db';
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
export function createEscalationTimersRepository({ db }: { db: Db }) {
  const insert = db.prepare(
    'INSERT INTO escalation_timers (incident_id, kind, level, user_id, due_at) VALUES (@incidentId, @kind, @level, @userId, @dueAt)',
  );
  const one = db.prepare('SELECT * FROM escalation_timers WHERE id = ?');
  const ofIncident = db.prepare('SELECT * FROM escalation_timers WHERE incident_id = ? ORDER BY kind, level, id');
  const due = db.prepare(
    "SELECT * FROM escalation_timers WHERE state = 'pending' AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, level, id LIMIT ?",
  );
  const finish = db.prepare(
    "UPDATE escalation_timers SET state = @state, trigger = @trigger, done_at = @at WHERE id = @id AND state = 'pending'",
  );
  const fireCancelled = db.prepare(
    "UPDATE escalation_timers SET state = 'fired', trigger = ?, done_at = ? WHERE id = ? AND state IN ('pending', 'cancelled')",
  );
  const unplanned = db
    .prepare(
      'SELECT id FROM incidents i WHERE resolved_at IS NULL AND NOT EXISTS (SELECT 1 FROM escalation_timers t WHERE t.incident_id = i.id) ORDER BY id LIMIT ?',
    )
    .pluck();
  const cancelPending = db.prepare(
    "UPDATE escalation_timers SET state = 'cancelled', done_at = ? WHERE incident_id = ? AND kind = ? AND state = 'pending'",
  );

  return {
    async add(timer: NewTimer): Promise<void> {
      insert.run(timer);
    },
    async get(id: number): Promise<EscalationTimer | undefined> {
      const row = one.get(id) as TimerRow | undefined;
      return row && toTimer(row);
    },
    /** Every timer of the incident, ladder levels in order. */
    async list(incidentId: number): Promise<EscalationTimer[]> {
      return (ofIncident.all(incidentId) as TimerRow[]).map(toTimer);
    },
    /** Pending timers whose time has come, oldest first and, at one time, lower levels first. */
    async due(now: number, limit: number): Promise<EscalationTimer[]> {
      return (due.all(now, limit) as TimerRow[]).map(toTimer);
    },
    /** Marks a pending timer done; true when this call did it (the claim). */
    async finish(
      id: number,
      state: Exclude<TimerState, 'pending'>,
      at: number,
      trigger: EscalationTrigger | null = null,
    ): Promise<boolean> {
      return finish.run({ id, state, trigger, at }).changes === 1;
    },
    /** Fires a level its `unless` state cancelled: missed updates and `/incident escalate` still climb the ladder. */
    async fireLevel(id: number, at: number, trigger: EscalationTrigger): Promise<boolean> {
      return fireCancelled.run(trigger, at, id).changes === 1;
    },
    /** Open incidents with no timers at all: declared before the escalation clock existed. */
    async unplannedOpenIds(limit: number): Promise<number[]> {
      return unplanned.all(limit) as number[];
    },
    /** Cancels the incident's pending timers of one kind (a resolve, a new commander, a new severity). */
    async cancelPending(incidentId: number, kind: TimerKind, at: number): Promise<void> {
      cancelPending.run(at, incidentId, kind);
    },
  };
}
