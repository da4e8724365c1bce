import type { Incident } from '../incidents/incident.types';
import type { WorkKey } from '../reminders/reminder.port';
import type { Tx } from '../store';
import type { RichText } from '../text/rich-text';

/**
 * What rules ask of the chat platform; Slack implements it. Methods throw a ChatError on failure
 * (src/errors/chat-error.ts). Posts and DMs carry their key, looked for first when `mayExist`.
 */
export interface RulesPort {
  /** Invites these people and these user groups' members; people already in the channel are no failure. */
  invite(channelId: string, users: string[], usergroups: string[]): Promise<void>;
  /** The rule's text in the incident's channel, the rule named with it. */
  post(incident: Incident, rule: string, text: RichText, key: WorkKey): Promise<void>;
  dm(userId: string, incident: Incident, rule: string, text: RichText, key: WorkKey): Promise<void>;
  /** A link kept at the top of the channel. */
  bookmark(channelId: string, link: { title: string; url: string }): Promise<void>;
  /** Says once in the channel that a rule's action gave up. */
  reportGaveUp(incident: Incident, rule: string, what: string, key: WorkKey): Promise<void>;
}

/**
 * Attaches a checklist to an incident in the caller's transaction (the checklists feature, issue
 * 29, built beside rules). Until it is wired, `attach` has nothing to call and gives up.
 */
export type AttachChecklist = (
  tx: Tx,
  incidentId: number,
  checklistId: string,
  at: number,
  rule: string,
) => Promise<void>;

/** Calls in an escalation level or a person (a rotation's on-call), as `/incident escalate` does. */
export type RuleEscalate = (
  incidentId: number,
  target: { level: number } | { userId: string },
  reason: string,
  key: WorkKey,
) => Promise<unknown>;
