import type { Tx } from '../store';
import type { Incident } from './incident.types';

/**
 * What a use-case changed, for those who act on changes (reminders and the escalation clock).
 * Webhooks and metrics listen to the timeline entries instead, through the recorder every entry
 * is written by (src/timeline/record.ts): those carry what changed as data, and follow-ups and
 * postmortems, which call no hook, record them too.
 */
export interface ChangeFacts {
  /** When the change was made. */
  at: number;
  /** Somebody answered for the incident: an update, a resolution or a reopening resets the streak of reminders. */
  answered: boolean;
  /** The incident has a new commander: whoever is reminded and escalated about starts afresh. */
  newCommander: boolean;
  severityChanged: boolean;
  /** When the next update is due may have moved (declared, updated, resolved, reopened, severity changed). */
  cadenceMoved: boolean;
  /** The incident was just declared: its clocks (reminders, escalation ladder, acknowledgement) start. */
  declared: boolean;
  /** Somebody acknowledged the incident: asking the commander to is over. */
  acknowledged: boolean;
  /** Who made the change; null: Commander itself or an alert. */
  actorId: string | null;
  /** An update moved the incident to another status (a resolution is `resolved`, not this). */
  statusChanged: boolean;
  /** The incident was just resolved. */
  resolved: boolean;
  /** The role just given to someone (commander included); null: none. */
  roleAssigned: string | null;
  /** Catalog services just added to the affected services (not those named at the declaration). */
  servicesAdded: string[];
  /** The status update this change posted (an update or the resolution); null: none. Followers are told of it. */
  updateId: number | null;
}

/**
 * The one way out of a change: every use-case calls (and awaits) it inside the transaction that
 * changed the incident, with that transaction's repositories, so whatever listens can never
 * disagree with the incident. The composition root
 * decides who listens; the incidents know nobody.
 */
export type AfterChange = (incident: Incident, facts: ChangeFacts, tx: Tx) => Promise<void> | void;

export const nobodyListens: AfterChange = () => undefined;

/** The facts of a change, with everything not said false. */
export const facts = (at: number, said: Partial<Omit<ChangeFacts, 'at'>>): ChangeFacts => ({
  at,
  answered: false,
  newCommander: false,
  severityChanged: false,
  cadenceMoved: false,
  declared: false,
  acknowledged: false,
  actorId: null,
  statusChanged: false,
  resolved: false,
  roleAssigned: null,
  servicesAdded: [],
  updateId: null,
  ...said,
});

/** Several listeners, in order, as one (reminders, then the escalation clock, …). */
export const allOf =
  (...listeners: AfterChange[]): AfterChange =>
  async (incident, change, tx) => {
    for (const listen of listeners) await listen(incident, change, tx);
  };
