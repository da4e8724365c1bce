import type { Incident } from '../incidents/incident.types';
import type { EscalationLevel } from './escalation';
import type { ReminderNotice } from './reminder.types';

export interface EscalationContacts {
  /** 'secondary': the on-call person from the rotation; 'manager': the severity's escalateTo. */
  level: EscalationLevel;
  users: string[];
  usergroup: string | null;
}

/**
 * Who is on call for incidents at `at` (UTC ms); null when no rotation is configured. A plain
 * function so the reminders know nothing of how rotations are configured or shown.
 */
export type OnCallLookup = (at: number) => { primary: string; secondary: string | null } | null;

/** How reminders reach people; Slack implements it. Methods throw a ChatError on failure (src/chat-error.ts). */
export interface ReminderNotifier {
  /** A direct message to the incident commander. */
  remindCommander(incident: Incident, notice: ReminderNotice): Promise<void>;
  /** A short "update overdue" note in the incident channel. */
  postOverdueNote(incident: Incident, notice: ReminderNotice): Promise<void>;
  /** DMs the contacts and posts a visible note naming them in the incident channel. */
  escalate(incident: Incident, contacts: EscalationContacts, notice: ReminderNotice): Promise<void>;
}
