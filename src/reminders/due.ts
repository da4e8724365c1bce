import type { Policy } from '../config/policy';
import type { Incident } from '../incidents/incident.types';
import type { ReminderState } from './reminder.types';

const cadenceOf = (policy: Policy, severityId: string): number | null =>
  policy.severities.find((s) => s.id === severityId)?.updateEvery ?? null;

/**
 * When the next status update is due: the severity's cadence after the last update (or the
 * declaration). Null when the incident is resolved or its severity has no cadence.
 */
export function nextUpdateDue(incident: Incident, policy: Policy): number | null {
  if (incident.resolvedAt !== null) return null;
  const every = cadenceOf(policy, incident.severity);
  if (every === null) return null;
  return (incident.lastUpdateAt ?? incident.declaredAt) + every;
}

/** Whether the open incident's next status update is past due at `now`. */
export function isUpdateOverdue(incident: Incident, policy: Policy, now: number): boolean {
  const due = nextUpdateDue(incident, policy);
  return due !== null && due < now;
}

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
 * A fresh streak: nobody has missed a reminder and nobody has been called in. An update, a
 * snooze and a new commander each start one.
 */
export function newStreak(state: ReminderState): ReminderState {
  return { ...state, missed: 0, escalatedAt: null, escalationLevel: 0 };
}

/** The state once a reminder has been claimed for sending: the next one follows after `repeatAfter`. */
export function afterSending(state: ReminderState, now: number, policy: Policy): ReminderState {
  return { ...state, dueAt: now + policy.reminders.repeatAfter, missed: state.missed + 1, lastSentAt: now };
}

/** Retry backoff for a failed send: 30 s, 1 min, 2 min … capped at 5 min. */
export function retryDelay(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 5 * 60_000);
}
