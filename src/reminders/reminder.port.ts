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

/** How reminders reach people; Slack implements it. Methods throw a ChatError on failure (src/chat-error.ts). */
export interface ReminderNotifier {
  /** A direct message to the incident commander. */
  remindCommander(incident: Incident, notice: ReminderNotice): Promise<void>;
  /** A short "update overdue" note in the incident channel. */
  postOverdueNote(incident: Incident, notice: ReminderNotice): Promise<void>;
}
