import type { Policy } from '../config/policy';
import { IncidentError } from './incidents.errors';
import type { Incident } from './incident.types';

/** The commander or the holder of any other role. */
export function holdsRole(incident: Incident, userId: string): boolean {
  return incident.commanderId === userId || Object.values(incident.roles).includes(userId);
}

/**
 * Who may change severity, roles or the incident's state: admins, the people holding its roles,
 * and members of its channel. The cheap checks come first; membership asks the chat platform.
 */
export async function mayChange(
  incident: Incident,
  userId: string,
  policy: Policy,
  isMember: (channelId: string, userId: string) => Promise<boolean>,
): Promise<boolean> {
  if (policy.admins.includes(userId) || holdsRole(incident, userId)) return true;
  return incident.channelId !== null && (await isMember(incident.channelId, userId));
}

export function notAllowed(incident: Incident): IncidentError {
  const where = incident.channelId ? `<#${incident.channelId}>` : 'the incident channel';
  return new IncidentError(
    'not_allowed',
    `Only members of ${where}, the incident's role holders and Commander admins can change incident #${incident.id}. Join the channel first.`,
  );
}

/** Throws the refusal unless the person may change the incident. */
export async function requireMayChange(
  incident: Incident,
  userId: string,
  policy: Policy,
  isMember: (channelId: string, userId: string) => Promise<boolean>,
): Promise<void> {
  if (!(await mayChange(incident, userId, policy, isMember))) throw notAllowed(incident);
}
