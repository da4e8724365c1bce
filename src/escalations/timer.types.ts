/**
 * The escalation clock's timers, one row each: a ladder level ('level', numbered from 1), the DM
 * asking the commander to acknowledge ('ack_request'), acknowledgeWithin passing ('ack_overdue')
 * and commsWithin passing ('comms'). Each fires once: the jobs tick claims it in a transaction.
 */
export const TIMER_KINDS = ['level', 'ack_request', 'ack_overdue', 'comms'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export type TimerState = 'pending' | 'fired' | 'cancelled' | 'skipped';

/** What set a level off: its time, a streak of missed updates, or somebody's `/incident escalate`. */
export type EscalationTrigger = 'time' | 'missed_updates' | 'manual';

export interface EscalationTimer {
  id: number;
  incidentId: number;
  kind: TimerKind;
  /** The ladder level (1…); 0 for the other kinds. */
  level: number;
  /** Whom an acknowledgement timer is about (the commander it asked). */
  userId: string | null;
  /** null: not on the clock (a level without `after`), reached only by missed updates or by hand. */
  dueAt: number | null;
  state: TimerState;
  trigger: EscalationTrigger | null;
  doneAt: number | null;
}

export type NewTimer = Pick<EscalationTimer, 'incidentId' | 'kind' | 'level' | 'userId' | 'dueAt'>;
