import { bridgeUrl } from '../../paging/paging.config';
import type { WebClient } from '@slack/web-api';
import type { Policy } from '../../config/policy';
import type { ConversationPort } from '../../incidents/conversation.port';
import { announcementChannelFor } from '../../incidents/announcements';
import { ChannelNameTakenError } from '../../incidents/incidents.errors';
import type { Incident, StatusUpdate } from '../../incidents/incident.types';
import { announcementMessage } from '../blocks/announcement-message';
import { changeMessage, escalatedSeverityAnnouncement, roleAssignedDm } from '../blocks/change-messages';
import { setupFinishedDm } from '../blocks/declare-modal';
import { topicFor } from '../blocks/incident-format';
import type { NextEscalation } from '../../escalations/escalation.port';
import type { Service } from '../../catalog/catalog.types';
import { kickoffMessage } from '../blocks/kickoff-message';
import type { SimilarIncident } from '../../similar/similar.service';
import { mirroredUpdateMessage, statusUpdateMessage } from '../blocks/status-update-message';
import type { Logger } from '../../logger';
import { type RepeatPolicy, withoutRepeating } from './ambiguous';
import type { DirectMessages } from './direct-messages';
import { createKeyedPosts } from './keyed-posts';
import type { MembershipCache } from './membership-cache';
import type { PeopleDirectory } from './people-directory';
import { commanderUnavailableMessage } from '../blocks/commander-unavailable';

/** Slack refusing a bookmark for good (asking again gets the same answer): not worth a set-up retry. */
const BOOKMARK_REFUSED = new Set(['missing_scope', 'not_allowed_token_type', 'too_many_bookmarks', 'invalid_link']);

/** What conversations.invite says of a person it would not invite, as the kind of account it means. */
const REFUSED_PEOPLE: Record<string, 'deactivated' | 'missing' | undefined> = {
  user_disabled: 'deactivated',
  user_is_deactivated: 'deactivated',
  user_not_found: 'missing',
};
import { ignoreSlackErrors, slackErrorCode, slackPort } from './slack-errors';

/** At most this many pages of 200 members are read to decide whether someone is in a channel. */
const MEMBER_PAGES = 10;

/** Channel lists are read only after a crash left a channel half-recorded; this bounds that. */
const LIST_PAGES = 20;

