import type { Policy } from '../config/policy';
import type { Incident } from './incident.types';
import { holdsRole } from './permissions';

/** Asks whether a person is in a conversation; the Slack side answers it (conversations.members). */
export type MembershipLookup = (channelId: string) => Promise<boolean>;

/** Whether the person has a part in the incident: declared it, leads it or holds one of its roles. */
export function isInvolved(incident: Incident, userId: string): boolean {
  return incident.declaredBy === userId || holdsRole(incident, userId);
}

/**
 * Whether a person may see that an incident exists (lists, Home tab). Public incidents are seen by
 * all; a private one by admins, the people involved and members of its channel. The local checks
 * come first so Slack is asked only about people the incident itself does not name.
 */
export async function canSee(
  incident: Incident,
  userId: string,
  policy: Policy,
  isMember: MembershipLookup,
): Promise<boolean> {
  if (!incident.isPrivate) return true;
  if (policy.admins.includes(userId) || isInvolved(incident, userId)) return true;
  // A private incident whose channel was never created has no members to ask about.
  if (!incident.channelId) return false;
  return isMember(incident.channelId);
}

/** The incidents of `incidents` the person may see, in the same order. */
export async function visibleTo(
  incidents: Incident[],
  userId: string,
  policy: Policy,
  isMember: MembershipLookup,
): Promise<Incident[]> {
  const allowed = await Promise.all(incidents.map((i) => canSee(i, userId, policy, isMember)));
  return incidents.filter((_, n) => allowed[n]);
}
