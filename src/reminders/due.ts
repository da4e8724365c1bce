import type { Policy } from '../config/policy';
import { nextUpdateDue } from '../incidents/cadence';
import type { Incident } from '../incidents/incident.types';
import type { ReminderState } from './reminder.types';

/**
 * The reminder state after the incident changed (declared, updated, severity changed, resolved):
 * due at the next update time; an update or a new cadence answers the current streak.
 */
export function replan(incident: Incident, policy: Policy, previous: ReminderState, answered: boolean): ReminderState {
  const dueAt = nextUpdateDue(incident, policy);
  const reset = answered || dueAt === null;
  return { ...(reset ? newStreak(previous) : previous), dueAt, failures: 0, lastError: null };
}

/**
 * A fresh streak: nobody has missed a reminder, nobody has been called in for it, no snooze used.
 * An update and a new commander each start one; a snooze does not (it would put escalation off).
 */
export function newStreak(state: ReminderState): ReminderState {
  return { ...state, missed: 0, escalatedAt: null, escalationLevel: 0, snoozes: 0 };
}

/**
 * Whether the reminder about to go out climbs the ladder: each `escalateAfterMissed` unanswered
 * reminders in a streak climb one level, one at a time.
 */
export function climbsNow(state: ReminderState, escalateAfterMissed: number | null): boolean {
  return escalateAfterMissed !== null && state.missed >= escalateAfterMissed * (state.escalationLevel + 1);
}

/** The state once a reminder has been claimed for sending: the next one follows after `repeatAfter`. */
export function afterSending(state: ReminderState, now: number, policy: Policy): ReminderState {
  return { ...state, dueAt: now + policy.reminders.repeatAfter, missed: state.missed + 1, lastSentAt: now };
}

/** Retry backoff for a failed send: 30 s, 1 min, 2 min … capped at 5 min. */
export function retryDelay(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 5 * 60_000);
}
