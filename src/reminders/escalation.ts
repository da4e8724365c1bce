import { findSeverity, type Policy } from '../config/policy';
import type { ReminderState } from './reminder.types';

/**
 * Who a streak of unanswered reminders calls in, in order: with a rotation, the on-call secondary
 * and then the severity's `escalateTo` contacts (the managers); without one, only the contacts.
 * The number is what the reminders table keeps in escalation_level (0: nobody called in yet).
 */
export const ESCALATION_LEVELS = { secondary: 1, manager: 2 } as const;
export type EscalationLevel = keyof typeof ESCALATION_LEVELS;

export interface EscalationStep {
  level: EscalationLevel;
  /** Unanswered reminders in the streak before this step is taken. */
  afterMissed: number;
}

/**
 * The severity's ladder: the secondary after `escalateAfterMissed` unanswered reminders and the
 * managers after as many again; with no secondary to call, the managers after the first count.
 */
export function escalationLadder(policy: Policy, severityId: string, withSecondary: boolean): EscalationStep[] {
  const threshold = findSeverity(policy, severityId)?.escalateAfterMissed ?? null;
  if (threshold === null) return [];
  return withSecondary
    ? [
        { level: 'secondary', afterMissed: threshold },
        { level: 'manager', afterMissed: 2 * threshold },
      ]
    : [{ level: 'manager', afterMissed: threshold }];
}

/**
 * The step the reminder about to be sent takes, if any: the highest one the streak has reached
 * that was not taken yet. Each step is taken once per streak; an answer starts a new streak.
 */
export function dueEscalation(state: ReminderState, ladder: readonly EscalationStep[]): EscalationStep | null {
  const reached = ladder.filter(
    (step) => state.missed >= step.afterMissed && ESCALATION_LEVELS[step.level] > state.escalationLevel,
  );
  return reached.at(-1) ?? null;
}

/**
 * Whom the secondary level calls: the on-call secondary, or the primary when the secondary is the
 * commander already (the one being reminded) or the rotation has only one person; null when that
 * leaves nobody but the commander.
 */
export function secondaryContact(
  onCall: { primary: string; secondary: string | null } | null,
  commanderId: string,
): string | null {
  if (!onCall) return null;
  return [onCall.secondary, onCall.primary].find((user): user is string => !!user && user !== commanderId) ?? null;
}
