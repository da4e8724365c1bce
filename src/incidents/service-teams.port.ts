import type { Service } from '../catalog/catalog.types';
import type { PostKey } from './conversation.port';
import type { Incident } from './incident.types';

/**
 * What reaching a hurt service's team needs from the chat platform, beside the conversation port:
 * its owners' user group, one post in its team channel, and links kept in the incident channel.
 */
export interface ServiceTeamsPort {
  /** The people in a user group (S…), as the platform lists them now. */
  groupMembers(usergroupId: string): Promise<string[]>;
  /** One short post in the service's team channel linking the incident; at most once per key. */
  tellTeam(incident: Incident, service: Service, key: PostKey): Promise<void>;
  /** A link kept at the top of the incident channel (Slack: a bookmark). */
  bookmark(channelId: string, link: { title: string; url: string }): Promise<void>;
}
