import type { Unless } from '../config/escalation.config';
import type { Incident, Status } from '../incidents/incident.types';
import type { Contacts } from './ladder';
import type { WorkKey } from '../reminders/reminder.port';
import type { EscalationTrigger } from './timer.types';

/**
 * What runbook 001 asks a responder to hand over when calling someone in: why (which level, which
 * trigger), severity and status, impact, the last update and how long ago, the commander and how
 * long the incident has been open. The incident itself carries severity, status, impact, commander.
 */
export interface Briefing {
  /** The ladder level; null for a person named in `/incident escalate @person`. */
  level: { number: number; name: string; after: number | null; unless: Unless } | null;
  trigger: EscalationTrigger;
  /** Reminders unanswered in the current streak (for the missed-updates trigger). */
  missed: number;
  /** Who escalated by hand, and why they said. */
  actorId: string | null;
  reason: string;
  lastUpdate: { at: number; status: Status; summary: string } | null;
  /** Milliseconds since the last update (or the declaration). */
  sinceLastUpdate: number;
  openFor: number;
}

/** The next ladder level on the clock, for `/incident status` and the pinned summary. */
export interface NextEscalation {
  number: number;
  name: string;
  dueAt: number;
  unless: Unless;
}

/**
 * How the escalation clock reaches people; Slack implements it. Methods throw a ChatError on failure.
 * With a key, each message carries it and, when `mayExist`, is looked for before being sent.
 */
export interface EscalationNotifier {
  /** The DM asking the commander to acknowledge; `overdue` once acknowledgeWithin has passed. */
  askToAcknowledge(incident: Incident, overdue: { within: number } | null, key?: WorkKey): Promise<void>;
  /** The channel's note that the commander has not acknowledged within `within`. */
  postAcknowledgementOverdue(incident: Incident, within: number, key?: WorkKey): Promise<void>;
  /** The channel note naming who is called in and why, the invitation, and a briefing DM each. */
  callIn(incident: Incident, contacts: Contacts, briefing: Briefing, key?: WorkKey): Promise<void>;
  /** Reminds the commander, in the channel and by DM, that nobody holds the comms role yet. */
  remindComms(incident: Incident, within: number, key?: WorkKey): Promise<void>;
  /** Rebuilds the incident's pinned summary, whose "next escalation" line a fired level changes. */
  refreshSummary(incident: Incident): Promise<void>;
}
