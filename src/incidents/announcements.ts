import type { Policy } from '../config/policy';
import type { Incident } from './incident.types';

/**
 * Where an incident is announced. A private incident only ever goes to the private announcement
 * channel (or nowhere): there is no path by which it reaches the public one.
 */
export function announcementChannelFor(policy: Policy, incident: Pick<Incident, 'isPrivate'>): string | null {
  return incident.isPrivate ? policy.privateAnnouncementChannel : policy.announcementChannel;
}
