import type { Policy } from '../config/policy';
import { IncidentError } from './incidents.errors';
import type { Incident } from './incident.types';
import { resolvedError } from './lookup';

/** The commander or the holder of any other role. */
export function holdsRole(incident: Incident, userId: string): boolean {
  return incident.commanderId === userId || Object.values(incident.roles).includes(userId);
}

/**
 * Asks the chat platform whether someone is in a channel. What the app remembers of channels
 * answers when it can, unless `confirm` asks the platform itself.
 */
export type IsMember = (channelId: string, userId: string, how?: { confirm: boolean }) => Promise<boolean>;

/**
 * What a person may do with an incident: `change` it (admins, role holders, members of its
 * channel), only `see` it (anyone for a public incident; the declarer of a private one), or
 * nothing at all: to them a private incident does not exist. The cheap checks come first;
 * membership asks the chat platform.
 */
export type Access = 'change' | 'see' | 'none';

export async function accessOf(
  incident: Incident,
  userId: string,
  policy: Policy,
  isMember: IsMember,
  how: { confirm: boolean } = { confirm: false },
): Promise<Access> {
  if (policy.admins.includes(userId) || holdsRole(incident, userId)) return 'change';
  if (incident.channelId !== null && (await isMember(incident.channelId, userId, how))) return 'change';
  return !incident.isPrivate || incident.declaredBy === userId ? 'see' : 'none';
}

/** Who may change severity, roles, status or the incident's state. */
export async function mayChange(
  incident: Incident,
  userId: string,
  policy: Policy,
  isMember: IsMember,
): Promise<boolean> {
  return (await accessOf(incident, userId, policy, isMember)) === 'change';
}

export function notAllowed(incident: Incident): IncidentError {
  return new IncidentError(
    'not_allowed',
    `Only members of the incident channel, the incident's role holders and Commander admins can change incident #${incident.id}. Join the channel first.`,
    { incidentId: incident.id, channelId: incident.channelId },
  );
}

/**
 * The one answer for an incident someone may not see and for one that does not exist, so that a
 * refusal never tells whether a private incident is there.
 */
export const UNAVAILABLE = 'That incident does not exist or is not open to you.';
export const unavailable = (): IncidentError => new IncidentError('incident_unavailable', UNAVAILABLE);

export interface AccessNeed {
  need: 'see' | 'change';
  /** Refuses a resolved incident too (a stale button or form), but only to people who may see it. */
  open?: boolean;
  /** What to say when the person may not see it, or it does not exist (default: UNAVAILABLE). */
  hidden?: () => IncidentError;
  /**
   * For a private incident, whether membership of its channel is confirmed with the chat platform
   * rather than taken from what the app remembers, which a missed "left the channel" event can
   * leave stale for minutes: someone removed must not change it. Default: yes when changing;
   * opening a form need not (its submission is checked again, and its trigger lasts 3 s).
   */
  confirmMembership?: boolean;
}

/**
 * The incident if the person may do what they ask, else the refusal. Existence, visibility,
 * whether it is still open and whether they may change it are checked in that order, so that
 * nobody learns more about an incident than they may see.
 */
export async function requireAccess(
  incident: Incident | undefined,
  userId: string,
  asked: AccessNeed,
  policy: Policy,
  isMember: IsMember,
): Promise<Incident> {
  const hidden = asked.hidden ?? unavailable;
  if (!incident) throw hidden();
  const confirm = incident.isPrivate && (asked.confirmMembership ?? asked.need === 'change');
  const access = await accessOf(incident, userId, policy, isMember, { confirm });
  if (access === 'none') throw hidden();
  if (asked.open && incident.resolvedAt !== null) throw resolvedError(incident.id);
  if (asked.need === 'change' && access !== 'change') throw notAllowed(incident);
  return incident;
}