/** The domain's conversation port, implemented with the Slack Web API. */
export function createSlackConversation(deps: {
  client: WebClient;
  /** For calls that must not be done twice (posts, channel creation): retries stop at an ambiguous failure. */
  onceClient: WebClient;
  /** Like onceClient, for conversations.create alone: a rate limit on posts never holds it up. */
  channelsClient: WebClient;
  /** How often onceClient's calls are looked for and repeated after an ambiguous failure. */
  repeat: RepeatPolicy;
  logger: Logger;
  /** For membership checks a person waits on: few retries, short timeout. */
  lookupClient: WebClient;
  /** What Slack said about people, kept (people-directory.ts). */
  people: PeopleDirectory;
  policy: Policy;
  botUserId: string;
  dms: DirectMessages;
  membership: MembershipCache;
  /** The next escalation on the clock, for the pinned summary. */
  nextEscalation?: (incidentId: number) => Promise<NextEscalation | null>;
  /** The incident's affected services, for the pinned summary. */
  servicesOf?: (incidentId: number) => Promise<Service[]>;
  /** Resolved incidents like an open one that anyone may see, for the pinned summary. */
  similarTo?: (incident: Incident) => Promise<SimilarIncident[]>;
  /** The web console's WEB_BASE_URL when WEB_PORT serves it (postmortem links in the similar incidents). */
  consoleUrl?: string;
}): ConversationPort {
  const { client, onceClient, lookupClient, policy, botUserId, dms, membership } = deps;
  const { postOnce } = createKeyedPosts({ client: onceClient, logger: deps.logger, repeat: deps.repeat });

  const channelOf = (incident: Incident): string => {
    if (!incident.channelId) throw new Error(`incident #${incident.id} has no channel yet`);
    return incident.channelId;
  };

  /**
   * What the app already knows first (events, recent lookups), unless the caller must confirm
   * it; else pages through the members, which for small incident channels is one page, and
   * remembers what it read.
   */
  async function isMember(channelId: string, userId: string, how?: { confirm: boolean }): Promise<boolean> {
    const known = how?.confirm ? undefined : membership.known(channelId, userId);
    if (known !== undefined) return known;
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MEMBER_PAGES; page++) {
      const result = await lookupClient.conversations.members({
        channel: channelId,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...(result.members ?? []));
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
      if (seen.includes(userId)) {
        membership.learn(channelId, userId, true);
        return true;
      }
    }
    if (!cursor) membership.learnAll(channelId, seen);
    return seen.includes(userId);
  }

  /** The pinned summary as it stands: the next escalation and the affected services are read afresh. */
  const kickoffOf = async (incident: Incident) => {
    const [next, services, similar] = await Promise.all([
      deps.nextEscalation?.(incident.id) ?? null,
      deps.servicesOf?.(incident.id) ?? [],
      incident.resolvedAt === null ? (deps.similarTo?.(incident) ?? []) : [],
    ]);
    return kickoffMessage(incident, policy, next, services, similar, deps.consoleUrl);
  };

  return slackPort<ConversationPort>({
    isMember,

    async personKind(userId) {
      if (userId === botUserId) return 'bot';
      return (await deps.people.facts(userId)).kind;
    },

    async postChange(incident, change, key) {
      const message = changeMessage(incident, change, policy);
      if (key) await postOnce(channelOf(incident), message, key);
      else await client.chat.postMessage({ channel: channelOf(incident), ...message });
    },

    async announceChange(incident, change) {
      const channel = announcementChannelFor(policy, incident);
      if (!channel || change.kind !== 'severity') return;
      await client.chat.postMessage({
        channel,
        ...escalatedSeverityAnnouncement(incident, change, policy),
        unfurl_links: false,
      });
    },

    async tellRoleHolder(incident, role, userId, assignedBy) {
      if (userId === botUserId) return;
      await dms.send(userId, roleAssignedDm(incident, role, assignedBy));
    },

    async tellSetupFinished(incident) {
      await dms.send(incident.declaredBy, setupFinishedDm(incident));
    },

    async archiveChannel(channelId) {
      try {
        await client.conversations.archive({ channel: channelId });
      } catch (error) {
        // Archived already (by someone, or by a call whose answer was lost): what was asked is done.
        ignoreSlackErrors(error, 'already_archived');
      }
    },

    async findOwnChannel(name) {
      let cursor: string | undefined;
      for (let page = 0; page < LIST_PAGES; page++) {
        const result = await client.conversations.list({
          types: 'public_channel,private_channel',
          exclude_archived: true,
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        const found = result.channels?.find((c) => c.name === name);
        if (found) return found.creator === botUserId && found.id ? { id: found.id, name } : null;
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!cursor) return null;
      }
      return null;
    },

    async createChannel(name, isPrivate) {
      // Slack may have made the channel and lost the answer: asked again, a taken name may be ours
      // (the domain then checks who made it). Nothing to look up in between: creating again tells.
      const create = async (repeat: boolean) => {
        try {
          const result = await deps.channelsClient.conversations.create({ name, is_private: isPrivate });
          return { id: result.channel?.id as string, name: result.channel?.name ?? name };
        } catch (error) {
          if (slackErrorCode(error) === 'name_taken') throw new ChannelNameTakenError(name, repeat);
          throw error;
        }
      };
      return withoutRepeating(deps.repeat, create, async () => null);
    },

    async invite(channelId, userIds) {
      const users = userIds.filter((id) => id !== botUserId);
      if (users.length === 0) return [];
      let perUser: Array<{ user?: string; error?: string }> = [];
      try {
        // force: the others are invited even when Slack refuses some; it lists those in `errors`.
        const result = await client.conversations.invite({ channel: channelId, users: users.join(','), force: true });
        perUser = (result as { errors?: typeof perUser }).errors ?? [];
      } catch (error) {
        perUser = (error as { data?: { errors?: typeof perUser } }).data?.errors ?? [];
        if (!perUser.some((e) => e.error && REFUSED_PEOPLE[e.error]))
          ignoreSlackErrors(error, 'already_in_channel', 'cant_invite_self');
      }
      const refused = perUser.flatMap((e) => {
        const kind = e.error ? REFUSED_PEOPLE[e.error] : undefined;
        return e.user && kind ? [{ userId: e.user, kind }] : [];
      });
      for (const { userId, kind } of refused) await deps.people.learnKind(userId, kind);
      for (const user of users) if (!refused.some((r) => r.userId === user)) membership.learn(channelId, user, true);
      return refused;
    },

    async tellCommanderUnavailable(incident, kind) {
      const key = { incidentId: incident.id, step: 'commander-unavailable', mayExist: true };
      await postOnce(channelOf(incident), commanderUnavailableMessage(incident, kind, 'channel'), key);
      if (incident.declaredBy !== incident.commanderId)
        await dms.sendOnce(incident.declaredBy, commanderUnavailableMessage(incident, kind, 'declarer'), key);
    },

    async setTopic(incident) {
      await client.conversations.setTopic({ channel: channelOf(incident), topic: topicFor(incident, policy) });
    },

    async postKickoff(incident, key) {
      return postOnce(channelOf(incident), await kickoffOf(incident), key);
    },

    async bookmarkCall(incident, key) {
      const call = bridgeUrl(policy.bridge, incident);
      if (!call) return;
      const channel_id = channelOf(incident);
      if (key.mayExist) {
        try {
          const { bookmarks } = await client.bookmarks.list({ channel_id });
          if (bookmarks?.some((b) => b.link === call)) return;
        } catch (error) {
          // Without bookmarks:read it cannot be looked for: a second bookmark beats a call nobody finds.
          if (!BOOKMARK_REFUSED.has(slackErrorCode(error) ?? '')) throw error;
        }
      }
      try {
        await client.bookmarks.add({ channel_id, title: 'Incident call', type: 'link', link: call });
      } catch (error) {
        // A missing scope, or a channel full of bookmarks, loses only the bookmark: the kick-off has the link.
        if (!BOOKMARK_REFUSED.has(slackErrorCode(error) ?? '')) throw error;
        deps.logger.warn({ incidentId: incident.id, code: slackErrorCode(error) }, 'call bookmark not added');
      }
    },

    async refreshKickoff(incident) {
      if (!incident.kickoffTs) return;
      await client.chat.update({
        channel: channelOf(incident),
        ts: incident.kickoffTs,
        ...(await kickoffOf(incident)),
      });
    },

    async pin(channelId, ts) {
      try {
        await client.pins.add({ channel: channelId, timestamp: ts });
      } catch (error) {
        ignoreSlackErrors(error, 'already_pinned');
      }
    },

    async announce(incident, key) {
      const channel = announcementChannelFor(policy, incident);
      if (!channel) return null;
      return postOnce(channel, { ...announcementMessage(incident, policy), unfurl_links: false }, key);
    },

    async refreshAnnouncement(incident) {
      const channel = announcementChannelFor(policy, incident);
      if (!channel || !incident.announcementTs) return;
      await client.chat.update({
        channel,
        ts: incident.announcementTs,
        ...announcementMessage(incident, policy),
      });
    },

    async postStatusUpdate(incident: Incident, update: StatusUpdate, key) {
      return postOnce(channelOf(incident), statusUpdateMessage(incident, update, policy), key);
    },

    async mirrorStatusUpdate(incident, update, key) {
      const channel = announcementChannelFor(policy, incident);
      if (!channel) return null;
      return postOnce(channel, mirroredUpdateMessage(incident, update, policy), key);
    },
  });
}
