import type { Incident } from '../incidents/incident.types';
import type { ReminderNotice } from './reminder.types';

export interface EscalationContacts {
  users: string[];
  usergroup: string | null;
}

/** How reminders reach people; Slack implements it. Methods throw on failure (see isTransient). */
export interface ReminderNotifier {
  /** A direct message to the incident commander. */
  remindCommander(incident: Incident, notice: ReminderNotice): Promise<void>;
  /** A short "update overdue" note in the incident channel. */
  postOverdueNote(incident: Incident, notice: ReminderNotice): Promise<void>;
  /** DMs the contacts and posts a visible note naming them in the incident channel. */
  escalate(incident: Incident, contacts: EscalationContacts, notice: ReminderNotice): Promise<void>;
}
