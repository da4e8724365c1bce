import type { Incident } from '../incidents/incident.types';
import type { ReminderNotice } from './reminder.types';

/**
 * Who is on call at `at` (UTC ms) in the named rotation, or the incidents' rotation without a name;
 * null when there is no such rotation. A plain function so the reminders know nothing of how
 * rotations are configured or shown.
 */
export type OnCallLookup = (
  at: number,
  rotation?: string | null,
) => { primary: string; secondary: string | null } | null;

/**
 * Names one message of an incident's timed work (`reminder-<due time>`, `escalation-<timer id>`),
 * so it can be found again. `mayExist`: another replica had taken the work and did not finish it, so
 * the message may have been sent already: look for it before sending.
 */
export interface WorkKey {
  step: string;
  mayExist: boolean;
}

/** How reminders reach people; Slack implements it. Methods throw a ChatError on failure (src/errors/chat-error.ts). */
export interface ReminderNotifier {
  /** A direct message to the incident commander. */
  remindCommander(incident: Incident, notice: ReminderNotice, key?: WorkKey): Promise<void>;
  /** A short "update overdue" note in the incident channel. */
  postOverdueNote(incident: Incident, notice: ReminderNotice, key?: WorkKey): Promise<void>;
}
